"""Knowing on open that only the workbench wrote a project since it last checked it.

Opening checks what other programs (QGIS) may have changed: rows without our numbers,
text in number columns, invalid shapes, dangling links. That is most of what opening
costs beyond reading. SQLite's *file change counter* (bytes 24-27 of the header) goes
up by one with every write transaction, by any program, in rollback-journal mode. Each
of our own transactions that keeps the file checked records, inside the transaction,
the counter the file will have after its commit (``seal``). On open, a seal equal to
the counter (and a file in rollback-journal mode) means nobody else wrote since: the
foreign-edit checks can be skipped. A commit of ours seals only while ``PRAGMA
data_version`` shows that no other connection committed since the file was checked:
otherwise the seal would cover a change nobody checked (QGIS writing while the app has
the file open); from then on our commits do not seal until the next full check. Anything else (a QGIS edit, a WAL-mode file, a
write of ours that does not seal, a copy from another tool) fails the comparison and
opening checks everything, as before: a wrong answer only ever costs time.
"""

import struct

SEAL_KEY = "checked_change_counter"


def _header(conn):
    """The first 100 bytes of the main database file, read from disk, or None."""
    try:
        path = conn.execute("PRAGMA database_list").fetchone()[2]
        if not path:
            return None
        with open(path, "rb") as handle:
            header = handle.read(100)
    except (OSError, TypeError):
        return None
    return header if len(header) == 100 else None


def _counter(header):
    rollback = header[18] == 1 and header[19] == 1  # 2 means WAL: the counter is not kept
    return struct.unpack(">I", header[24:28])[0] if rollback else None


def data_version(conn) -> int:
    """SQLite's ``PRAGMA data_version``: changes when another connection (any program)
    commits to the file, not when this one does."""
    return conn.execute("PRAGMA data_version").fetchone()[0]


def seal(conn) -> bool:
    """Inside a write transaction of ours (the write lock held): record the counter the
    file will have once this transaction commits. Only for a file that was checked and
    that no other program wrote to since (the caller compares ``data_version``)."""
    header = _header(conn)
    counter = _counter(header) if header else None
    if counter is None:
        return False
    conn.execute("INSERT INTO workbench_meta (key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (SEAL_KEY, str((counter + 1) % 2 ** 32)))
    return True


def only_we_wrote(conn) -> bool:
    """True when the file is as our last sealing transaction left it."""
    header = _header(conn)
    counter = _counter(header) if header else None
    if counter is None:
        return False
    try:
        row = conn.execute("SELECT value FROM workbench_meta WHERE key = ?", (SEAL_KEY,)).fetchone()
    except Exception:
        return False
    return row is not None and row[0] == str(counter)
