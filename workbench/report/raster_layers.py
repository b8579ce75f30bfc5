"""The rasters beneath the printed map: the active base map and the raster underlays.

The base map is the one raster in the PDF (see DESIGN.md): its stored tiles are mosaicked
and cropped to the map frame in memory (Pillow) at print resolution, about PRINT_DPI at
printed size, from the stored level closest to that. A hole in the chosen level is filled
from a coarser level, scaled up, as on screen. Faded (the default) is greyscale and
lightened, like the canvas, so the theme colours stand out; the attribution is printed in
the map's lower-right corner. The crop follows the tile pixels exactly (no resampling
across the frame edge), so a tile lands on paper where it lies in RD.
"""

import io
import math
from dataclasses import dataclass, field

from workbench import style
from workbench.report import fonts, text
from workbench.report.colors import color
from workbench.report.underlay_print import COARSE_ENOUGH, PrintedImage, printed_underlays

PRINT_DPI = 170        # COARSE_ENOUGH: a level up to 1.25x coarser than that is used as is
JPEG_QUALITY = 85


@dataclass
class Rasters:
    """What lies beneath the vector map of one frame."""

    basemap: PrintedImage | None = None
    underlays: list = field(default_factory=list)
    attribution: str = ""

    @property
    def any(self) -> bool:
        return self.basemap is not None or bool(self.underlays)

    def draw(self, canvas, view) -> None:
        for image in ([self.basemap] if self.basemap else []) + self.underlays:
            image.draw(canvas, view)


def target_pixel_size(view) -> float:
    """Metres per pixel at print resolution in this frame."""
    return 72.0 / PRINT_DPI / view.scale


def choose_level(levels, wanted: float):
    """The coarsest level at least about as fine as ``wanted`` metres per pixel; the
    finest there is when all are coarser."""
    fine_enough = [level for level in levels if level.pixel_size <= wanted * COARSE_ENOUGH]
    if fine_enough:
        return max(fine_enough, key=lambda level: level.pixel_size)
    return min(levels, key=lambda level: level.pixel_size) if levels else None


def _decode(data: bytes):
    from PIL import Image

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (OSError, ValueError, Image.DecompressionBombError):
        return None  # a damaged tile leaves a hole (filled from a coarser level, if any)
    return image.convert("RGBA")  # tiles cut from a GeoTIFF are transparent beyond its edge


def _mosaic(maps, info, level, bounds, levels_below, reduce=1):
    """(image, world bounds of its pixels, any JPEG tile) covering ``bounds`` at ``level``,
    each tile shrunk by the whole factor ``reduce`` (so a level far finer than print never
    becomes a gigapixel mosaic in memory)."""
    from PIL import Image

    col_min, col_max, row_min, row_max = info.tile_range(level, bounds)
    if col_min > col_max or row_min > row_max:
        return None
    tile_w, tile_h = level.tile_width // reduce, level.tile_height // reduce
    width, height = (col_max - col_min + 1) * tile_w, (row_max - row_min + 1) * tile_h
    left, _bottom, _right, top = info.tile_bounds(level, col_min, row_min)
    span_x, span_y = (col_max - col_min + 1) * level.tile_span_x, (row_max - row_min + 1) * level.tile_span_y
    world = (left, top - span_y, left + span_x, top)
    tiles = maps.tiles(info.name, level.zoom, col_min, col_max, row_min, row_max)
    mosaic = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    jpeg, placed, coarse = False, [], None
    for col, row, data in sorted(tiles):
        tile = _decode(data)
        if tile is None:
            continue
        jpeg = jpeg or data[:2] == b"\xff\xd8"
        if tile.size != (level.tile_width, level.tile_height):
            tile = tile.resize((level.tile_width, level.tile_height))
        if reduce > 1:
            tile = tile.reduce(reduce)
        mosaic.paste(tile, ((col - col_min) * tile_w, (row - row_min) * tile_h))
        placed.append(((col - col_min) * tile_w, (row - row_min) * tile_h))
    if len(placed) < (col_max - col_min + 1) * (row_max - row_min + 1) and levels_below:
        coarse = _mosaic(maps, info, levels_below[-1], world, levels_below[:-1])
        if coarse is not None:
            mosaic = _underpaint(mosaic, world, coarse)
            jpeg = jpeg or coarse[2]
    if not placed and coarse is None:
        return None
    return mosaic, world, jpeg


def _underpaint(mosaic, world, coarse):
    """The coarse mosaic scaled onto the fine grid, with the fine tiles laid over it (where
    a fine tile is missing or transparent, the coarse one shows)."""
    from PIL import Image

    image, (cx0, cy0, _cx1, cy1), _jpeg = coarse
    coarse_size = (cy1 - cy0) / image.height
    box = ((world[0] - cx0) / coarse_size, (cy1 - world[3]) / coarse_size,
           (world[2] - cx0) / coarse_size, (cy1 - world[1]) / coarse_size)
    base = image.resize(mosaic.size, Image.Resampling.BILINEAR, box=box)
    base.alpha_composite(mosaic)
    return base


