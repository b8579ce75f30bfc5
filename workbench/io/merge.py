"""Merging the project files of several bijeenkomsten into one ("Bijeenkomsten samenvoegen").

Rows are matched by UUID. What only a source has is added; what changed on both sides
is a conflict, listed and resolved by an explicit rule: keep both versions (default) or
the newest wins. Nothing is silently overwritten, and merging the same file again
changes nothing.

How "changed on both sides" is told without a stored common ancestor: the copies of one
project share their history up to the moment they were copied. Every intervention or
tombstone that is identical in both files (same content, same ``changed_at``) is part of
that shared history, and so is the creation of every intervention both files have; the
newest such timestamp, the *divergence point*, bounds it.
A version changed at or before that point is the shared original: that side did not
touch it. A version changed after it was edited on that laptop; so was one made in a
session the other file does not know, whatever the laptop's clock said. So:

- target untouched, source edited -> take the source's version (an update);
- target edited, source untouched -> keep the target's;
- both edited (or deleted on one side, edited on the other) -> a conflict.

The merge is idempotent because it brings versions in as they are (same UUID, same
timestamps), so a second merge finds them identical; a conflict's second version gets
a UUID derived from the source version, so it is not added twice.
"""

import uuid as uuid_mod
from dataclasses import replace
from pathlib import Path

from workbench.core import versions as vv
from workbench.core.merge_commands import PutEntity, RemoveEntity
from workbench.core.model import ENTITY_KINDS, now_iso
from workbench.core.setup_commands import AddReferenceLayer, Batch
from workbench.errors import ValidationError
from workbench.i18n import N_, _
from workbench.io.mapping import normalise_name
from workbench.io.merge_summary import Conflict, MergeSummary
from workbench.io.merge_toets import merge_toets
from workbench.io.merge_versioned import (  # noqa: F401 (content, NEWEST_WINS: part of this module's API)
    KEEP_BOTH, NEWEST_WINS, VersionedDecisions, _copy_uuid, _merge_replica, content, versions_of)



def divergence_point(target, source, as_target) -> str:
    """The newest timestamp of the history both files share ("" when none): of the ideas
    and tombstones identical in both, and of the creation of the ideas both know (as an
    idea or as a deletion).

    ``as_target(item)`` is the source's intervention with its links in target terms.
    """
    stamps = [""]
    for item in source.all("intervention"):
        mine = target.get("intervention", item.uuid)
        if mine is None:
            # An idea the target deleted was known to both: created before they parted.
            if target.get("tombstone", item.uuid) is not None:
                stamps.append(item.created_at)
            continue
        if mine.created_at == item.created_at:
            # An idea both files have was created before they parted, edited or not;
            # this keeps the bound when every shared idea was edited somewhere.
            stamps.append(item.created_at)
        if mine.changed_at == item.changed_at and content(mine) == content(as_target(item)):
            stamps.append(item.changed_at)
    for stone in source.all("tombstone"):
        mine = target.get("tombstone", stone.uuid)
        if mine is not None and mine.deleted_at == stone.deleted_at:
            stamps.append(stone.deleted_at)
        if mine is None and stone.kind == "intervention":
            alive = target.get("intervention", stone.uuid)
            if alive is not None:
                stamps.append(alive.created_at)
    return max(stamps)


