"""Base maps for tests without a network: solid-colour PNG tiles and a small pyramid over
a project's area, written through the real store code (workbench.store.tiles)."""

import struct
import zlib

from workbench.store.tiles import NewBaseMap, basemaps_of, rd_level


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def solid_tile_png(rgb, size=256) -> bytes:
    """A ``size`` x ``size`` PNG of one RGB colour (stdlib only)."""
    row = b"\x00" + bytes(rgb) * size  # filter byte 0, then the pixels
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(row * size))
            + _chunk(b"IEND", b""))


def add_test_basemap(project, name="basemap_test", levels=(10, 11), colour_for=None, margin=0.0,
                     title="Testkaart", attribution="© Testkaart"):
    """Write the tiles of the Dutch scheme that cover the project's area (plus ``margin``
    metres) at each level in ``levels``; ``colour_for(zoom, col, row)`` gives each tile's
    RGB (default: one grey). Returns the stored BaseMapInfo."""
    colour_for = colour_for or (lambda zoom, col, row: (200, 200, 200))
    min_x, min_y, max_x, max_y = project.area.geometry.bounds
    extent = (min_x - margin, min_y - margin, max_x + margin, max_y + margin)
    maps = basemaps_of(project)
    maps.create(NewBaseMap(name, title, attribution, licence="test"), extent)
    info = maps.get(name)
    cache = {}
    for zoom in levels:
        level = rd_level(zoom)
        col_min, col_max, row_min, row_max = info.tile_range(level, extent)
        tiles = []
        for col in range(col_min, col_max + 1):
            for row in range(row_min, row_max + 1):
                rgb = tuple(colour_for(zoom, col, row))
                if rgb not in cache:
                    cache[rgb] = solid_tile_png(rgb)
                tiles.append((col, row, cache[rgb]))
        maps.write_tiles(name, level, tiles)
    return maps.get(name)


def stored_colour(maps, name, zoom, x, y):
    """The RGB of the stored tile pixel under RD point (x, y) at ``zoom`` (None: no tile)."""
    import io
    import math

    from PIL import Image

    info = maps.get(name)
    level = info.level(zoom) or rd_level(zoom)
    col = math.floor((x - info.origin_x) / level.tile_span_x)
    row = math.floor((info.origin_y - y) / level.tile_span_y)
    data = maps.tile(name, zoom, col, row)
    if data is None:
        return None
    min_x, _min_y, _max_x, max_y = info.tile_bounds(level, col, row)
    image = Image.open(io.BytesIO(data)).convert("RGB")
    return image.getpixel((int((x - min_x) / level.pixel_size), int((max_y - y) / level.pixel_size)))
