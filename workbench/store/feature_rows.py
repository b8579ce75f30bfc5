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
from workbench.store.tables import insert_many

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
# those vary in real files.
_SHARED = ("status", "horizon", "primary_theme_uuid", "actor", "notes", "created_session_uuid",
           "changed_session_uuid", "created_at", "changed_at")


def _insert_many(conn, items) -> None:
    """Insert new rows of ``items``; a value in _SHARED equal (same type too) in every row is
    bound once for the whole statement instead of once per row (Python's sqlite3 parsing
    each row's tuple and binding its 14 values is a third of the insert). The statement's
    text names no value, so sqlite3 reuses it from one import to the next."""
    blobs = gpkg_blob.encode_many([item.geometry for item in items])
    columns = {name: list(map(attrgetter(name), items)) for name in _FIELDS}
    shared = [name for name in _SHARED  # equal and of one type (1 == 1.0 == True)
              if columns[name].count(columns[name][0]) == len(items) and len(set(map(type, columns[name]))) == 1]
    varying = [name for name in _FIELDS if name not in shared]
    row = "(" + ", ".join([f"?{n}" for n in range(1, len(shared) + 1)] + ["?"] * (len(varying) + 1)) + ")"
    insert_many(conn, f"INSERT INTO interventions ({', '.join(shared + varying)}, geom) VALUES ", row,
                list(zip(*[columns[name] for name in varying], blobs)), shared=[columns[name][0] for name in shared])


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
