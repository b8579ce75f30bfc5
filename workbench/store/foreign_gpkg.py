"""Reading the feature tables of any GeoPackage (one a planner drew in QGIS, say).

Read-only: the file is opened with ``mode=ro`` and never written to (except that a hot
journal a crashed writer left is rolled back first, as SQLite does on any open). Geometry blobs are
returned as they are; decoding and transforming is the caller's business.
"""

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import ProjectFileError, ValidationError
from workbench.i18n import _
from workbench.store.file_access import connect_checked, prepare


@dataclass(frozen=True)
class FeatureTable:
    name: str
    identifier: str
    geometry_column: str
    geometry_type: str
    srs_id: int
    organization: str       # "EPSG", "NONE", ...
    organization_id: int    # the code within that organization
    definition: str         # WKT, or "undefined"
    count: int


def _open(path):
    """A read-only connection through the store's one opening path (regular file,
    SQLite header, hot journal rolled back), refusals as :class:`ValidationError`."""
    try:
        prepare(path, keep_lock=False)
        return connect_checked(path, read_only=True)
    except ProjectFileError as error:
        raise ValidationError(str(error)) from None


def feature_tables(path) -> list:
    """The feature tables a GeoPackage registers, with their SRS."""
    conn = _open(path)
    try:
        rows = conn.execute(
            "SELECT c.table_name, COALESCE(c.identifier, c.table_name), g.column_name, g.geometry_type_name, "
            "g.srs_id, COALESCE(s.organization, 'NONE'), COALESCE(s.organization_coordsys_id, -1), "
            "COALESCE(s.definition, 'undefined') "
            "FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
            "LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id "
            "WHERE c.data_type = 'features' ORDER BY c.table_name").fetchall()
        tables = []
        for row in rows:
            count = conn.execute(f'SELECT COUNT(*) FROM "{_quoted(row[0])}"').fetchone()[0]
            tables.append(FeatureTable(*row, count))
        return tables
    except sqlite3.Error:
        raise ValidationError(_("{name} is beschadigd of geen GeoPackage.").format(name=Path(path).name)) from None
    finally:
        conn.close()


def data_types(path) -> set:
    """What a GeoPackage holds: {'features', 'tiles', 'attributes', ...} from gpkg_contents."""
    conn = _open(path)
    try:
        return {row[0] for row in conn.execute("SELECT DISTINCT data_type FROM gpkg_contents")}
    except sqlite3.Error:
        raise ValidationError(_("{name} is beschadigd of geen GeoPackage.").format(name=Path(path).name)) from None
    finally:
        conn.close()


def _quoted(name: str) -> str:
    return name.replace('"', '""')


def read_table(path, table: FeatureTable):
    """(attribute column names, rows); each row is (attribute values..., geometry blob)."""
    conn = _open(path)
    try:
        columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{_quoted(table.name)}")')]
        keys = [row[5] for row in conn.execute(f'PRAGMA table_info("{_quoted(table.name)}")')]
        attributes = [c for c, pk in zip(columns, keys) if c != table.geometry_column and not pk]
        selected = ", ".join(f'"{_quoted(c)}"' for c in attributes + [table.geometry_column])
        rows = conn.execute(f'SELECT {selected} FROM "{_quoted(table.name)}"').fetchall()
        return attributes, rows
    except sqlite3.Error:
        raise ValidationError(_("{name} is beschadigd of geen GeoPackage.").format(name=Path(path).name)) from None
    finally:
        conn.close()
