"""What an existing file is, before an output replaces it: the SQLite half of the
guarded writer in ``workbench/io/output.py``.

Reads only: the header, then ``sqlite_master`` through a read-only connection. Whether
a project is *open* is asked of the project lock (:func:`workbench.store.lock.is_held`).
"""

import errno
import os
import sqlite3

from workbench.store.connection import connect
from workbench.store.lock import is_held

PROJECT = "project"          # a workbench project (it has workbench_meta), open or not
IN_USE = "in use"            # open as a project somewhere, or busy in another program
UNREADABLE = "unreadable"    # an SQLite file whose tables cannot be listed

_SQLITE_HEADER = b"SQLite format 3\x00"


def probe(path, lock: bool = True) -> str | None:
    """PROJECT, IN_USE, UNREADABLE, or None for a file an output may replace.

    ``path`` must be an existing regular file (a FIFO would block the read).
    ``lock=False`` skips asking the project lock (for a caller that holds it itself).
    """
    if lock and is_held(path):
        return IN_USE
    with open(path, "rb") as handle:
        header = handle.read(len(_SQLITE_HEADER))
    if header != _SQLITE_HEADER:
        return None
    try:
        conn = connect(path, read_only=True)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error as error:
        if getattr(error, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return IN_USE
        # Perhaps a damaged project, perhaps someone's only copy: never replace it.
        return UNREADABLE
    return PROJECT if "workbench_meta" in tables else None


_OS_ERRORS = {"SQLITE_FULL": errno.ENOSPC, "SQLITE_READONLY": errno.EROFS, "SQLITE_PERM": errno.EACCES,
              "SQLITE_CANTOPEN": errno.EACCES}


def as_os_error(error: sqlite3.Error) -> OSError:
    """The OSError for an SQLite error met while writing an output (a full disk is
    ENOSPC), so the writer words it like any other output's error."""
    name = getattr(error, "sqlite_errorname", "")
    code = next((value for key, value in _OS_ERRORS.items() if name.startswith(key)), None)
    return OSError(code, os.strerror(code)) if code else OSError(errno.EIO, str(error))
