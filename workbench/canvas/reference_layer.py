"""Reference layers on the canvas in their own style (workbench.core.layer_style, the
model the PDF draws from too): roads as grey lines named after their streets, buildings
a light fill, water blue, wijken outlined and named, categories by a field.

:class:`StyledReferenceItem` draws one layer: its shapes grouped by colour, fills only
for polygons, lines never filled, points as small dots; zoomed out it draws simplified
shapes and skips what is smaller than a pixel. :func:`pending_names` lists the names a
layer can show, which the scene turns into labels once the zoom leaves room for them.
"""

from dataclasses import dataclass

import shapely
from qtpy.QtCore import QPointF, QRectF, Qt
from qtpy.QtGui import QBrush
from qtpy.QtWidgets import QGraphicsItem

from workbench.canvas.geometry import path_for, to_scene
from workbench.canvas.items import color, cosmetic_pen
from workbench.core.layer_style import RANK, draw_order, name_angle, style_of, upright

POINT_PIXELS = 2.5        # radius of a reference point, in pixels
COARSE_BELOW = 0.2        # pixels per metre under which simplified shapes are drawn
COARSE_TOLERANCE = 4.0    # metres; invisible below 1:20,000 (about 5 m per pixel)
POINT_NAME_METRES = 150.0  # a point's name shows once this many metres are as wide as the name


@dataclass
class _Group:
    """Shapes of one layer that share a pen and a brush."""

    pen: object
    brush: object
    paths: list
    rects: list
    geometries: list
    coarse: list | None = None


class StyledReferenceItem(QGraphicsItem):
    """All shapes of one reference layer in one item, in the layer's style."""

    def __init__(self, layer, parent=None, over_raster=False):
        super().__init__()
        self.layer_uuid = layer.uuid
        self.layer = layer
        self.base_style = style_of(layer)
        self.over_raster = None
        self._bounds = QRectF()
        self._points = []
        self._groups = []
        self.set_over_raster(over_raster)
        self.setParentItem(parent)

    def boundingRect(self) -> QRectF:
        return self._bounds

    @property
    def style(self):
        return self.base_style.over_raster() if self.over_raster else self.base_style

    def set_over_raster(self, over_raster: bool) -> None:
        """Over a base map or underlay a stand-in paper fill (the wijken's) is left out,
        as the PDF does: it would hide the streets beneath."""
        over_raster = bool(over_raster)
        if over_raster == self.over_raster:
            return
        self.over_raster = over_raster
        self._build()
        self.update()

    def set_filled(self, filled: bool) -> None:  # the name the scene used before styles
        self.set_over_raster(not filled)

    def _build(self) -> None:
        layer_style = self.style
        self.setOpacity(layer_style.opacity)
        width = layer_style.line_width
        groups, points = {}, []
        for feature in self.layer.features:
            geometry = feature.geometry
            if geometry is None or geometry.is_empty:
                continue
            line_colour, fill = layer_style.color_for(feature)
            single = not geometry.geom_type.startswith(("Multi", "GeometryCollection"))
            for part in [geometry] if single else shapely.get_parts(geometry):
                kind = part.geom_type
                if "Point" in kind:
                    if fill is not None or line_colour is not None:  # name points have no dot
                        points.append((QPointF(part.x, -part.y), fill or line_colour))
                    continue
                polygon = "Polygon" in kind
                stroke = line_colour if width > 0 else None
                if polygon and fill is None and stroke is None:
                    continue
                if not polygon and stroke is None:
                    continue
                key = (stroke, fill if polygon else None)
                groups.setdefault(key, []).append(part)
        self._groups = []
        bounds = QRectF()
        for (stroke, fill), parts in sorted(groups.items(), key=lambda kv: (kv[0][1] is None, str(kv[0]))):
            pen = cosmetic_pen(stroke, width) if stroke else Qt.NoPen
            brush = QBrush(color(fill)) if fill else QBrush(Qt.NoBrush)
            paths = [path_for(part) for part in parts]
            # a straight street has a zero-height box, which intersects nothing: pad it
            rects = [path.boundingRect().adjusted(-0.5, -0.5, 0.5, 0.5) for path in paths]
            for rect in rects:
                bounds = bounds.united(rect)
            self._groups.append(_Group(pen, brush, paths, rects, parts))
        self._points = [(point, color(colour)) for point, colour in points]
        for point, _colour in self._points:
            bounds = bounds.united(QRectF(point, point).adjusted(-1, -1, 1, 1))
        self.prepareGeometryChange()
        self._bounds = bounds

    def _coarse(self, group):
        if group.coarse is None:
            simple = shapely.simplify(group.geometries, COARSE_TOLERANCE, preserve_topology=True)
            group.coarse = [path_for(g) for g in simple]
        return group.coarse

    def paint(self, painter, option, widget=None):
        scale = abs(painter.worldTransform().m11()) or 1.0  # pixels per metre
        exposed = option.exposedRect if option.exposedRect.isValid() else self._bounds
        min_size = 1.0 / scale
        for group in self._groups:
            paths = self._coarse(group) if scale < COARSE_BELOW else group.paths
            painter.setPen(group.pen)
            painter.setBrush(group.brush)
            for path, rect in zip(paths, group.rects):
                if rect.width() < min_size and rect.height() < min_size:
                    continue
                if rect.intersects(exposed):
                    painter.drawPath(path)
        if self._points:
            painter.setPen(Qt.NoPen)
            radius = POINT_PIXELS / scale
            for point, brush in self._points:
                if exposed.contains(point):
                    painter.setBrush(brush)
                    painter.drawEllipse(point, radius, radius)