class _Plan(VersionedDecisions):
    """The commands that merge one source into (a scratch copy of) the target."""

    def __init__(self, target, source, label, rule, summary, resolved=frozenset(), log=None, target_versions=None):
        self.target, self.source, self.label, self.rule, self.summary = target, source, label, rule, summary
        # Version vectors (core/versions.py): the target's, kept up to date as the plan
        # runs (shared by the plans of one merge), and the source's.
        self.tv = {} if target_versions is None else target_versions
        self.sv = versions_of(source)
        # Shared by the plans of one merge: the commands in the order they ran on the
        # scratch copy, which is the order their changes were computed for.
        self.commands = [] if log is None else log
        self.provenance = {}
        self.resolved, self.new_resolved = resolved, set()

    def report(self, conflict, *versions):
        """List a conflict, unless an earlier merge listed it for the very same versions."""
        import hashlib

        key = hashlib.sha1("|".join(map(str, (conflict.kind, *versions))).encode()).hexdigest()[:20]
        conflict.key = key
        if key in self.resolved or key in self.new_resolved:
            self.summary.repeated += 1
            return
        self.new_resolved.add(key)
        self.summary.conflicts.append(conflict)

    def run(self, command):
        # Applied to the scratch target at once, so later steps see earlier ones.
        self.target.execute(command)
        self.summary.changes += len(command.changes)
        self.commands.append(command)
        for change in command.changes or ():
            if change.version is not None:
                self.tv[change.uuid] = vv.join(self.tv.get(change.uuid), change.version)

    def sessions(self):
        for session in self.source.all("session"):
            mine = self.target.get("session", session.uuid)
            relation = self.relation(session.uuid)
            if relation is not None:
                self._versioned("session", mine, session, relation, session.title)
            elif mine is None and self.target.get("tombstone", session.uuid) is None:
                self.run(PutEntity("session", session, self.sv.get(session.uuid)))
                self.summary.count_added("session")
            elif mine is not None and mine != session:
                self._fill_blanks("session", mine, session, mine.title)

    def _fill_blanks(self, kind, mine, theirs, title, version=None):
        """Take the source's values where the target has none; list real differences."""
        values, differing = {}, []
        for name in mine.__dataclass_fields__:
            ours, other = getattr(mine, name), getattr(theirs, name)
            if ours == other or other in ("", None, 0):
                continue
            if ours in ("", None, 0):
                values[name] = other
            else:
                differing.append(name)
        if values or version is not None:
            self.run(PutEntity(kind, replace(mine, **values), version))
        if differing:
            self.report(Conflict(kind, title, self.label, _("verschilt ({fields}).").format(fields=", ".join(differing)),
                                 _("De waarden van het doelproject zijn behouden.")), mine.uuid, repr(mine), repr(theirs))

    def themes(self) -> dict:
        """{source theme uuid: target theme uuid}; missing themes are added, parents first."""
        mapping = {}
        by_name = {normalise_name(t.name): t.uuid for t in self.target.all("theme")}
        pending = sorted(self.source.all("theme"), key=lambda t: t.parent_uuid is not None)
        for _round in range(len(pending) + 1):
            later = []
            for theme in pending:
                relation = self.relation(theme.uuid)
                if relation is not None and theme.uuid in self.tv:  # the target knows it (alive or deleted)
                    parent = theme.parent_uuid
                    if parent is not None and parent not in mapping and parent in {t.uuid for t in pending}:
                        later.append(theme)
                        continue
                    mine = self.target.get("theme", theme.uuid)
                    mapped = replace(theme, parent_uuid=mapping.get(parent, parent if self.target.get(
                        "theme", parent or "") else None))
                    self._versioned("theme", mine, mapped, relation, _("Thema '{name}'").format(name=theme.name))
                    if self.target.get("theme", theme.uuid) is not None:  # else deleted here: links dropped
                        mapping[theme.uuid] = theme.uuid
                        by_name[normalise_name(theme.name)] = theme.uuid
                elif theme.uuid in {t.uuid for t in self.target.all("theme")}:
                    mapping[theme.uuid] = theme.uuid
                elif normalise_name(theme.name) in by_name:
                    mapping[theme.uuid] = by_name[normalise_name(theme.name)]
                elif self.target.get("tombstone", theme.uuid) is not None:
                    continue  # deleted in the target: stays deleted, links are dropped
                elif theme.parent_uuid and theme.parent_uuid not in mapping:
                    later.append(theme)
                else:
                    parent = mapping.get(theme.parent_uuid) if theme.parent_uuid else None
                    self.run(PutEntity("theme", replace(theme, parent_uuid=parent), self.sv.get(theme.uuid)))
                    mapping[theme.uuid] = theme.uuid
                    by_name[normalise_name(theme.name)] = theme.uuid
                    self.summary.count_added("theme")
            if not later or len(later) == len(pending):
                for theme in later:  # a parent that is gone: the theme moves to the top level
                    self.run(PutEntity("theme", replace(theme, parent_uuid=None)))
                    mapping[theme.uuid] = theme.uuid
                    self.summary.count_added("theme")
                break
            pending = later
        return mapping

    def quantity_kinds(self):
        keys = {q.key for q in self.target.all("quantity_kind")}
        for kind in self.source.all("quantity_kind"):
            if kind.key not in keys and self.target.get("quantity_kind", kind.uuid) is None:
                self.run(PutEntity("quantity_kind", kind))
                keys.add(kind.key)
                self.summary.count_added("quantity_kind")

    def goals(self, theme_map):
        for goal in self.source.all("goal"):
            mapped = replace(goal, theme_uuid=theme_map.get(goal.theme_uuid))
            relation = self.relation(goal.uuid)
            if relation is not None:
                self._versioned("goal", self.target.get("goal", goal.uuid), mapped, relation,
                                _("Doel '{title}'").format(title=goal.title))
            elif self.target.get("goal", goal.uuid) is None and self.target.get("tombstone", goal.uuid) is None:
                self.run(PutEntity("goal", mapped, self.sv.get(goal.uuid)))
                self.summary.count_added("goal")

    def area_and_layers(self):
        if self.target.area is None and self.source.area is not None:
            self.run(PutEntity("area", self.source.area))
            self.summary.count_added("area")
        names = {r.name.casefold() for r in self.target.reference_layers()}
        for layer in self.source.reference_layers():
            if self.target.get("reference_layer", layer.uuid) is None and layer.name.casefold() not in names:
                self.run(AddReferenceLayer(layer))
                names.add(layer.name.casefold())
                self.summary.count_added("reference_layer")

    # -- interventions ---------------------------------------------------------------

    def _mapped(self, item, theme_map, number=None):
        themes = tuple(dict.fromkeys(theme_map[t] for t in item.theme_uuids if t in theme_map))
        primary = theme_map.get(item.primary_theme_uuid)
        if primary not in themes:
            primary = themes[0] if themes else None
        goals = tuple(g for g in item.goal_uuids if self.target.get("goal", g) is not None)
        if number is None:
            taken = self.target.intervention_by_number(item.number)
            number = item.number if taken is None or taken.uuid == item.uuid else self.target.next_number()
        return replace(item, theme_uuids=themes, primary_theme_uuid=primary, goal_uuids=goals, number=number)

    def _conflict(self, item, what, resolution, *versions):
        self.report(Conflict("intervention", _("Idee '{title}'").format(title=item.title), self.label, what,
                             resolution), item.uuid, *versions)

    def _session_title(self, item):
        session = self.source.get("session", item.created_session_uuid) if item.created_session_uuid else None
        return session.title if session else ""

    def edited_here(self, item, point) -> bool:
        """Did the target change ``item`` after the copies diverged?

        Besides the timestamp (laptop clocks can disagree), a version made in a session
        the source has never heard of was made on this side, whatever its clock said.
        """
        session = item.changed_session_uuid
        return item.changed_at > point or (session is not None and self.source.get("session", session) is None)

    def edited_there(self, item, point) -> bool:
        """Did the source change ``item`` after the copies diverged? (See ``edited_here``.)"""
        session = item.changed_session_uuid
        return item.changed_at > point or (session is not None and session not in self.target_sessions)

    def interventions(self, theme_map, point):
        newest = self.rule == NEWEST_WINS
        for item in sorted(self.source.all("intervention"), key=lambda i: i.number):
            mine = self.target.get("intervention", item.uuid)
            stone = self.target.get("tombstone", item.uuid)
            if mine is None and stone is None:
                copy = self.target.get("intervention", _copy_uuid(item))
                if copy is None and self.target.get("tombstone", _copy_uuid(item)) is None:
                    self.run(PutEntity("intervention", self._mapped(item, theme_map), self.sv.get(item.uuid)))
                    self.provenance[item.uuid] = [self.label, self._session_title(item)]
                    self.summary.count_added("intervention")
                continue
            relation = self.relation(item.uuid)
            if relation is not None:
                self._versioned_intervention(mine, stone, item, relation, theme_map)
                continue
            if mine is None:  # deleted in the target
                if not self.edited_there(item, point):
                    continue  # untouched in the source: stays deleted
                if self.target.get("intervention", _copy_uuid(item)) is not None:
                    continue  # this very version was kept as a second version before
                what = _("is in het doelproject verwijderd en in de bron gewijzigd.")
                if newest and stone.deleted_at >= item.changed_at:
                    self._conflict(item, what, _("De verwijdering is het nieuwst en blijft."), stone.deleted_at,
                                   item.changed_at)
                else:
                    # Stamped as newer than the deletion, so that merging the file that
                    # deleted it again does not delete it after all.
                    restored = replace(self._mapped(item, theme_map),
                                       changed_at=max(item.changed_at, now_iso(), stone.deleted_at))
                    self.run(PutEntity("intervention", restored))
                    # (deletion, edit) in this order in both directions: one conflict, one key
                    self._conflict(item, what, _("Het gewijzigde idee is teruggezet."), stone.deleted_at,
                                   restored.changed_at)
                continue
            if content(mine) == content(self._mapped(item, theme_map, number=mine.number)):
                continue
            source_edited, target_edited = self.edited_there(item, point), self.edited_here(mine, point)
            if not source_edited:
                continue  # the target's own edit stands
            if not target_edited:
                self.run(PutEntity("intervention", self._mapped(item, theme_map, number=mine.number)))
                self.summary.updated.append(_("Idee {number} '{title}' bijgewerkt uit {source}.")
                                            .format(number=mine.number, title=item.title, source=self.label))
                continue
            what = _("is in beide bestanden gewijzigd.")
            if newest:
                if item.changed_at > mine.changed_at:
                    self.run(PutEntity("intervention", self._mapped(item, theme_map, number=mine.number)))
                    self._conflict(item, what, _("De nieuwste versie (uit de bron) is gebruikt."), item.changed_at,
                                   mine.changed_at)
                else:
                    self._conflict(item, what, _("De nieuwste versie (uit het doelproject) is behouden."),
                                   item.changed_at, mine.changed_at)
                continue
            self.keep_source_copy(item, mine, what, theme_map)

    def deletions(self, point):
        newest = self.rule == NEWEST_WINS
        for stone in self.source.all("tombstone"):
            mine_stone = self.target.get("tombstone", stone.uuid)
            if mine_stone == stone:
                continue
            kind = stone.kind
            if kind not in ENTITY_KINDS:
                continue  # written by a newer version; not ours to judge
            relation = self.relation(stone.uuid)
            if relation is not None:
                self._versioned_deletion(stone, relation)
                continue
            if kind not in ("intervention", "quote"):
                if mine_stone is None and self.target.get(kind, stone.uuid) is None:
                    self.run(PutEntity("tombstone", stone))  # let the deletion travel on
                continue
            mine = self.target.get(kind, stone.uuid)
            if mine is None:
                if mine_stone is None:
                    self.run(PutEntity("tombstone", stone))
                continue
            if kind == "quote":
                self.run(RemoveEntity("quote", stone.uuid, stone))
                continue
            # A version newer than the deletion cannot have been seen by whoever deleted it.
            if not self.edited_here(mine, point) and mine.changed_at < stone.deleted_at:
                self.run(RemoveEntity("intervention", stone.uuid, stone))
                self.summary.deleted.append(_("Idee {number} '{title}' verwijderd, zoals in {source}.")
                                            .format(number=mine.number, title=mine.title, source=self.label))
                continue
            what = _("is in de bron verwijderd en in het doelproject gewijzigd.")
            if newest and stone.deleted_at > mine.changed_at:
                self.run(RemoveEntity("intervention", stone.uuid, stone))
                self._conflict(mine, what, _("De verwijdering is het nieuwst; het idee is verwijderd."),
                               stone.deleted_at, mine.changed_at)
                continue
            if mine.changed_at < stone.deleted_at:
                # Kept against the deletion: stamp it as newer than the deletion, so a later
                # merge (whose shared history has grown) does not delete it after all.
                kept = replace(mine, changed_at=max(now_iso(), stone.deleted_at))
                self.run(PutEntity("intervention", kept))
                mine = kept
            self._conflict(mine, what, _("Het gewijzigde idee is behouden."), stone.deleted_at, mine.changed_at)

    # -- votes and quotes ----------------------------------------------------------------

    def votes(self, only_missing=False):
        # Votes only go with their idea or session (their deletion travels with that one's),
        # so a vote missing here is added whenever its idea and session are here.
        if not only_missing:
            self._revive_votes()
        for vote in self.source.all("vote"):
            if self.target.get("intervention", vote.intervention_uuid) is None or \
                    self.target.get("session", vote.session_uuid) is None:
                continue  # its idea or session is deleted here
            alive_here = self.target.get("vote", vote.uuid) is not None
            relation = self.relation(vote.uuid) if vote.uuid in self.tv else None
            if relation in (vv.SAME, vv.OLDER):
                if alive_here or self.target.vote_for(vote.intervention_uuid, vote.session_uuid) is not None:
                    continue  # here already, or it lost to another row for the same idea and session
                # It went here with its idea, which has come back (an edit kept against the deletion).
                self.run(PutEntity("vote", vote, vv.tick(self.joined(vote.uuid), _merge_replica())))
                continue
            if relation == vv.NEWER and alive_here:
                self.run(PutEntity("vote", vote, self.sv.get(vote.uuid)))
                continue
            mine = self.target.vote_for(vote.intervention_uuid, vote.session_uuid)
            if mine is None:
                if self.target.get("vote", vote.uuid) is None:
                    self.run(PutEntity("vote", vote, self.sv.get(vote.uuid)))
                    self.summary.count_added("vote")
                continue
            if only_missing:
                continue
            best = max(mine.count, vote.count)
            if mine.uuid == vote.uuid:  # changed on both sides (or rows from before versions)
                if best != mine.count or relation == vv.CONCURRENT:
                    self.run(PutEntity("vote", replace(mine, count=best), self.joined(mine.uuid) if relation else None))
            else:
                self._one_vote_per_session(mine, vote, best)
            if mine.count != vote.count:
                item = self.target.get("intervention", vote.intervention_uuid)
                session = self.target.get("session", vote.session_uuid)
                self.report(Conflict(
                    "vote", _("Stemmen voor '{title}' in '{session}'").format(title=item.title, session=session.title),
                    self.label, _("verschillen: {ours} hier, {theirs} in de bron.").format(ours=mine.count,
                                                                                       theirs=vote.count),
                    _("Het hoogste aantal ({count}) is gebruikt; stemmen worden nooit dubbel geteld.")
                    .format(count=best)), vote.intervention_uuid, vote.session_uuid, mine.count, vote.count)

    def quotes(self, theme_map=None):
        for quote in self.source.all("quote"):
            mine = self.target.get("quote", quote.uuid)
            if self.target.get("tombstone", quote.uuid) is not None:
                continue
            linked = quote.intervention_uuid if self.target.get("intervention", quote.intervention_uuid or "") else None
            session = quote.session_uuid if self.target.get("session", quote.session_uuid or "") else None
            theme = (theme_map or {}).get(quote.theme_uuid, quote.theme_uuid)
            theme = theme if self.target.get("theme", theme or "") else None
            theirs = replace(quote, intervention_uuid=linked, session_uuid=session, theme_uuid=theme)
            relation = self.relation(quote.uuid)
            if relation in (vv.SAME, vv.OLDER):
                continue
            if relation == vv.NEWER or (relation == vv.CONCURRENT and (mine.text, mine.speaker) == (
                    quote.text, quote.speaker)):
                self.run(PutEntity("quote", theirs if relation == vv.NEWER else mine,
                                   self.sv.get(quote.uuid) if relation == vv.NEWER else self.joined(quote.uuid)))
                continue
            if mine is None:
                self.run(PutEntity("quote", theirs, self.sv.get(quote.uuid)))
                self.summary.count_added("quote")
            elif (mine.text, mine.speaker) != (quote.text, quote.speaker):
                copy_uuid = str(uuid_mod.uuid5(uuid_mod.NAMESPACE_URL, f"workbench-merge/{quote.uuid}/{quote.text}"))
                if self.target.get("quote", copy_uuid) is None:
                    self.run(PutEntity("quote", replace(theirs, uuid=copy_uuid)))
                    self.report(Conflict("quote", _("Citaat '{text}'").format(text=mine.text[:40]), self.label,
                                         _("is in beide bestanden anders."), _("Beide versies zijn bewaard.")),
                                copy_uuid)

    def all(self):
        # The target's sessions before this source's come in: "made in a session the
        # target had never heard of" means edited on the source's side.
        self.target_sessions = set(self.target.state.entities["session"])
        self.sessions()
        theme_map = self.themes()
        self.quantity_kinds()
        self.goals(theme_map)
        self.area_and_layers()
        point = divergence_point(self.target, self.source,
                                 lambda item: self._mapped(item, theme_map, number=item.number))
        self.interventions(theme_map, point)
        self.deletions(point)
        self.votes()
        self.quotes(theme_map)
        merge_toets(self)


