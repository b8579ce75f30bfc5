"""The decisions of a merge that rest on version vectors (core/versions.py): a mixin of
``io.merge._Plan``, and the helpers both share.

Whenever either side has a version for a row, these decide; the clock-based rules in
``io/merge.py`` remain for rows neither side has edited since versions were introduced.
"""

import uuid as uuid_mod
from dataclasses import replace

from workbench.core import versions as vv
from workbench.core.merge_commands import PutEntity, PutInfo, RemoveEntity
from workbench.i18n import _
from workbench.io.merge_summary import Conflict

KEEP_BOTH, NEWEST_WINS = "keep_both", "newest_wins"


def content(item) -> tuple:
    """What a user sees of an intervention, to tell equal versions from different ones."""
    return (item.title, item.description, item.status, item.horizon, tuple(sorted(item.theme_uuids)),
            item.primary_theme_uuid, tuple(sorted(item.goal_uuids)), item.quantities, item.actor, item.notes,
            item.geometry.wkb if item.geometry is not None else b"")


def _copy_uuid(item) -> str:
    """The UUID of the second version kept in a conflict: derived from that version, so a
    second merge finds it, and two different versions never share one."""
    import hashlib

    digest = hashlib.sha1(repr(content(item)).encode("utf-8")).hexdigest()
    return str(uuid_mod.uuid5(uuid_mod.NAMESPACE_URL, f"workbench-merge/{item.uuid}/{item.changed_at}/{digest}"))


def dropped_links(original, mapped, theme_map=()) -> bool:
    """Did mapping a source row into the target drop a link it had (to a theme, goal, idea
    or session the target deleted)? A theme merely mapped onto another UUID (one of the
    same name) is not a drop."""
    if any(t not in theme_map for t in getattr(original, "theme_uuids", ())):
        return True
    if not set(getattr(original, "goal_uuids", ())) <= set(getattr(mapped, "goal_uuids", ())):
        return True
    return any(name.endswith("_uuid") and name != "uuid" and getattr(original, name) and getattr(mapped, name) is None
               for name in original.__dataclass_fields__)


def blanks_filled(mine, theirs):
    """({field: the source's value} where the target's is blank, [fields that really differ])
    of one row changed on both sides. Blank: "", None, 0, ()."""
    values, differing = {}, []
    for name in mine.__dataclass_fields__:
        ours, other = getattr(mine, name), getattr(theirs, name)
        if ours == other or other in ("", None, 0, ()):
            continue
        if ours in ("", None, 0, ()):
            values[name] = other
        else:
            differing.append(name)
    return values, differing


def merge_replica(target) -> str:
    """The replica id a merge counts its own versions under: the target file's own
    (store/replica.py), so merges add no entries to vectors; a fresh one for a project
    kept in memory. Called once per merge: all its sources share the id."""
    return getattr(target.repository, "replica", None) or uuid_mod.uuid4().hex[:16]


def version_rows(project) -> dict:
    """{uuid: (kind, version vector, alive)} of a project's exchanged rows ({} for one kept
    in memory). A merge reads them once per file and hands them on (a file may hold many
    thousands)."""
    reader = getattr(project.repository, "versions", None)
    return reader() if reader else {}


def vectors(rows) -> dict:
    """{uuid: version vector} of ``version_rows``."""
    return {uuid: vector for uuid, (_kind, vector, _alive) in rows.items()}


