"""Tile grids (the Dutch RD scheme and web mercator) and resampling a source raster into
RD tiles.

Every base map is stored in the Dutch tiling scheme, whatever its source: web-mercator
tiles, GeoTIFFs and foreign tile pyramids are resampled into RD tiles when stored, so the
canvas and the PDF draw one kind of tile. The resampling maps a 17 x 17 mesh of each RD
tile's points through pyproj and lets Pillow interpolate between them (Image.MESH); the
mesh deviates from the exact per-pixel transform by far less than a pixel (measured in
tests/test_basemap_reproject.py; see docs/basemap.md).
"""

import math
from dataclasses import dataclass

from workbench.geo import crs
from workbench.store.tiles import RD_LEVEL0_PIXEL_SIZE, RD_ORIGIN, RD_TILE_SIZE, rd_level, tile_range

MESH_STEP = 16  # target pixels between exactly transformed mesh points


@dataclass(frozen=True)
class Grid:
    """A tile grid whose pixel size halves per level, with a top-left origin."""
    epsg: int
    origin_x: float
    origin_y: float
    level0_pixel_size: float
    tile_size: int = 256

    def pixel_size(self, zoom: int) -> float:
        return self.level0_pixel_size / 2 ** zoom

    def pixel_size_y(self, zoom: int) -> float:
        return self.pixel_size(zoom)

    def matrix(self, zoom: int) -> tuple:
        """(columns, rows) at ``zoom``."""
        return 2 ** zoom, 2 ** zoom

    def tile_bounds(self, zoom, col, row) -> tuple:
        span = self.tile_size * self.pixel_size(zoom)
        min_x = self.origin_x + col * span
        max_y = self.origin_y - row * span
        return (min_x, max_y - span, min_x + span, max_y)


@dataclass(frozen=True)
class LevelGrid:
    """A tile grid given level by level (a GeoPackage's gpkg_tile_matrix, or a GeoTIFF
    cut into tiles): ``levels`` maps zoom -> (pixel size, columns, rows[, pixel height])."""
    epsg: int
    origin_x: float
    origin_y: float
    levels: dict
    tile_size: int = 256

    def pixel_size(self, zoom: int) -> float:
        return self.levels[zoom][0]

    def pixel_size_y(self, zoom: int) -> float:
        level = self.levels[zoom]
        return level[3] if len(level) > 3 else level[0]

    def matrix(self, zoom: int) -> tuple:
        return self.levels[zoom][1], self.levels[zoom][2]


RD = Grid(28992, RD_ORIGIN[0], RD_ORIGIN[1], RD_LEVEL0_PIXEL_SIZE, RD_TILE_SIZE)
_MERCATOR_HALF = 20037508.342789244
WEBMERCATOR = Grid(3857, -_MERCATOR_HALF, _MERCATOR_HALF, 2 * _MERCATOR_HALF / 256, 256)
GRIDS = {"rd": RD, "webmercator": WEBMERCATOR}


def tile_range_of(bounds, zoom) -> tuple:
    """(col_min, col_max, row_min, row_max) of the RD tiles at ``zoom`` over ``bounds``."""
    return tile_range(RD_ORIGIN[0], RD_ORIGIN[1], rd_level(zoom), bounds)


def rd_tiles(bounds, zoom) -> list:
    """[(col, row)] of the RD tiles at ``zoom`` that touch ``bounds``, row by row."""
    col_min, col_max, row_min, row_max = tile_range(RD_ORIGIN[0], RD_ORIGIN[1], rd_level(zoom), bounds)
    return [(col, row) for row in range(row_min, row_max + 1) for col in range(col_min, col_max + 1)]


def source_level(grid: Grid, rd_zoom: int, rd_bounds, levels) -> int:
    """The coarsest level of ``grid`` at least as sharp as RD level ``rd_zoom`` near
    ``rd_bounds`` (web mercator's pixels shrink on the ground by cos(latitude))."""
    if grid.epsg == 28992:
        wanted = rd_zoom
    else:
        centre = ((rd_bounds[0] + rd_bounds[2]) / 2, (rd_bounds[1] + rd_bounds[3]) / 2)
        _lon, lat = crs.transformer(crs.RD, 4326).transform(*centre)
        ground = grid.level0_pixel_size * math.cos(math.radians(lat))
        wanted = math.ceil(math.log2(ground / rd_level(rd_zoom).pixel_size) - 1e-9)
    return max(levels[0], min(levels[1], wanted))


def mesh(target_bounds, size, to_epsg, step=MESH_STEP):
    """Source-CRS coordinates of a (size/step + 1)^2 mesh over an RD tile, as two
    row-major lists of lists (rows top to bottom)."""
    import numpy

    count = size // step + 1
    xs = numpy.linspace(target_bounds[0], target_bounds[2], count)
    ys = numpy.linspace(target_bounds[3], target_bounds[1], count)
    grid_x, grid_y = numpy.meshgrid(xs, ys)
    if to_epsg == 28992:
        return grid_x, grid_y
    return crs.transformer(crs.RD, to_epsg).transform(grid_x, grid_y)


def needed_tiles(grid: Grid, zoom, source_x, source_y) -> tuple:
    """(col_min, col_max, row_min, row_max) of the source tiles under the mesh."""
    span = grid.tile_size * grid.pixel_size(zoom)
    span_y = grid.tile_size * grid.pixel_size_y(zoom)
    columns, rows = grid.matrix(zoom)
    col_min = max(0, math.floor((source_x.min() - grid.origin_x) / span))
    col_max = min(columns - 1, math.floor((source_x.max() - grid.origin_x) / span))
    row_min = max(0, math.floor((grid.origin_y - source_y.max()) / span_y))
    row_max = min(rows - 1, math.floor((grid.origin_y - source_y.min()) / span_y))
    return col_min, col_max, row_min, row_max


