"""Sync with a real PostgreSQL + PostGIS (skipped with a reason where it is not installed)."""

import shutil

from shapely.geometry import Point

from workbench.core.commands import AddIntervention, EditIntervention
from workbench.store import open_project
from workbench.sync.run import sync_project


def sync(path, url):
    project = open_project(path)
    try:
        return sync_project(project, url)
    finally:
        project.close()


def titles(path):
    project = open_project(path, read_only=True)
    try:
        return sorted((i.uuid, i.title) for i in project.interventions())
    finally:
        project.close()


def test_two_laptops_meet_through_the_database_and_a_second_sync_changes_nothing(sample_path, tmp_path, database):
    other = tmp_path / "ander.gpkg"
    shutil.copy(sample_path, other)
    first = sync(sample_path, database)
    assert first.pushed > 0
    project = open_project(other)
    try:
        project.execute(AddIntervention("Nieuw bij de ander", Point(195010, 325510)))
        idea = project.interventions()[0].uuid
        project.execute(EditIntervention(idea, title="Ander bewerkt"))
    finally:
        project.close()
    sync(other, database)
    sync(sample_path, database)
    assert titles(sample_path) == titles(other)
    again = sync(sample_path, database)
    assert again.changes == 0 and again.pushed == 0 and again.conflicts == []


def canonical(project) -> dict:
    """What every replica must agree on after syncing: the rows, by UUID."""
    return {
        "ideas": {i.uuid: (i.title, i.description, i.status, tuple(sorted(i.theme_uuids)), i.geometry.wkb, i.number)
                  for i in project.all("intervention")},
        "votes": sorted((v.intervention_uuid, v.session_uuid, v.count) for v in project.all("vote")),
        "sessions": sorted((s.uuid, s.title) for s in project.all("session")),
        "themes": sorted((t.uuid, t.name) for t in project.all("theme")),
        "goals": sorted((g.uuid, g.title) for g in project.all("goal")),
        "quotes": sorted((q.uuid, q.text) for q in project.all("quote")),
        "info": project.info,
        "area": sorted((a.uuid, a.name, a.geometry.wkb) for a in project.all("area")),
        "layers": sorted((r.uuid, r.name, len(r.features)) for r in project.all("reference_layer")),
        "underlays": sorted((u.uuid, u.name, u.opacity, u.image) for u in project.all("underlay")),
    }


def numbers_unique(state) -> bool:
    numbers = [idea[-1] for idea in state["ideas"].values()]
    return len(numbers) == len(set(numbers))


def of_file(path):
    project = open_project(path, read_only=True)
    try:
        return canonical(project)
    finally:
        project.close()


def of_database(url, path):
    from workbench.store import postgis
    from workbench.store.merge_source import project_uuid
    from workbench.sync.rows import snapshot

    project = open_project(path, read_only=True)
    try:
        uuid = project_uuid(project.repository)
    finally:
        project.close()
    conn = postgis.connect(url)
    try:
        return canonical(snapshot(postgis.rows(conn, uuid, list(postgis.versions_of(conn, uuid)))))
    finally:
        conn.close()


def run_evening(path, name, clock_days, edits):
    """One laptop's evening with its clock ``clock_days`` off: a session, an idea, votes, ``edits``."""
    from datetime import datetime, timedelta, timezone

    from workbench.core.commands import AddQuote, SetVotes
    from workbench.core.model import set_clock
    from workbench.core.setup_commands import AddSession

    set_clock(lambda: datetime.now(timezone.utc) + timedelta(days=clock_days))
    project = open_project(path)
    try:
        session = project.execute(AddSession(f"Bijeenkomst {name}", date="2026-03-01")).uuid
        project.set_current_session(session)
        new = project.execute(AddIntervention(f"Nieuw idee {name}", Point(195000 + len(name) * 10, 325500))).uuid
        project.execute(SetVotes(new, 3))
        for item in project.interventions()[:2]:
            project.execute(SetVotes(item.uuid, 2))
        project.execute(AddQuote(f"Mooi plan, zegt {name}", "Bewoner", new))
        edits(project)
    finally:
        project.close()
        set_clock(None)