def merge_projects(target, sources, rule=KEEP_BOTH, labels=None) -> MergeSummary:
    """Merge open ``sources`` into the open ``target`` as one undo step (one transaction)."""
    summary = MergeSummary()
    target_versions = versions_of(target)
    scratch = target.scratch_copy()
    commands, added, resolved = [], {}, set(_setting(target, "merge_resolved", []))
    new_resolved = set()
    plans = []
    for index, source in enumerate(sources):
        label = labels[index] if labels else _("bron {number}").format(number=index + 1)
        summary.sources.append(label)
        plan = _Plan(scratch, source, label, rule, summary, frozenset(resolved | new_resolved), log=commands,
                     target_versions=target_versions)
        plan.all()
        plans.append(plan)
        added.update(plan.provenance)
        new_resolved |= plan.new_resolved
    # An idea a later file brought back (edited there, deleted in an earlier one) gets
    # the votes the earlier files had for it; else a second merge would add them.
    for plan in plans:
        plan.votes(only_missing=True)
    if commands:
        target.execute(Batch(N_("Bijeenkomsten samenvoegen"), commands))
    # Bookkeeping in the file's settings, written once the merge itself has committed;
    # it only names things and decides nothing, so an undone merge cannot be misled by it.
    if added:
        _store_setting(target, "merge_provenance", {**provenance(target), **added})
    if new_resolved:
        _store_setting(target, "merge_resolved", sorted(resolved | new_resolved))
    return summary


