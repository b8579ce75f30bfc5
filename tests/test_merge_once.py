"""What the steps of a merge share, done once: one merge edits the target as ONE replica
whatever the number of sources, each source's row versions are read once, and the rules
several kinds of row follow (which blank fields a source fills, which rows a source
deleted) are one rule for all of them."""

import base64
import contextlib

import pytest
from shapely.geometry import Point

from tests.laptop_files import copies, edit, merge, read

from workbench.core.commands import DeleteInterventions, EditIntervention, SetVotes
from workbench.core.layer_style import LayerStyle
from workbench.core.layer_style_commands import SetLayerStyle
from workbench.core.model import ReferenceFeature, ReferenceLayer, new_uuid
from workbench.core.setup_commands import AddReferenceLayer, DeleteReferenceLayer, EditSession
from workbench.core.theme_commands import DeleteTheme
from workbench.core.toets_commands import AnswerIdea, ClearAnswer, WeighIdea
from workbench.core.underlay_commands import AddUnderlay, DeleteUnderlay, EditUnderlay
from workbench.io.merge import merge_files, merge_projects
from workbench.store import open_project


@pytest.fixture
def retagged(sample_path, tmp_path):
    """A hub that deleted a theme, and two laptops that each tagged another idea with it:
    merging either one drops that link, an edit the merge itself makes (a version of its own)."""
    hub, one, two = copies(sample_path, tmp_path, "hub", "one", "two")
    theme = read(hub, lambda p: p.themes()[0].uuid)
    ideas = read(hub, lambda p: [i.uuid for i in p.interventions() if theme not in i.theme_uuids][:2])
    edit(hub, DeleteTheme(theme))
    edit(one, EditIntervention(ideas[0], theme_uuids=[theme]))
    edit(two, EditIntervention(ideas[1], theme_uuids=[theme]))
    return hub, [one, two], ideas


def replicas_of_sources(paths) -> set:
    return {replica for path in paths for (_kind, vector, _alive) in read(path, lambda p: p.repository.versions())
            .values() for replica in vector}


def test_a_merge_of_two_files_into_a_project_file_counts_its_own_edits_under_the_files_replica(retagged):
    hub, sources, ideas = retagged
    merge(hub, *sources)
    with contextlib.closing(open_project(hub)) as project:  # opened for writing: the file's own id
        own, versions = project.repository.replica, project.repository.versions()
    assert {ideas[0], ideas[1]} <= versions.keys()
    for idea in ideas:
        assert set(versions[idea][1]) - replicas_of_sources(sources) == {own}


def test_a_merge_of_two_files_into_a_project_in_memory_is_one_replica_too(retagged):
    hub, sources, ideas = retagged
    with contextlib.closing(open_project(hub, read_only=True)) as opened:
        target = opened.scratch_copy()  # the same rows, kept in memory only
    laptops = [open_project(path, read_only=True) for path in sources]
    try:
        merge_projects(target, laptops)
    finally:
        for laptop in laptops:
            laptop.close()
    [batch] = target.undo_stack._done
    made, theirs = {}, replicas_of_sources(sources)
    for change in batch.changes:
        for replica in set(change.version or {}) - theirs:
            made.setdefault(replica, set()).add(change.uuid)
    assert len(made) == 1, made  # one merge, one replica: not one per source
    assert set(ideas) <= next(iter(made.values()))


def test_each_source_s_row_versions_are_read_once_per_merge(retagged):
    """A laptop's file may hold many thousands of versions; every step of the merge works
    from the one reading (the rules that needed them read them again, up to four times)."""
    hub, sources, _ideas = retagged
    reads = {}
    laptops = [open_project(path, read_only=True) for path in sources]
    try:
        for laptop in laptops:
            count = reads.setdefault(laptop.path, [])
            laptop.repository.conn.set_trace_callback(
                lambda sql, count=count: count.append(sql) if "FROM row_versions" in sql else None)
        with contextlib.closing(open_project(hub)) as target:
            merge_projects(target, laptops)
    finally:
        for laptop in laptops:
            laptop.close()
    assert {path: len(sqls) for path, sqls in reads.items()} == {laptop.path: 1 for laptop in laptops}


PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def test_a_session_and_an_underlay_changed_on_both_sides_keep_the_target_s_values_blanks_filled(sample_path,
                                                                                             tmp_path):
    hub, laptop = copies(sample_path, tmp_path, "hub", "laptop")
    session = read(hub, lambda p: p.sessions()[0].uuid)
    edit(hub, AddUnderlay("Schets", PNG, "png"))
    merge(laptop, hub)
    underlay = read(hub, lambda p: p.all("underlay")[0].uuid)
    edit(hub, EditSession(session, place="Buurthuis", facilitator=""), EditUnderlay(underlay, c=195100.0, f=0.0))
    edit(laptop, EditSession(session, place="Bibliotheek", facilitator="Anna de Vries"),
         EditUnderlay(underlay, c=195200.0, f=325000.0))
    summary = merge(hub, laptop)
    assert read(hub, lambda p: (p.get("session", session).place, p.get("session", session).facilitator)) == \
        ("Buurthuis", "Anna de Vries")
    assert read(hub, lambda p: (p.get("underlay", underlay).c, p.get("underlay", underlay).f)) == (195100.0, 325000.0)
    lines = sorted(conflict.line() for conflict in summary.conflicts)
    assert len(lines) == 2
    assert "Schets" in lines[0] and "(c)" in lines[0]  # only the real difference is named
    assert "(place)" in lines[1]
    assert merge(hub, laptop).conflicts == []


