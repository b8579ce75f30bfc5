"""Base maps in the project file, as standard GeoPackage tile pyramids.

Each base map is one tiles table (``gpkg_contents.data_type = 'tiles'``) with its rows in
``gpkg_tile_matrix_set`` and ``gpkg_tile_matrix``, so QGIS and GDAL open it as a raster in
EPSG:28992 without help. The title, attribution and licence are kept in ``basemaps``
(migration 4); which base map is shown, its opacity and the faded switch are a project
setting in ``workbench_meta``.

Tile (col, row) at level z covers x in [origin_x + col * w, origin_x + (col + 1) * w) and
y in (origin_y - (row + 1) * h, origin_y - row * h], with w = tile_width * pixel_size and
h = tile_height * pixel_size (GeoPackage convention: row 0 at the top).

Example::

    maps = basemaps_of(project)
    for info in maps.list():
        level = info.levels[-1]
        png = maps.tile(info.name, level.zoom, 0, 0)
"""

import json
import math
import re
import sqlite3
from dataclasses import replace

from workbench.core.frozen import frozen_dataclass
from workbench.store.basemap_display import DISPLAY_KEY, stored_display
from workbench.store.connection import connect, transaction
from workbench.store.schema import SRS_RD

# The Dutch tiling scheme ("Nederlandse richtlijn tiling", as PDOK serves it): top-left
# origin, 3440.64 m per pixel at level 0 halving per level, 256-pixel tiles.
RD_ORIGIN = (-285401.92, 903401.92)
RD_LEVEL0_PIXEL_SIZE = 3440.64
RD_TILE_SIZE = 256
RD_MAX_ZOOM = 16
RD_BOUNDS = (RD_ORIGIN[0], RD_ORIGIN[1] - RD_LEVEL0_PIXEL_SIZE * RD_TILE_SIZE,
             RD_ORIGIN[0] + RD_LEVEL0_PIXEL_SIZE * RD_TILE_SIZE, RD_ORIGIN[1])


@frozen_dataclass
class TileLevel:
    zoom: int
    matrix_width: int
    matrix_height: int
    tile_width: int
    tile_height: int
    pixel_size: float  # metres per pixel (square pixels)

    @property
    def tile_span_x(self) -> float:
        return self.tile_width * self.pixel_size

    @property
    def tile_span_y(self) -> float:
        return self.tile_height * self.pixel_size


def rd_level(zoom: int) -> TileLevel:
    """Level ``zoom`` of the Dutch tiling scheme."""
    size = 2 ** zoom
    return TileLevel(zoom, size, size, RD_TILE_SIZE, RD_TILE_SIZE, RD_LEVEL0_PIXEL_SIZE / size)


@frozen_dataclass
class BaseMapInfo:
    name: str          # the tiles table name (unique, e.g. "basemap_brt_standaard")
    title: str         # what the user reads
    attribution: str   # must be shown on the map and printed
    licence: str
    origin_x: float    # top-left corner of the tile matrix set, EPSG:28992
    origin_y: float
    extent: tuple      # (min_x, min_y, max_x, max_y) covered by stored tiles
    levels: tuple      # TileLevel, coarse to fine; only levels that have tiles
    source: str = ""   # the source name or URL template it was fetched from

    def level(self, zoom: int):
        return next((level for level in self.levels if level.zoom == zoom), None)

    def tile_bounds(self, level: TileLevel, col: int, row: int) -> tuple:
        """(min_x, min_y, max_x, max_y) of one tile in EPSG:28992."""
        min_x = self.origin_x + col * level.tile_span_x
        max_y = self.origin_y - row * level.tile_span_y
        return (min_x, max_y - level.tile_span_y, min_x + level.tile_span_x, max_y)

    def tile_range(self, level: TileLevel, bounds) -> tuple:
        """(col_min, col_max, row_min, row_max) of the tiles that touch ``bounds``,
        clipped to the matrix; col_min > col_max when none does."""
        return tile_range(self.origin_x, self.origin_y, level, bounds)


