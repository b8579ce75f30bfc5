"""Merging what frames a project: its metadata, the area, reference layers and underlays
(a mixin of ``io.merge._Plan``). Base-map tiles are not rows and do not travel here.

Each is a versioned row (core/versions.py; the metadata's uuid is "info"), decided like
themes and goals: the newer side's version is taken, also a deletion; changed on both
sides, the target's values are kept (blanks filled from the source) and the difference
listed; deleted on one side and changed on the other, the change stays (listed).

A project has one area and one reference layer per name. When two laptops each set the
first area, or each imported a layer of the same name, the row whose UUID sorts first
stays and the other is deleted, on every replica alike, and that deletion travels.
Rows neither side has a version of (files from before versions) keep the old rule: an
area only when the target has none, a layer only when its name is new.
"""

from workbench.core import versions as vv
from workbench.core.merge_commands import PutEntity, PutInfo, RemoveEntity
from workbench.i18n import _
from workbench.io.merge_summary import Conflict

SETUP_KINDS = ("area", "reference_layer", "underlay")


class SetupDecisions:
    """Needs from the plan: target, source, tv, sv, summary, label, run, report, relation, joined,
    fill_blanks, settle_source_deletions."""

    def setup(self):
        self.project_info()
        for kind in SETUP_KINDS:
            for theirs in self.source.all(kind):
                self._setup_row(kind, theirs)
        self._setup_deletions()

    def project_info(self):
        relation = self.relation("info")
        mine, theirs = self.target.info, self.source.info
        if relation in (None, vv.SAME, vv.OLDER):
            return
        if relation == vv.NEWER or mine == theirs:
            self.run(PutInfo(theirs, self.joined("info")))
            if mine != theirs:
                self.summary.updated.append(_("{title} bijgewerkt uit {source}.").format(
                    title=_("Projectgegevens"), source=self.label))
            return
        self.fill_blanks("info", mine, theirs, _("Projectgegevens"), self.joined("info"), key="info")

    def _setup_row(self, kind, theirs):
        mine = self.target.get(kind, theirs.uuid)
        relation = self.relation(theirs.uuid)
        title = _title(kind, theirs)
        if relation is None and mine is not None:
            return  # both from before versions: the target's stays, as it always did
        if relation is None or (mine is None and theirs.uuid not in self.tv):
            self._new_setup_row(kind, theirs, relation is not None)
            return
        if relation in (vv.SAME, vv.OLDER):
            return
        if mine is None:  # deleted here
            self.run(PutEntity(kind, theirs, self.joined(theirs.uuid)))
            if relation == vv.CONCURRENT:
                self.report(Conflict(kind, title, self.label, _("is in het doelproject verwijderd en in de bron "
                                                                "gewijzigd."),
                                     _("De gewijzigde versie is teruggezet.")), theirs.uuid, repr(theirs))
            else:
                self.summary.count_added(kind)
            return
        if relation == vv.NEWER or mine == theirs:
            self.run(PutEntity(kind, theirs, self.joined(theirs.uuid)))
            if mine != theirs:
                self.summary.updated.append(_("{title} bijgewerkt uit {source}.").format(title=title, source=self.label))
            return
        self.fill_blanks(kind, mine, theirs, title, self.joined(theirs.uuid))

    def _new_setup_row(self, kind, theirs, versioned):
        """A row the target has never known: added, unless it is a second area or a second
        layer of one name (then the smaller UUID stays, when both have versions)."""
        rival = _rival(self.target, kind, theirs)
        if rival is None:
            self.run(PutEntity(kind, theirs, self.sv.get(theirs.uuid)))
            self.summary.count_added(kind)
            return
        if not versioned:
            return  # files from before versions: the target's stays, as it always did
        if theirs.uuid < rival.uuid:
            self.run(RemoveEntity(kind, rival.uuid, None, self.fresh(rival.uuid)))
            self.run(PutEntity(kind, theirs, self.sv.get(theirs.uuid)))
            kept = _("die uit de bron is behouden")
        else:
            self.run(RemoveEntity(kind, theirs.uuid, None, self.fresh(theirs.uuid, self.sv.get(theirs.uuid))))
            kept = _("die van het doelproject is behouden")
        self.report(Conflict(kind, _title(kind, theirs), self.label,
                             _("is in beide bestanden apart toegevoegd."),
                             _("Er kan er maar één zijn: {kept}.").format(kept=kept)), *sorted((theirs.uuid, rival.uuid)))

    def _setup_deletions(self):
        """Areas, layers and underlays the source deleted (they leave no tombstone, only
        their version): the deletion travels onto a version it has seen; against a change
        it has not seen, the change stays (listed)."""
        for uuid, kind, mine, relation in self.settle_source_deletions(SETUP_KINDS):
            if relation == vv.NEWER:
                self.run(RemoveEntity(kind, uuid, None, self.sv.get(uuid)))
                self.summary.deleted.append(_("'{title}' verwijderd, zoals in {source}.").format(
                    title=mine.name, source=self.label))
            else:
                self.run(PutEntity(kind, mine, self.joined(uuid)))
                self.report(Conflict(kind, _title(kind, mine), self.label,
                                     _("is in de bron verwijderd en in het doelproject gewijzigd."),
                                     _("De gewijzigde versie is behouden.")), uuid, repr(mine))


def _rival(project, kind, row):
    """The target's row that ``row`` cannot stand beside: its one area, its layer of that name."""
    if kind == "area":
        return next((a for a in project.all("area") if a.uuid != row.uuid), None)
    if kind == "reference_layer":
        return next((r for r in project.all("reference_layer")
                     if r.uuid != row.uuid and r.name.casefold() == row.name.casefold()), None)
    return None


def _title(kind, row) -> str:
    if kind == "area":
        return _("Gebied '{name}'").format(name=row.name)
    if kind == "reference_layer":
        return _("Referentielaag '{name}'").format(name=row.name)
    return _("Ondergrond '{name}'").format(name=row.name)