def resample(image, pixel_x, pixel_y, size=RD_TILE_SIZE, step=MESH_STEP):
    """An RGBA ``size`` x ``size`` tile from ``image``, where ``pixel_x/pixel_y`` are the
    mesh points' positions in ``image``'s pixel coordinates."""
    from PIL import Image

    cells = []
    count = pixel_x.shape[0] - 1
    for i in range(count):
        for j in range(count):
            box = (j * step, i * step, (j + 1) * step, (i + 1) * step)
            quad = (pixel_x[i, j], pixel_y[i, j], pixel_x[i + 1, j], pixel_y[i + 1, j],
                    pixel_x[i + 1, j + 1], pixel_y[i + 1, j + 1], pixel_x[i, j + 1], pixel_y[i, j + 1])
            cells.append((box, tuple(float(v) for v in quad)))
    return image.convert("RGBA").transform((size, size), Image.Transform.MESH, cells,
                                           Image.Resampling.BILINEAR)


def render_from_grid(grid: Grid, zoom, target_bounds, get_tile, size=RD_TILE_SIZE):
    """One RD tile resampled from the tiles of ``grid`` at ``zoom``; ``get_tile(col, row)``
    gives a decoded PIL image or None. Returns None when no source tile touches it."""
    from PIL import Image

    source_x, source_y = mesh(target_bounds, size, grid.epsg)
    col_min, col_max, row_min, row_max = needed_tiles(grid, zoom, source_x, source_y)
    tile = grid.tile_size
    if col_min > col_max or row_min > row_max:
        return None
    mosaic = Image.new("RGBA", ((col_max - col_min + 1) * tile, (row_max - row_min + 1) * tile))
    found = False
    for row in range(row_min, row_max + 1):
        for col in range(col_min, col_max + 1):
            image = get_tile(col, row)
            if image is not None:
                mosaic.paste(image.convert("RGBA"), ((col - col_min) * tile, (row - row_min) * tile))
                found = True
    if not found:
        return None
    pixel_x = (source_x - grid.origin_x) / grid.pixel_size(zoom) - col_min * tile
    pixel_y = (grid.origin_y - source_y) / grid.pixel_size_y(zoom) - row_min * tile
    return resample(mosaic, pixel_x, pixel_y, size)


def source_tile_count(grid: Grid, zoom, rd_zoom, rd_cells) -> int:
    """About how many of ``grid``'s tiles at ``zoom`` the RD tiles ``rd_cells`` need
    (those under their bounding box; a few transforms, however many cells)."""
    cols = [col for col, _row in rd_cells]
    rows = [row for _col, row in rd_cells]
    first = RD.tile_bounds(rd_zoom, min(cols), min(rows))
    last = RD.tile_bounds(rd_zoom, max(cols), max(rows))
    source_x, source_y = mesh((first[0], last[1], last[2], first[3]), RD_TILE_SIZE, grid.epsg, step=RD_TILE_SIZE // 4)
    col_min, col_max, row_min, row_max = needed_tiles(grid, zoom, source_x, source_y)
    return max(0, col_max - col_min + 1) * max(0, row_max - row_min + 1)


def source_tiles_for(grid: Grid, zoom, rd_zoom, rd_cells) -> set:
    """{(col, row)} of ``grid``'s tiles at ``zoom`` that the RD tiles ``rd_cells`` need."""
    needed = set()
    for col, row in rd_cells:
        source_x, source_y = mesh(RD.tile_bounds(rd_zoom, col, row), RD_TILE_SIZE, grid.epsg)
        col_min, col_max, row_min, row_max = needed_tiles(grid, zoom, source_x, source_y)
        needed.update((c, r) for c in range(col_min, col_max + 1) for r in range(row_min, row_max + 1))
    return needed


def mesh_error(target_bounds, epsg, zoom, size=RD_TILE_SIZE, step=MESH_STEP) -> float:
    """The largest distance, in source pixels at ``zoom``, between where the mesh puts an
    RD pixel centre and where pyproj puts it (for docs/basemap.md and its test)."""
    import numpy

    grid = WEBMERCATOR if epsg == 3857 else RD
    mesh_x, mesh_y = mesh(target_bounds, size, epsg, step)
    centres = (numpy.arange(size) + 0.5)
    # Bilinear interpolation of the mesh at every pixel centre (what Image.MESH does per cell).
    cell, fraction = numpy.divmod(centres, step)
    cell = cell.astype(int)
    fraction = fraction / step

    def interpolate(values):
        top = values[cell][:, cell] * (1 - fraction)[None, :] + values[cell][:, cell + 1] * fraction[None, :]
        bottom = values[cell + 1][:, cell] * (1 - fraction)[None, :] + values[cell + 1][:, cell + 1] * fraction[None, :]
        return top * (1 - fraction)[:, None] + bottom * fraction[:, None]

    pixel = (target_bounds[2] - target_bounds[0]) / size
    xs = target_bounds[0] + centres * pixel
    ys = target_bounds[3] - centres * pixel
    exact_x, exact_y = crs.transformer(crs.RD, epsg).transform(*numpy.meshgrid(xs, ys))
    distance = numpy.hypot(interpolate(mesh_x) - exact_x, interpolate(mesh_y) - exact_y)
    return float(distance.max() / grid.pixel_size(zoom))
