"""Importing an offline base map a planner already has: MBTiles (raster, web mercator),
a GeoPackage tile layer (EPSG:28992 or 3857, as QGIS or GDAL write it) or a north-up
GeoTIFF (RD, WGS84 or web mercator).

Tiles already in the Dutch tiling scheme are copied as they are (after a check); all
others are resampled into RD tiles (basemap_tiling), over the part of the package near
the project's area (its bounds plus IMPORT_MARGIN metres), in batches like a download.

Example::

    result = import_basemap(project, "luchtfoto.tif", title="Luchtfoto 2024")
"""

import math
import os
from collections import OrderedDict
from dataclasses import dataclass

from workbench.geo import crs
from workbench.errors import ValidationError
from workbench.i18n import _
from workbench.io import basemap_tiling as tiling
from workbench.io.basemap_image import NotAnImage, check, decode, encode
from workbench.store.tiles import RD_LEVEL0_PIXEL_SIZE, RD_MAX_ZOOM, NewBaseMap, rd_level, table_name

IMPORT_MARGIN = 2000.0
MAX_LEVELS = 6          # levels made below the finest one
BATCH_TILES = 64


@dataclass(frozen=True)
class ImportResult:
    name: str
    title: str
    stored: int


class _Source:
    """What the resampler needs of a package or GeoTIFF: a grid per level and tiles."""

    def __init__(self, grid, get, finest_ground, extent_rd, title, attribution, image_format, levels, fast=None):
        self.grid, self.get, self.finest_ground = grid, get, finest_ground
        self.extent_rd, self.title, self.attribution = extent_rd, title, attribution
        self.format, self.levels, self.fast = image_format, levels, fast


def import_basemap(project, path, title=None, attribution=None, progress=None) -> ImportResult:
    """Store the base map in ``path`` in the project; ``progress(done, total)``."""
    if not os.path.isfile(path):
        raise ValidationError(_("Het bestand {path} bestaat niet.").format(path=path))
    with open(path, "rb") as handle:
        head = handle.read(16)
    closer = None
    if head.startswith(b"SQLite format 3\x00"):
        from workbench.store.foreign_tiles import open_tile_package

        package = open_tile_package(path)
        closer = package.close
        source = _from_package(package)
    elif head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        from workbench.io.basemap_geotiff import read_geotiff

        source = _from_geotiff(read_geotiff(path))
    else:
        raise ValidationError(_("{name} is geen MBTiles-, GeoPackage- of GeoTIFF-bestand.").format(
            name=os.path.basename(path)))
    try:
        return _store(project, path, source, title, attribution, progress)
    finally:
        if closer:
            closer()


def _name_for(path) -> str:
    stem = os.path.splitext(os.path.basename(path))[0]
    return table_name(stem, fallback="import")


def _rd_extent(epsg, bounds):
    """RD bounds of a box in ``epsg`` (its corners and edge midpoints transformed)."""
    if epsg == 28992:
        return tuple(bounds)
    min_x, min_y, max_x, max_y = bounds
    xs = [min_x, (min_x + max_x) / 2, max_x]
    ys = [min_y, (min_y + max_y) / 2, max_y]
    points = [(x, y) for x in xs for y in ys]
    rx, ry = crs.transformer(epsg, crs.RD).transform([p[0] for p in points], [p[1] for p in points])
    return (min(rx), min(ry), max(rx), max(ry))


def _ground(epsg, pixel, extent_rd) -> float:
    """Metres on the ground of one source pixel near the extent's centre."""
    if epsg == 28992:
        return pixel
    centre = ((extent_rd[0] + extent_rd[2]) / 2, (extent_rd[1] + extent_rd[3]) / 2)
    _lon, lat = crs.transformer(crs.RD, crs.WGS84).transform(*centre)
    if epsg == 4326:
        return pixel * 111320.0
    return pixel * math.cos(math.radians(lat))


