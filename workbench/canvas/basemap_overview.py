"""Overview tiles for a base map whose coarsest stored level is still much finer than
the screen (PDOK's BGT starts at level 12, a planner may fetch only 12-14): zoomed out,
2^k x 2^k stored tiles are drawn once into one tile of a level that is not stored, and
that tile is cached like any other. Without this every paint of the full view would
decode hundreds of tiles again, as they do not all fit in the cache.

Only for tile matrices that double per level from one origin (the Dutch scheme; what
:mod:`workbench.store.tiles` stores).
"""

import math
from dataclasses import replace

from qtpy.QtCore import QRectF, Qt
from qtpy.QtGui import QImage, QPainter

MAX_STEPS = 5  # up to 32 x 32 stored tiles in one overview tile


def overview_steps(coarsest, metres_per_pixel: float) -> int:
    """How many levels coarser than ``coarsest`` the screen wants (0: none)."""
    if metres_per_pixel <= coarsest.pixel_size * 2:
        return 0
    return min(MAX_STEPS, int(math.floor(math.log2(metres_per_pixel / coarsest.pixel_size))))


def overview_level(coarsest, steps: int):
    """The level ``steps`` coarser than ``coarsest`` (not stored: made from it)."""
    factor = 2 ** steps
    return replace(coarsest, zoom=coarsest.zoom - steps, pixel_size=coarsest.pixel_size * factor,
                   matrix_width=math.ceil(coarsest.matrix_width / factor),
                   matrix_height=math.ceil(coarsest.matrix_height / factor))


def overview_images(layer, info, steps: int, span) -> dict:
    """{(col, row): QImage} of overview tiles in ``span``, made from the coarsest stored
    level (its tiles decoded, not kept) and kept in ``layer.overviews``."""
    coarsest = info.levels[0]
    factor = 2 ** steps
    zoom = coarsest.zoom - steps
    col_min, col_max, row_min, row_max = span
    images, wanted = {}, []
    for row in range(row_min, row_max + 1):
        for col in range(col_min, col_max + 1):
            key = (info.name, zoom, col, row, layer.faded, "overview")
            image = layer.overviews.get(key)
            if image is not None:
                images[(col, row)] = image
            elif not layer.overviews.known(key):
                wanted.append((col, row))
    for col, row in wanted:
        key = (info.name, zoom, col, row, layer.faded, "overview")
        stored = layer.stored_images(info, 0, (col * factor, min((col + 1) * factor, coarsest.matrix_width) - 1,
                                               row * factor, min((row + 1) * factor, coarsest.matrix_height) - 1),
                                     keep=False)
        if not stored:
            layer.overviews.put_missing(key)
            continue
        image = QImage(coarsest.tile_width, coarsest.tile_height, QImage.Format_ARGB32_Premultiplied)
        image.fill(Qt.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.SmoothPixmapTransform)
        width, height = coarsest.tile_width / factor, coarsest.tile_height / factor
        for (c, r), child in stored.items():
            painter.drawImage(QRectF((c - col * factor) * width, (r - row * factor) * height, width, height), child)
        painter.end()
        layer.overviews.put_image(key, image)
        images[(col, row)] = image
    return images
