"""Opening SQLite connections the way every project connection must be opened.

- ``journal_mode=DELETE``: no -wal/-shm side files next to a file people copy around;
- ``synchronous=FULL``: a committed edit survives a power cut;
- ``foreign_keys=ON``;
- the ST_* functions GeoPackage R-tree triggers call (QGIS adds such triggers when it
  builds a spatial index), so our writes keep working on files QGIS has touched.
"""

import contextlib
import os
import sqlite3
from pathlib import Path, PurePath
from urllib.parse import quote

from workbench.store import gpkg_blob


def _bound(index):
    def function(blob):
        if blob is None:
            return None
        try:
            bounds = gpkg_blob.envelope(blob)
        except Exception:  # a foreign blob must not abort the user's edit
            return None
        return None if bounds is None else bounds[index]
    return function


def _is_empty(blob):
    if blob is None:
        return 1
    try:
        return 1 if gpkg_blob.decode(blob).is_empty else 0
    except Exception:
        return 1


def register_functions(conn) -> None:
    for name, index in (("ST_MinX", 0), ("ST_MinY", 1), ("ST_MaxX", 2), ("ST_MaxY", 3)):
        conn.create_function(name, 1, _bound(index), deterministic=True)
    conn.create_function("ST_IsEmpty", 1, _is_empty, deterministic=True)


def connect(path, read_only: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode; use :func:`transaction` for writes."""
    if read_only:
        conn = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 2000")
    if not read_only:
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    register_functions(conn)
    return conn


def read_only_uri(path) -> str:
    """A ``file:`` URI that names exactly ``path``, with ``mode=ro``.

    A user's path is never parsed as a URI: every character except letters, digits and
    ``/`` is percent-encoded (``%``, ``?``, ``#``, spaces, non-ASCII), so
    ``Gebiedsvisie%20Heerlen.gpkg`` stays that name. The authority is always empty:
    ``file:///C:/...`` for a drive path and ``file:////server/share/...`` for a UNC path
    (SQLite refuses a host name in the authority).
    """
    if isinstance(path, Path) or not isinstance(path, PurePath):  # a pure path only in tests
        path = Path(os.path.abspath(path))
    text = path.as_posix()
    if not text.startswith("/"):
        text = "/" + text  # C:/x -> /C:/x
    return "file://" + quote(text.encode("utf-8", "surrogateescape"), safe="/:") + "?mode=ro"


@contextlib.contextmanager
def transaction(conn):
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK when the block or the COMMIT raises.

    A COMMIT can fail (SQLITE_BUSY while another program, such as QGIS, reads the file
    longer than the busy timeout); the transaction is then still open and must be rolled
    back, or every later BEGIN fails and nothing more is saved.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def run_script(conn, sql: str) -> None:
    """Run several statements inside the current transaction.

    (``executescript`` would commit first, which breaks one-transaction migrations.)
    """
    for statement in sql.split(";"):
        if statement.strip():
            conn.execute(statement)
