"""Render benchmarks: a full-view map of 5,000 reference polygons plus 1,000 ideas
through the scene, against a raw QPainter drawing the same paths into the same image
size, in the same run; and the time to build the scene for that project."""

import math
import os
import random
import tempfile
from pathlib import Path

from bench.common import report, timed

WIDTH, HEIGHT = 1600, 1200


def reference_layer(count=5000, seed=7):
    """``count`` irregular 12-gons tiling the bench extent, like a fine buurt map."""
    from shapely.geometry import Polygon

    from workbench.core.model import ReferenceFeature, ReferenceLayer, new_uuid

    rng = random.Random(seed)
    columns = 100
    rows = math.ceil(count / columns)
    width, height = 6000 / columns, 7000 / rows
    features = []
    for n in range(count):
        cx = 192000 + (n % columns + 0.5) * width
        cy = 320000 + (n // columns + 0.5) * height
        ring = [(cx + width * 0.48 * rng.uniform(0.8, 1.0) * math.cos(a * math.pi / 6),
                 cy + height * 0.48 * rng.uniform(0.8, 1.0) * math.sin(a * math.pi / 6)) for a in range(12)]
        features.append(ReferenceFeature(new_uuid(), f"Buurt {n + 1}", Polygon(ring)))
    return ReferenceLayer(new_uuid(), "Buurten (bench)", "", tuple(features))


def raw_paint(paths, width, height, transform):
    """The floor: QPainter drawing prebuilt paths with the same pens and brushes."""
    from qtpy.QtGui import QColor, QImage, QPainter

    from workbench import style

    image = QImage(width, height, QImage.Format_ARGB32_Premultiplied)
    image.fill(QColor(style.BACKGROUND))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
    painter.setTransform(transform)
    for path, pen, brush in paths:
        painter.setPen(pen)
        painter.setBrush(brush)
        painter.drawPath(path)
    painter.end()
    return image


def _floor_paths(project):
    from qtpy.QtCore import Qt
    from qtpy.QtGui import QBrush

    from workbench import style
    from workbench.canvas.geometry import path_for
    from workbench.canvas.items import color, cosmetic_pen

    from workbench.core.layer_style import style_of

    paths = []
    for layer in project.reference_layers():
        layer_style = style_of(layer)  # the pen the map draws with: wijk-like borders are 1.4 px (issue 11)
        ref_pen = cosmetic_pen(layer_style.line_color, layer_style.line_width)
        ref_brush = QBrush(color(layer_style.fill_color or style.REFERENCE_FILL))
        for feature in layer.features:
            paths.append((path_for(feature.geometry), ref_pen, ref_brush))
    for item in project.interventions():
        hex_colour = project.primary_color(item)
        kind = item.geometry.geom_type
        # every idea line and outline has its casing beneath it (WCAG 3:1 on any
        # background, issue 11): the floor strokes it too, as any map with casings must
        width = style.INTERVENTION_OUTLINE_WIDTH if "Polygon" in kind else style.INTERVENTION_LINE_WIDTH
        if "Point" not in kind:
            paths.append((path_for(item.geometry), cosmetic_pen(style.casing_for(hex_colour),
                                                                width + style.CASING_WIDTH), QBrush(Qt.NoBrush)))
        if "Polygon" in kind:
            paths.append((path_for(item.geometry), cosmetic_pen(hex_colour, style.INTERVENTION_OUTLINE_WIDTH),
                          QBrush(color(hex_colour, style.INTERVENTION_POLYGON_OPACITY))))
        else:  # lines; points as their (tiny) path, stroked with the line pen
            paths.append((path_for(item.geometry), cosmetic_pen(hex_colour, style.INTERVENTION_LINE_WIDTH),
                          QBrush(Qt.NoBrush)))
    return paths


def run():
    from workbench.canvas.export_png import ensure_app, render_image

    ensure_app()
    from qtpy.QtGui import QTransform

    from bench.projects import make_project
    from workbench.canvas.geometry import path_for
    from workbench.canvas.scene import MapScene

    with tempfile.TemporaryDirectory() as folder:
        project = make_project(Path(folder) / "render.gpkg", interventions=1000)
        layer = reference_layer()
        project.state.entities["reference_layer"][layer.uuid] = layer  # in memory only

        scenes = []  # kept, so tearing down the previous scene is not timed as building
        build = timed(lambda: scenes.append(MapScene(project)), repeat=5)
        geometries = [f.geometry for f in layer.features] + [i.geometry for i in project.interventions()]
        convert = timed(lambda: [path_for(g) for g in geometries], repeat=5)
        report("render_scene_build", build, convert, 3.0)

        scene = scenes[-1]
        for other in scenes[:-1]:
            other.detach()
        del scenes[:-1]
        source = scene.data_rect()
        scale = min(WIDTH / source.width(), HEIGHT / source.height()) / 1.08
        centre = source.center()
        transform = QTransform(scale, 0, 0, scale, WIDTH / 2 - centre.x() * scale, HEIGHT / 2 - centre.y() * scale)
        paths = _floor_paths(project)
        render_image(project, WIDTH, HEIGHT, "all", scene=scene)  # warm up fonts and caches
        value = timed(lambda: render_image(project, WIDTH, HEIGHT, "all", scene=scene), repeat=5)
        floor = timed(lambda: raw_paint(paths, WIDTH, HEIGHT, transform), repeat=5)
        report("render_full_view", value, floor, 1.3)
        if os.environ.get("BENCH_RENDER_OUT"):
            render_image(project, WIDTH, HEIGHT, "all", scene=scene).save(os.environ["BENCH_RENDER_OUT"])
        project.close()
