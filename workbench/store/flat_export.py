"""Writing a flat GeoPackage for QGIS users: plain feature tables, no workbench schema.

Each :class:`FlatLayer` becomes one feature table in RD with the columns given; QGIS
styles go into the ``layer_styles`` table QGIS reads by default. The file is written
into the temporary file the guarded writer (``workbench/io/output.py``) hands out, and
renamed by it when complete.
"""

import sqlite3
from dataclasses import dataclass, field

from workbench.store import gpkg_blob
from workbench.store.connection import connect, run_script, transaction
from workbench.store.output_probe import as_os_error
from workbench.store.schema import APPLICATION_ID, GPKG_USER_VERSION, create_core, register_features

_TYPES = {"text": "TEXT", "integer": "INTEGER", "real": "REAL"}


@dataclass
class FlatLayer:
    table: str
    identifier: str
    description: str
    columns: list               # (name, "text" | "integer" | "real")
    rows: list                  # (values..., shapely geometry in RD)
    geometry_type: str = "GEOMETRY"
    style_qml: str = ""
    style_name: str = ""
    extra: dict = field(default_factory=dict)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _write_layer(conn, layer: FlatLayer) -> None:
    columns = ", ".join(f"{_quoted(name)} {_TYPES[kind]}" for name, kind in layer.columns)
    conn.execute(f"CREATE TABLE {_quoted(layer.table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT, "
                 f"geom {layer.geometry_type}{', ' + columns if columns else ''})")
    register_features(conn, layer.table, layer.identifier, layer.description, layer.geometry_type)
    names = ", ".join(_quoted(name) for name, _kind in layer.columns)
    marks = ", ".join("?" * (len(layer.columns) + 1))
    conn.executemany(f"INSERT INTO {_quoted(layer.table)} (geom{', ' + names if names else ''}) VALUES ({marks})",
                     [(gpkg_blob.encode(row[-1]), *row[:-1]) for row in layer.rows])
    if layer.rows:
        import shapely

        placed = [row[-1] for row in layer.rows if row[-1] is not None]
        bounds = [float(b) for b in shapely.total_bounds(placed)] if placed else [0.0, 0.0, 0.0, 0.0]
        conn.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
                     (*bounds, layer.table))
    if layer.style_qml:
        conn.execute(
            "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
            "styleName, styleQML, styleSLD, useAsDefault, description, owner, ui) "
            "VALUES ('', '', ?, 'geom', ?, ?, '', 1, ?, '', '')",
            (layer.table, layer.style_name or layer.table, layer.style_qml, layer.description))


_STYLES_DDL = """
CREATE TABLE layer_styles (
  id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256),
  f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT,
  styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
  update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))
"""


def write_flat_geopackage(path, layers) -> None:
    """Fill ``path`` (new or empty: the guarded writer's temporary file) with ``layers``.

    SQLite's errors come out as :class:`OSError` with the matching errno (a full disk is
    ENOSPC), so the writer gives them the same Dutch messages as any other output.
    """
    try:
        conn = connect(path)
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
            with transaction(conn):
                create_core(conn)
                run_script(conn, _STYLES_DDL)
                conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) "
                             "VALUES ('layer_styles', 'attributes', 'layer_styles')")
                for layer in layers:
                    _write_layer(conn, layer)
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise as_os_error(error) from None
