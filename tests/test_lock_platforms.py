"""The project lock per platform, with the Windows and macOS rules emulated on Linux.

- Windows: the descriptor must be binary (a text-mode one trims a trailing 0x1A byte)
  and read-only (we never write through it).
- macOS: flock shares its lock table with SQLite's fcntl locks there, and a POSIX
  byte-range lock is dropped by SQLite's first whole-file unlock (shown here: POSIX locks
  behave so on Linux too), so the macOS path flocks a companion file; it runs here for
  real, next to SQLite's own locking.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from shapely.geometry import Point

from workbench.core.commands import AddIntervention
from workbench.errors import ProjectInUseError
from workbench.store import lock, open_project

# POSIX locks, run for real on Linux and macOS; on Windows the real Windows rules apply
# (tests/test_save_as_windows.py runs there without emulation).
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file locks")
# struct flock: Linux puts type and whence first, macOS/BSD last
FLOCK_FORMAT, TYPE_INDEX = ("qqihh", 3) if sys.platform == "darwin" else ("hhqqi", 0)

SQLITE_PENDING_BYTE = 0x40000000  # SQLite's lock bytes: PENDING, RESERVED, then 510 SHARED bytes
SQLITE_LOCK_BYTES = 512 + 2


def test_windows_opens_the_lock_binary_and_read_only():
    flags = lock.open_flags("win32")
    assert flags & lock.O_BINARY == 0x8000  # the C runtime's _O_BINARY: no text-mode 0x1A trimming
    assert flags & (os.O_WRONLY | os.O_RDWR) == 0


@posix_only
def test_the_lock_descriptor_on_linux_is_read_only(sample_path):
    import fcntl

    held = lock.ProjectLock(sample_path, platform="linux")
    assert held.acquire()
    try:
        assert fcntl.fcntl(held._fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY
    finally:
        held.release()


def _in_other_process(code, path, *, wait=True):
    script = textwrap.dedent(f"""
        import sys
        from workbench.store import lock
        lock.PLATFORM = "darwin"
        path = {str(path)!r}
    """) + textwrap.dedent(code)
    run = subprocess.Popen if not wait else subprocess.run
    kwargs = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    return run([sys.executable, "-c", script], **kwargs)


@pytest.fixture
def macos_rules(monkeypatch):
    monkeypatch.setattr(lock, "PLATFORM", "darwin")


def _byte_held_elsewhere(path, start, length) -> bool:
    """Whether another process sees a POSIX lock on these bytes of ``path``."""
    probe = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        import fcntl, os, struct
        fd = os.open({str(path)!r}, os.O_RDWR)
        fields = [fcntl.F_WRLCK, os.SEEK_SET, {start}, {length}, 0]
        if {FLOCK_FORMAT!r} == "qqihh":
            fields = fields[2:] + fields[:2]
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, struct.pack({FLOCK_FORMAT!r}, *fields))
        print(struct.unpack({FLOCK_FORMAT!r}, answer)[{TYPE_INDEX}] != fcntl.F_UNLCK)
    """)], capture_output=True, text=True, check=True)
    return probe.stdout.strip() == "True"


@posix_only
def test_a_posix_byte_range_lock_would_not_survive_sqlite(sample_path):
    import fcntl

    # Why the macOS path does not lock a byte far past SQLite's: SQLite unlocks the
    # whole file after a transaction, and POSIX locks belong to the process.
    fd = os.open(sample_path, os.O_RDWR)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, lock.FAR_OFFSET, os.SEEK_SET)
        assert _byte_held_elsewhere(sample_path, lock.FAR_OFFSET, 1)
        conn = sqlite3.connect(sample_path)
        conn.execute("SELECT COUNT(*) FROM interventions").fetchone()
        assert not _byte_held_elsewhere(sample_path, lock.FAR_OFFSET, 1)
        conn.close()
    finally:
        os.close(fd)


@posix_only
def test_macos_lock_leaves_sqlite_locking_alone_and_survives_transactions(sample_path, macos_rules):
    project = open_project(sample_path)
    try:
        # our own edits commit: SQLite's locks do not contend with ours
        project.execute(AddIntervention("Op de Mac", Point(195000, 325000)))
        # nothing of ours sits on the project file's bytes ...
        assert not _byte_held_elsewhere(sample_path, 0, 0)
        # ... so another program reads and writes it through SQLite (as QGIS does) ...
        conn = sqlite3.connect(sample_path, timeout=0)
        conn.execute("UPDATE project_info SET description = 'uit QGIS'")
        conn.commit()
        conn.close()
        project.execute(AddIntervention("Daarna", Point(195010, 325010)))
        # ... and after all those transactions the project is still ours
        other = _in_other_process("""
            from workbench.store import lock
            print(lock.ProjectLock(path).acquire())
        """, sample_path)
        assert other.stdout.strip() == "False", other.stderr
    finally:
        project.close()
    assert not os.path.exists(lock.companion_path(sample_path))  # nothing left next to the project


@posix_only
def test_a_lock_file_left_by_a_crash_does_not_block(sample_path, macos_rules):
    with open(lock.companion_path(sample_path), "w"):
        pass
    open_project(sample_path).close()
    assert not os.path.exists(lock.companion_path(sample_path))


@posix_only
def test_macos_lock_refuses_a_second_process_and_a_second_window(sample_path, macos_rules):
    project = open_project(sample_path)
    try:
        other = _in_other_process("""
            from workbench.errors import ProjectInUseError
            from workbench.store import open_project
            try:
                open_project(path)
            except ProjectInUseError as error:
                print("in gebruik:", error)
        """, sample_path)
        assert "in gebruik:" in other.stdout and "al geopend" in other.stdout, other.stderr
        # POSIX locks belong to the process: the kernel would let a second window in
        with pytest.raises(ProjectInUseError):
            open_project(sample_path)
        project.execute(AddIntervention("Nog steeds van ons", Point(195000, 325000)))
    finally:
        project.close()
    open_project(sample_path).close()  # released: free again


@posix_only
def test_macos_lock_is_freed_when_its_process_is_killed(sample_path, macos_rules):
    holder = _in_other_process("""
        from workbench.store import open_project
        project = open_project(path)
        print("open", flush=True)
        sys.stdin.read()
    """, sample_path, wait=False)
    try:
        assert holder.stdout.readline().strip() == "open", holder.stderr.read()
        with pytest.raises(ProjectInUseError):
            open_project(sample_path)
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    open_project(sample_path).close()
