"""The kinds of write ``bench.crash`` kills besides rapid edits: each runs ``workbench
...`` as a child, kills it with SIGKILL at a random moment between the end of Python's
start-up and the end of an uninterrupted run (both measured first), then checks."""

import json
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from workbench.store.file_access import has_hot_journal

from bench.crash_check import (OPENERS, complete_geopackage, complete_pdf, digest, verify,
                               visible_files)

ROOT = Path(__file__).resolve().parent.parent
IMPORT_FEATURES = 3000


@dataclass
class Totals:
    kind: str
    runs: int = 0
    committed: int = 0     # acknowledged edits (or whole imports/merges/new projects/exports)
    killed_midway: int = 0  # runs the kill interrupted (the child had not finished)
    lost: int = 0          # acknowledged edits missing afterwards
    half: int = 0          # half imports/merges/projects/exports
    hot_journals: int = 0  # kills that left a -journal next to the project
    temporaries: int = 0   # kills that left a hidden temporary file (new, export): caught mid-write
    failures: list = field(default_factory=list)

    def fail(self, text) -> None:
        self.failures.append(str(text))

    def as_dict(self) -> dict:
        return {k: v for k, v in vars(self).items() if k != "kind"}


def workbench(*args) -> list:
    return [sys.executable, "-m", "workbench", *map(str, args)]


