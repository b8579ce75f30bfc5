"""Reference layers on paper, each in its own style (workbench.core.layer_style): fills
beneath lines, roads as grey lines with their names along them, buildings light, water
blue; the same look the canvas gives them.

Polygon names (wijken, a lake) are placed inside by :mod:`workbench.report.wijk_labels`;
line names (streets) here, along the longest straight stretch of the line that keeps clear
of the numbers, the furniture, other names and the ideas.
"""

import itertools
import math
from dataclasses import dataclass

import shapely

from workbench.core.layer_style import draw_order, name_angle, style_of
from workbench.report import circles, fonts, text
from workbench.report.colors import color
from workbench.report.map_paths import fill_polygons, lines, stroke_lines, visible

POINT_RADIUS = 1.8     # points; reference points are small dots
SAME_NAME_GAP = 180    # points between two labels of the same street
HALO = "#ffffff"
MAX_RUNS, MAX_SPOTS = 3, 7  # per line: the longest straight stretches, spots along each


@dataclass
class StyledLayer:
    """One reference layer ready to draw: its style and its visible (feature, shape) pairs."""

    style: object
    shown: list


def styled_layers(project, view, over_raster=False) -> list:
    """The project's reference layers with their styles, in drawing order."""
    result = []
    for layer in project.reference_layers():
        layer_style = style_of(layer)
        if over_raster:
            layer_style = layer_style.over_raster()
        shown = []
        for feature in layer.features:
            geometry = visible(feature.geometry, view)
            if geometry is not None:
                shown.append((feature, geometry))
        if shown:
            result.append(StyledLayer(layer_style, shown))
    return sorted(result, key=lambda item: draw_order(item.style))


def _parts(shown, kind):
    for feature, geometry in shown:
        parts = shapely.get_parts(geometry) if geometry.geom_type == "GeometryCollection" else [geometry]
        for part in parts:
            if kind in part.geom_type:
                yield feature, part