class VersionedDecisions:
    """Needs from the plan: target, source, source_rows, tv, sv, replica, rule, summary, label, run, report,
    _conflict, _mapped, provenance, _session_title."""

    def settle_source_deletions(self, kinds) -> list:
        """Of the rows of ``kinds`` the source deleted (its version says not alive), where
        that deletion is newer than the target's version or concurrent with it: those the
        target still has, as [(uuid, kind, the target's row, relation)] for the caller to
        decide; those it deleted too, settled here. Such rows leave no tombstone, only
        their version: areas, layers, underlays, votes, verdicts and answers.

        A row deleted on both sides is settled at once: the target takes in the
        source's deletion version too (as ``_versioned_deletion`` does for rows with a
        tombstone). Else an edit of a third file, brought back as concurrent with the
        target's deletion, looks concurrent with this source's deletion at every later
        merge, and merging again is never a no-op."""
        found = []
        for uuid, (kind, _version, alive) in self.source_rows.items():
            if kind not in kinds or alive:
                continue
            mine, relation = self.target.get(kind, uuid), self.relation(uuid)
            if relation not in (vv.NEWER, vv.CONCURRENT):
                continue
            if mine is not None:
                found.append((uuid, kind, mine, relation))
            elif uuid in self.tv:  # known here and deleted here too: only versions to join
                self.run(RemoveEntity(kind, uuid, None, self.joined(uuid)))
        return found

    def relation(self, uuid):
        """The source's row against the target's (vv.SAME, OLDER, NEWER, CONCURRENT),
        or None when neither has a version (rows from before versions: the clock rules)."""
        theirs, ours = self.sv.get(uuid, {}), self.tv.get(uuid, {})
        if not theirs and not ours:
            return None
        return vv.compare(theirs, ours)

    def fresh(self, uuid, *others) -> dict:
        """A version the merge itself makes of row ``uuid``: newer than the target's and
        ``others`` (counted under ``self.replica``, see ``merge_replica``)."""
        return vv.tick(vv.join(self.tv.get(uuid), *others), self.replica)

    def joined(self, uuid) -> dict:
        """The version of a row that has seen both sides (a kept conflict, a taken source)."""
        return vv.join(self.tv.get(uuid), self.sv.get(uuid))

    def as_brought_in(self, original, mapped, version, theme_map=()):
        """The version to store ``mapped`` under: the source's row ``original`` with its links
        in target terms, brought in under ``version``.

        A link to a theme, goal, idea or session deleted here is dropped, as deleting it here
        dropped it from the rows this file had. That drop is an edit this merge makes: stored under the
        source's own version it would be a second content for one version, which no later
        sync tells apart (the replicas that kept the link would keep it). So it gets a
        version newer than both sides, and travels like any edit."""
        if not dropped_links(original, mapped, theme_map):
            return version
        return self.fresh(original.uuid, self.sv.get(original.uuid), version)

    def fill_blanks(self, kind, mine, theirs, title, version=None, key=None):
        """A row changed on both sides (sessions, themes, goals, the project's metadata,
        area, layers, underlays): the target's values are kept, its blank fields filled from
        the source's (``blanks_filled``), and the fields that really differ listed. Written
        when a blank was filled or ``version`` is to be stored. ``key``: the row's uuid for
        the conflict list, where ``mine`` has none (the metadata: "info")."""
        values, differing = blanks_filled(mine, theirs)
        if values or version is not None:
            kept = replace(mine, **values)
            self.run(PutInfo(kept, version) if kind == "info" else PutEntity(kind, kept, version))
        if differing:
            self.report(Conflict(kind, title, self.label,
                                 _("verschilt ({fields}).").format(fields=", ".join(differing)),
                                 _("De waarden van het doelproject zijn behouden.")),
                        key or mine.uuid, repr(mine), repr(theirs))

    # -- what sets the frame ---------------------------------------------------------

    def _versioned(self, kind, mine, theirs, relation, title, original=None):
        """A theme, goal or session both may have changed, decided by versions: the
        newer side wins; changed on both sides, the target's values are kept (blanks
        filled) and the difference listed. ``original``: the source's row when ``theirs``
        has its links in target terms (see ``as_brought_in``)."""
        if relation in (vv.SAME, vv.OLDER):
            return

        def version(given):
            return given if original is None else self.as_brought_in(original, theirs, given)

        if mine is None:
            if relation == vv.NEWER or self.target.get("tombstone", theirs.uuid) is None:
                self.run(PutEntity(kind, theirs, version(self.sv.get(theirs.uuid))))
                self.summary.count_added(kind)
                return
            # Deleted here, changed there without seeing the deletion: as for ideas, the
            # edit wins (on both sides alike, so all replicas agree), and it is listed.
            self.run(PutEntity(kind, theirs, version(self.joined(theirs.uuid))))
            self.report(Conflict(kind, title, self.label, _("is in het doelproject verwijderd en in de bron gewijzigd."),
                                 _("De gewijzigde versie is teruggezet.")), theirs.uuid, repr(theirs))
            return
        if relation == vv.NEWER:
            self.run(PutEntity(kind, theirs, version(self.sv.get(theirs.uuid))))
            self.summary.updated.append(_("{title} bijgewerkt uit {source}.").format(title=title, source=self.label))
            return
        if mine != theirs:
            self.fill_blanks(kind, mine, theirs, title, version=self.joined(mine.uuid))
        else:
            self.run(PutEntity(kind, mine, self.joined(mine.uuid)))

    def _versioned_intervention(self, mine, stone, item, relation, theme_map):
        """An idea both files know, decided by versions alone (no clocks)."""
        if relation in (vv.SAME, vv.OLDER):
            return  # the target has this version or one made after it
        newest = self.rule == NEWEST_WINS
        if mine is None:  # deleted in the target
            restored = self._mapped(item, theme_map)
            if relation == vv.NEWER:  # brought back (or edited) after the deletion was seen
                self.run(PutEntity("intervention", restored,
                                   self.as_brought_in(item, restored, self.sv.get(item.uuid), theme_map)))
                self.summary.count_added("intervention")
                return
            what = _("is in het doelproject verwijderd en in de bron gewijzigd.")
            if newest and stone.deleted_at >= item.changed_at:
                self.run(RemoveEntity("intervention", item.uuid, stone, self.joined(item.uuid)))
                self._conflict(item, what, _("De verwijdering is het nieuwst en blijft."), stone.deleted_at,
                               item.changed_at)
                return
            self.run(PutEntity("intervention", restored,
                               self.as_brought_in(item, restored, self.joined(item.uuid), theme_map)))
            self._conflict(item, what, _("Het gewijzigde idee is teruggezet."), stone.deleted_at, item.changed_at)
            return
        # The number travels with the newer version (a renumbering is an edit); two
        # replicas that numbered it apart without seeing each other take the lower.
        theirs = self._mapped(item, theme_map, number=item.number if relation == vv.NEWER else
                              min(mine.number, item.number))
        if content(mine) == content(theirs):
            self.run(PutEntity("intervention", replace(mine, number=theirs.number),
                               self.as_brought_in(item, theirs, self.joined(item.uuid), theme_map)))
            return
        if relation == vv.NEWER:
            self.run(PutEntity("intervention", theirs,
                               self.as_brought_in(item, theirs, self.sv.get(item.uuid), theme_map)))
            self.summary.updated.append(_("Idee {number} '{title}' bijgewerkt uit {source}.")
                                        .format(number=mine.number, title=item.title, source=self.label))
            return
        what = _("is in beide bestanden gewijzigd.")
        if newest:
            source_wins = item.changed_at > mine.changed_at
            self.run(PutEntity("intervention", theirs if source_wins else replace(mine, number=theirs.number),
                               self.as_brought_in(item, theirs, self.joined(item.uuid), theme_map)
                               if source_wins else self.joined(item.uuid)))
            self._conflict(item, what, _("De nieuwste versie (uit de bron) is gebruikt.") if source_wins else
                           _("De nieuwste versie (uit het doelproject) is behouden."), item.changed_at, mine.changed_at)
            return
        self.run(PutEntity("intervention", replace(mine, number=theirs.number), self.joined(item.uuid)))
        self.keep_source_copy(item, mine, what, theme_map)

    def keep_source_copy(self, item, mine, what, theme_map) -> None:
        """Both versions stay: the source's as a new idea (once, under a UUID derived
        from the original), listed as a conflict."""
        copy_uuid = _copy_uuid(item)
        if self.target.get("intervention", copy_uuid) is None and self.target.get("tombstone", copy_uuid) is None:
            # A number neither side uses yet, so the copy does not move again at the end of the merge.
            number = max(self.target.next_number(), self.source.next_number())
            copy = self._mapped(replace(item, uuid=copy_uuid), theme_map, number=number)
            self.run(PutEntity("intervention", copy))
            self.provenance[copy_uuid] = [self.label, self._session_title(item)]
            self._conflict(item, what, _("Beide versies zijn bewaard; die uit de bron als idee {number}.")
                           .format(number=copy.number), item.changed_at, mine.changed_at)

    def _versioned_deletion(self, stone, relation):
        """A row the source deleted, decided by versions: the deletion travels onto any
        version it has seen; against an edit it has not seen, the edit is kept (listed)."""
        kind = stone.kind
        mine = self.target.get(kind, stone.uuid)
        if relation in (vv.SAME, vv.OLDER):
            return
        if mine is None:
            if self.target.get("tombstone", stone.uuid) is None:
                self.run(PutEntity("tombstone", stone))
            elif relation == vv.CONCURRENT:
                # Deleted on both sides: the target takes in this deletion's version too,
                # else an edit a later merge brings back looks concurrent to it for ever.
                self.run(RemoveEntity(kind, stone.uuid, None, self.joined(stone.uuid)))
            return
        if kind == "quote" and relation == vv.CONCURRENT:
            # A quote is removed on purpose; the change here may be no more than the unlink
            # that deleting its idea makes. The deletion travels (as in the clock rules), listed.
            self.run(RemoveEntity(kind, stone.uuid, stone, self.joined(stone.uuid)))
            self.report(Conflict(kind, _("Citaat '{text}'").format(text=mine.text[:40]), self.label,
                                 _("is in de bron verwijderd en in het doelproject gewijzigd."),
                                 _("De verwijdering is overgenomen.")), stone.uuid, stone.deleted_at)
            return
        if relation == vv.NEWER:
            votes = {v.uuid: self.sv[v.uuid] for v in self.target.all("vote")
                     if v.intervention_uuid == stone.uuid and self.sv.get(v.uuid)}
            self.run(RemoveEntity(kind, stone.uuid, stone, self.sv.get(stone.uuid), votes))
            if kind == "intervention":
                self.summary.deleted.append(_("Idee {number} '{title}' verwijderd, zoals in {source}.")
                                            .format(number=mine.number, title=mine.title, source=self.label))
            elif kind in ("theme", "goal", "session"):
                title = getattr(mine, "title", None) or getattr(mine, "name", "")
                self.summary.deleted.append(_("'{title}' verwijderd, zoals in {source}.")
                                            .format(title=title, source=self.label))
            return
        if kind == "intervention" and self.rule == NEWEST_WINS and stone.deleted_at > mine.changed_at:
            self.run(RemoveEntity(kind, stone.uuid, stone, self.joined(stone.uuid)))
            self._conflict(mine, _("is in de bron verwijderd en in het doelproject gewijzigd."),
                           _("De verwijdering is het nieuwst; het idee is verwijderd."), stone.deleted_at,
                           mine.changed_at)
            return
        self.run(PutEntity(kind, mine, self.joined(stone.uuid)))  # an edit beats a deletion it never saw
        if kind == "intervention":
            self._conflict(mine, _("is in de bron verwijderd en in het doelproject gewijzigd."),
                           _("Het gewijzigde idee is behouden."), stone.deleted_at, mine.changed_at)
        elif kind != "vote":
            title = getattr(mine, "title", None) or getattr(mine, "name", None) or getattr(mine, "text", "")[:40]
            self.report(Conflict(kind, f"'{title}'", self.label,
                                 _("is in de bron verwijderd en in het doelproject gewijzigd."),
                                 _("De gewijzigde versie is behouden.")), stone.uuid, stone.deleted_at)

    def _one_vote_per_session(self, mine, theirs, best):
        """Two laptops counted votes for one idea in one session as different rows: the
        row with the smaller UUID stays (on every replica alike) with the higher count;
        the other is deleted, and that deletion travels."""
        if theirs.uuid < mine.uuid:
            self.run(RemoveEntity("vote", mine.uuid, None, self.fresh(mine.uuid)))
            version = self.sv.get(theirs.uuid, {})
            if best != theirs.count:  # not the source's row any more: a version of its own
                version = self.fresh(theirs.uuid, version)
            self.run(PutEntity("vote", replace(theirs, count=best), version))
            return
        if best != mine.count:
            self.run(PutEntity("vote", replace(mine, count=best)))
        if self.sv.get(theirs.uuid):  # its deletion must reach the replicas that have it
            self.run(RemoveEntity("vote", theirs.uuid, None, self.fresh(theirs.uuid, self.sv[theirs.uuid])))

    def _revive_votes(self):
        """Votes the source deleted. One that lost to another row for the same idea and
        session goes here too; one deleted with its idea, while the idea lives on here (an
        edit kept against the deletion), stays, in a version newer than both sides."""
        for uuid, _kind, mine, _relation in self.settle_source_deletions(("vote",)):
            pair = (mine.intervention_uuid, mine.session_uuid)
            others = [v for v in self.source.all("vote") + self.target.all("vote")
                      if (v.intervention_uuid, v.session_uuid) == pair and v.uuid < uuid]
            if others:
                self.run(RemoveEntity("vote", uuid, None, self.joined(uuid)))
            elif self.target.get("intervention", pair[0]) and self.target.get("session", pair[1]):
                self.run(PutEntity("vote", mine, self.fresh(uuid, self.sv.get(uuid))))