def _direction_at(line, distance: float) -> float:
    """Degrees anticlockwise of the segment of ``line`` at ``distance`` along it, upright."""
    import math

    coords = list(line.coords)
    walked = 0.0
    for (x0, y0), (x1, y1) in zip(coords[:-1], coords[1:]):
        step = math.hypot(x1 - x0, y1 - y0)
        if walked + step >= distance and step > 0:
            return upright(math.degrees(math.atan2(y1 - y0, x1 - x0)))
        walked += step
    return 0.0


@dataclass(slots=True)  # thousands per layer: no frozen-dataclass setattr per field
class PendingName:
    """A name a reference feature can show, made into a label once there is room."""

    extent: float        # metres the feature spans (its width, or a line's length)
    priority: float      # lower first: wijken before streets, bigger before smaller
    text: str
    geometry: object     # where the name goes is worked out only when it is shown
    color: str
    size: float          # points at label scale 1
    angle: float = 0.0   # degrees anticlockwise (a BGT name point's hoek)
    beside: bool = False  # a dotted point: the name goes beside the dot, not on it

    def placement(self) -> tuple:
        """(scene point, degrees anticlockwise) of the name: inside a polygon; halfway a
        line's longest part, along it; on a point, turned by its hoek."""
        geometry = self.geometry
        kind = geometry.geom_type
        angle = self.angle
        if "Polygon" in kind:
            point = geometry.representative_point()
        elif "LineString" in kind:
            longest = max(getattr(geometry, "geoms", [geometry]), key=lambda g: g.length)
            point = longest.interpolate(0.5, normalized=True)
            angle = _direction_at(longest, longest.length / 2)
        else:
            point = shapely.get_parts(geometry)[0]
        return to_scene(point.x, point.y), angle


def pending_names(layer, layer_style=None) -> list:
    """The names of ``layer``'s features, in its style (label field, colour, size)."""
    layer_style = layer_style or style_of(layer)
    if not layer_style.show_labels:
        return []
    named = [(f, layer_style.label_for(f)) for f in layer.features
             if f.geometry is not None and not f.geometry.is_empty]
    named = [(feature, text) for feature, text in named if text]
    if not named:
        return []
    geometries = [feature.geometry for feature, _text in named]
    bounds = shapely.bounds(geometries)
    widths = (bounds[:, 2] - bounds[:, 0]).tolist()
    lengths = shapely.length(geometries).tolist()
    areas = shapely.area(geometries).tolist()
    largest = max(max(areas), max(lengths), 1.0)
    rank = RANK.get(layer_style.role, len(RANK)) if layer_style.role != "other" else 0
    result = []
    for (feature, text), geometry, width, length, area in zip(named, geometries, widths, lengths, areas):
        kind = geometry.geom_type
        angle, beside = 0.0, False
        if "Polygon" in kind:
            extent, size = width, area
        elif "LineString" in kind:
            extent, size = length, length
        else:  # a point's name shows from about 1:10,000 on, as a street's would
            extent, size = POINT_NAME_METRES, POINT_NAME_METRES
            line_colour, fill = layer_style.color_for(feature)
            beside = line_colour is not None or fill is not None
            angle = 0.0 if beside else name_angle(dict(feature.properties))
        # the bigger a feature, the longer its name stays; always after the idea numbers
        priority = 1e6 + rank * 1e5 + min(largest / (size or 1e-9), 99_999.0)
        result.append(PendingName(max(extent, 1.0), priority, text, geometry, layer_style.label_color,
                                  layer_style.label_size, angle, beside))
    return result


def layer_order(layers) -> list:
    """(layer, style) of the reference layers in drawing order: fills beneath lines."""
    styled = [(layer, style_of(layer)) for layer in layers]
    return sorted(styled, key=lambda pair: draw_order(pair[1]))