def test_four_laptops_with_skewed_clocks_converge_in_any_sync_order(sample_path, tmp_path, database):
    import random

    from workbench.core.commands import DeleteInterventions

    names = ("noord", "oost", "zuid", "west")
    paths = {}
    for name in names:
        paths[name] = tmp_path / f"{name}.gpkg"
        shutil.copy(sample_path, paths[name])
    base = open_project(sample_path, read_only=True)
    x1, x2, x3, x4 = (i.uuid for i in base.interventions()[3:7])
    base_count = len(base.all("intervention"))
    base.close()
    rng = random.Random(12)
    for name in rng.sample(names, 4):
        sync(paths[name], database)
    run_evening(paths["noord"], "noord", -7, lambda p: (
        p.execute(EditIntervention(x1, title="Titel uit noord")), p.execute(DeleteInterventions([x4]))))
    run_evening(paths["oost"], "oost", +1, lambda p: (
        p.execute(EditIntervention(x1, description="Omschrijving uit oost")),
        p.execute(EditIntervention(x3, status="besloten"))))
    run_evening(paths["zuid"], "zuid", 0, lambda p: p.execute(DeleteInterventions([x2])))
    run_evening(paths["west"], "west", -7, lambda p: (
        p.execute(EditIntervention(x2, title="X2 bewerkt in west")), p.execute(EditIntervention(x3, notes="ok"))))
    conflicts, renumbered = [], []
    for _round in range(3):
        for name in rng.sample(names, 4):
            summary = sync(paths[name], database)
            conflicts += [c.kind for c in summary.conflicts]
            renumbered += summary.renumbered_lines()
    states = [of_file(paths[name]) for name in names]
    assert all(state == states[0] for state in states[1:])
    assert of_database(database, paths["noord"]) == states[0]
    assert numbers_unique(states[0])  # four laptops all made the same next number: settled alike everywhere
    # the four new ideas all had one number: three moved, once each, all a laptop's own
    # (an idea the database held kept its number), and each sync that moved one said so
    assert len(renumbered) == 3 and all(line.startswith(f"Idee {base_count + 1} van Bijeenkomst ")
                                        for line in renumbered), renumbered
    ideas = states[0]["ideas"]
    # x1 edited on two laptops: kept twice, listed once; x2 deleted vs edited: the edit
    # stays, listed once; x3 edited in different fields on two laptops: one conflict.
    assert sorted(conflicts) == ["intervention"] * 3
    assert ideas[x2][0] == "X2 bewerkt in west" and x4 not in ideas
    assert sum(1 for t in ideas.values() if t[0].startswith("Nieuw idee")) == 4
    assert len([q for q in states[0]["quotes"] if q[1].startswith("Mooi plan")]) == 4
    # each laptop's votes: 3 on its new idea, 2 on each of two existing ideas, never doubled
    for session, title in states[0]["sessions"]:
        if title.startswith("Bijeenkomst "):
            assert sorted(v[2] for v in states[0]["votes"] if v[1] == session) == [2, 2, 3]
    # nothing lost or duplicated: the base's ideas less x4, four new ones, two conflict copies
    assert len(ideas) == base_count - 1 + 4 + 2


def _role(postgis_server, url, name, group):
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN "
                     f"CREATE ROLE {name} LOGIN IN ROLE {group}; END IF; END $$")
    return url.replace("postgres@", f"{name}@")


def test_a_facilitator_without_a_grant_cannot_write_the_project(sample_path, database, postgis_server, capsys):
    from workbench.cli import main
    from workbench.store import postgis
    from workbench.store.merge_source import project_uuid

    granted = _role(postgis_server, database, "facilitator_noord", "werkbank_facilitator")
    other = _role(postgis_server, database, "facilitator_zuid", "werkbank_facilitator")
    assert main(["db", "grant", "--db", database, "--project", str(sample_path), "--role", "facilitator_noord"]) == 0
    assert main(["sync", str(sample_path), "--db", other]) == 2
    err = capsys.readouterr().err
    assert "geen toegang tot dit project" in err and "Traceback" not in err and len(err.splitlines()) == 1
    assert sync(sample_path, granted).pushed > 0
    project = open_project(sample_path)
    try:
        project.execute(EditIntervention(project.interventions()[0].uuid, title="Door zuid"))
        uuid = project_uuid(project.repository)
    finally:
        project.close()
    assert main(["sync", str(sample_path), "--db", other]) == 2  # an update is refused too
    conn = postgis.connect(database)
    try:
        assert "Door zuid" not in {r[4].get("title") for r in postgis.rows(conn, uuid, postgis.versions_of(conn, uuid))}
    finally:
        conn.close()


