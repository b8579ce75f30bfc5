"""A project file keeps its replica id while it is the same file, so version vectors stay
small however often it is opened; a copy gets its own, so merges still decide exactly."""

import os
import shutil

from tests.laptop_files import merge
from workbench.core.commands import EditIntervention
from workbench.store import open_project


def edit_once(path, uuid, title):
    project = open_project(path)
    try:
        project.execute(EditIntervention(uuid, title=title))
    finally:
        project.close()


def vector(path, uuid) -> dict:
    project = open_project(path, read_only=True)
    try:
        return project.repository.versions()[uuid][1]
    finally:
        project.close()


def title(path, uuid):
    project = open_project(path, read_only=True)
    try:
        return project.get("intervention", uuid).title
    finally:
        project.close()


def test_after_1000_openings_vectors_stay_small_and_merges_still_decide_exactly(sample_path, tmp_path):
    project = open_project(sample_path, read_only=True)
    idea, other = (i.uuid for i in project.interventions()[:2])
    project.close()
    before = vector(sample_path, idea)  # the sample's own making
    early = tmp_path / "kopie-halverwege.gpkg"
    for opening in range(1000):
        edit_once(sample_path, idea, f"Titel {opening}")
        if opening == 499:
            shutil.copy(sample_path, early)
    versions = vector(sample_path, idea)
    assert len(versions) == len(before) + 1 and sorted(set(versions.items()) - set(before.items()))[0][1] == 1000
    # the copy made halfway, untouched since: older, the original's edits stand
    assert merge(sample_path, early).conflicts == []
    assert title(sample_path, idea) == "Titel 999"
    # edited after it was copied: its own id (the counters of the original are not
    # continued), so its edit and the original's later ones are concurrent: listed
    edit_once(early, idea, "Op de kopie")
    assert len(vector(early, idea)) == len(before) + 2
    summary = merge(sample_path, early)
    assert [c.kind for c in summary.conflicts] == ["intervention"]
    # an edit made on the copy after it took the original's: newer, taken without conflict
    merge(early, sample_path)
    edit_once(early, other, "Later op de kopie")
    assert merge(sample_path, early).conflicts == [] and title(sample_path, other) == "Later op de kopie"
    assert max(len(vector(sample_path, u)) for u in (idea, other)) <= len(before) + 2


def test_a_moved_file_is_the_same_file_and_keeps_its_id_but_a_copy_does_not(sample_path, tmp_path):
    project = open_project(sample_path, read_only=True)
    idea = project.interventions()[0].uuid
    project.close()
    before = len(vector(sample_path, idea))
    edit_once(sample_path, idea, "Eerste")
    moved = tmp_path / "verplaatst.gpkg"
    os.replace(sample_path, moved)
    edit_once(moved, idea, "Na het verplaatsen")
    assert len(vector(moved, idea)) == before + 1 and max(vector(moved, idea).values()) == 2
    copy = tmp_path / "kopie.gpkg"
    shutil.copy(moved, copy)
    edit_once(copy, idea, "Op de kopie")
    assert len(vector(copy, idea)) == before + 2


def test_a_file_stores_its_replica_id_with_its_first_write_only(sample_path, tmp_path):
    """The id is written once per opening, in the first edit's transaction; every later
    edit rewrote it (one statement more per keystroke committed)."""
    copy = tmp_path / "kopie.gpkg"
    shutil.copy(sample_path, copy)
    project = open_project(copy)
    writes = []
    project.repository.conn.set_trace_callback(
        lambda sql: writes.append(sql) if "'setting.replica'" in sql and sql.lstrip().upper().startswith("INSERT") else None)
    try:
        first = project.interventions()[0]
        for n in range(3):
            project.execute(EditIntervention(first.uuid, title=f"Titel {n}"))
    finally:
        project.repository.conn.set_trace_callback(None)
        project.close()
    assert len(writes) == 1, writes
    reopened = open_project(copy)
    try:
        assert reopened.get("intervention", first.uuid).title == "Titel 2"
    finally:
        reopened.close()
