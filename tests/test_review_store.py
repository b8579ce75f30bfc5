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

    monkeypatch.setattr("workbench.store.connection.connect", impatient_connect)  # every open goes through it
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


# Any value another tool can write into a cell (SQLite does not enforce column types).
_CELLS = ([("interventions", c) for c in ("number", "title", "status", "horizon", "primary_theme_uuid",
                                          "created_at", "changed_at", "created_session_uuid")]
          + [("themes", c) for c in ("name", "color", "parent_uuid", "sort_order")]
          + [("sessions", c) for c in ("title", "date", "participants")]
          + [("goals", c) for c in ("title", "target", "quantity_key", "unit", "theme_uuid")]
          + [("votes", "count"), ("intervention_quantities", "value"), ("intervention_quantities", "quantity_key"),
             ("quotes", "text"), ("quotes", "speaker"), ("quantity_kinds", "label"), ("quantity_kinds", "sort_order"),
             ("project_info", "name"), ("project_info", "description"), ("tombstones", "deleted_at")])


def test_any_value_written_by_another_tool_opens_prints_exports_and_edits(_built_samples, tmp_path_factory):
    import shutil

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from workbench.core.commands import DeleteInterventions, EditIntervention
    from workbench.core.setup_commands import DeleteSession
    from workbench.core.theme_commands import DeleteTheme
    from workbench.errors import WorkbenchError
    from workbench.io.export_csv import export_csv
    from workbench.io.export_geojson import export_geojson
    from workbench.io.export_gpkg import export_gpkg
    from workbench.report import export_pdf
    from workbench.store import open_project

    values = st.one_of(st.none(), st.integers(-2 ** 63, 2 ** 63 - 1), st.floats(), st.text(max_size=20),
                       st.binary(max_size=10))

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(edits=st.lists(st.tuples(st.sampled_from(_CELLS), values), min_size=1, max_size=4))
    def check(edits):
        folder = tmp_path_factory.mktemp("qgis")
        path = folder / "project.gpkg"
        shutil.copy(_built_samples["heerlerheide"], path)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA foreign_keys = OFF")
        for (table, column), value in edits:
            try:
                conn.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = (SELECT MIN(rowid) FROM {table})",
                             (value,))
            except sqlite3.IntegrityError:
                pass  # NOT NULL and UNIQUE hold in QGIS too
        conn.commit()
        conn.close()
        try:
            project = open_project(path)
        except WorkbenchError:
            return
        try:
            shown = snapshot(project)
            for kind in ("handout", "report", "poster"):
                export_pdf(project, folder / f"{kind}.pdf", kind=kind)
            export_csv(project, folder / "uit.csv")
            export_geojson(project, folder / "uit.geojson")
            export_gpkg(project, folder / "uit.gpkg")
            for theme in project.themes()[:2]:
                project.execute(DeleteTheme(theme.uuid))
            if project.sessions():
                project.execute(DeleteSession(project.sessions()[0].uuid))
            first = project.interventions()[0].uuid
            project.execute(EditIntervention(first, title="Anders"))
            project.execute(DeleteInterventions([first]))
            while project.undo_stack.can_undo():
                project.undo_stack.undo()
            assert snapshot(project) == shown == reopened_snapshot(path)
        finally:
            project.close()

    check()