def _setting(project, key, default):
    import json

    reader = getattr(project.repository, "setting", None)
    text = reader(key) if reader else None
    try:
        return json.loads(text) if text else default
    except ValueError:
        return default


def _store_setting(project, key, value) -> None:
    import json

    project.repository.set_setting(key, json.dumps(value, ensure_ascii=False))


def provenance(project) -> dict:
    """{intervention uuid: [file name, session title]} of what merges brought in."""
    return _setting(project, "merge_provenance", {})


def merge_files(target, paths, rule=KEEP_BOTH, other_project=False) -> MergeSummary:
    """Open each source read-only and merge them all into ``target``.

    A source that is a copy of another project is refused with
    :class:`~workbench.io.merge_sources.DifferentProjectError` unless ``other_project``.
    """
    from workbench.io.output_temp import scratch_folder  # a killed merge's folder is removed by the next
    from workbench.io.merge_sources import check_same_project, open_source
    from workbench.paths import same_file

    sources, notes = [], []
    with scratch_folder("samenvoegen") as folder:
        try:
            for path in paths:
                if target.path is not None and same_file(path, target.path):
                    raise ValidationError(_("{name} is het doelproject zelf; kies andere bestanden om samen te "
                                            "voegen.").format(name=Path(path).name))
                source, source_notes = open_source(path, folder)
                sources.append(source)
                notes += source_notes
                if not other_project:
                    check_same_project(target, source, path)
            summary = merge_projects(target, sources, rule, [Path(p).name for p in paths])
            summary.notes = notes
            return summary
        finally:
            for source in sources:
                source.close()

