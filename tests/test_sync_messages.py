"""What a facilitator reads when the database is not there, not theirs, or not ready:
one Dutch line each, against the real server, and the laptop's file unchanged."""

import psycopg
import pytest

from tests.postgis_server import _free_port
from tests.test_sync_postgis import of_file
from workbench.cli import main


def refused(capsys, path, url, *, command=None):
    before = of_file(path)
    assert main(command or ["sync", str(path), "--db", url]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err and "psycopg" not in err, err
    assert of_file(path) == before
    return err


def test_a_server_that_does_not_answer(sample_path, capsys):
    err = refused(capsys, sample_path, f"postgresql://facilitator@127.0.0.1:{_free_port()}/gemeente")
    assert "De database is niet bereikbaar: server 127.0.0.1:" in err and "later synchroniseren" in err


def test_a_wrong_or_missing_password_and_a_user_pg_hba_shuts_out(sample_path, database, capsys, monkeypatch, tmp_path):
    with psycopg.connect(database, autocommit=True) as conn:
        for role in ("geheim", "buitengesloten"):
            conn.execute(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN "
                         f"CREATE ROLE {role} LOGIN PASSWORD 'Zeer-Geheim-42' IN ROLE werkbank_facilitator; "
                         "END IF; END $$")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "geen-bestand"))
    err = refused(capsys, sample_path, database.replace("postgres@", "geheim@"))
    assert "weigert de aanmelding van geheim: het wachtwoord ontbreekt of klopt niet" in err
    monkeypatch.setenv("PGPASSWORD", "fout-wachtwoord")
    err = refused(capsys, sample_path, database.replace("postgres@", "geheim@"))
    assert "weigert de aanmelding van geheim" in err and "fout-wachtwoord" not in err
    err = refused(capsys, sample_path, database.replace("postgres@", "buitengesloten@"))
    assert "laat gebruiker buitengesloten niet binnen vanaf deze computer" in err and "pg_hba.conf" in err
    err = refused(capsys, sample_path, database.replace("postgres@", "onbekende_gebruiker@"))
    assert "kent gebruiker onbekende_gebruiker niet" in err
    err = refused(capsys, sample_path, database.rsplit("/", 1)[0] + "/bestaat_niet")
    assert "bestaat database bestaat_niet niet" in err


def test_a_database_without_the_schema_says_run_db_init(sample_path, postgis_server, capsys):
    url = postgis_server.new_database()
    err = refused(capsys, sample_path, url)
    assert "nog niet ingericht" in err and "workbench db init" in err
    assert main(["db", "init", "--db", url]) == 0
    assert main(["sync", str(sample_path), "--db", url]) == 0


@pytest.mark.parametrize("schema", ["newer", "older"])
def test_a_schema_newer_or_older_than_the_app_is_refused_before_anything_changes(sample_path, database, capsys,
                                                                                  schema):
    from workbench.store import postgis

    with psycopg.connect(database, autocommit=True) as conn:
        if schema == "newer":
            conn.execute("INSERT INTO werkbank.schema_versie VALUES (%s)", (len(postgis.MIGRATIONS) + 1,))
        else:
            conn.execute("DELETE FROM werkbank.schema_versie WHERE versie = %s", (len(postgis.MIGRATIONS),))
    err = refused(capsys, sample_path, database)
    if schema == "newer":
        assert "nieuwere versie van de werkbank" in err and "werk de werkbank bij" in err
        err = refused(capsys, sample_path, database, command=["db", "init", "--db", database])
        assert "nieuwere versie van de werkbank" in err
    else:
        assert "ouder dan deze versie" in err and "workbench db init" in err
    with psycopg.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM werkbank.rijen").fetchone()[0] == 0
