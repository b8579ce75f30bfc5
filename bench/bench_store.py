"""Store benchmarks: one committed edit (fsync included) and opening 1,000 interventions."""

import sqlite3
import tempfile
import time
from pathlib import Path

import shapely

from bench.common import p95, report, timed_pair
from bench.projects import make_project
from workbench.core.commands import EditIntervention
from workbench.store import open_project


def bench_edit(folder: Path) -> None:
    """p95 of one title edit through the command stack, against a bare sqlite3 UPDATE
    with the same durability (journal_mode=DELETE, synchronous=FULL) on the same file."""
    path = folder / "edit.gpkg"
    project = make_project(path, interventions=200)
    items = project.interventions()
    samples = []
    for n in range(300):
        item = items[n % len(items)]
        start = time.perf_counter()
        project.execute(EditIntervention(item.uuid, title=f"Titel {n}"))
        samples.append(time.perf_counter() - start)
    project.close()

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    floor = []
    for n in range(300):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE interventions SET title = ? WHERE uuid = ?", (f"Bare {n}", items[n % len(items)].uuid))
        conn.execute("COMMIT")
        floor.append(time.perf_counter() - start)
    conn.close()
    report("edit_commit_p95", p95(samples), p95(floor), "p95<=0.005s")


def bare_read(path):
    """The floor (issue 14): what any careful reader does. ``PRAGMA quick_check``, then the
    same rows our open reads (interventions with their geometry, their theme/goal/quantity
    links, votes, themes), with bare sqlite3 + shapely, into tuples."""
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT uuid, number, title, description, status, horizon, primary_theme_uuid, actor, "
                        "notes, created_session_uuid, changed_session_uuid, created_at, changed_at, geom "
                        "FROM interventions").fetchall()
    geometries = [shapely.from_wkb(bytes(row[-1])[40:]) for row in rows]  # XY envelope header = 40 bytes
    for table in ("intervention_themes", "intervention_goals", "intervention_quantities", "votes", "themes"):
        conn.execute(f"SELECT * FROM {table}").fetchall()
    conn.close()
    return geometries


def bench_open(folder: Path) -> None:
    path = folder / "open.gpkg"
    make_project(path, interventions=1000).close()

    def ours():
        project = open_project(path)
        assert len(project.interventions()) == 1000
        project.close()

    assert len(bare_read(path)) == 1000
    report("open_1000_interventions", *timed_pair(ours, lambda: bare_read(path)), "ratio<=1.5")


def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        bench_edit(Path(folder))
        bench_open(Path(folder))


if __name__ == "__main__":
    run()