class Scenario:
    name = ""

    def __init__(self, folder: Path, rng: random.Random, while_writing: float = 0.5):
        self.folder, self.rng = Path(folder), rng
        self.while_writing = while_writing  # share of kills aimed at the moment writing starts
        self.totals = Totals(self.name)

    def run(self, runs: int) -> Totals:
        from workbench.io.samples import build_sample

        self.base = self.folder / "basis.gpkg"
        build_sample("heerlerheide", self.base).close()
        self.setup()
        started = time.perf_counter()
        subprocess.run(workbench("--version"), capture_output=True, cwd=ROOT, check=True)
        startup = time.perf_counter() - started
        self.prepare()
        started = time.perf_counter()
        result = subprocess.run(self.command(), capture_output=True, cwd=ROOT)
        duration = time.perf_counter() - started
        if result.returncode != 0:
            self.totals.fail(f"uninterrupted {self.name} failed: {result.stderr.decode()[:300]}")
            return self.totals
        self.calibrate()
        for _ in range(runs):
            self.prepare()
            child = subprocess.Popen(self.command(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
            if self.rng.random() >= self.while_writing:  # anywhere in the run
                time.sleep(self.rng.uniform(startup, duration * 1.05))
            else:  # while it writes: soon after its journal or temporary file appears
                while child.poll() is None and not self.writing():
                    time.sleep(0.0005)
                time.sleep(self.rng.uniform(0, 0.03))
            if child.poll() is None:
                child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
            child.communicate()
            finished = child.returncode == 0
            self.totals.killed_midway += not finished
            self.totals.committed += finished
            self.check(finished)
            self.totals.runs += 1
        return self.totals

    def setup(self) -> None: ...

    def writing(self) -> bool:
        """Whether the child has started writing (its journal or temporary file exists)."""
        return any(p.name.startswith(".") or p.name.endswith("-journal") for p in self.folder.iterdir())

    def prepare(self) -> None: ...

    def calibrate(self) -> None: ...

    def command(self) -> list:
        raise NotImplementedError

    def check(self, finished: bool) -> None:
        raise NotImplementedError

    def count_after(self, path) -> int | None:
        """Ideas in ``path`` after opening it as a user would; None when that failed."""
        self.totals.hot_journals += has_hot_journal(path)
        uuids, problems = verify(path, self.rng.choice(OPENERS))
        for problem in problems:
            self.totals.fail(problem)
        return None if problems else len(uuids)


class AllOrNothing(Scenario):
    """A command that adds to a copy of the sample in one transaction (import, merge)."""

    def prepare(self) -> None:
        self.target = self.folder / "doel.gpkg"
        for leftover in (self.target, Path(str(self.target) + "-journal")):
            leftover.unlink(missing_ok=True)
        shutil.copy(self.base, self.target)

    def calibrate(self) -> None:
        self.before = self.count_after(self.base)
        self.after = self.count_after(self.target)
        if self.after is None or self.after <= self.before:
            self.totals.fail(f"an uninterrupted {self.name} added nothing")

    def check(self, finished: bool) -> None:
        count = self.count_after(self.target)
        if count is None:
            return
        if count not in (self.before, self.after):
            self.totals.half += 1
            self.totals.fail(f"{count} ideas: neither {self.before} (nothing) nor {self.after} (all)")
        elif finished and count != self.after:
            self.totals.lost += self.after - count
            self.totals.fail(f"{self.name} reported success but {count} of {self.after} ideas are there")


class ImportRun(AllOrNothing):
    name = "import"

    def setup(self) -> None:
        rng = random.Random(13)
        features = [{"type": "Feature", "properties": {"title": f"Geïmporteerd {n}", "description": "Uit een bestand."},
                     "geometry": {"type": "Point", "coordinates": [5.95 + rng.random() * 0.05,
                                                                   50.86 + rng.random() * 0.04]}}
                    for n in range(IMPORT_FEATURES)]
        self.source = self.folder / "groot.geojson"
        self.source.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")

    def command(self) -> list:
        return workbench("import", self.target, self.source)


class MergeRun(AllOrNothing):
    name = "merge"

    def setup(self) -> None:
        from workbench.io.samples import build_sample

        self.source = self.folder / "caumerbeekdal.gpkg"
        build_sample("caumerbeekdal", self.source).close()
        self.source_digest = digest(self.source)

    def command(self) -> list:
        return workbench("merge", self.target, self.source, "--other-project")

    def check(self, finished: bool) -> None:
        super().check(finished)
        if digest(self.source) != self.source_digest:
            self.totals.fail("the merge source changed")


class NewRun(Scenario):
    name = "new"

    def prepare(self) -> None:
        self.target_folder = self.folder / f"run{self.totals.runs}"
        shutil.rmtree(self.target_folder, ignore_errors=True)
        self.target_folder.mkdir()
        self.target = self.target_folder / "nieuw project.gpkg"

    def command(self) -> list:
        return workbench("new", self.target, "--name", "Nieuw", "--theme-set", "heerlen-2050")

    def writing(self) -> bool:
        return any(self.target_folder.iterdir())

    def calibrate(self) -> None:
        self.expected = self._contents(self.target)

    def _contents(self, path):
        from workbench.store import open_project

        if self.count_after(path) is None:
            return None
        project = open_project(path, read_only=True)
        try:
            return (project.info.name, len(project.themes()), len(project.quantity_kinds()),
                    len(project.reference_layers()))
        finally:
            project.close()

    def check(self, finished: bool) -> None:
        from workbench.io.projects import new_project

        self.totals.temporaries += any(p.name.startswith(".") for p in self.target_folder.iterdir())
        visible = visible_files(self.target_folder)
        if visible not in ([], [self.target.name]):
            self.totals.half += 1
            self.totals.fail(f"a killed new left {visible}")
        if self.target.exists():
            contents = self._contents(self.target)
            if contents != self.expected:
                self.totals.half += 1
                self.totals.fail(f"a killed new left a project with {contents}, not {self.expected}")
            return
        if finished:
            self.totals.lost += 1
            self.totals.fail("new reported success but there is no file")
        try:  # the retry the user makes
            new_project(self.target, "Nieuw", "heerlen-2050").close()
        except Exception as error:  # noqa: BLE001 - whatever it is, it is a failure to report
            self.totals.fail(f"retrying new failed: {error}")
            return
        if self._contents(self.target) != self.expected:
            self.totals.fail("the retried new is not complete")


class ExportRun(Scenario):
    """``workbench export gpkg|pdf``: the project stays byte-for-byte the same."""

    def __init__(self, folder, rng, file_format, while_writing=0.5):
        self.file_format = file_format
        self.name = f"export-{file_format}"
        super().__init__(folder, rng, while_writing)

    def setup(self) -> None:
        self.base_digest = digest(self.base)
        self.out = self.folder / f"uit.{self.file_format}"

    def prepare(self) -> None:
        self.out.unlink(missing_ok=True)

    def command(self) -> list:
        return workbench("export", self.file_format, self.base, self.out)

    def check(self, finished: bool) -> None:
        self.totals.temporaries += any(p.name.startswith(".") and p.name != ".basis" for p in self.folder.iterdir())
        for temporary in self.folder.glob(".*"):
            temporary.unlink()
        if digest(self.base) != self.base_digest:
            self.totals.fail("exporting changed the project file")
        if self.out.exists():
            complete = complete_pdf(self.out) if self.file_format == "pdf" else complete_geopackage(self.out)
            if not complete:
                self.totals.half += 1
                self.totals.fail(f"a killed export left a half {self.out.name}")
        elif finished:
            self.totals.fail("export reported success but there is no file")
        if self.count_after(self.base) is None:
            return
        if digest(self.base) != self.base_digest:  # opening it writable must not change it either
            self.base_digest = digest(self.base)


KINDS = {
    "import": ImportRun,
    "merge": MergeRun,
    "new": NewRun,
    "export-gpkg": lambda *args: ExportRun(args[0], args[1], "gpkg", *args[2:]),
    "export-pdf": lambda *args: ExportRun(args[0], args[1], "pdf", *args[2:]),
}
