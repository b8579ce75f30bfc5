"""Tiles that look (and compress) like a real topographic base map, for the PDF size and
speed measurements: streets, building blocks, green and water drawn with Pillow from a
seed per tile, so every run writes the same bytes."""

import io
import random

PAPER, GREEN, WATER, BUILDING, ROAD, ROAD_EDGE, TEXT = (
    (242, 239, 233), (205, 229, 190), (170, 211, 238), (217, 208, 201), (255, 255, 255), (190, 190, 190), (80, 80, 80))


def map_like_tile_png(zoom, col, row, size=256) -> bytes:
    from PIL import Image, ImageDraw

    rng = random.Random(zoom * 1_000_003 + col * 7919 + row)
    image = Image.new("RGB", (size, size), PAPER)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(0, 2)):
        x, y = rng.randrange(size), rng.randrange(size)
        draw.ellipse((x, y, x + rng.randint(30, 120), y + rng.randint(30, 90)), fill=rng.choice((GREEN, WATER)))
    for _ in range(rng.randint(60, 160)):
        x, y = rng.randrange(size), rng.randrange(size)
        draw.rectangle((x, y, x + rng.randint(4, 16), y + rng.randint(4, 16)), fill=BUILDING, outline=(190, 180, 170))
    for _ in range(rng.randint(4, 8)):
        points = [(rng.randrange(-20, size + 20), rng.randrange(-20, size + 20)) for _ in range(3)]
        draw.line(points, fill=ROAD_EDGE, width=7)
        draw.line(points, fill=ROAD, width=5)
    draw.text((rng.randrange(10, 180), rng.randrange(10, 240)), rng.choice(("Akerstraat", "Kampstraat", "Beersdal")),
              fill=TEXT)
    data = io.BytesIO()
    image.save(data, "PNG")
    return data.getvalue()


def photo_like_tile_jpeg(zoom, col, row, size=256) -> bytes:
    """A JPEG tile with the fine texture of an aerial photo (the worst case for size)."""
    from PIL import Image, ImageFilter

    rng = random.Random(zoom * 1_000_003 + col * 7919 + row)
    noise = Image.effect_noise((size, size), 60).filter(ImageFilter.GaussianBlur(0.8))
    tint = Image.new("RGB", (size, size), (rng.randint(80, 140), rng.randint(100, 150), rng.randint(70, 120)))
    image = Image.blend(tint, Image.merge("RGB", (noise, noise, noise)), 0.5)
    data = io.BytesIO()
    image.save(data, "JPEG", quality=80)
    return data.getvalue()


def add_map_like_basemap(project, name="basemap_brt_standaard", levels=(10, 11, 12), margin=500.0, photo=False):
    """A base map of map-like (or, with ``photo``, aerial-photo-like JPEG) tiles over the
    project's area plus ``margin`` metres, written through the real store code as a
    download would; returns its BaseMapInfo."""
    from workbench.store.tiles import NewBaseMap, basemaps_of, rd_level

    min_x, min_y, max_x, max_y = project.area.geometry.bounds
    extent = (min_x - margin, min_y - margin, max_x + margin, max_y + margin)
    maps = basemaps_of(project)
    maps.create(NewBaseMap(name, "BRT-Achtergrondkaart (standaard)",
                           "Kaartgegevens: © Kadaster / PDOK (BRT-Achtergrondkaart), CC BY 4.0", "CC BY 4.0"), extent)
    info = maps.get(name)
    for zoom in levels:
        level = rd_level(zoom)
        col_min, col_max, row_min, row_max = info.tile_range(level, extent)
        make = photo_like_tile_jpeg if photo else map_like_tile_png
        maps.write_tiles(name, level, [(col, row, make(zoom, col, row))
                                       for col in range(col_min, col_max + 1) for row in range(row_min, row_max + 1)])
    return maps.get(name)