def test_a_viewer_reads_the_views_but_not_the_rows_or_residents_names(sample_path, database, postgis_server):
    import psycopg

    sync(sample_path, database)
    viewer = _role(postgis_server, database, "gis_team", "werkbank_viewer")
    with psycopg.connect(viewer, autocommit=True) as conn:
        ideas = conn.execute("SELECT titel, themas, ST_SRID(geom) FROM werkbank.ideeen").fetchall()
        assert len(ideas) == len(titles(sample_path)) and {srid for _t, _th, srid in ideas} == {28992}
        assert any(themes for _t, themes, _s in ideas)
        assert conn.execute("SELECT sum(stemmen) FROM werkbank.stemmen_per_idee").fetchone()[0] > 0
        columns = {row[0] for row in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'werkbank' "
            "AND table_name IN ('ideeen', 'stemmen_per_idee')")}
        assert not columns & {"speaker", "facilitator", "gegevens", "spreker"}
        # QGIS finds the views as layers in RD, through PostGIS's geometry_columns
        layers = set(conn.execute("SELECT f_table_name, srid FROM geometry_columns "
                                  "WHERE f_table_schema = 'werkbank'").fetchall())
        assert {("ideeen", 28992), ("stemmen_per_idee", 28992)} <= layers
        try:
            conn.execute("SELECT gegevens FROM werkbank.rijen")
            raise AssertionError("a viewer read the raw rows (with residents' names)")
        except psycopg.errors.InsufficientPrivilege:
            pass
    # GDAL (what QGIS uses) opens the view as the viewer, in RD, with every idea
    import shutil as tools
    import subprocess

    if tools.which("ogrinfo"):
        port = viewer.split(":")[2].split("/")[0]
        database_name = viewer.rsplit("/", 1)[1]
        out = subprocess.run(["ogrinfo", "-ro", "-so", f"PG:host=127.0.0.1 port={port} dbname={database_name} "
                              "user=gis_team", "werkbank.ideeen"], capture_output=True, text=True, check=True).stdout
        assert f"Feature Count: {len(titles(sample_path))}" in out and "28992" in out


def test_db_init_is_idempotent_and_sync_runs_from_the_command_line(sample_path, postgis_server, capsys):
    from workbench.cli import main

    url = postgis_server.new_database()
    assert main(["db", "init", "--db", url]) == 0
    assert main(["db", "init", "--db", url]) == 0
    assert "migraties: -" in capsys.readouterr().out
    assert main(["sync", str(sample_path), "--db", url]) == 0
    assert main(["sync", str(sample_path), "--db", url]) == 0
    assert "Verstuurd: 0 rijen." in capsys.readouterr().out.splitlines()[-1]


def test_an_unreachable_database_is_one_dutch_line_and_the_laptop_keeps_working(sample_path, capsys):
    from tests.postgis_server import _free_port
    from workbench.cli import main

    before = titles(sample_path)
    assert main(["sync", str(sample_path), "--db", f"postgresql://niemand@127.0.0.1:{_free_port()}/x"]) == 2
    err = capsys.readouterr().err
    assert "De database is niet bereikbaar" in err and len(err.splitlines()) == 1
    assert titles(sample_path) == before


