"""How outputs are written: a full or read-only disk keeps the old file and leaves no
temporary file, a killed export's leftovers go with the next export, files get the
normal mode, and a killed merge's scratch folder goes with the next merge."""

import errno
import os
import subprocess
import sys
import textwrap
import time

import pytest

from tests.helpers import mounted_tmpfs
from workbench.cli import main

KINDS = ["png", "pdf", "geojson", "csv", "gpkg"]


@pytest.fixture
def small_disk(tmp_path):
    """A real 1 MB file system (tmpfs), mounted for the test."""
    yield from mounted_tmpfs(tmp_path / "schijf", "1m")


def _fill(folder):
    with open(folder / "vulling", "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as error:
            assert error.errno == errno.ENOSPC


@pytest.mark.parametrize("kind", KINDS)
def test_a_full_disk_keeps_the_old_output_and_leaves_no_temporary_file(kind, sample_path, small_disk, capsys):
    out = small_disk / f"kaart.{kind}"
    out.write_bytes(b"de vorige export")
    _fill(small_disk)
    assert main(["export", kind, str(sample_path), str(out)]) == 2
    assert f"De schijf is vol: {out} is niet geschreven." in capsys.readouterr().err
    assert out.read_bytes() == b"de vorige export"
    assert sorted(os.listdir(small_disk)) == [out.name, "vulling"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_read_only_disk_gets_a_dutch_message(kind, sample_path, small_disk, capsys):
    out = small_disk / f"kaart.{kind}"
    out.write_bytes(b"de vorige export")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    assert main(["export", kind, str(sample_path), str(out)]) == 2
    assert f"De map {small_disk} is alleen-lezen; kies een andere map." in capsys.readouterr().err
    assert out.read_bytes() == b"de vorige export"


_PAUSED_EXPORT = textwrap.dedent("""
    import sys, time
    from workbench.report import export_pdf
    from workbench.store import open_project

    def progress(fraction):
        if fraction >= 0.5:
            print("halfway", flush=True)
            time.sleep(3600)
        return True

    export_pdf(open_project(sys.argv[1], read_only=True), sys.argv[2], kind="report", progress=progress)
""")


def _temporaries(folder):
    return sorted(name for name in os.listdir(folder) if name.startswith((".werkbank-", ".export-")))


def _paused_export(project_path, out):
    process = subprocess.Popen([sys.executable, "-c", _PAUSED_EXPORT, str(project_path), str(out)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "halfway"
    return process


def test_a_killed_export_leaves_the_old_output_and_its_temporary_file_goes_with_the_next(sample_path, tmp_path):
    from workbench.io.output_temp import STALE_AFTER
    from workbench.report import export_pdf
    from workbench.store import open_project

    out_folder = tmp_path / "uit"
    out_folder.mkdir()
    out = out_folder / "rapport.pdf"
    out.write_bytes(b"het vorige rapport")
    killed = _paused_export(sample_path, out)
    killed.kill()  # SIGKILL: no finally, no clean-up of its own
    killed.wait()
    assert out.read_bytes() == b"het vorige rapport"
    [left_behind] = _temporaries(out_folder)
    running = _paused_export(sample_path, out_folder / "ander.pdf")  # still busy, in the same folder
    try:
        [in_use] = [name for name in _temporaries(out_folder) if name != left_behind]
        # what the writers before this one left: a PDF part, a flat GeoPackage and its journal
        older = [".werkbank-ab12cd34.pdf.part", ".export-ab12cd34.gpkg", ".export-ab12cd34.gpkg-journal"]
        for name in older:
            (out_folder / name).write_bytes(b"half")
        long_ago = time.time() - STALE_AFTER - 60
        for name in [left_behind, in_use] + older:
            os.utime(out_folder / name, (long_ago, long_ago))
        (out_folder / ".werkbank-vers0001.part").write_bytes(b"net begonnen")  # young: perhaps still being written
        project = open_project(sample_path, read_only=True)
        try:
            export_pdf(project, out)
        finally:
            project.close()
        assert out.read_bytes().startswith(b"%PDF-")
        assert _temporaries(out_folder) == sorted([in_use, ".werkbank-vers0001.part"])
    finally:
        running.kill()
        running.wait()


@pytest.mark.parametrize("kind", KINDS)
def test_outputs_get_the_mode_the_umask_asks_for(kind, sample_path, tmp_path):
    previous = os.umask(0o027)
    try:
        assert main(["export", kind, str(sample_path), str(tmp_path / f"uit.{kind}")]) == 0
    finally:
        os.umask(previous)
    assert oct(os.stat(tmp_path / f"uit.{kind}").st_mode & 0o777) == oct(0o640)


def test_a_pdf_is_readable_by_others_under_umask_022(sample_path, tmp_path):
    previous = os.umask(0o022)
    try:
        assert main(["export", "pdf", str(sample_path), str(tmp_path / "handout.pdf")]) == 0
    finally:
        os.umask(previous)
    assert oct(os.stat(tmp_path / "handout.pdf").st_mode & 0o777) == oct(0o644)


def test_the_scratch_folder_of_a_killed_merge_goes_with_the_next_merge(project, caumerbeekdal_path, tmp_path,
                                                                       monkeypatch):
    import tempfile

    from workbench.io.merge import merge_files
    from workbench.io.output_temp import STALE_AFTER

    system_temp = tmp_path / "systeem-tmp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    # what a merge killed an hour ago left: its folder, its in-use marker, a project copy
    killed = system_temp / "werkbank-samenvoegen-ab12cd34"
    killed.mkdir()
    (killed / ".in-use").write_bytes(b"")
    (killed / "0-oud.gpkg").write_bytes(b"kopie van een project")
    older_version = system_temp / "samenvoegen-ab12cd34"  # what versions before this writer left
    older_version.mkdir()
    (older_version / "0-oud.gpkg").write_bytes(b"kopie van een project")
    running = system_temp / "werkbank-samenvoegen-ef56gh78"  # young: perhaps a merge in another window
    running.mkdir()
    long_ago = time.time() - STALE_AFTER - 60
    for folder in (killed, older_version):
        os.utime(folder, (long_ago, long_ago))
    merge_files(project, [caumerbeekdal_path], other_project=True)
    assert os.listdir(system_temp) == [running.name]
