"""Merging the project files of several bijeenkomsten into one ("Bijeenkomsten samenvoegen").

Rows are matched by UUID. What only a source has is added; what changed on both sides
is a conflict, listed and resolved by an explicit rule: keep both versions (default) or
the newest wins. Nothing is silently overwritten, and merging the same file again
changes nothing.

The plan is split by responsibility: the frame (sessions, themes, goals, quantity
kinds) here, the project metadata, area, reference layers and underlays in
``merge_setup.py``, idea numbers in ``merge_numbers.py``, ideas and deletions in ``merge_ideas.py`` (with the clock
rules for rows from before versions), votes and quotes in ``merge_votes.py``, the
decisions that rest on version vectors in ``merge_versioned.py``, the toets in
``merge_toets.py``.

The merge is idempotent because it brings versions in as they are (same UUID, same
timestamps), so a second merge finds them identical; a conflict's second version gets
a UUID derived from the source version, so it is not added twice.
"""

from dataclasses import replace
from pathlib import Path

from workbench.core import versions as vv
from workbench.core.merge_commands import PutEntity
from workbench.core.setup_commands import Batch
from workbench.errors import ValidationError
from workbench.i18n import N_, _
from workbench.io.mapping import normalise_name
from workbench.io.merge_ideas import IdeaDecisions, divergence_point
from workbench.io.merge_numbers import known_ideas, reconcile_numbers
from workbench.io.merge_setup import SetupDecisions
from workbench.io.merge_summary import MergeSummary
from workbench.io.merge_toets import merge_toets
from workbench.io.merge_versioned import (  # noqa: F401 (NEWEST_WINS: part of this module's API)
    KEEP_BOTH, NEWEST_WINS, VersionedDecisions, merge_replica, vectors, version_rows)
from workbench.io.merge_votes import VoteDecisions


class _Plan(IdeaDecisions, VoteDecisions, SetupDecisions, VersionedDecisions):
    """The commands that merge one source into (a scratch copy of) the target."""

    def __init__(self, target, source, source_rows, label, rule, summary, replica, resolved=frozenset(), log=None,
                 target_versions=None):
        self.target, self.source, self.label, self.rule, self.summary = target, source, label, rule, summary
        # The merge's own edits are counted under one replica id for all sources (see
        # ``merge_replica``): a merge is one editor of the target, however many files it reads.
        self.replica = replica
        # Version vectors (core/versions.py): the target's, kept up to date as the plan
        # runs (shared by the plans of one merge), and the source's, from its rows read
        # once by the merge (``version_rows``: {uuid: (kind, vector, alive)}).
        self.tv = {} if target_versions is None else target_versions
        self.source_rows = source_rows
        self.sv = vectors(source_rows)
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
                self.fill_blanks("session", mine, session, mine.title)

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
                    self._versioned("theme", mine, mapped, relation, _("Thema '{name}'").format(name=theme.name),
                                    original=theme)
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
                                _("Doel '{title}'").format(title=goal.title), original=goal)
            elif self.target.get("goal", goal.uuid) is None and self.target.get("tombstone", goal.uuid) is None:
                self.run(PutEntity("goal", mapped, self.sv.get(goal.uuid)))
                self.summary.count_added("goal")

    # -- interventions ---------------------------------------------------------------


    def all(self):
        # The target's sessions before this source's come in: "made in a session the
        # target had never heard of" means edited on the source's side.
        self.target_sessions = set(self.target.state.entities["session"])
        self.sessions()
        theme_map = self.themes()
        self.quantity_kinds()
        self.goals(theme_map)
        self.setup()
        point = divergence_point(self.target, self.source,
                                 lambda item: self._mapped(item, theme_map, number=item.number))
        self.interventions(theme_map, point)
        self.deletions(point)
        self.votes()
        self.quotes(theme_map)
        merge_toets(self)


def merge_projects(target, sources, rule=KEEP_BOTH, labels=None, numbered_first=frozenset()) -> MergeSummary:
    """Merge open ``sources`` into the open ``target`` as one undo step (one transaction).

    ``numbered_first``: ideas whose numbers stand when another idea has the same one (in a
    sync: those the shared database already holds); see ``merge_numbers.py``."""
    summary = MergeSummary()
    target_rows = version_rows(target)
    target_versions = vectors(target_rows)
    scratch = target.scratch_copy()
    commands, added, resolved = [], {}, set(_setting(target, "merge_resolved", []))
    new_resolved = set()
    plans = []
    replica = merge_replica(target)  # once: a target kept in memory gets one fresh id, not one per source
    numbers_before = {item.uuid: item.number for item in target.all("intervention")}
    source_rows = [version_rows(source) for source in sources]  # once per source, handed on to every step
    known_here = known_ideas(target, target_rows)
    shared = set().union(*(known_here & known_ideas(source, rows) for source, rows in zip(sources, source_rows)))
    for index, source in enumerate(sources):
        label = labels[index] if labels else _("bron {number}").format(number=index + 1)
        summary.sources.append(label)
        plan = _Plan(scratch, source, source_rows[index], label, rule, summary, replica,
                     frozenset(resolved | new_resolved), log=commands, target_versions=target_versions)
        plan.all()
        plans.append(plan)
        added.update(plan.provenance)
        new_resolved |= plan.new_resolved
    # An idea a later file brought back (edited there, deleted in an earlier one) gets
    # the votes the earlier files had for it; else a second merge would add them.
    for plan in plans:
        plan.votes(only_missing=True)
    if plans:  # once everything is in: no two ideas share a number
        sides = {uuid: index + 1 for index, plan in enumerate(plans) for uuid in plan.provenance}
        reconcile_numbers(plans[-1], shared, {**provenance(target), **added}, numbered_first, sides, numbers_before)
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

