"""Temporary files and folders of the guarded writer (``workbench/io/output.py``), and
the clean-up of those that a killed export or merge left behind.

Every temporary file is ``.werkbank-<random>.part`` in the target's own folder (so the
final rename stays on one file system and is atomic); SQLite may add ``-journal`` to it.
While a run writes, it holds an open descriptor on its temporary file, with an
``flock`` on POSIX; on Windows an open file cannot be deleted at all. The next write in
that folder removes files of ours that are older than :data:`STALE_AFTER` *and* not held,
so it never takes a file from under an export that is still running.
"""

import os
import re
import shutil
import stat
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

TEMP_PREFIX = ".werkbank-"
SCRATCH_PREFIX = "werkbank-"
STALE_AFTER = 10 * 60  # seconds; far longer than any export takes to write its file

# Our own names, and those the exporters used before there was one writer.
_OURS = re.compile(r"^(\.werkbank-.+\.part|\.export-[A-Za-z0-9_]{8}(\.gpkg)?|\.opslaan-[A-Za-z0-9_]{8}\.gpkg)"
                   r"(-journal)?$")
_SCRATCH_MARKER = ".in-use"
# scratch folders of versions before this writer (tempfile.TemporaryDirectory names)
_OLD_SCRATCH = {"samenvoegen": re.compile(r"^samenvoegen-[A-Za-z0-9_]{8}$")}
_umask_lock = threading.Lock()

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    def _hold(fd) -> bool:
        return True  # the open descriptor itself keeps others from deleting the file

    @contextmanager
    def _unless_held(path):
        yield True  # deleting fails by itself while a running export keeps the file open
else:
    from workbench.store.lock import try_flock as _hold  # the same non-blocking flock as the project lock

    @contextmanager
    def _unless_held(path):
        """Yield True, holding ``path``'s flock, when no running export holds it."""
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:  # e.g. a run killed before it made its marker
            yield True
            return
        except OSError:
            yield False
            return
        try:
            yield _hold(fd)
        finally:
            os.close(fd)


def normal_mode() -> int:
    """The mode a new file gets from ``open()`` under the process's umask (0644 under
    umask 022); ``mkstemp`` makes files private (0600), which is wrong for an export."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:  # Linux: read without changing it
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _umask_lock:  # elsewhere the only way to read the umask is to set it
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def create(folder: Path) -> tuple:
    """(path, held descriptor) of a new, empty temporary file in ``folder``."""
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".part", dir=folder)
    _hold(fd)
    return Path(name), fd


def finish(fd, path: Path) -> None:
    """Make the written temporary file durable and shareable, and let go of it."""
    try:
        os.fsync(fd)  # fsync is per file, so this also covers what others wrote through the path
    finally:
        os.close(fd)  # close after the writer's own handles (SQLite's locks die with any close)
    try:
        os.chmod(path, normal_mode())
    except OSError:  # FAT sticks and some shares have no modes (EPERM); the mount decides there
        pass


def discard(path: Path) -> None:
    for name in (path, Path(f"{path}-journal")):
        try:
            os.unlink(name)
        except FileNotFoundError:
            pass
        except OSError:  # pragma: no cover - e.g. held by a virus scanner; the next run cleans it
            pass


def _remove_if_unheld(path: str) -> None:
    with _unless_held(path) as free:
        if free:
            try:
                os.unlink(path)
            except OSError:
                pass


def remove_stale(folder: Path) -> None:
    """Remove temporary files of earlier, killed runs from ``folder``; never fails."""
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    names = {entry.name for entry in entries}
    for entry in entries:
        if not _OURS.match(entry.name):
            continue
        if entry.name.endswith("-journal") and entry.name[:-len("-journal")] in names:
            continue  # goes together with its database file, below
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_AFTER:
            _remove_if_unheld(entry.path)
            if not os.path.exists(entry.path):
                discard(Path(entry.path))  # and its journal, if any


def _remove_stale_folders(base: Path, prefix: str, old_names=None) -> None:
    now = time.time()
    try:
        entries = list(os.scandir(base))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(prefix) and not (old_names and old_names.match(entry.name)):
            continue
        try:
            if not entry.is_dir(follow_symlinks=False) or now - entry.stat().st_mtime <= STALE_AFTER:
                continue
        except OSError:
            continue
        with _unless_held(os.path.join(entry.path, _SCRATCH_MARKER)) as free:
            if free:
                shutil.rmtree(entry.path, ignore_errors=True)


@contextmanager
def scratch_folder(purpose: str):
    """A private working folder in the system's temporary folder, removed afterwards;
    folders that killed runs left there are removed first."""
    base = Path(tempfile.gettempdir())
    prefix = f"{SCRATCH_PREFIX}{purpose}-"
    _remove_stale_folders(base, prefix, _OLD_SCRATCH.get(purpose))
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=base))
    marker = None
    try:
        marker = os.open(folder / _SCRATCH_MARKER, os.O_RDWR | os.O_CREAT, 0o600)
        _hold(marker)
        yield folder
    finally:
        if marker is not None:
            os.close(marker)
        shutil.rmtree(folder, ignore_errors=True)