def _from_package(package):
    if package.epsg not in (28992, 3857):
        raise ValidationError(_("Deze tegellaag is in EPSG:{code}; alleen EPSG:28992 en EPSG:3857 kunnen worden "
                                "geïmporteerd.").format(code=package.epsg))
    if not package.levels:
        raise ValidationError(_("Deze tegellaag bevat geen tegels."))
    sizes = {(level.tile_width, level.tile_height) for level in package.levels}
    if len(sizes) != 1 or sizes.pop()[0] != package.levels[0].tile_height:
        raise ValidationError(_("Deze tegellaag heeft geen vierkante tegels van één maat; dat wordt niet ondersteund."))
    grid = tiling.LevelGrid(package.epsg, package.origin[0], package.origin[1],
                            {lv.zoom: (lv.pixel_x, lv.matrix_width, lv.matrix_height, lv.pixel_y)
                             for lv in package.levels},
                            package.levels[0].tile_width)
    finest = package.levels[-1]
    if package.extent and package.extent[0] == "lonlat":
        extent_rd = _rd_extent(4326, package.extent[1])
    elif package.extent:
        extent_rd = _rd_extent(package.epsg, package.extent[1])
    else:
        span_x = finest.matrix_width * finest.tile_width * finest.pixel_x
        span_y = finest.matrix_height * finest.tile_height * finest.pixel_y
        extent_rd = _rd_extent(package.epsg, (package.origin[0], package.origin[1] - span_y,
                                              package.origin[0] + span_x, package.origin[1]))
    fast = None
    if package.epsg == 28992 and all(
            abs(lv.pixel_x - rd_level(lv.zoom).pixel_size) < 1e-6 * lv.pixel_x and lv.tile_width == 256
            for lv in package.levels) and abs(package.origin[0] - tiling.RD.origin_x) < 0.01 \
            and abs(package.origin[1] - tiling.RD.origin_y) < 0.01:
        fast = package.tile  # already the Dutch tiling scheme: copy tiles as they are
    return _Source(grid, package.tile, _ground(package.epsg, finest.pixel_x, extent_rd), extent_rd,
                   package.title, package.attribution, package.format, [lv.zoom for lv in package.levels], fast)


def _from_geotiff(tiff):
    """A GeoTIFF as a LevelGrid of 256-pixel pieces, one level per power-of-two
    reduction (so coarse RD levels are made from a reduced image, not by skipping pixels)."""
    reduced = {0: tiff.image}
    levels = {}
    factor = 0
    while True:
        scale = 2 ** factor
        width = math.ceil(tiff.image.width / scale)
        height = math.ceil(tiff.image.height / scale)
        levels[factor] = (tiff.pixel_size * scale, math.ceil(width / 256), math.ceil(height / 256),
                          tiff.pixel_size_y * scale)
        if width <= 256 and height <= 256 or factor >= 12:
            break
        factor += 1
    # LevelGrid zooms run coarse to fine like every other grid: zoom = top - factor.
    top = factor
    grid = tiling.LevelGrid(tiff.epsg, tiff.origin_x, tiff.origin_y,
                            {top - f: value for f, value in levels.items()})

    def get(zoom, col, row):
        f = top - zoom
        if f not in reduced:
            reduced[f] = tiff.image.reduce(2 ** f) if f else tiff.image
        return reduced[f].crop((col * 256, row * 256, col * 256 + 256, row * 256 + 256))

    bounds = (tiff.origin_x, tiff.origin_y - tiff.image.height * tiff.pixel_size_y,
              tiff.origin_x + tiff.image.width * tiff.pixel_size, tiff.origin_y)
    extent_rd = _rd_extent(tiff.epsg, bounds)
    ground = _ground(tiff.epsg, tiff.pixel_size_y if tiff.epsg == 4326 else tiff.pixel_size, extent_rd)
    return _Source(grid, get, ground, extent_rd, tiff.title, "",
                   "jpeg" if tiff.photo else "png", sorted(grid.levels), None)


def _rd_levels(source, extent) -> list:
    finest = max(0, min(RD_MAX_ZOOM, round(math.log2(RD_LEVEL0_PIXEL_SIZE / source.finest_ground))))
    levels = []
    for zoom in range(finest, max(-1, finest - MAX_LEVELS - 1), -1):
        levels.append(zoom)
        if len(tiling.rd_tiles(extent, zoom)) <= 4:
            break
    return sorted(levels)