def test_kill_9_during_a_sync_then_sync_again_converges(tmp_path, database):
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.sync_helpers import many_ideas

    laptop = many_ideas(tmp_path / "laptop.gpkg", 3000)
    other = tmp_path / "ander.gpkg"
    shutil.copy(laptop, other)
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    killed = 0
    for delay in (0.2, 0.5, 0.8, 1.2, 1.8):
        process = subprocess.Popen([sys.executable, "-m", "workbench", "sync", str(laptop), "--db", database],
                                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            killed += 1
        process.wait()
        project = open_project(other)
        try:  # the other laptop keeps editing meanwhile
            project.execute(EditIntervention(project.interventions()[int(delay * 10)].uuid,
                                             title=f"Ander {delay}"))
        finally:
            project.close()
    assert killed, "no sync was still running to be killed"
    for _round in range(2):
        sync(laptop, database)
        sync(other, database)
    assert of_file(laptop) == of_file(other) == of_database(database, laptop)
    assert len(of_file(laptop)["ideas"]) == 3000
    assert sync(laptop, database).pushed == 0


def test_a_password_in_the_address_is_refused_and_libpq_finds_it_in_the_passfile(sample_path, database, tmp_path,
                                                                                   postgis_server, capsys, monkeypatch):
    import psycopg

    from workbench.cli import main

    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'geheim') THEN "
                     "CREATE ROLE geheim LOGIN PASSWORD 'Zeer-Geheim-42' IN ROLE werkbank_facilitator; END IF; END $$")
    address = database.replace("postgres@", "geheim:Zeer-Geheim-42@")
    assert main(["sync", str(sample_path), "--db", address]) == 2
    err = capsys.readouterr().err
    assert "Zet geen wachtwoord in het databaseadres" in err and "Zeer-Geheim-42" not in err
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{postgis_server.port}:*:geheim:Zeer-Geheim-42\n")
    passfile.chmod(0o600)
    assert main(["db", "grant", "--db", database, "--project", str(sample_path), "--role", "geheim"]) == 0
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "geen-bestand"))
    assert main(["sync", str(sample_path), "--db", database.replace("postgres@", "geheim@")]) == 2
    assert "het wachtwoord ontbreekt of klopt niet" in capsys.readouterr().err
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    assert main(["sync", str(sample_path), "--db", database.replace("postgres@", "geheim@")]) == 0
    assert b"Zeer-Geheim-42" not in sample_path.read_bytes()


def test_kill_9_of_the_database_backend_during_a_sync_then_sync_again_converges(tmp_path, database):
    """The server side dies mid-sync (its backend process killed with SIGKILL: PostgreSQL
    restarts and recovers): the laptop gets one Dutch line, and the next sync converges."""
    import os
    import signal
    import subprocess
    import sys
    import time

    import psycopg

    from tests.sync_helpers import many_ideas

    laptop = many_ideas(tmp_path / "laptop.gpkg", 3000)
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    killed = []
    # The moments: as soon as the sync has connected (fetching), and while it pushes.
    for moment in ("%", "%binnen%", "%binnen%"):
        process = subprocess.Popen([sys.executable, "-m", "workbench", "sync", str(laptop), "--db", database],
                                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        backends = []
        with psycopg.connect(database, autocommit=True) as monitor:
            while not backends and process.poll() is None:
                backends = [pid for (pid,) in monitor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND query LIKE %s",
                    (moment,))]
        for pid in backends:
            try:
                os.kill(pid, signal.SIGKILL)
                killed.append(moment)
            except ProcessLookupError:
                pass  # that backend had just ended
        _out, err = process.communicate()
        if process.returncode != 0:
            message = err.decode()
            assert process.returncode == 2 and "Traceback" not in message and len(message.splitlines()) == 1
        for _attempt in range(100):  # the server recovers from the crash
            try:
                psycopg.connect(database, connect_timeout=1).close()
                break
            except psycopg.OperationalError:
                time.sleep(0.1)
    assert killed, "no sync was still running to be killed"
    sync(laptop, database)
    assert of_file(laptop) == of_database(database, laptop)
    assert len(of_database(database, laptop)["ideas"]) == 3000
    assert sync(laptop, database).pushed == 0


def test_a_file_from_before_versions_syncs_all_its_rows(sample_path, tmp_path, database):
    import sqlite3

    from workbench.core.commands import DeleteInterventions
    from workbench.sync.run import local_rows

    old = tmp_path / "oud.gpkg"
    shutil.copy(sample_path, old)
    conn = sqlite3.connect(old)
    conn.execute("DELETE FROM row_versions")  # as a file migrated from schema 5: no versions yet
    conn.commit()
    conn.close()
    fresh = tmp_path / "nieuw.gpkg"
    shutil.copy(old, fresh)
    project = open_project(fresh)
    try:
        project.execute(DeleteInterventions([item.uuid for item in project.interventions()]))
    finally:
        project.close()
    project = open_project(old, read_only=True)
    try:
        every_row = len(local_rows(project))
    finally:
        project.close()
    assert sync(old, database).pushed == every_row > 0
    assert of_database(database, old) == of_file(old)
    sync(fresh, database)  # its deletions are newer than the rows from before versions: they travel
    sync(old, database)
    assert of_file(old)["ideas"] == {} == of_file(fresh)["ideas"] == of_database(database, old)["ideas"]