def _reduction(level, wanted) -> int:
    """The whole factor (a power of two) a level's tiles can shrink by and stay at least as
    fine as ``wanted``; 1 when the level is not that fine."""
    factor = 1
    while (level.pixel_size * factor * 2 <= wanted and factor < 64
           and level.tile_width % (factor * 2) == 0 and level.tile_height % (factor * 2) == 0):
        factor *= 2
    return factor


def _finish(image, faded: bool, opacity: float):
    """On paper (what is transparent shows the paper); faded: greyscale, then lightened;
    opacity mixes in the paper colour."""
    from PIL import Image, ImageOps

    paper = Image.new("RGBA", image.size, style.hex_to_rgb(style.BACKGROUND) + (255,))
    paper.alpha_composite(image)
    image = paper.convert("RGB")
    if faded:
        image = ImageOps.grayscale(image)
        image = Image.blend(image, Image.new("L", image.size, 255), style.BASEMAP_FADE_TO_WHITE)
    if opacity < 1.0:
        if image.mode == "L":
            paper = Image.new("L", image.size, round(style.relative_luminance(style.BACKGROUND) ** (1 / 2.2) * 255))
        else:
            paper = Image.new("RGB", image.size, style.hex_to_rgb(style.BACKGROUND))
        image = Image.blend(paper, image, max(0.0, opacity))
    return image


def printed_basemap(project, view):
    """(PrintedImage, attribution) of the active base map cropped to the frame, or (None, '')."""
    from workbench.store.tiles import basemaps_of

    maps = basemaps_of(project)
    display = maps.display()
    info = maps.get(display.active) if display.active else None
    if info is None or not info.levels or display.opacity <= 0:
        return None, ""
    frame = view.world.bounds
    bounds = (max(frame[0], info.extent[0]), max(frame[1], info.extent[1]),
              min(frame[2], info.extent[2]), min(frame[3], info.extent[3]))
    if bounds[0] >= bounds[2] or bounds[1] >= bounds[3]:
        return None, ""
    wanted = target_pixel_size(view)
    level = choose_level(info.levels, wanted)
    coarser = [other for other in info.levels if other.pixel_size > level.pixel_size]
    made = _mosaic(maps, info, level, bounds, sorted(coarser, key=lambda lv: -lv.pixel_size),
                   _reduction(level, wanted))
    if made is None:
        return None, ""
    image, world, jpeg = made
    size = (world[2] - world[0]) / image.width
    # Crop to whole tile pixels around the frame, and place by those pixels' edges.
    left = max(0, math.floor((frame[0] - world[0]) / size))
    right = min(image.width, math.ceil((frame[2] - world[0]) / size))
    top = max(0, math.floor((world[3] - frame[3]) / size))
    bottom = min(image.height, math.ceil((world[3] - frame[1]) / size))
    image = image.crop((left, top, right, bottom))
    placed = (world[0] + left * size, world[3] - bottom * size, world[0] + right * size, world[3] - top * size)
    if size < wanted / COARSE_ENOUGH:  # finer than print needs: a smaller PDF, same look
        from PIL import Image

        factor = size / wanted
        image = image.resize((max(1, round(image.width * factor)), max(1, round(image.height * factor))),
                             Image.Resampling.BOX)
    image = _finish(image, display.faded, display.opacity)
    attribution = text.plain(info.attribution, multiline=False) or text.plain(info.title, multiline=False)
    return PrintedImage.north_up(image, placed, jpeg_quality=JPEG_QUALITY if jpeg else None), attribution


def raster_layers(project, view) -> Rasters:
    image, attribution = printed_basemap(project, view)
    return Rasters(image, printed_underlays(project, view, target_pixel_size(view)), attribution)


MIN_ATTRIBUTION_SIZE = 5.5


def _attribution_spec(view, attribution, map_style):
    """(plate, text, size): the whole attribution where it fits beside the scale bar, in
    smaller type when it must; cut short only when even that does not fit."""
    if not attribution:
        return None
    from workbench.report.map_furniture import scale_bar_box

    x, y, width, _height = view.box
    scale_plate = scale_bar_box(view, map_style)
    room = x + width - (scale_plate[0] + scale_plate[2]) - 16
    size = map_style.credit_size
    while fonts.string_width(attribution, size) > room and size > MIN_ATTRIBUTION_SIZE:
        size = max(MIN_ATTRIBUTION_SIZE, size - 0.5)
    label = text.shorten(attribution, room, size)
    label_width = fonts.string_width(label, size)
    return (x + width - label_width - 8, y + 2, label_width + 6, size + 4), label, size


def attribution_box(canvas, view, attribution, map_style):
    spec = _attribution_spec(view, attribution, map_style)
    return spec[0] if spec else None


def draw_attribution(canvas, view, attribution, map_style) -> None:
    """The base map's attribution on a white plate in the lower-right corner of the map."""
    spec = _attribution_spec(view, attribution, map_style)
    if spec is None:
        return
    (px, py, pw, ph), label, size = spec
    canvas.saveState()
    canvas.setFillColor(color("#ffffff"))
    canvas.setFillAlpha(0.85)
    canvas.rect(px, py, pw, ph, stroke=0, fill=1)
    canvas.setFillAlpha(1)
    canvas.setFillColor(color("#333333"))
    canvas.setFont(fonts.REGULAR, size)
    canvas.drawRightString(px + pw - 3, py + 2.5, label)
    canvas.restoreState()
