"""Per-project grants: write, read only, or nothing; row-level security enforces them
and the app says so in one Dutch line."""

import shutil

import psycopg
import pytest
from shapely.geometry import Point

from tests.test_sync_postgis import _role, of_database, of_file, sync, titles
from workbench.cli import main
from workbench.core.commands import AddIntervention, EditIntervention
from workbench.store import open_project
from workbench.store.merge_source import project_uuid


def edit_first(path, title):
    project = open_project(path)
    try:
        project.execute(EditIntervention(project.interventions()[0].uuid, title=title))
        return project_uuid(project.repository)
    finally:
        project.close()


def add_idea(path, title):
    project = open_project(path)
    try:
        return project.execute(AddIntervention(title, Point(195200, 325200))).uuid
    finally:
        project.close()


def grant(database, path, role, *extra):
    assert main(["db", "grant", "--db", database, "--project", str(path), "--role", role, *extra]) == 0


def test_a_read_only_grant_pulls_but_never_pushes_and_no_grant_reads_nothing(sample_path, tmp_path, database,
                                                                             postgis_server, capsys):
    reader_laptop = tmp_path / "lezer.gpkg"
    shutil.copy(sample_path, reader_laptop)
    writer = _role(postgis_server, database, "facilitator_noord", "werkbank_facilitator")
    reader = _role(postgis_server, database, "facilitator_oost", "werkbank_facilitator")
    stranger = _role(postgis_server, database, "facilitator_zuid", "werkbank_facilitator")
    grant(database, sample_path, "facilitator_noord")
    grant(database, sample_path, "facilitator_oost", "--read-only")
    assert "mag project" in (line := capsys.readouterr().out.splitlines()[-1]) and "lezen, niet schrijven" in line
    assert main(["db", "grant", "--db", database, "--project", str(sample_path), "--role", "facilitatr_typo"]) == 2
    assert "De rol facilitatr_typo bestaat niet" in capsys.readouterr().err
    # a mistyped file name is refused, not granted as if it were a project's UUID
    assert main(["db", "grant", "--db", database, "--project", str(tmp_path / "Avond2.gpkg"),
                 "--role", "facilitator_noord"]) == 2
    assert "geen bestaand projectbestand en ook geen project-UUID" in capsys.readouterr().err
    with psycopg.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM werkbank.toegang WHERE project_uuid LIKE %s",
                            ("%Avond2%",)).fetchone()[0] == 0
    uuid = edit_first(sample_path, "Bewerkt door noord")
    assert sync(sample_path, writer).pushed > 0

    # read only: the others' work comes in, the laptop's own edits are refused in Dutch
    assert main(["sync", str(reader_laptop), "--db", reader]) == 0
    assert titles(reader_laptop) == titles(sample_path)
    capsys.readouterr()
    edit_first(reader_laptop, "Bewerkt door oost")
    added = add_idea(sample_path, "Bankje aan de vijver")
    assert sync(sample_path, writer).pushed > 0
    assert main(["sync", str(reader_laptop), "--db", reader]) == 2
    out, err = capsys.readouterr()
    assert "alleen lezen" in err and "(1 rij)" in err and len(err.splitlines()) == 1 and "Traceback" not in err
    # what did come in is reported before the refusal, and is in the file
    assert "Toegevoegd: 1 idee." in out.splitlines()
    assert (added, "Bankje aan de vijver") in titles(reader_laptop)
    assert "Bewerkt door oost" not in {i[0] for i in of_database(database, sample_path)["ideas"].values()}
    # the database itself refuses, whatever the app does
    with psycopg.connect(reader, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM werkbank.rijen WHERE project_uuid = %s", (uuid,)).fetchone()[0] > 0
        assert conn.execute("UPDATE werkbank.rijen SET levend = false WHERE project_uuid = %s",
                            (uuid,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO werkbank.rijen (project_uuid, uuid, soort) VALUES (%s, 'x', 'theme')", (uuid,))

    # no grant: reads nothing, writes nothing, and is told so before anything happens
    views = ("ideeen", "stemmen_per_idee", "thema_telling", "toets_per_idee", "toets_samenvatting")
    with psycopg.connect(stranger, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM werkbank.rijen WHERE project_uuid = %s", (uuid,)).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM werkbank.projecten WHERE uuid = %s", (uuid,)).fetchone()[0] == 0
        # not through the views either (they run as their owner, so they filter themselves)
        assert [conn.execute(f"SELECT count(*) FROM werkbank.{view}").fetchone()[0] for view in views] == [0] * 5
    with psycopg.connect(reader, autocommit=True) as conn:
        assert all(conn.execute(f"SELECT count(*) FROM werkbank.{view}").fetchone()[0] > 0 for view in views)
    before = of_file(reader_laptop)
    assert main(["sync", str(reader_laptop), "--db", stranger]) == 2
    err = capsys.readouterr().err
    assert "geen toegang tot dit project" in err and len(err.splitlines()) == 1
    assert of_file(reader_laptop) == before

    # a write grant later replaces the read-only one: the held-back edit goes out now
    grant(database, sample_path, "facilitator_oost")
    assert main(["sync", str(reader_laptop), "--db", reader]) == 0
    assert "Bewerkt door oost" in {i[0] for i in of_database(database, sample_path)["ideas"].values()}


def test_grants_made_before_read_grants_existed_stay_write_grants_after_db_init(sample_path, postgis_server,
                                                                                monkeypatch):
    from workbench.store import postgis

    url = postgis_server.new_database()
    conn = postgis.connect(url)
    monkeypatch.setattr(postgis, "MIGRATIONS", postgis.MIGRATIONS[:1])  # a database made by the first version
    postgis.init(conn)
    project = open_project(sample_path, read_only=True)
    uuid = project_uuid(project.repository)
    project.close()
    conn.execute("INSERT INTO werkbank.toegang (project_uuid, rol) VALUES (%s, 'facilitator_west'), "
                 "(%s, 'rol_die_er_nog_niet_is')", (uuid, uuid))  # a grant to a role not (yet) made: harmless
    monkeypatch.undo()
    assert postgis.init(conn) == list(range(2, len(postgis.MIGRATIONS) + 1))
    conn.close()
    writer = _role(postgis_server, url, "facilitator_west", "werkbank_facilitator")
    assert sync(sample_path, writer).pushed > 0


def test_a_database_made_with_four_migrations_gets_the_reference_view_on_db_init(postgis_server, monkeypatch):
    """Views added after a release go into a new migration: one written into an earlier
    migration never reaches a database that already ran it."""
    from workbench.store import postgis

    url = postgis_server.new_database()
    conn = postgis.connect(url)
    monkeypatch.setattr(postgis, "MIGRATIONS", postgis.MIGRATIONS[:4])  # a database made before the view
    postgis.init(conn)
    monkeypatch.undo()
    assert postgis.init(conn) == [5]
    assert conn.execute("SELECT to_regclass('werkbank.referentie')").fetchone()[0] is not None
    conn.close()