def draw_layer(canvas, layer: StyledLayer, view, line_scale=1.0) -> None:
    """Fills, lines and dots of one layer, grouped by colour into as few paths as possible."""
    layer_style = layer.style
    width = layer_style.line_width * line_scale
    groups = {}
    for feature, part in _parts(layer.shown, "Polygon"):
        groups.setdefault(layer_style.color_for(feature), []).append(part)
    for (line_colour, fill), parts in sorted(groups.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
        stroke = line_colour if width > 0 else None
        if fill is not None or stroke is not None:
            fill_polygons(canvas, parts, view, fill, stroke, width, layer_style.opacity, layer_style.opacity)
    groups = {}
    for feature, part in _parts(layer.shown, "LineString"):
        groups.setdefault(layer_style.color_for(feature)[0], []).append(part)
    for line_colour, parts in sorted(groups.items(), key=lambda kv: str(kv[0])):
        if line_colour is not None and width > 0:
            stroke_lines(canvas, parts, view, line_colour, width, layer_style.opacity)
    points = list(_parts(layer.shown, "Point"))
    if points:
        canvas.saveState()
        for feature, part in points:
            line_colour, fill = layer_style.color_for(feature)
            if fill is None and line_colour is None:
                continue  # name points: the name marks the place (see draw_line_labels)
            canvas.setFillColor(color(fill or line_colour))
            if layer_style.opacity != 1.0:
                canvas.setFillAlpha(layer_style.opacity)  # after the colour, which resets it
            for point in getattr(part, "geoms", [part]):
                circles.circle(canvas, *view.point(point.x, point.y), POINT_RADIUS * line_scale, stroke=0, fill=1)
        canvas.restoreState()


def polygon_labels(layers) -> list:
    """(label, shape, colour, size) of the polygon features that carry a name."""
    result = []
    for layer in layers:
        for feature, geometry in layer.shown:
            label = layer.style.label_for(feature)
            if label and "Polygon" in geometry.geom_type:
                result.append((label, geometry, layer.style.label_color, layer.style.label_size))
    return result


def _runs(geometry, view):
    """Straight stretches of a line on the page, longest first: (length, x0, y0, dx, dy)
    with (dx, dy) the unit direction, turned so that text along it stays upright."""
    runs = []
    for coords in lines(geometry):
        points = view.points(shapely.simplify(shapely.LineString(coords), 1.5 / view.scale).coords)
        for (x0, y0), (x1, y1) in zip(points[:-1], points[1:]):
            length = math.hypot(x1 - x0, y1 - y0)
            if length > 0:
                if x1 < x0 or (x1 == x0 and y1 < y0):
                    x0, y0, x1, y1 = x1, y1, x0, y0
                runs.append((length, float(x0), float(y0), (x1 - x0) / length, (y1 - y0) / length))
    return sorted(runs, key=lambda run: (-run[0], run[1], run[2]))


def _spots(run, label_width, size):
    """Centres along a run where a label fits: the middle first, then outwards."""
    length, x0, y0, dx, dy = run
    room = length - label_width - size
    if room < 0:
        return
    steps = int(room / max(label_width / 2, 1.0))
    offsets = sorted({room / 2 + k * label_width / 2 * sign for k in range(steps // 2 + 1) for sign in (1, -1)},
                     key=lambda t: (abs(t - room / 2), t))
    angle = math.degrees(math.atan2(dy, dx))
    for offset in offsets:
        if 0 <= offset <= room:
            along = size / 2 + label_width / 2 + offset
            yield x0 + dx * along, y0 + dy * along, angle


def _rotated_box(x, y, width, height, angle):
    """The upright box around a label of ``width`` x ``height`` centred on (x, y) at ``angle``."""
    radians = math.radians(angle)
    half_w = (abs(math.cos(radians)) * width + abs(math.sin(radians)) * height) / 2
    half_h = (abs(math.sin(radians)) * width + abs(math.cos(radians)) * height) / 2
    return (x - half_w, y - half_h, 2 * half_w, 2 * half_h)


def draw_line_labels(canvas, layers, view, free, taken, line_scale=1.0) -> None:
    """Street (and waterway) names along their lines where there is room, then the names
    of points.

    ``free(box)`` says whether a page box keeps clear of what must stay readable (numbers,
    furniture, ideas); ``taken`` collects the boxes of the names placed, so names keep
    clear of each other. A street split into many pieces is named every SAME_NAME_GAP points.
    """
    width = view.box[2]
    placed_by_name = {}
    index = BoxIndex(taken)
    for layer in layers:
        layer_style = layer.style
        size = layer_style.label_size * line_scale
        candidates = []
        for feature, geometry in layer.shown:
            label = text.shorten(text.plain(layer_style.label_for(feature), multiline=False), width * 0.4, size)
            if label and "LineString" in geometry.geom_type:
                candidates.append((label, geometry.length, geometry))
        # longest streets first: they carry the names people navigate by
        for label, _length, geometry in sorted(candidates, key=lambda c: (-c[1], c[0])):
            label_width = fonts.string_width(label, size)
            spot = _free_spot(geometry, view, label, label_width, size, free, index, placed_by_name)
            if spot is not None:
                cx, cy, angle, box = spot
                taken.append(box)
                index.add(box)
                placed_by_name.setdefault(label, []).append((cx, cy))
                _draw_along(canvas, label, cx, cy, angle, size, layer_style.label_color)
    for layer in layers:
        _point_names(canvas, layer, view, free, index, taken, placed_by_name, line_scale)


def _point_names(canvas, layer, view, free, index, taken, placed_by_name, line_scale) -> None:
    """Names of points: beside the dot, or, for name points without a dot (BGT
    openbareruimtelabel), on the point itself, turned by its ``hoek`` when it has one."""
    layer_style = layer.style
    size = layer_style.label_size * line_scale
    x, y, width, height = view.box
    for feature, geometry in layer.shown:
        if "Point" not in geometry.geom_type:
            continue
        label = text.shorten(text.plain(layer_style.label_for(feature), multiline=False), width * 0.4, size)
        if not label:
            continue
        line_colour, fill = layer_style.color_for(feature)
        dotted = fill is not None or line_colour is not None
        label_width = fonts.string_width(label, size)
        point = geometry.centroid if geometry.geom_type == "MultiPoint" else geometry
        px, py = view.point(point.x, point.y)
        angle = 0.0 if dotted else name_angle(dict(feature.properties))
        if dotted:
            px += POINT_RADIUS * line_scale + 2 + label_width / 2
        box = _rotated_box(px, py, label_width + 3, size * 1.2, angle)
        if box[0] < x + 2 or box[1] < y + 2 or box[0] + box[2] > x + width - 2 or box[1] + box[3] > y + height - 2:
            continue
        if any(math.hypot(px - qx, py - qy) < SAME_NAME_GAP for qx, qy in placed_by_name.get(label, ())):
            continue
        if index.clear(box) and free(box):
            taken.append(box)
            index.add(box)
            placed_by_name.setdefault(label, []).append((px, py))
            _draw_along(canvas, label, px, py, angle, size, layer_style.label_color)


def _free_spot(geometry, view, label, label_width, size, free, taken, placed_by_name):
    """(x, y, angle, box) of the first spot along the line where the name fits, or None.
    A few runs and spots per line are tried: a city's streets are thousands of pieces."""
    if geometry.length * view.scale < label_width + size:
        return None  # too short on paper for its name, however straight
    x, y, width, height = view.box
    for run in _runs(geometry, view)[:MAX_RUNS]:
        if run[0] < label_width + size:
            return None  # runs come longest first
        for cx, cy, angle in itertools.islice(_spots(run, label_width, size), MAX_SPOTS):
            box = _rotated_box(cx, cy, label_width + 3, size * 1.2, angle)
            if (box[0] < x + 2 or box[1] < y + 2 or box[0] + box[2] > x + width - 2
                    or box[1] + box[3] > y + height - 2):
                continue
            if any(math.hypot(cx - px, cy - py) < SAME_NAME_GAP for px, py in placed_by_name.get(label, ())):
                continue
            if taken.clear(box) and free(box):
                return cx, cy, angle, box
    return None


class BoxIndex:
    """Page boxes in a grid of CELL-point cells, so "does this box touch any placed one?"
    looks at a few neighbours instead of every name on the map."""

    CELL = 40.0

    def __init__(self, boxes=()):
        self.cells = {}
        for box in boxes:
            self.add(box)

    def _keys(self, box):
        bx, by, bw, bh = box
        for i in range(int(bx // self.CELL), int((bx + bw) // self.CELL) + 1):
            for j in range(int(by // self.CELL), int((by + bh) // self.CELL) + 1):
                yield i, j

    def add(self, box) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

    def clear(self, box) -> bool:
        bx, by, bw, bh = box
        for key in self._keys(box):
            for ox, oy, ow, oh in self.cells.get(key, ()):
                if not (bx + bw < ox or ox + ow < bx or by + bh < oy or oy + oh < by):
                    return False
        return True


def _draw_along(canvas, label, cx, cy, angle, size, fill) -> None:
    """The name centred on (cx, cy), turned along the line, on a light plate that lets
    the road show through at its ends (text drawn once, so pdftotext reads it once)."""
    label_width = fonts.string_width(label, size)
    canvas.saveState()
    canvas.translate(cx, cy)
    canvas.rotate(angle)
    canvas.setFillColor(color(HALO))
    canvas.setFillAlpha(0.75)
    canvas.roundRect(-label_width / 2 - 1.5, -size * 0.55, label_width + 3, size * 1.1, size * 0.3, stroke=0, fill=1)
    canvas.setFillAlpha(1)
    canvas.setFillColor(color(fill))
    canvas.setFont(fonts.REGULAR, size)
    canvas.drawCentredString(0, -size * 0.33, label)
    canvas.restoreState()
