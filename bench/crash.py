"""Crash test: kill -9 the workbench at random moments, many times, in every kind of
write it does, then open the project the way a user would.

Kinds: ``edits`` (a child adds ideas as fast as it can, printing each UUID only after
its commit), ``import`` (a big GeoJSON, one transaction), ``merge``, ``new`` and
``export-gpkg`` / ``export-pdf``. After each kill the project must open through the
app's own path (first with one of: writable, read-only, ``workbench info``,
``workbench check``), hold every acknowledged edit, pass ``workbench check``, and
nothing may be half: an import or merge is all there or not at all, a killed ``new``
leaves no file or a complete project (and a retry succeeds), an export leaves no file
or a complete one, and the exported project is byte-for-byte unchanged.

``python -m bench.crash --runs 200 --other-runs 50`` (``make stress``).
"""

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.crash_kinds import KINDS, Totals

ROOT = Path(__file__).resolve().parent.parent

EDITS_CHILD = r"""
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


def crash_runs(path: Path, runs: int, seed: int = 2050) -> dict:
    """Rapid edits in ``path`` killed ``runs`` times; totals as a dict."""
    from workbench.store.file_access import has_hot_journal

    from bench.crash_check import OPENERS, verify

    rng = random.Random(seed)
    totals = Totals("edits")
    acknowledged = set()
    for _ in range(runs):
        child = subprocess.Popen([sys.executable, "-c", EDITS_CHILD, str(path)], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, cwd=ROOT)
        if child.stdout.readline().strip() != b"ready":
            child.wait()
            totals.fail("the edits child could not open the project")
            continue
        time.sleep(rng.uniform(0.005, 0.25))
        child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up either way
        output = child.stdout.read()
        child.wait()
        printed = [line.decode() for line in output.split(b"\n")[:-1] if line]  # the last piece may be cut off
        acknowledged.update(printed)
        totals.committed += len(printed)
        totals.hot_journals += has_hot_journal(path)
        stored, problems = verify(path, rng.choice(OPENERS))
        totals.lost += len(acknowledged - stored)
        for problem in problems:
            totals.fail(problem)
        totals.runs += 1
    return totals.as_dict()


def crash_suite(folder: Path, runs: dict, seed: int = 2050, while_writing: float = 0.5) -> dict:
    """{kind: totals} for ``runs`` = {kind: number of kills}; ``while_writing`` is the
    share of kills aimed at the moment the child starts writing (the rest fall anywhere)."""
    from workbench.io.samples import build_sample

    folder = Path(folder)
    results = {}
    if runs.get("edits"):
        path = folder / "edits.gpkg"
        build_sample("heerlerheide", path).close()
        results["edits"] = crash_runs(path, runs["edits"], seed)
    for kind, scenario_class in KINDS.items():
        if runs.get(kind):
            work = folder / kind
            work.mkdir()
            results[kind] = scenario_class(work, random.Random(f"{seed}/{kind}"), while_writing).run(runs[kind]).as_dict()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="kills during rapid edits")
    parser.add_argument("--other-runs", type=int, default=50, help="kills during each other kind of write")
    parser.add_argument("--kinds", nargs="*", default=["edits", *KINDS])
    args = parser.parse_args()
    runs = {kind: (args.runs if kind == "edits" else args.other_runs) for kind in args.kinds}
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        results = crash_suite(Path(folder), runs)
        seconds = time.perf_counter() - start
    for kind, totals in results.items():
        fields = " ".join(f"{key}={value}" for key, value in totals.items() if key != "failures")
        print(f"CRASH {kind} {fields}")
        for failure in totals["failures"][:10]:
            print(f"  FAIL {kind}: {failure}")
        failed |= bool(totals["failures"] or totals["lost"] or totals["half"])
    print(f"CRASH total seconds={seconds:.1f} result={'FAILED' if failed else 'ok'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
