"""Base-map render benchmarks, in the same run against raw QPainter floors:

- ``basemap_render_layer``: the base-map layer rendered through the scene (level choice,
  over-zoom bookkeeping, cache look-ups) against a raw QPainter drawing the same decoded
  tile images into the same rectangles; full view and a zoomed-in view, summed.
- ``basemap_render_full_view``: the whole map of the sample (base map, wijken, area,
  ideas, labels) against the same map without the base map plus the raw tile drawing:
  what the base map adds beyond drawing its pixels.
"""

import tempfile
from pathlib import Path

from bench.common import report

ROUNDS = 15


def interleaved(subject, floor, rounds=ROUNDS):
    """Best-of-``rounds`` times of both, run turn about, so a busy moment on a shared
    machine hits both rather than one."""
    import time

    best = [float("inf"), float("inf")]
    for _round in range(rounds):
        for index, function in enumerate((subject, floor)):
            start = time.perf_counter()
            function()
            best[index] = min(best[index], time.perf_counter() - start)
    return best

WIDTH, HEIGHT = 1600, 1200
LEVELS = (10, 11, 12, 13)


def _tile_images(count=8):
    """PNG bytes of map-like 256 px tiles: a fill, streets and blocks."""
    import random

    from qtpy.QtCore import QBuffer, QByteArray, QIODevice
    from qtpy.QtGui import QColor, QImage, QPainter, QPen

    rng = random.Random(3)
    tiles = []
    for n in range(count):
        image = QImage(256, 256, QImage.Format_RGB32)
        image.fill(QColor(238, 236, 230))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.Antialiasing)
        for _block in range(12):
            painter.fillRect(rng.randrange(0, 230), rng.randrange(0, 230), rng.randrange(10, 40),
                             rng.randrange(10, 40), QColor(210, 200, 190))
        painter.setPen(QPen(QColor(255, 255, 255), 5))
        for _street in range(5):
            painter.drawLine(rng.randrange(0, 256), 0, rng.randrange(0, 256), 256)
        painter.setPen(QPen(QColor(150, 190, 230), 8))
        painter.drawLine(0, rng.randrange(0, 256), 256, rng.randrange(0, 256))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.WriteOnly)
        image.save(buffer, "PNG")
        tiles.append(bytes(data))
    return tiles


def _add_basemap(project):
    from workbench.store.tiles import BaseMapDisplay, NewBaseMap, basemaps_of, rd_level

    pngs = _tile_images()
    min_x, min_y, max_x, max_y = project.area.geometry.bounds
    extent = (min_x - 1500, min_y - 1500, max_x + 1500, max_y + 1500)
    maps = basemaps_of(project)
    maps.create(NewBaseMap("basemap_bench", "Bench", "© bench"), extent)
    info = maps.get("basemap_bench")
    for zoom in LEVELS:
        level = rd_level(zoom)
        col_min, col_max, row_min, row_max = info.tile_range(level, extent)
        maps.write_tiles("basemap_bench", level, [(c, r, pngs[(c * 7 + r * 3) % len(pngs)])
                                                  for c in range(col_min, col_max + 1)
                                                  for r in range(row_min, row_max + 1)])
    maps.set_display(BaseMapDisplay(active="basemap_bench", opacity=1.0, faded=True))


def _views(scene):
    """(scene rectangle, image->scene transform) of the full view and a zoomed-in one."""
    from qtpy.QtCore import QRectF

    from workbench.canvas.export_png import map_frame

    full, transform = map_frame(scene, WIDTH, HEIGHT, "all")
    centre = full.center()
    zoomed = QRectF(centre.x() - full.width() / 10, centre.y() - full.height() / 10,
                    full.width() / 5, full.height() / 5)
    return [full, zoomed]


def _scene_render(scene, rects):
    from qtpy.QtCore import QRectF
    from qtpy.QtGui import QColor, QImage, QPainter

    for rect in rects:
        image = QImage(WIDTH, HEIGHT, QImage.Format_ARGB32_Premultiplied)
        image.fill(QColor(255, 255, 255))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.Antialiasing | QPainter.SmoothPixmapTransform)
        scene.render(painter, QRectF(0, 0, WIDTH, HEIGHT), rect)
        painter.end()


def _raw_plan(scene, rects):
    """For each view: [(device rectangle, image, source rectangle)] as the layer draws them."""
    from qtpy.QtCore import QPointF, QRectF
    from qtpy.QtGui import QTransform

    plans = []
    for rect in rects:
        scale = WIDTH / rect.width()
        transform = QTransform(scale, 0, 0, scale, -rect.left() * scale, -rect.top() * scale)
        plan = []
        for target, image, source in scene.basemap.pieces(rect, 1.0 / scale):
            mapped = transform.mapRect(target)
            plan.append((QRectF(QPointF(round(mapped.left()), round(mapped.top())),
                                QPointF(round(mapped.right()), round(mapped.bottom()))), image, source))
        plans.append(plan)
    return plans


def _raw_paint(plans):
    from qtpy.QtGui import QColor, QImage, QPainter

    for plan in plans:
        image = QImage(WIDTH, HEIGHT, QImage.Format_ARGB32_Premultiplied)
        image.fill(QColor(255, 255, 255))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.Antialiasing | QPainter.SmoothPixmapTransform)
        for target, tile, source in plan:
            painter.drawImage(target, tile, source)
        painter.end()


def run():
    from workbench.canvas.export_png import ensure_app, render_image

    ensure_app()
    from workbench.canvas.scene import MapScene
    from workbench.io.samples import build_sample

    with tempfile.TemporaryDirectory() as folder:
        project = build_sample("heerlerheide", Path(folder) / "basemap.gpkg")
        _add_basemap(project)
        scene = MapScene(project)
        rects = _views(scene)
        # the layer alone: everything else hidden
        others = [key for key in scene.groups if key != "basemap"]
        for key in others:
            scene.set_layer_visible(key, False)
        _scene_render(scene, rects)  # decode once: the cache is what panning relies on
        decoded = scene.basemap.cache.decoded
        plans = _raw_plan(scene, rects)
        value, floor = interleaved(lambda: _scene_render(scene, rects), lambda: _raw_paint(plans))
        report("basemap_render_layer", value, floor, 1.3)
        assert scene.basemap.cache.decoded == decoded, "a warm render decoded tiles again"
        for key in others:
            scene.set_layer_visible(key, True)

        # the whole map with and without the base map
        def whole(shown):
            scene.set_layer_visible("basemap", shown)
            render_image(project, WIDTH, HEIGHT, "all", scene=scene)

        def floor_whole():
            whole(False)
            _raw_paint(plans[:1])

        whole(True)
        whole(False)
        with_map, floor = interleaved(lambda: whole(True), floor_whole)
        report("basemap_render_full_view", with_map, floor, 1.3)
        scene.detach()
        project.close()


if __name__ == "__main__":
    run()
