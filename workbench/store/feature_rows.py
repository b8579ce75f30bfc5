"""Writing intervention rows so that any GeoPackage R-tree triggers on them keep working.

QGIS and GDAL add a spatial index (``rtree_interventions_geom`` plus triggers) to a
project they open. GeoPackage 1.2 and 1.3, and GDAL before 3.7 (still in QGIS 3.22-3.28
LTR installs), keep the index up to date with ``INSERT OR REPLACE`` in their
``_update1`` trigger. SQLite applies the conflict policy of the *outer* statement to a
trigger's statements, and for an UPSERT (``INSERT ... ON CONFLICT DO UPDATE``) that is
ABORT: the trigger's REPLACE becomes a plain INSERT and fails with "UNIQUE constraint
failed: rtree_interventions_geom.id". GeoPackage 1.4 (GDAL 3.7+) replaced ``_update1``
with ``_update6``/``_update7`` for exactly this reason.

So feature rows are never UPSERTed: an existing row gets a plain ``UPDATE``, a new row a
plain ``INSERT``, which every trigger generation handles (tests/test_spatial_index_triggers.py).
"""

import json
from operator import attrgetter

from workbench.store import gpkg_blob
from workbench.store.tables import insert_many, sql_literal

INTERVENTION_COLUMNS = ("uuid", "number", "title", "description", "status", "horizon",
                        "primary_theme_uuid", "actor", "notes", "created_session_uuid",
                        "changed_session_uuid", "created_at", "changed_at")
_FIELDS = INTERVENTION_COLUMNS[1:] + ("uuid",)
# One parameter tuple fits both statements: the columns, uuid, then the geometry blob
# (a tuple of attributes plus one blob is cheaper to make than one spliced together).
_INSERT = (f"INSERT INTO interventions ({', '.join(_FIELDS)}, geom) "
           f"VALUES ({', '.join('?' * (len(_FIELDS) + 1))})")
_UPDATE = (f"UPDATE interventions SET "
           f"{', '.join(f'{c} = ?{n}' for n, c in enumerate(INTERVENTION_COLUMNS[1:], start=1))}, "
           f"geom = ?{len(_FIELDS) + 1} WHERE uuid = ?{len(_FIELDS)}")
_values = attrgetter(*_FIELDS)


def _rows(items) -> list:
    if len(items) == 1:  # one edit: the vectorised encoding's set-up would cost more
        blobs = [gpkg_blob.encode(items[0].geometry)]
    else:
        blobs = gpkg_blob.encode_many([item.geometry for item in items])
    return [_values(item) + (blob,) for item, blob in zip(items, blobs)]


# Columns an import or a merge often gives every new row the same value in: the stamp,
# the sessions, status, horizon, actor, notes. Not title, description, number or uuid:
# those vary in real files (a text repeated in every row is bound as usual).
_SHARED = frozenset({"status", "horizon", "primary_theme_uuid", "actor", "notes", "created_session_uuid",
                     "changed_session_uuid", "created_at", "changed_at"})


def _insert_many(conn, items) -> None:
    """Insert new rows of ``items``; a value in _SHARED equal in every row is written into
    the statement once instead of bound ten thousand times (Python's sqlite3 parsing
    each row's tuple and binding its 14 values is a third of the insert)."""
    blobs = gpkg_blob.encode_many([item.geometry for item in items])
    values, bound = [], []
    for name in _FIELDS:
        column = list(map(attrgetter(name), items))
        text = sql_literal(column[0]) if name in _SHARED and column.count(column[0]) == len(column) else None
        if text is None:
            bound.append(column)
            values.append("?")
        else:
            values.append(text)
    bound.append(blobs)
    values.append("?")
    insert_many(conn, f"INSERT INTO interventions ({', '.join(_FIELDS)}, geom) VALUES ", f"({', '.join(values)})",
                list(zip(*bound)))


def _existing(conn, uuids) -> set:
    """Which of ``uuids`` have a row already (a row memory left out as unusable can be
    there when a merge brings it). When the table holds no more rows than are written
    (an import into a new or small project), reading every row's uuid is cheaper than
    looking each one up: ``IN (SELECT value FROM json_each(?))`` first builds an index
    of all the values, 8 ms for 10,000 even against an empty table. Both give the same
    set; the row count is estimated from the highest fid."""
    (highest,) = conn.execute("SELECT max(fid) FROM interventions").fetchone()
    if (highest or 0) <= len(uuids):
        return {uuid for (uuid,) in conn.execute("SELECT uuid FROM interventions")}.intersection(uuids)
    return {uuid for (uuid,) in conn.execute(
        "SELECT uuid FROM interventions WHERE uuid IN (SELECT value FROM json_each(?))", (json.dumps(uuids),))}


def write_interventions(conn, items) -> None:
    """Insert or update the rows of ``items`` (by UUID), without an UPSERT."""
    items = list(items)
    if not items:
        return
    if len(items) == 1:  # one edit: no lookup, the UPDATE says whether the row exists
        (row,) = _rows(items)
        if conn.execute(_UPDATE, row).rowcount == 0:
            conn.execute(_INSERT, row)
        return
    existing = _existing(conn, [item.uuid for item in items])
    if existing:
        conn.executemany(_UPDATE, _rows([item for item in items if item.uuid in existing]))
        items = [item for item in items if item.uuid not in existing]
    if items:
        _insert_many(conn, items)
