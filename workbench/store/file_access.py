"""The one way the store gets at a SQLite file, ours or not, before it reads a byte.

:func:`prepare` runs before every connection (opening a project, read-only or not,
``check``, ``info``, a merge source, a GeoPackage to import):

1. the path must be a regular file (``os.stat`` + ``S_ISREG``): a FIFO, a device or a
   folder named ``x.gpkg`` is refused before it is opened, so nothing hangs;
2. the file must start with the SQLite header; anything else is never touched;
3. the project lock is taken (kept for a writable open, where another holder means
   "in use"; for a read-only open only when a hot journal must be recovered);
4. a hot ``-journal`` (left when a writer died mid-commit) is rolled back through a
   short writable connection under that lock, which is what SQLite itself does on any
   open; a read-only connection cannot roll back and would refuse the file. If another
   process holds the lock, its SQLite connection has already done this.

Errors are raised as :class:`ProjectFileError` with a Dutch sentence.
"""

import os
import sqlite3
import stat
from pathlib import Path

from workbench.errors import ProjectFileError, ProjectInUseError
from workbench.i18n import _
from workbench.store.errors import file_error
from workbench.store.lock import ProjectLock

SQLITE_HEADER = b"SQLite format 3\x00"
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def require_regular_file(path) -> None:
    """Refuse a path that does not exist or is not a regular file, without opening it."""
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the name
        if isinstance(error, FileNotFoundError):
            raise ProjectFileError(_("Het bestand {path} bestaat niet.").format(path=path)) from None
        raise file_error(error if isinstance(error, OSError) else OSError(22, "", str(path)), path) from None
    if stat.S_ISDIR(mode):
        raise ProjectFileError(_("{path} is een map, geen projectbestand.").format(path=path))
    if not stat.S_ISREG(mode):
        raise ProjectFileError(_("{name} is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat); "
                                 "de werkbank opent alleen gewone bestanden.").format(name=path.name))


def read_header(path, size=100) -> bytes:
    """The first ``size`` bytes of a regular file (checked again on the open descriptor)."""
    require_regular_file(path)
    try:
        fd = os.open(path, _READ_FLAGS)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a FIFO since the stat
                raise ProjectFileError(_("{name} is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat); "
                                         "de werkbank opent alleen gewone bestanden.").format(name=Path(path).name))
            return os.read(fd, size)
        finally:
            os.close(fd)
    except OSError as error:
        raise file_error(error, path) from None


def is_sqlite(path) -> bool:
    return read_header(path).startswith(SQLITE_HEADER)


def journal_path(path) -> Path:
    return Path(str(path) + "-journal")


def has_hot_journal(path) -> bool:
    """A rollback journal SQLite would consider hot: a regular, non-empty ``-journal``
    whose first byte is not zero (SQLite zeroes or deletes the header at commit).

    Whether a live writer still holds it is left to SQLite, which checks its own lock.
    """
    journal = journal_path(path)
    try:
        if not stat.S_ISREG(os.stat(journal).st_mode):
            return False
        fd = os.open(journal, _READ_FLAGS)
        try:
            first = os.read(fd, 1)
        finally:
            os.close(fd)
    except OSError:
        return False
    return first not in (b"", b"\x00")


def recover_journal(path) -> None:
    """Let SQLite roll back a hot journal: a writable connection and one read."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 2000")
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as error:
        if getattr(error, "sqlite_errorname", "").startswith("SQLITE_READONLY"):
            error.sqlite_errorname = "SQLITE_READONLY_ROLLBACK"
        raise file_error(error, path) from None


def prepare(path, keep_lock: bool):
    """Steps 1-4 above. Returns the held :class:`ProjectLock` when ``keep_lock``, else None.

    Raises :class:`ProjectFileError` for a file that is not SQLite (untouched) and
    :class:`ProjectInUseError` when ``keep_lock`` and another process holds the lock.
    """
    path = Path(path)
    if not is_sqlite(path):
        raise ProjectFileError(_("{name} is geen GeoPackage (geen SQLite-database).").format(name=path.name))
    if not keep_lock and not has_hot_journal(path):
        return None
    lock = ProjectLock(path)
    try:
        locked = lock.acquire(read_only_file_ok=not keep_lock)
    except OSError as error:
        raise file_error(error, path) from None
    try:
        if not locked:
            if keep_lock:
                raise ProjectInUseError(_("{name} is al geopend in een ander venster of programma. "
                                          "Sluit het daar eerst, of open het alleen-lezen.").format(name=path.name))
            return None  # the holder's SQLite has rolled the journal back when it opened
        if has_hot_journal(path):
            recover_journal(path)
    except BaseException:
        lock.release()
        raise
    if keep_lock:
        return lock
    lock.release()
    return None


def connect_checked(path, read_only: bool):
    """:func:`connection.connect` with SQLite's refusal as a Dutch :class:`ProjectFileError`."""
    from workbench.store.connection import connect

    try:
        return connect(path, read_only=read_only)
    except sqlite3.Error as error:
        raise file_error(error, path) from None