def test_what_a_laptop_cleared_or_deleted_travels_once_and_a_later_judgement_here_stands(sample_path, tmp_path):
    hub, laptop = copies(sample_path, tmp_path, "hub", "laptop")
    idea = read(hub, lambda p: p.interventions()[0].uuid)
    edit(hub, WeighIdea(idea, "koppelkansen", "voldoet"), AddUnderlay("Schets", PNG, "png"))
    merge(laptop, hub)
    underlay = read(laptop, lambda p: p.all("underlay")[0].uuid)
    edit(laptop, WeighIdea(idea, "koppelkansen", None), DeleteUnderlay(underlay))
    summary = merge(hub, laptop)
    assert read(hub, lambda p: (p.all("verdict"), p.all("underlay"))) == ([], [])
    assert summary.conflicts == []
    edit(hub, WeighIdea(idea, "koppelkansen", "strijdig"))  # weighed again, after seeing the clearing
    again = merge(hub, laptop)
    assert read(hub, lambda p: [v.verdict for v in p.all("verdict")]) == ["strijdig"]
    assert again.conflicts == [] and again.changes == 0


def _underlay(path):
    return read(path, lambda p: p.all("underlay")[0].uuid)


def _layer(path):
    return read(path, lambda p: next(r.uuid for r in p.reference_layers() if r.name == "Bomen"))


def _idea(path):
    return read(path, lambda p: p.interventions()[0].uuid)


def _session(path):
    return read(path, lambda p: p.sessions()[0].uuid)


# Kinds without tombstones: (made on the hub, deleted, edited), each a function of a file
# giving the commands. An area is never deleted by hand (only a merge deletes a second one).
WITHOUT_TOMBSTONES = {
    "vote": (lambda path: SetVotes(_idea(path), 3, _session(path)),  # votes go with their idea
             lambda path: DeleteInterventions([_idea(path)]),
             lambda path: (SetVotes(_idea(path), 5, _session(path)), EditIntervention(_idea(path), title="Nieuw"))),
    "underlay": (lambda path: AddUnderlay("Schets", PNG, "png"), lambda path: DeleteUnderlay(_underlay(path)),
                 lambda path: EditUnderlay(_underlay(path), opacity=0.3)),
    "reference_layer": (
        lambda path: AddReferenceLayer(ReferenceLayer(new_uuid(), "Bomen", "PDOK", (ReferenceFeature(
            new_uuid(), "Eik", Point(195000, 325000), (("soort", "eik"),)),))),
        lambda path: DeleteReferenceLayer(_layer(path)),
        lambda path: SetLayerStyle(_layer(path), LayerStyle(line_color="#aa0000"))),
    "verdict": (lambda path: WeighIdea(_idea(path), "koppelkansen", "voldoet"),
                lambda path: WeighIdea(_idea(path), "koppelkansen", None),
                lambda path: WeighIdea(_idea(path), "koppelkansen", "strijdig")),
    "answer": (lambda path: AnswerIdea(_idea(path), "in-uitvoering", "Van de hub"),
               lambda path: ClearAnswer(_idea(path)),
               lambda path: AnswerIdea(_idea(path), "doorgegeven", "Herzien", referred_to="Provincie")),
}


@pytest.mark.parametrize("kind", sorted(WITHOUT_TOMBSTONES))
def test_merging_again_changes_nothing_after_a_row_deleted_on_both_sides_came_back_edited(kind, sample_path,
                                                                                         tmp_path):
    """The hub and one laptop deleted a row, a second laptop edited it. The first merge
    brings the edit back (it never saw the deletions); merging the same files again must
    change nothing, not even a version (it wrote one version-only change: the deleting
    laptop's version was never taken in, so its deletion stayed "concurrent")."""
    made, deleted, edited = WITHOUT_TOMBSTONES[kind]
    hub = copies(sample_path, tmp_path, "hub")[0]
    edit(hub, *_commands(made, hub))
    rows = read(hub, lambda p: len(p.all(kind)))
    deleting, editing = copies(hub, tmp_path, "deleting", "editing")
    edit(hub, *_commands(deleted, hub))
    edit(deleting, *_commands(deleted, deleting))
    edit(editing, *_commands(edited, editing))
    merge(hub, deleting, editing)
    assert read(hub, lambda p: len(p.all(kind))) == rows  # the edit is back
    with contextlib.closing(open_project(hub)) as project:
        again = merge_files(project, [deleting, editing])
        assert (again.changes, project.undo_stack._done) == (0, [])


def _commands(made, path) -> tuple:
    commands = made(path)
    return commands if isinstance(commands, tuple) else (commands,)
