"""Review: a commit the file refuses is a Dutch message, changes nothing, and the next
edit is saved again."""

import sqlite3

import pytest
from shapely.geometry import Point

from tests.helpers import reopened_snapshot, snapshot
from workbench.core.commands import AddIntervention
from workbench.errors import ProjectFileError


@pytest.fixture
def impatient(project):
    project.repository.conn.execute("PRAGMA busy_timeout = 50")  # keep the test fast
    return project


def _other_program(path, holding):
    other = sqlite3.connect(path, isolation_level=None)
    if holding == "writing":
        other.execute("BEGIN IMMEDIATE")
    else:  # a long read, as QGIS does while it draws
        other.execute("BEGIN")
        other.execute("SELECT * FROM interventions").fetchone()
    return other


@pytest.mark.parametrize("holding", ["writing", "reading"])
def test_a_busy_file_is_a_dutch_refusal_and_the_next_edit_is_saved(impatient, holding):
    project = impatient
    before = snapshot(project)
    other = _other_program(project.path, holding)
    try:
        with pytest.raises(ProjectFileError, match="bezet door een ander programma"):
            project.execute(AddIntervention("Terwijl QGIS bezig is", Point(195000, 325000)))
        assert snapshot(project) == before and not project.undo_stack.can_undo()
        with pytest.raises(ProjectFileError, match="bezet"):
            project.set_current_session(project.sessions()[-1].uuid)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not project.repository.conn.in_transaction
    command = project.execute(AddIntervention("Daarna", Point(195000, 325000)))
    assert snapshot(project) == reopened_snapshot(project.path)
    assert project.get("intervention", command.uuid) is not None


def test_a_file_that_refuses_writes_is_a_dutch_refusal(project):
    before = snapshot(project)
    project.repository.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(ProjectFileError, match="niet worden bewaard"):
        project.execute(AddIntervention("Bankje", Point(195000, 325000)))
    assert snapshot(project) == before and not project.undo_stack.can_undo()


def test_opening_a_file_another_program_is_writing_says_busy_not_damaged(sample_path, monkeypatch):
    from workbench.store import connection, open_project

    real_connect = connection.connect

    def impatient_connect(path, read_only=False):
        conn = real_connect(path, read_only)
        conn.execute("PRAGMA busy_timeout = 50")
        return conn

    monkeypatch.setattr("workbench.store.project_file.connect", impatient_connect)
    other = sqlite3.connect(sample_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(ProjectFileError, match="bezet door een ander programma") as refused:
            open_project(sample_path)
        assert "beschadigd" not in str(refused.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    open_project(sample_path).close()  # not left locked by the refused attempt
