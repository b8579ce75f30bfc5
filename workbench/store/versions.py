"""The ``row_versions`` table: one version vector per row UUID (core/versions.py).

A row that is deleted keeps its entry (``alive`` 0): the vector of a deletion is what
lets it travel to other replicas and lose against an edit made without seeing it. Rows
from before versions existed have no entry: the empty vector.
"""

import json

from workbench.core import versions
from workbench.store.schema import register_attributes

# Kinds that carry no version: tombstones (the deleted row's own entry is its version).
# The project's metadata is one row, uuid "info"; the area, reference layers and
# underlays are rows like any other.
UNVERSIONED = frozenset({"tombstone"})


def ensure_table(conn) -> None:
    conn.execute("CREATE TABLE IF NOT EXISTS row_versions (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, "
                 "kind TEXT NOT NULL, vv TEXT NOT NULL DEFAULT '{}', alive INTEGER NOT NULL DEFAULT 1)")
    if not conn.execute("SELECT 1 FROM gpkg_contents WHERE table_name = 'row_versions'").fetchone():
        register_attributes(conn, "row_versions", "Werkbank: versies")


def has_table(conn) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'row_versions'").fetchone() \
        is not None


def load(conn) -> dict:
    """{uuid: (kind, vector, alive)} of every versioned row."""
    if not has_table(conn):
        return {}
    return {uuid: (kind, versions.parse(vv), bool(alive))
            for uuid, kind, vv, alive in conn.execute("SELECT uuid, kind, vv, alive FROM row_versions")}


# A local edit: the row's entry for this replica counted up by one (created at 1), for
# every uuid of the JSON array ?1 in one statement: per row, executemany's statement
# reset, binding and step cost more than the row (an import's 10,000 new ideas: 17 ms
# one by one, 8 as one statement, in a replay of the insert; the WHERE tells SQLite's
# parser that ON CONFLICT belongs to the INSERT).
_COUNT_UP = ("ON CONFLICT(uuid) DO UPDATE SET alive = excluded.alive, vv = json_set(row_versions.vv, '$.' || ?3, "
             "COALESCE(json_extract(row_versions.vv, '$.' || ?3), 0) + 1)")
_TICK = ("INSERT INTO row_versions (uuid, kind, vv, alive) SELECT value, ?2, json_object(?3, 1), ?4 "
         "FROM json_each(?1) WHERE true " + _COUNT_UP)
# One row: a uuid with a NUL in it (only a hand-made file has one) would be cut short
# there by json_each, and count up another row's version.
_TICK_ONE = "INSERT INTO row_versions (uuid, kind, vv, alive) VALUES (?1, ?2, json_object(?3, 1), ?4) " + _COUNT_UP


def _tick_all(conn, replica, changes) -> None:
    """_TICK for the rows of ``changes``, one statement per kind and liveness. (The
    array is made without ASCII escapes: text Python cannot store, a lone surrogate,
    is refused as binding it would be.)"""
    groups = {}
    for change in changes:
        groups.setdefault((change.kind, int(change.after is not None)), []).append(change.uuid)
    for (kind, alive), uuids in groups.items():
        conn.execute(_TICK, (json.dumps([u for u in uuids if "\x00" not in u], ensure_ascii=False), kind, replica,
                             alive))
        for uuid in (u for u in uuids if "\x00" in u):
            conn.execute(_TICK_ONE, (uuid, kind, replica, alive))


def record(conn, replica: str, changes, table_ready=False) -> None:
    """Write the versions of one transaction's ``changes``: a local edit counts once per
    row (however many changes the command made to it), a change from another replica
    joins that replica's vector in. A local change made after a row came in, in the same
    transaction (a merge that brings in an idea from one file and a theme's deletion,
    which retags it, from another), is an edit on top of what came in: the join, then one
    tick, so the other replicas take it instead of holding another content under the
    same version."""
    final, incoming = {}, {}
    for change in changes:
        if change.kind in UNVERSIONED:
            continue
        final[change.uuid] = change
        if change.version is not None:
            incoming[change.uuid] = versions.join(incoming.get(change.uuid), versions.parse(change.version))
    if not final:
        return
    if not table_ready:  # a file whose migrations were renumbered or skipped still gets versions
        ensure_table(conn)
    local = [c for uuid, c in final.items() if uuid not in incoming] if incoming else list(final.values())
    _tick_all(conn, replica, local)
    for uuid, vector in incoming.items():
        change = final[uuid]
        row = conn.execute("SELECT vv FROM row_versions WHERE uuid = ?", (uuid,)).fetchone()
        joined = versions.join(versions.parse(row[0]) if row else {}, vector)
        if change.version is None:  # the last change to it was made here, after it came in
            joined = versions.tick(joined, replica)
        conn.execute("INSERT INTO row_versions (uuid, kind, vv, alive) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT(uuid) DO UPDATE SET vv = excluded.vv, alive = excluded.alive",
                     (uuid, change.kind, versions.dumps(joined), int(change.after is not None)))
