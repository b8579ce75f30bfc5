"""Merge sources as they come from the field: left in WAL mode by QGIS or a laptop that
was switched off, of another project, with UUIDs in the wrong form."""

import os
import signal
import subprocess
import sys

import pytest
from shapely.geometry import Point

from workbench.cli import main
from workbench.errors import ValidationError
from workbench.io.merge import merge_files
from workbench.io.merge_sources import DifferentProjectError
from workbench.store import open_project

IDEA = "0b7d4c1e-0000-4000-8000-000000000001"

# Builds a schema-1 project (as the first version wrote them), switches it to WAL mode
# as QGIS does, adds one idea and dies with kill -9: the idea lives only in the -wal file.
_WAL_WRITER = """
import os, signal, sys
from shapely.geometry import Point
from workbench.store import gpkg_blob
from workbench.store.connection import connect
from workbench.store.migrations import migrate
from workbench.store.schema import APPLICATION_ID, GPKG_USER_VERSION

conn = connect(sys.argv[1])
conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
conn.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
migrate(conn, target=int(sys.argv[2]))
assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
conn.execute("PRAGMA wal_autocheckpoint = 0")
conn.execute("INSERT INTO interventions (uuid, number, title, status, created_at, changed_at, geom) "
             "VALUES (?, 1, 'Alleen in de WAL', 'idee', '2026-01-01T00:00:00.000+00:00', "
             "'2026-01-01T00:00:00.000+00:00', ?)", (sys.argv[3], gpkg_blob.encode(Point(195000, 325500))))
os.kill(os.getpid(), signal.SIGKILL)
"""


def wal_source(path, schema=1):
    run = subprocess.run([sys.executable, "-c", _WAL_WRITER, str(path), str(schema), IDEA],
                         capture_output=True, text=True)
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert os.path.getsize(str(path) + "-wal") > 0
    return path


def side_files(path) -> dict:
    return {suffix: open(str(path) + suffix, "rb").read() for suffix in ("", "-wal")}


def merge(target, sources, **options):
    project = open_project(target)
    try:
        return merge_files(project, sources, **options)
    finally:
        project.close()


def titles(path) -> list:
    project = open_project(path, read_only=True)
    try:
        return [i.title for i in project.interventions()]
    finally:
        project.close()


@pytest.mark.parametrize("schema", [1, 3])
def test_an_idea_that_lives_only_in_the_wal_of_a_source_is_merged(sample_path, tmp_path, schema):
    source = wal_source(tmp_path / "qgis.gpkg", schema)
    before = side_files(source)
    summary = merge(sample_path, [source])
    assert summary.added.get("intervention") == 1
    assert not any("niets nieuws" in line for line in summary.lines())
    assert "Alleen in de WAL" in titles(sample_path)
    assert side_files(source) == before  # the source (and its -wal) is never written to


def test_a_source_of_another_project_is_refused_unless_confirmed(sample_path, caumerbeekdal_path):
    with pytest.raises(DifferentProjectError, match="ander project"):
        merge(sample_path, [caumerbeekdal_path])
    assert not [t for t in titles(sample_path) if t in titles(caumerbeekdal_path)]
    summary = merge(sample_path, [caumerbeekdal_path], other_project=True)
    assert summary.added["intervention"] == len(titles(caumerbeekdal_path))


def test_cli_refuses_another_project_in_one_dutch_line_and_merges_with_the_flag(sample_path, caumerbeekdal_path,
                                                                              capsys):
    assert main(["merge", str(sample_path), str(caumerbeekdal_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ander project" in err and "--other-project" in err
    assert main(["merge", str(sample_path), str(caumerbeekdal_path), "--other-project"]) == 0
    assert "Toegevoegd" in capsys.readouterr().out


def test_the_target_under_another_name_of_the_same_file_is_refused(sample_path, tmp_path):
    link = tmp_path / "koppeling.gpkg"  # a hard link: one file, two names (resolve() cannot tell)
    os.link(sample_path, link)
    with pytest.raises(ValidationError, match="doelproject zelf"):
        merge(sample_path, [link])


def _edit_copy(path, statements):
    from workbench.store.connection import connect

    conn = connect(path)
    for sql in statements:
        conn.execute(sql)
    conn.close()


def test_upper_case_uuids_in_a_source_are_normalised_and_reported(sample_path, tmp_path):
    import shutil

    source = tmp_path / "hoofdletters.gpkg"
    shutil.copy(sample_path, source)
    project = open_project(source)
    from workbench.core.commands import AddIntervention, SetVotes
    from workbench.core.setup_commands import AddSession

    session = project.execute(AddSession("Avond", date="2026-03-01")).uuid
    project.set_current_session(session)
    new = project.execute(AddIntervention("Nieuw met hoofdletters", Point(195100, 325400))).uuid
    project.execute(SetVotes(new, 3))
    old = project.interventions()[0].uuid
    project.close()
    columns = {"interventions": ("uuid", "created_session_uuid", "changed_session_uuid"), "sessions": ("uuid",),
               "intervention_themes": ("uuid", "intervention_uuid"), "votes": ("uuid", "intervention_uuid",
                                                                              "session_uuid")}
    _edit_copy(source, ["PRAGMA foreign_keys = OFF"] + [f"UPDATE {table} SET {column} = upper({column})"
                                                        for table, names in columns.items() for column in names])
    before = titles(sample_path)
    summary = merge(sample_path, [source])
    lines = "\n".join(summary.lines())
    assert "genormaliseerd" in lines and "interventions" in lines
    after = titles(sample_path)
    assert len(after) == len(before) + 1  # the known ideas are matched, not doubled
    target = open_project(sample_path, read_only=True)
    try:
        assert target.get("intervention", new) is not None and target.get("intervention", old) is not None
        assert target.vote_for(new, session).count == 3
    finally:
        target.close()


def test_a_source_with_a_duplicate_uuid_is_refused_naming_the_table(sample_path, tmp_path):
    import shutil

    source = tmp_path / "dubbel.gpkg"
    shutil.copy(sample_path, source)
    _edit_copy(source, ["INSERT INTO quotes (uuid, text) SELECT upper(uuid), 'Kopie' FROM quotes LIMIT 1"])
    before = titles(sample_path)
    with pytest.raises(ValidationError, match="tabel quotes bevat dezelfde UUID"):
        merge(sample_path, [source])
    assert titles(sample_path) == before