def tile_range(origin_x, origin_y, level: TileLevel, bounds) -> tuple:
    min_x, min_y, max_x, max_y = bounds
    col_min = max(0, math.floor((min_x - origin_x) / level.tile_span_x))
    col_max = min(level.matrix_width - 1, math.ceil((max_x - origin_x) / level.tile_span_x) - 1)
    row_min = max(0, math.floor((origin_y - max_y) / level.tile_span_y))
    row_max = min(level.matrix_height - 1, math.ceil((origin_y - min_y) / level.tile_span_y) - 1)
    return col_min, col_max, row_min, row_max


@frozen_dataclass
class BaseMapDisplay:
    active: str | None = None  # the tiles table shown; None = no base map
    opacity: float = 1.0       # 0..1
    faded: bool = True         # greyscale/faded so theme colours stand out


@frozen_dataclass
class NewBaseMap:
    """What :meth:`BaseMaps.create` needs to make (or refresh) a base map."""
    name: str
    title: str
    attribution: str
    licence: str = ""
    source: str = ""
    tiling: str = "rd"


TABLE_PREFIX = "basemap_"
_TABLE_NAME = re.compile(r"basemap_[a-z0-9_]+")


def table_name(text: str, fallback: str = "") -> str:
    """The tiles table a base map called ``text`` is stored in: ``basemap_`` and the
    text in lower-case letters, digits and underscores."""
    return TABLE_PREFIX + (re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or fallback)


def is_table_name(name) -> bool:
    """Whether ``name`` could be a base map's tiles table (and so never another table)."""
    return isinstance(name, str) and _TABLE_NAME.fullmatch(name) is not None


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _Connection:
    def __init__(self, conn):
        self.conn = conn
        self.read_only = False

    def close(self):
        self.conn.close()


