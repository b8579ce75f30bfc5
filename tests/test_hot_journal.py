"""A process killed in the middle of a commit leaves a hot ``-journal``: every way of
opening the project must roll it back and show every committed edit (issue 13, part 2)."""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.store import open_project
from workbench.store.project_file import check_project

ROOT = Path(__file__).resolve().parent.parent
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")

# Commits three ideas through the app, then starts a big transaction with a tiny page
# cache, so SQLite syncs the journal and writes changed pages into the file before the
# kill: the file itself is inconsistent until the journal is rolled back.
CHILD = r"""
import sys
from shapely.geometry import Point
from workbench.core.commands import AddIntervention
from workbench.store import open_project

project = open_project(sys.argv[1])
for n in range(3):
    print(project.execute(AddIntervention(f"Bewaard {n}", Point(195000 + n, 325000))).uuid, flush=True)
conn = project.repository.conn
conn.execute("PRAGMA cache_size = 2")
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE interventions SET description = hex(randomblob(3000))")
conn.execute("UPDATE themes SET description = hex(randomblob(3000))")
print("midden", flush=True)
import time
time.sleep(60)
"""


@pytest.fixture(scope="module")
def crashed(tmp_path_factory):
    """(project file, journal, committed UUIDs) of a project whose writer died mid-commit."""
    from workbench.io.samples import build_sample

    folder = tmp_path_factory.mktemp("crashed")
    path = folder / "heerlerheide.gpkg"
    build_sample("heerlerheide", path).close()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, cwd=ROOT)
    lines = []
    for line in child.stdout:
        lines.append(line.decode().strip())
        if lines[-1] == "midden":
            break
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    journal = Path(str(path) + "-journal")
    assert journal.read_bytes()[:8] == JOURNAL_MAGIC  # the situation we reproduce: a hot journal
    return path, journal, lines[:-1]


@pytest.fixture
def copy(crashed, tmp_path):
    path, journal, committed = crashed
    target = tmp_path / path.name
    shutil.copy(path, target)
    shutil.copy(journal, str(target) + "-journal")
    return target, committed


def _uuids(project) -> set:
    return {item.uuid for item in project.interventions()}


def test_open_project_rolls_back_the_journal_and_keeps_every_commit(copy):
    path, committed = copy
    project = open_project(path)
    try:
        assert set(committed) <= _uuids(project)
        assert not any(len(item.description) > 1000 for item in project.interventions())
    finally:
        project.close()
    assert not Path(str(path) + "-journal").exists()
    assert check_project(path) == []


def test_read_only_open_recovers_when_nobody_holds_the_project(copy):
    path, committed = copy
    project = open_project(path, read_only=True)
    try:
        assert set(committed) <= _uuids(project)
    finally:
        project.close()


def test_cli_info_and_check_work_after_the_crash(copy, capsys):
    path, committed = copy
    assert main(["info", str(path), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    from workbench.io.samples import recipe

    assert summary["interventions"] == len(recipe("heerlerheide")["interventions"]) + len(committed)
    assert main(["check", str(path)]) == 0
    assert "in orde" in capsys.readouterr().out


def test_check_alone_works_after_the_crash(copy):
    path, _ = copy
    assert check_project(path) == []


def test_merge_source_with_a_hot_journal_is_read(copy, empty_project):
    from workbench.io.merge import merge_files

    path, committed = copy
    merge_files(empty_project, [path], other_project=True)
    assert set(committed) <= _uuids(empty_project)


HOLDER = r"""
import sys, time
from workbench.store import open_project

project = open_project(sys.argv[1])
print(len(project.interventions()), flush=True)
time.sleep(60)
"""


def test_read_only_open_while_another_process_holds_the_project(copy):
    path, committed = copy
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, cwd=ROOT)
    try:
        count = int(holder.stdout.readline())  # its open rolled the journal back under its lock
        project = open_project(path, read_only=True)
        try:
            assert len(project.interventions()) == count and set(committed) <= _uuids(project)
        finally:
            project.close()
    finally:
        holder.kill()
        holder.wait()


def test_a_hot_journal_on_a_file_that_cannot_be_written_is_explained_in_dutch(copy, tmp_path):
    path, _ = copy
    os.chmod(path, 0o444)
    os.chmod(path.parent, 0o555)
    caps = "-dac_override,-dac_read_search,-fowner"
    prefix = ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", "--"] if os.geteuid() == 0 else []
    if prefix and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: the file cannot be made read-only for this test")
    try:
        result = subprocess.run([*prefix, sys.executable, "-m", "workbench", "info", str(path)], capture_output=True,
                                text=True, timeout=60, cwd=ROOT)
    finally:
        os.chmod(path.parent, 0o755)
    assert result.returncode == 2
    assert "onafgemaakte wijziging" in result.stderr and "readonly" not in result.stderr
    assert Path(str(path) + "-journal").exists()  # nothing was changed
