"""Files and inputs the user gets wrong are refused in one Dutch sentence, never with
English SQLite/Python text, a traceback or a hang (issue 13, part 8)."""

import errno
import os
import re
import sqlite3
import subprocess
import sys

import pytest

from tests.root_powers import without_root_powers

from workbench.store.errors import describe

ENGLISH = re.compile(r"disk image|malformed|readonly|attempt to|not a database|Error|errno|invalid literal|"
                     r"already exists|Permission denied|No such file|Traceback|onverwachte fout", re.IGNORECASE)


def run(*args, timeout=60):
    """The CLI in a subprocess; a hang fails the test through the timeout."""
    return subprocess.run([sys.executable, "-m", "workbench", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


def assert_dutch_refusal(result):
    assert result.returncode in (1, 2), result.stderr
    message = (result.stderr or result.stdout).strip()
    assert message and "\n" not in message, message
    assert not ENGLISH.search(message), message


def commands_on(project, other, folder):
    """Every command that reads or writes ``project`` (the file under test)."""
    return [("info", project), ("check", project), ("add", project, "--title", "x", "--wkt", "POINT (195000 325000)"),
            ("export", "geojson", project, folder / "uit.geojson"), ("export", "pdf", project, folder / "uit.pdf"),
            ("export", "gpkg", project, folder / "uit.gpkg"), ("import", project, other),
            ("import", other, project), ("merge", project, other), ("merge", other, project)]


@pytest.fixture
def other(tmp_path, sample_path):
    return sample_path


@pytest.mark.parametrize("kind", ["fifo", "directory"])
def test_a_fifo_or_folder_named_like_a_project_is_refused_without_hanging(tmp_path, other, kind):
    strange = tmp_path / "x.gpkg"
    os.mkfifo(strange) if kind == "fifo" else strange.mkdir()
    for command in commands_on(strange, other, tmp_path):
        result = run(*command, timeout=30)
        assert_dutch_refusal(result)
        assert "x.gpkg" in result.stderr + result.stdout


def _damage(path):
    """Overwrite a stretch of pages in the middle of the file with noise."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(size // 3 // 4096 * 4096)
        handle.write(os.urandom(8192))


def test_a_damaged_file_is_refused_in_dutch_by_every_command(tmp_path, sample_path, caumerbeekdal_path):
    _damage(sample_path)
    for command in commands_on(sample_path, caumerbeekdal_path, tmp_path):
        result = run(*command)
        if command[:2] == ("import", caumerbeekdal_path) and result.returncode == 0:
            continue  # a foreign GeoPackage is read as far as it is readable; its damage may miss that table
        assert_dutch_refusal(result)


def test_a_table_in_the_way_of_a_migration_is_a_dutch_refusal(sample_path):
    conn = sqlite3.connect(sample_path)
    conn.execute("UPDATE workbench_meta SET value = '2' WHERE key = 'schema_version'")  # underlays still exists
    conn.commit()
    conn.close()
    result = run("add", sample_path, "--title", "x", "--wkt", "POINT (195000 325000)")
    assert_dutch_refusal(result)
    assert "heerlerheide.gpkg" in result.stderr


def test_a_curved_wkt_is_refused_in_dutch(sample_path):
    result = run("add", sample_path, "--title", "Boog", "--wkt", "CIRCULARSTRING (195000 325000, 195010 325010, "
                 "195020 325000)")
    assert_dutch_refusal(result)
    assert "WKT" in result.stderr


def test_an_unreadable_file_is_a_dutch_refusal(sample_path, tmp_path):
    os.chmod(sample_path, 0)
    for command in (("info", sample_path), ("check", sample_path), ("export", "geojson", sample_path,
                                                                     tmp_path / "u.geojson")):
        result = subprocess.run([*without_root_powers(), sys.executable, "-m", "workbench", *map(str, command)],
                                capture_output=True, text=True, timeout=60)
        assert_dutch_refusal(result)
        assert "Geen toegang" in result.stderr + result.stdout


@pytest.mark.parametrize("number", [errno.EACCES, errno.EPERM, errno.ENOENT, errno.EISDIR, errno.ENOTDIR,
                                    errno.ENAMETOOLONG, errno.ENOSPC, errno.EROFS, errno.EBUSY, errno.EIO,
                                    errno.EINVAL, errno.EMFILE, errno.ENXIO])
def test_every_os_error_class_has_a_dutch_sentence_naming_the_file(number):
    message = describe(OSError(number, os.strerror(number), "/ergens/plan.gpkg"))
    assert "plan.gpkg" in message and not ENGLISH.search(message) and os.strerror(number) not in message


@pytest.mark.parametrize("name", ["SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_READONLY", "SQLITE_READONLY_DBMOVED",
                                  "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_FULL", "SQLITE_CANTOPEN", "SQLITE_IOERR_WRITE",
                                  "SQLITE_IOERR", "SQLITE_ERROR", "SQLITE_PROTOCOL"])
def test_every_sqlite_error_class_has_a_dutch_sentence(name):
    error = sqlite3.OperationalError("database disk image is malformed")
    error.sqlite_errorname = name
    message = describe(error, "plan.gpkg")
    assert "plan.gpkg" in message and not ENGLISH.search(message)


def test_opening_a_read_only_file_for_writing_is_refused_up_front(sample_path):
    """Not opened as if writable, to fail at the first edit: the app offers read-only instead."""
    os.chmod(sample_path, 0o444)
    script = ("import sys\nfrom workbench.store import open_project\nfrom workbench.errors import ProjectFileError\n"
              "try:\n    open_project(sys.argv[1])\nexcept ProjectFileError as error:\n    print(error)\n"
              "    sys.exit(3)\nopen_project(sys.argv[1], read_only=True)\n")
    result = subprocess.run([*without_root_powers(), sys.executable, "-c", script, str(sample_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 3, result.stderr
    assert "Geen toegang" in result.stdout and not ENGLISH.search(result.stdout)
    script = script.replace("open_project(sys.argv[1])\n", "pass\n", 1)
    result = subprocess.run([*without_root_powers(), sys.executable, "-c", script, str(sample_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr  # read-only still works