class BaseMaps:
    """The base maps of an open project, over its repository's connection."""

    def __init__(self, repository):
        self.repository = repository
        self.conn = getattr(repository, "conn", None)
        self.read_only = bool(getattr(repository, "read_only", False))
        self._names = None  # tiles tables in EPSG:28992, cached for the per-tile reads

    # -- reading ------------------------------------------------------------------

    def _tables(self) -> set:
        if self.conn is None:
            return set()
        return {row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def list(self) -> list:
        """Every tiles table in EPSG:28992, ours and those QGIS or GDAL added."""
        tables = self._tables()
        if not {"gpkg_tile_matrix_set", "gpkg_tile_matrix"} <= tables:
            self._names = set()
            return []
        extra = ("b.title, b.attribution, b.licence, b.source" if "basemaps" in tables
                 else "NULL, NULL, NULL, NULL")
        join = "LEFT JOIN basemaps b ON b.table_name = c.table_name" if "basemaps" in tables else ""
        rows = self.conn.execute(
            f"SELECT c.table_name, c.identifier, c.min_x, c.min_y, c.max_x, c.max_y, "
            f"s.min_x, s.min_y, s.max_x, s.max_y, {extra} "
            f"FROM gpkg_contents c JOIN gpkg_tile_matrix_set s ON s.table_name = c.table_name {join} "
            f"WHERE c.data_type = 'tiles' AND s.srs_id = ? ORDER BY c.rowid", (SRS_RD,)).fetchall()
        result = []
        for row in rows:
            name = row[0]
            if name not in tables:
                continue
            extent = tuple(row[2:6]) if None not in row[2:6] else tuple(row[6:10])
            result.append(BaseMapInfo(
                name=name, title=row[10] or row[1] or name, attribution=row[11] or "", licence=row[12] or "",
                origin_x=row[6], origin_y=row[9], extent=extent, levels=self._levels(name), source=row[13] or ""))
        self._names = {info.name for info in result}
        return result

    def get(self, name: str):
        return next((info for info in self.list() if info.name == name), None)

    def _levels(self, name) -> tuple:
        stored = {row[0] for row in self.conn.execute(f"SELECT DISTINCT zoom_level FROM {_quoted(name)}")}
        rows = self.conn.execute(
            "SELECT zoom_level, matrix_width, matrix_height, tile_width, tile_height, pixel_x_size "
            "FROM gpkg_tile_matrix WHERE table_name = ? ORDER BY zoom_level", (name,)).fetchall()
        return tuple(TileLevel(*row) for row in rows if row[0] in stored)

    def _known(self, name) -> bool:
        if self._names is None or name not in self._names:
            self.list()
        return name in self._names

    def tile(self, name, zoom, col, row):
        """The PNG or JPEG bytes of one tile, or None."""
        if not self._known(name):
            return None
        found = self.conn.execute(
            f"SELECT tile_data FROM {_quoted(name)} WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
            (zoom, col, row)).fetchone()
        return bytes(found[0]) if found else None

    def tiles(self, name, zoom, col_min, col_max, row_min, row_max) -> list:
        """[(col, row, bytes)] of the stored tiles in the range (bounds included)."""
        if not self._known(name):
            return []
        return [(c, r, bytes(data)) for c, r, data in self.conn.execute(
            f"SELECT tile_column, tile_row, tile_data FROM {_quoted(name)} WHERE zoom_level = ? "
            f"AND tile_column BETWEEN ? AND ? AND tile_row BETWEEN ? AND ?",
            (zoom, col_min, col_max, row_min, row_max))]

    def stored(self, name, zoom, col_min, col_max, row_min, row_max) -> set:
        """{(col, row)} of the tiles already stored in the range (no tile data read)."""
        if not self._known(name):
            return set()
        return {(c, r) for c, r in self.conn.execute(
            f"SELECT tile_column, tile_row FROM {_quoted(name)} WHERE zoom_level = ? "
            f"AND tile_column BETWEEN ? AND ? AND tile_row BETWEEN ? AND ?",
            (zoom, col_min, col_max, row_min, row_max))}

    def size(self, name) -> tuple:
        """(number of tiles, bytes of tile data) of one base map."""
        if not self._known(name):
            return (0, 0)
        count, total = self.conn.execute(
            f"SELECT COUNT(*), COALESCE(SUM(LENGTH(tile_data)), 0) FROM {_quoted(name)}").fetchone()
        return (count, total)

    def display(self) -> BaseMapDisplay:
        """What is shown; a project that never chose shows its first base map."""
        names = [info.name for info in self.list()]
        values = stored_display(self.repository)
        if values is None:
            return BaseMapDisplay(active=names[0] if names else None)
        display = BaseMapDisplay(**values)
        if display.active not in names:
            display = replace(display, active=None)
        return display

    # -- writing ------------------------------------------------------------------

    def set_display(self, display: BaseMapDisplay) -> None:
        """Persist the display choice in the project file (nothing on a read-only one)."""
        if self.read_only or self.conn is None:
            return
        value = json.dumps({"active": display.active, "opacity": float(display.opacity), "faded": bool(display.faded)})
        with _writing(self.conn), transaction(self.conn):
            self.conn.execute("INSERT INTO workbench_meta (key, value) VALUES (?, ?) "
                              "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (DISPLAY_KEY, value))

    def create(self, new: NewBaseMap, extent, matrix_set=(RD_ORIGIN, RD_BOUNDS)) -> None:
        """Make the tiles table ``new.name`` (or refresh its title and attribution), and
        widen its extent to include ``extent``. One transaction."""
        (origin_x, origin_y), bounds = matrix_set
        with _writing(self.conn), transaction(self.conn):
            exists = self.conn.execute("SELECT 1 FROM gpkg_contents WHERE table_name = ?", (new.name,)).fetchone()
            if not exists:
                self.conn.execute(
                    f"CREATE TABLE {_quoted(new.name)} (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    "zoom_level INTEGER NOT NULL, tile_column INTEGER NOT NULL, tile_row INTEGER NOT NULL, "
                    "tile_data BLOB NOT NULL, UNIQUE (zoom_level, tile_column, tile_row))")
                self.conn.execute(
                    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
                    "min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'tiles', ?, ?, ?, ?, ?, ?, ?)",
                    (new.name, self._free_identifier(new.title), new.attribution, *extent, SRS_RD))
                self.conn.execute("INSERT INTO gpkg_tile_matrix_set VALUES (?, ?, ?, ?, ?, ?)",
                                  (new.name, SRS_RD, *bounds))
            else:
                self.conn.execute(
                    "UPDATE gpkg_contents SET min_x = MIN(COALESCE(min_x, ?), ?), min_y = MIN(COALESCE(min_y, ?), ?), "
                    "max_x = MAX(COALESCE(max_x, ?), ?), max_y = MAX(COALESCE(max_y, ?), ?), "
                    "last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?",
                    (extent[0], extent[0], extent[1], extent[1], extent[2], extent[2], extent[3], extent[3],
                     new.name))
            self.conn.execute(
                "INSERT INTO basemaps (table_name, title, attribution, licence, source, tiling) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(table_name) DO UPDATE SET title = excluded.title, "
                "attribution = excluded.attribution, licence = excluded.licence, source = excluded.source, "
                "tiling = excluded.tiling",
                (new.name, new.title, new.attribution, new.licence, new.source, new.tiling))
        self._names = None

    def write_tiles(self, name, level: TileLevel, tiles) -> None:
        """Store [(col, row, bytes)] at ``level`` in one transaction (replacing any there)."""
        with _writing(self.conn), transaction(self.conn):
            self.conn.execute("INSERT OR IGNORE INTO gpkg_tile_matrix VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              (name, level.zoom, level.matrix_width, level.matrix_height, level.tile_width,
                               level.tile_height, level.pixel_size, level.pixel_size))
            self.conn.executemany(
                f"INSERT OR REPLACE INTO {_quoted(name)} (zoom_level, tile_column, tile_row, tile_data) "
                f"VALUES (?, ?, ?, ?)", [(level.zoom, c, r, sqlite3.Binary(data)) for c, r, data in tiles])

    def remove(self, name) -> bool:
        """Drop a base map and its bookkeeping; False when there is none of that name."""
        if not self._known(name):
            return False
        with _writing(self.conn), transaction(self.conn):
            self.conn.execute(f"DROP TABLE {_quoted(name)}")
            for table in ("gpkg_tile_matrix", "gpkg_tile_matrix_set", "basemaps"):
                self.conn.execute(f"DELETE FROM {table} WHERE table_name = ?", (name,))
            self.conn.execute("DELETE FROM gpkg_contents WHERE table_name = ?", (name,))
        self._names = None
        return True

    def compact(self) -> None:
        """Give the space of removed tiles back to the disk (VACUUM; the file is
        rewritten through SQLite's journal, so an interruption leaves it as it was)."""
        if not self.read_only and self.conn is not None:
            with _writing(self.conn):
                self.conn.execute("VACUUM")

    def _free_identifier(self, title: str) -> str:
        candidate, number = title, 1
        while self.conn.execute("SELECT 1 FROM gpkg_contents WHERE identifier = ?", (candidate,)).fetchone():
            number += 1
            candidate = f"{title} ({number})"
        return candidate

    def close(self) -> None:
        """Close the connection when this object opened it (:func:`open_basemaps`)."""
        if isinstance(self.repository, _Connection):
            self.repository.close()


def _writing(conn):
    from workbench.store.errors import refused_commits

    return refused_commits(conn)


def basemaps_of(project) -> BaseMaps:
    return BaseMaps(project.repository)


def open_basemaps(path) -> BaseMaps:
    """Base maps over a connection of their own, for writing from a worker thread while
    the app keeps its connection (SQLite serialises the two); close() it when done."""
    return BaseMaps(_Connection(connect(path)))
