"""Two syncs at the same time, as real processes: two laptops of one project, and one
laptop twice. Both finish (or the second is refused in Dutch), nothing is duplicated or
lost, nothing deadlocks, and the next syncs converge."""

import os
import shutil
import subprocess
import sys
import time

import psycopg

from tests.sync_helpers import many_ideas
from tests.test_sync_postgis import of_database, of_file, sync
from workbench.core.commands import EditIntervention
from workbench.store import open_project

COUNT = 1500


def start_sync(path, database):
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    return subprocess.Popen([sys.executable, "-m", "workbench", "sync", str(path), "--db", database],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def edit(path, indices, title):
    project = open_project(path)
    try:
        ideas = sorted(project.interventions(), key=lambda item: item.uuid)
        for index in indices:
            project.execute(EditIntervention(ideas[index].uuid, title=f"{title} {index}"))
    finally:
        project.close()


def gated(database, processes_at_gate, start):
    """Hold the rows table so that no sync can write, start the syncs, wait until
    ``processes_at_gate`` of them wait to write, then let them all go at once: their
    writes race (each has read the database before any of them wrote)."""
    with psycopg.connect(database) as gate:
        gate.execute("LOCK TABLE werkbank.rijen IN SHARE ROW EXCLUSIVE MODE")  # reads pass, writes wait
        processes = start()
        with psycopg.connect(database, autocommit=True) as monitor:
            deadline = time.monotonic() + 120  # a safety net against a hung test, not a measurement
            while monitor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                  "AND datname = current_database()").fetchone()[0] < processes_at_gate:
                running = sum(p.poll() is None for p in processes)
                assert running >= processes_at_gate, [p.communicate() for p in processes]
                assert time.monotonic() < deadline, "the syncs never reached the write"
                time.sleep(0.05)
        gate.commit()
    return [(p.wait(timeout=300), *(part.decode() for part in p.communicate())) for p in processes]


def test_two_laptops_sync_at_the_same_moment_and_both_finish_without_loss_or_duplicates(tmp_path, database):
    first = many_ideas(tmp_path / "eerste.gpkg", COUNT)
    second = tmp_path / "tweede.gpkg"
    shutil.copy(first, second)
    # Round 1: both push the same 1,500 new rows at once. Round 2: both edit, partly the same ideas.
    for round_number in (1, 2):
        if round_number == 2:
            edit(first, range(0, 300, 3), "Eerste")
            edit(second, range(0, 300, 2), "Tweede")
        results = gated(database, 2, lambda: [start_sync(first, database), start_sync(second, database)])
        for code, out, err in results:
            assert code == 0 and "Traceback" not in err and err == "", (code, out, err)
    for path in (first, second, first):
        sync(path, database)
    assert of_file(first) == of_file(second) == of_database(database, first)
    ideas = of_file(first)["ideas"]
    # ideas edited on both laptops (every sixth of the first 300: 50) are kept twice, as merge
    # keeps a conflict; nothing else is added, nothing lost
    assert len(ideas) == COUNT + 50
    titles = [t[0] for t in ideas.values()]
    assert sum(t.startswith("Eerste") for t in titles) == 100 and sum(t.startswith("Tweede") for t in titles) == 150
    assert sync(first, database).pushed == 0 and sync(second, database).pushed == 0
    with psycopg.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM werkbank.rijen WHERE soort = 'intervention'").fetchone()[0] == \
            COUNT + 50


def test_the_same_laptop_synced_twice_at_once_refuses_the_second_in_dutch(tmp_path, database):
    laptop = many_ideas(tmp_path / "laptop.gpkg", COUNT)
    with psycopg.connect(database) as gate:
        gate.execute("LOCK TABLE werkbank.rijen IN SHARE ROW EXCLUSIVE MODE")
        first = start_sync(laptop, database)
        with psycopg.connect(database, autocommit=True) as monitor:
            while monitor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                  "AND datname = current_database()").fetchone()[0] < 1:
                assert first.poll() is None, first.communicate()
                time.sleep(0.05)
        again = start_sync(laptop, database)
        code, _out, refused = again.wait(timeout=300), *again.communicate()
        assert first.poll() is None  # the first was still syncing all along
        gate.commit()
    assert first.wait(timeout=300) == 0
    assert code == 2 and len(refused.decode().splitlines()) == 1 and "al geopend" in refused.decode()
    assert "Traceback" not in refused.decode()
    assert of_file(laptop) == of_database(database, laptop)
    assert sync(laptop, database).pushed == 0


def test_a_deadlock_with_another_writer_is_retried_not_shown(tmp_path, database):
    """Another writer (a GIS colleague's UPDATE in QGIS) holds one row the sync must
    write and then waits for rows the sync holds: PostgreSQL breaks the deadlock by
    aborting the sync's transaction; the sync reads again and finishes."""
    laptop = many_ideas(tmp_path / "laptop.gpkg", 300)
    sync(laptop, database)
    edit(laptop, range(300), "Overal bewerkt")
    with psycopg.connect(database) as other:
        other.execute("SET deadlock_timeout = '60s'")  # the sync, waiting first, detects the deadlock
        middle = other.execute("SELECT uuid FROM werkbank.rijen WHERE soort = 'intervention' "
                               "ORDER BY ctid OFFSET 150 LIMIT 1").fetchone()[0]
        other.execute("UPDATE werkbank.rijen SET gewijzigd = now() WHERE uuid = %s", (middle,))
        process = start_sync(laptop, database)
        with psycopg.connect(database, autocommit=True) as monitor:
            while monitor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                  "AND datname = current_database()").fetchone()[0] < 1:
                assert process.poll() is None, process.communicate()
                time.sleep(0.05)
        # now take every other row: some are the sync's already -> a cycle
        other.execute("UPDATE werkbank.rijen SET gewijzigd = now() WHERE uuid <> %s", (middle,))
        other.commit()
    code, out, err = process.wait(timeout=300), *(part.decode() for part in process.communicate())
    assert code == 0 and err == "", err
    assert "Verstuurd: 300 rijen." in out
    assert of_file(laptop) == of_database(database, laptop)
    assert sync(laptop, database).pushed == 0
