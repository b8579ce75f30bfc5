"""Which replica id a project file's edits are counted under (core/versions.py).

A version vector has one entry per replica that edited the row. Minting a fresh id at
every opening (as the first versions did) made vectors grow by one entry per opening:
after a season of evenings, hundreds. So a file keeps its id, in ``workbench_meta``
(``replica``: the id and the identity of the file it was minted for), and an opening
for writing, which holds the project's lock (store/lock.py), reuses it only when the
file is still that same file: same device and file ID (inode), and the same creation
time where the system keeps one (macOS, Windows). Anything else mints a new id and
records it with the first write:

- a copy (Explorer, Finder, OneDrive, ``cp``, "Opslaan als", an e-mailed file, a restored
  backup): a new file with a new file ID, so the copy never continues the counters of
  the file it came from, which could make two different edits look like one version;
- a file system without file IDs (some network shares report 0): an id per opening, as
  before.

Opening writes nothing: the id is stored with the first change, in its transaction.
Limit: on Linux, which keeps no creation time here, an old copy of a file that was
deleted, copied back onto the deleted file's inode number, would continue its id.
"""

import json
import os
import sys
import uuid

KEY = "setting.replica"


def file_identity(path):
    """[device, file ID, creation time or None] of ``path``; None where the file system
    has no file IDs."""
    status = os.stat(path)
    if not status.st_ino:
        return None
    created = getattr(status, "st_birthtime", None)
    if created is None and sys.platform == "win32":
        created = status.st_ctime  # the creation time on Windows
    return [status.st_dev, status.st_ino, created]


def claim(conn, path) -> tuple:
    """(replica id, record to store with the first write or None) for a file opened for
    writing at ``path`` (under its lock)."""
    identity = file_identity(path)
    row = conn.execute("SELECT value FROM workbench_meta WHERE key = ?", (KEY,)).fetchone()
    try:
        stored = json.loads(row[0]) if row else {}
    except ValueError:
        stored = {}
    if identity is not None and isinstance(stored, dict) and stored.get("file") == identity \
            and isinstance(stored.get("id"), str) and stored["id"]:
        return stored["id"], None
    fresh = uuid.uuid4().hex[:16]
    return fresh, (None if identity is None else json.dumps({"id": fresh, "file": identity}))


def remember(conn, record) -> None:
    """Store ``record`` (from :func:`claim`); called inside the first write's transaction."""
    conn.execute("INSERT INTO workbench_meta (key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (KEY, record))
