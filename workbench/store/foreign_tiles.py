"""Reading tile packages a planner already has: MBTiles (raster) and GeoPackage tile
tables written by QGIS or GDAL. Read-only; the SQL for them lives here.

Example::

    package = open_tile_package("stad.mbtiles")
    level = package.levels[-1]
    data = package.tile(level.zoom, 0, 0)   # XYZ column/row, row 0 at the top
    package.close()
"""

import sqlite3
from dataclasses import dataclass

from workbench.errors import ValidationError
from workbench.i18n import _
from workbench.store.connection import connect

MERCATOR_HALF = 20037508.342789244


@dataclass(frozen=True)
class PackageLevel:
    zoom: int
    matrix_width: int
    matrix_height: int
    tile_width: int
    tile_height: int
    pixel_x: float
    pixel_y: float


class TilePackage:
    """One tile pyramid in a file: its CRS (EPSG code), grid and tiles."""

    def __init__(self, conn, kind, table, epsg, origin, extent, levels, title, attribution, image_format):
        self.conn, self.kind, self.table = conn, kind, table
        self.epsg, self.origin, self.extent, self.levels = epsg, origin, extent, levels
        self.title, self.attribution, self.format = title, attribution, image_format

    def tile(self, zoom, col, row):
        """Tile bytes at (col, row), row 0 at the top (MBTiles rows are flipped here)."""
        if self.kind == "mbtiles":
            row = 2 ** zoom - 1 - row
        found = self.conn.execute(
            f'SELECT tile_data FROM "{self.table}" WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?',
            (zoom, col, row)).fetchone()
        return bytes(found[0]) if found and found[0] is not None else None

    def close(self) -> None:
        self.conn.close()


def open_tile_package(path, table=None) -> TilePackage:
    """An MBTiles file, or the (first, or named) tiles table of a GeoPackage."""
    try:
        conn = connect(path, read_only=True)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    except sqlite3.Error as error:
        raise ValidationError(_("{path} kan niet worden gelezen: {error}").format(path=path, error=error)) from None
    try:
        if "gpkg_contents" in tables:
            return _geopackage(conn, path, table)
        if {"tiles", "metadata"} <= tables:
            return _mbtiles(conn)
    except sqlite3.Error as error:
        conn.close()
        raise ValidationError(_("{path} kan niet worden gelezen: {error}").format(path=path, error=error)) from None
    except BaseException:
        conn.close()
        raise
    conn.close()
    raise ValidationError(_("{path} is geen MBTiles-bestand en geen GeoPackage met tegels.").format(path=path))


def _mbtiles(conn) -> TilePackage:
    metadata = {name: value for name, value in conn.execute("SELECT name, value FROM metadata")}
    if metadata.get("format", "png").lower() not in ("png", "jpg", "jpeg"):
        raise ValidationError(_("Dit MBTiles-bestand bevat tegels in {format}; alleen PNG- en JPEG-tegels kunnen een "
                                "basiskaart zijn.").format(format=metadata.get("format")))
    span = 2 * MERCATOR_HALF
    levels = tuple(PackageLevel(z, 2 ** z, 2 ** z, 256, 256, span / 256 / 2 ** z, span / 256 / 2 ** z)
                   for (z,) in conn.execute("SELECT DISTINCT zoom_level FROM tiles ORDER BY zoom_level"))
    extent = None
    if metadata.get("bounds"):
        try:
            extent = ("lonlat", tuple(float(v) for v in metadata["bounds"].split(",")))
        except ValueError:
            extent = None
    return TilePackage(conn, "mbtiles", "tiles", 3857, (-MERCATOR_HALF, MERCATOR_HALF), extent, levels,
                       metadata.get("name") or "", metadata.get("attribution") or "",
                       "jpeg" if metadata.get("format", "png").lower() in ("jpg", "jpeg") else "png")


def _geopackage(conn, path, table) -> TilePackage:
    rows = conn.execute(
        "SELECT c.table_name, c.identifier, c.description, c.min_x, c.min_y, c.max_x, c.max_y, "
        "s.organization, s.organization_coordsys_id, m.min_x, m.max_y "
        "FROM gpkg_contents c JOIN gpkg_tile_matrix_set m ON m.table_name = c.table_name "
        "JOIN gpkg_spatial_ref_sys s ON s.srs_id = m.srs_id WHERE c.data_type = 'tiles' ORDER BY c.rowid").fetchall()
    if table:
        rows = [row for row in rows if row[0] == table]
    if not rows:
        raise ValidationError(_("{path} bevat geen tegellaag.").format(path=path))
    name, identifier, description, *contents, organization, code, origin_x, origin_y = rows[0]
    epsg = int(code) if str(organization).upper() == "EPSG" else None
    levels = tuple(PackageLevel(*row) for row in conn.execute(
        "SELECT zoom_level, matrix_width, matrix_height, tile_width, tile_height, pixel_x_size, pixel_y_size "
        "FROM gpkg_tile_matrix WHERE table_name = ? ORDER BY zoom_level", (name,)))
    stored = {z for (z,) in conn.execute(f'SELECT DISTINCT zoom_level FROM "{name}"')}
    extent = ("native", tuple(contents)) if None not in contents else None
    first = conn.execute(f'SELECT tile_data FROM "{name}" LIMIT 1').fetchone()
    image_format = "jpeg" if first and bytes(first[0][:3]) == b"\xff\xd8\xff" else "png"
    return TilePackage(conn, "gpkg", name, epsg, (origin_x, origin_y), extent,
                       tuple(level for level in levels if level.zoom in stored), identifier or name,
                       description or "", image_format)