def _source_level(source, rd_zoom, extent) -> int:
    """The coarsest source level at least as sharp as the RD level (else the finest)."""
    wanted = rd_level(rd_zoom).pixel_size
    for zoom in source.levels:
        pixel = source.grid.pixel_size_y(zoom) if source.grid.epsg == 4326 else source.grid.pixel_size(zoom)
        if _ground(source.grid.epsg, pixel, extent) <= wanted * 1.01:
            return zoom
    return source.levels[-1]


def _store(project, path, source, title, attribution, progress) -> ImportResult:
    from workbench.io.basemap_fetch import HARD_LIMIT_TILES
    from workbench.store.tiles import BaseMapDisplay, basemaps_of

    extent = source.extent_rd
    area = project.area
    if area is not None and area.geometry is not None and not area.geometry.is_empty:
        a = area.geometry.bounds
        extent = (max(extent[0], a[0] - IMPORT_MARGIN), max(extent[1], a[1] - IMPORT_MARGIN),
                  min(extent[2], a[2] + IMPORT_MARGIN), min(extent[3], a[3] + IMPORT_MARGIN))
        if extent[0] >= extent[2] or extent[1] >= extent[3]:
            raise ValidationError(_("{name} ligt niet bij het gebied van het project.").format(
                name=os.path.basename(path)))
    levels = _rd_levels(source, extent)
    jobs = [(zoom, cell) for zoom in levels for cell in tiling.rd_tiles(extent, zoom)]
    if len(jobs) > HARD_LIMIT_TILES:
        raise ValidationError(_("Dat zijn meer dan {count} tegels; kies minder of grovere niveaus, of een "
                                "kleinere marge.").format(count=f"{HARD_LIMIT_TILES:,}".replace(",", ".")))
    name = _name_for(path)
    title = title or source.title or os.path.splitext(os.path.basename(path))[0]
    maps = basemaps_of(project)
    existed = maps.get(name) is not None
    maps.create(NewBaseMap(name, title, attribution or source.attribution or
                           _("Bron: {file}").format(file=os.path.basename(path)), "", os.path.basename(path),
                           "rd"), extent)
    try:
        stored = _write_all(maps, name, source, extent, jobs, progress)
        if stored == 0:
            raise ValidationError(_("{name} bevat geen tegels bij het gebied van het project.").format(
                name=os.path.basename(path)))
    except BaseException:
        if not existed:  # nothing half-imported stays behind (a re-import keeps what it had)
            maps.remove(name)
        raise
    if maps.display().active is None:
        current = maps.display()
        maps.set_display(BaseMapDisplay(name, current.opacity, current.faded))
    return ImportResult(name, title, stored)


def _write_all(maps, name, source, extent, jobs, progress) -> int:
    """Make every RD tile of ``jobs`` from ``source`` and store them in batches."""
    decoded = OrderedDict()

    def image_of(zoom, col, row):
        key = (zoom, col, row)
        if key not in decoded:
            data = source.get(zoom, col, row)
            if data is not None and not hasattr(data, "mode"):
                try:
                    data = decode(data)
                except NotAnImage:
                    data = None
            decoded[key] = data
            while len(decoded) > 256:
                decoded.popitem(last=False)
        return decoded[key]

    stored, batch = 0, []
    for done, (zoom, (col, row)) in enumerate(jobs, start=1):
        data = None
        if source.fast is not None and zoom in source.levels:
            data = source.fast(zoom, col, row)
            if data is not None:
                try:
                    check(data)
                except NotAnImage:
                    data = None
        else:
            level = _source_level(source, zoom, extent)
            image = tiling.render_from_grid(source.grid, level, tiling.RD.tile_bounds(zoom, col, row),
                                            lambda c, r: image_of(level, c, r))
            if image is not None and image.getbbox() is not None:
                data = encode(image, source.format)
        if data is not None:
            batch.append((zoom, col, row, data))
        if len(batch) >= BATCH_TILES or done == len(jobs):
            for z in sorted({b[0] for b in batch}):
                maps.write_tiles(name, rd_level(z), [(c, r, d) for bz, c, r, d in batch if bz == z])
            stored += len(batch)
            batch = []
        if progress:
            progress(done, len(jobs))
    return stored
