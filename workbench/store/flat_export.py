"""Writing a flat GeoPackage for QGIS users: plain feature tables, no workbench schema.

Each :class:`FlatLayer` becomes one feature table in RD with the columns given; QGIS
styles go into the ``layer_styles`` table QGIS reads by default. The file is written to
a temporary name beside the target and renamed when complete.
"""

import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.i18n import _
from workbench.store import gpkg_blob
from workbench.store.errors import describe
from workbench.store.connection import connect, run_script, transaction
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

        bounds = [float(b) for b in shapely.total_bounds([row[-1] for row in layer.rows])]
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
    path = Path(path)
    if not path.parent.is_dir():
        raise WorkbenchError(_("De map {path} bestaat niet.").format(path=path.parent))
    try:
        fd, temp = tempfile.mkstemp(prefix=".export-", suffix=".gpkg", dir=path.parent)
    except OSError as error:  # a read-only folder, a full disk
        raise WorkbenchError(_("Kan {path} niet schrijven. {reason}").format(
            path=path, reason=describe(error, path.parent))) from None
    os.close(fd)
    os.unlink(temp)  # SQLite makes the file itself
    try:
        conn = connect(temp)
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
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except (sqlite3.Error, OSError) as error:
        raise WorkbenchError(_("Kan {path} niet schrijven. {reason}").format(
            path=path, reason=describe(error, path))) from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
