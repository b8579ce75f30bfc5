"""One merge of several files: the merge edits the target as ONE replica, whatever the
number of sources, and each source's row versions are read once."""

import contextlib

import pytest

from tests.laptop_files import copies, edit, merge, read
from workbench.core.commands import EditIntervention
from workbench.core.theme_commands import DeleteTheme
from workbench.io.merge import merge_projects
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
