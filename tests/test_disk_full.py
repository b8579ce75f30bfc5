"""A full disk (a 2 MB tmpfs filled to the last byte): edits, new, import and export
are refused in Dutch, nothing committed is lost, and the project opens afterwards."""

import json
import shutil
import subprocess
import sys
import uuid

import pytest
from shapely.geometry import Point

from workbench.core.commands import AddIntervention
from tests.helpers import mounted_tmpfs
from workbench.errors import WorkbenchError
from workbench.store import open_project
from workbench.store.project_file import check_project

ENGLISH = ("disk", "full", "Error", "errno", "database or", "No space")


@pytest.fixture
def small_disk(tmp_path):
    yield from mounted_tmpfs(tmp_path / "stick", "2m")


def fill(folder):
    """Fill the disk to the last byte; returns the filler file (delete it to free space)."""
    filler = folder / ".vuller"
    with open(filler, "wb", buffering=0) as handle:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError:
                pass  # full at this size: go on with smaller pieces
    return filler


def run(*args):
    return subprocess.run([sys.executable, "-m", "workbench", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def assert_dutch(message):
    words = " ".join(word for word in message.split() if "/" not in word)  # paths hold "full_disk"
    assert words and not any(word in words for word in ENGLISH), message
    assert "vol" in message, message


def test_edits_on_a_full_disk_are_refused_in_dutch_and_nothing_is_lost(small_disk, sample_path):
    path = small_disk / "project.gpkg"
    shutil.copy(sample_path, path)
    project = open_project(path)
    saved = project.execute(AddIntervention("Voor het vollopen", Point(195000, 325000))).uuid
    filler = fill(small_disk)
    for n in range(5):  # a big edit needs new pages and a journal: there is no room for either
        with pytest.raises(WorkbenchError) as refused:
            project.execute(AddIntervention("Te veel " * 4000 + str(n), Point(195000 + n, 325000)))
        assert_dutch(str(refused.value))
    assert [i.title for i in project.interventions()].count("Voor het vollopen") == 1
    project.close()

    reopened = open_project(path)  # still full: opening needs no room
    assert saved in {i.uuid for i in reopened.interventions()}
    reopened.close()
    filler.unlink()
    project = open_project(path)
    project.execute(AddIntervention("Na het opruimen", Point(195001, 325001)))
    project.close()
    assert check_project(path) == []


def test_new_on_a_full_disk_leaves_no_file_and_a_retry_works(small_disk):
    path = small_disk / "nieuw.gpkg"
    filler = fill(small_disk)
    result = run("new", path, "--name", "Nieuw", "--theme-set", "heerlen-2050")
    assert result.returncode == 2
    assert_dutch(result.stderr)
    assert sorted(p.name for p in small_disk.iterdir()) == [".vuller"]
    filler.unlink()
    assert run("new", path, "--name", "Nieuw", "--theme-set", "heerlen-2050").returncode == 0
    assert check_project(path) == []


def test_import_onto_a_full_disk_is_refused_whole(small_disk, sample_path, tmp_path):
    path = small_disk / "project.gpkg"
    shutil.copy(sample_path, path)
    source = tmp_path / "veel.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"title": f"Idee {n} {uuid.uuid4()}"},
         "geometry": {"type": "Point", "coordinates": [5.97, 50.87 + n / 100000]}} for n in range(2000)]}))
    before = open_project(path, read_only=True)
    count = len(before.interventions())
    before.close()
    fill(small_disk)
    result = run("import", path, source)
    assert result.returncode == 2
    assert_dutch(result.stderr)
    after = open_project(path)
    assert len(after.interventions()) == count
    after.close()
    assert check_project(path) == []


@pytest.mark.parametrize("file_format", ["gpkg", "pdf",
                                         "geojson"])
def test_export_to_a_full_disk_is_refused_in_dutch(small_disk, sample_path, file_format):
    fill(small_disk)
    out = small_disk / f"uit.{file_format}"
    result = run("export", file_format, sample_path, out)
    assert result.returncode == 2
    assert_dutch(result.stderr)
    assert not out.exists() or out.stat().st_size == 0
    assert check_project(sample_path) == []
