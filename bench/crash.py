"""Crash test: kill -9 a process in the middle of rapid edits, many times.

A child opens the project and adds interventions as fast as it can, printing each UUID
only after its transaction has committed. The parent kills it with SIGKILL at a random
moment, then checks that every printed UUID is in the file and that
``PRAGMA integrity_check`` is ok. ``python -m bench.crash --runs 200`` (``make stress``).
"""

import argparse
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import sys
from shapely.geometry import Point
from workbench.core.commands import AddIntervention, SetVotes
from workbench.store import open_project

project = open_project(sys.argv[1])
print("ready", flush=True)
n = 0
while True:
    n += 1
    command = project.execute(AddIntervention(f"Crash {n}", Point(195000 + n % 500, 325000 + n // 500)))
    print(command.uuid, flush=True)
    if n % 3 == 0 and project.current_session_uuid:
        project.execute(SetVotes(command.uuid, n % 7 + 1))
"""


def one_run(path: Path, rng: random.Random) -> tuple:
    """Returns (committed UUIDs printed, integrity result, missing UUIDs)."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, cwd=Path(__file__).resolve().parent.parent)
    assert child.stdout.readline().strip() == b"ready"
    time.sleep(rng.uniform(0.005, 0.25))
    child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up either way
    output = child.stdout.read()
    child.wait()
    lines = output.split(b"\n")
    printed = [line.decode() for line in lines[:-1] if line]  # the last piece may be cut off
    conn = sqlite3.connect(path)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        stored = {row[0] for row in conn.execute("SELECT uuid FROM interventions")}
    finally:
        conn.close()
    missing = [uuid for uuid in printed if uuid not in stored]
    return printed, integrity, missing


def crash_runs(path: Path, runs: int, seed: int = 2050) -> dict:
    rng = random.Random(seed)
    totals = {"runs": 0, "committed": 0, "lost": 0, "integrity_failures": 0}
    for _ in range(runs):
        printed, integrity, missing = one_run(path, rng)
        totals["runs"] += 1
        totals["committed"] += len(printed)
        totals["lost"] += len(missing)
        totals["integrity_failures"] += integrity != "ok"
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    from workbench.io.samples import build_sample

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "crash.gpkg"
        build_sample("heerlerheide", path).close()
        start = time.perf_counter()
        totals = crash_runs(path, args.runs)
        seconds = time.perf_counter() - start
    print(f"CRASH runs={totals['runs']} committed={totals['committed']} lost={totals['lost']} "
          f"integrity_failures={totals['integrity_failures']} seconds={seconds:.1f}")
    return 1 if totals["lost"] or totals["integrity_failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
