"""The graphics items of the map. Items only draw; the scene keeps them in step with
the project, and never the other way around.

Widths come from ``workbench.style`` and are cosmetic (pixels), so lines stay equally
thick at every zoom. Points and labels ignore the view transform for the same reason.
"""

from qtpy.QtCore import QPointF, QRectF, Qt
from qtpy.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPainterPathStroker, QPen
from qtpy.QtWidgets import QGraphicsItem

from workbench import style
from workbench.canvas.geometry import dimension, path_for, to_scene


def color(value: str, alpha: float = 1.0) -> QColor:
    result = QColor(value or style.UNTHEMED)
    result.setAlphaF(alpha)
    return result


def cosmetic_pen(value: str, width: float, alpha: float = 1.0) -> QPen:
    pen = QPen(color(value, alpha), width)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.RoundJoin)
    pen.setCapStyle(Qt.RoundCap)
    return pen


class LayerGroup(QGraphicsItem):
    """A parent without content: its visibility and opacity are those of a map layer."""

    def __init__(self, key: str, z: float):
        super().__init__()
        self.key = key
        self.setFlag(QGraphicsItem.ItemHasNoContents, True)
        self.setZValue(z)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter, option, widget=None):
        pass


class ReferenceItem(QGraphicsItem):
    """All polygons of one reference layer in one item: 5,000 items would cost more in
    bookkeeping than in drawing. Zoomed out it draws simplified outlines (level of detail)
    and skips what is smaller than a pixel."""

    def __init__(self, layer, parent=None):
        super().__init__()
        self.layer_uuid = layer.uuid
        geometries = [f.geometry for f in layer.features]
        self._paths = [path_for(g) for g in geometries]
        self._rects = [p.boundingRect() for p in self._paths]
        self._coarse = None  # simplified paths, built on first use when zoomed out
        self._geometries = geometries
        self._bounds = QRectF()
        for rect in self._rects:
            self._bounds = self._bounds.united(rect)
        self._pen = cosmetic_pen(style.REFERENCE_LINE, style.REFERENCE_LINE_WIDTH)
        self._brush = QBrush(color(style.REFERENCE_FILL))
        self.setParentItem(parent)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _coarse_paths(self):
        if self._coarse is None:
            import shapely

            # 4 m is invisible below 1:20,000 (about 5 m per pixel), where this is used
            simple = shapely.simplify(self._geometries, 4.0, preserve_topology=True)
            self._coarse = [path_for(g) for g in simple]
        return self._coarse

    def paint(self, painter, option, widget=None):
        scale = painter.worldTransform().m11() or 1.0  # pixels per metre
        exposed = option.exposedRect if option.exposedRect.isValid() else self._bounds
        paths = self._coarse_paths() if scale < 0.2 else self._paths
        min_size = 1.0 / scale
        painter.setPen(self._pen)
        painter.setBrush(self._brush)
        for path, rect in zip(paths, self._rects):
            if rect.width() < min_size and rect.height() < min_size:
                continue
            if rect.intersects(exposed):
                painter.drawPath(path)


class AreaItem(QGraphicsItem):
    """The area boundary, drawn clearly, with the world outside washed out."""

    MARGIN = 50_000.0  # metres of dimmed world around the area

    def __init__(self, area, parent=None):
        super().__init__()
        self.area_uuid = area.uuid
        self._outline = path_for(area.geometry)
        inner = self._outline.boundingRect()
        self._bounds = inner.adjusted(-self.MARGIN, -self.MARGIN, self.MARGIN, self.MARGIN)
        self._dim = QPainterPath()
        self._dim.addRect(self._bounds)
        self._dim.addPath(self._outline)
        self._dim.setFillRule(Qt.OddEvenFill)
        self._pen = cosmetic_pen(style.AREA_LINE, style.AREA_LINE_WIDTH)
        self.setParentItem(parent)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def outline_rect(self) -> QRectF:
        return self._outline.boundingRect()

    def paint(self, painter, option, widget=None):
        painter.setPen(Qt.NoPen)
        painter.setBrush(color(style.OUTSIDE_DIM, style.OUTSIDE_DIM_OPACITY))
        painter.drawPath(self._dim)
        painter.setBrush(Qt.NoBrush)
        if style.AREA_FILL:
            painter.setBrush(color(style.AREA_FILL))
        painter.setPen(self._pen)
        painter.drawPath(self._outline)


class InterventionItem(QGraphicsItem):
    """One intervention: polygon filled translucent in its theme colour, a line
    stroked in it, or a point as a disc of a fixed size in pixels."""

    def __init__(self, intervention, color_hex: str, parent=None):
        super().__init__()
        self.uuid = intervention.uuid
        self.hovered = False
        self._path = QPainterPath()
        self.setFlag(QGraphicsItem.ItemIsSelectable, True)
        self.update_from(intervention, color_hex)
        self.setParentItem(parent)

    def update_from(self, intervention, color_hex: str) -> None:
        self.prepareGeometryChange()
        self.intervention = intervention
        self.color_hex = color_hex
        self.kind = dimension(intervention.geometry)
        self.setPos(0, 0)  # a move preview may have shifted it; the model is the truth
        for child in self.childItems():
            child.setParentItem(None)
            if child.scene() is not None:
                child.scene().removeItem(child)
        if self.kind == 0:
            self._path = QPainterPath()
            for point in getattr(intervention.geometry, "geoms", [intervention.geometry]):
                _PointMarker(to_scene(point.x, point.y), self)
        else:
            self._path = path_for(intervention.geometry)
        # points above lines above polygons, so small things stay clickable
        self.setZValue(2 - self.kind + intervention.number * 1e-6)
        self.update()

    def world_rect(self) -> QRectF:
        """The bounds of the geometry in scene coordinates (a point gets 1 m)."""
        minx, miny, maxx, maxy = self.intervention.geometry.bounds
        return QRectF(minx, -maxy, max(maxx - minx, 1.0), max(maxy - miny, 1.0))

    def set_hovered(self, hovered: bool) -> None:
        if hovered != self.hovered:
            self.hovered = hovered
            self.update()
            for child in self.childItems():
                child.update()

    def boundingRect(self) -> QRectF:
        return self._path.boundingRect().adjusted(-1, -1, 1, 1)

    def shape(self) -> QPainterPath:
        return self._path

    def itemChange(self, change, value):
        if change == QGraphicsItem.ItemSelectedHasChanged:
            for child in self.childItems():
                child.update()
        return super().itemChange(change, value)

    def paint(self, painter, option, widget=None):
        if self.kind == 0:
            return  # the markers draw the points
        selected = self.isSelected()
        if selected or self.hovered:
            halo_width = style.INTERVENTION_LINE_WIDTH + (6 if selected else 4)
            painter.setPen(cosmetic_pen(style.SELECTION, halo_width, 1.0 if selected else 0.45))
            painter.setBrush(Qt.NoBrush)
            painter.drawPath(self._path)
        if self.kind == 2:
            painter.setBrush(color(self.color_hex, style.INTERVENTION_POLYGON_OPACITY))
            painter.setPen(cosmetic_pen(self.color_hex, style.INTERVENTION_OUTLINE_WIDTH))
        else:
            painter.setBrush(Qt.NoBrush)
            painter.setPen(cosmetic_pen(self.color_hex, style.INTERVENTION_LINE_WIDTH))
        painter.drawPath(self._path)


class _PointMarker(QGraphicsItem):
    """The disc of a point intervention, a fixed size in pixels at every zoom."""

    def __init__(self, position: QPointF, parent: InterventionItem):
        super().__init__()
        r = style.POINT_RADIUS + 5
        self._bounds = QRectF(-r, -r, 2 * r, 2 * r)
        self.setFlag(QGraphicsItem.ItemIgnoresTransformations, True)
        self.setPos(position)
        self.setParentItem(parent)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter, option, widget=None):
        owner = self.parentItem()
        radius = style.POINT_RADIUS
        if owner.isSelected() or owner.hovered:
            painter.setPen(Qt.NoPen)
            painter.setBrush(color(style.SELECTION, 1.0 if owner.isSelected() else 0.45))
            painter.drawEllipse(QPointF(0, 0), radius + 4, radius + 4)
        painter.setPen(QPen(QColor("#ffffff"), 1.5))
        painter.setBrush(color(owner.color_hex))
        painter.drawEllipse(QPointF(0, 0), radius, radius)


class LabelItem(QGraphicsItem):
    """A label that keeps its size in pixels: an intervention number on a disc in the
    theme colour, or a reference name in grey with a white halo."""

    def __init__(self, text: str, anchor: QPointF, fill: str | None, priority: float, size: float,
                 text_color: str, parent=None, offset=QPointF(0, 0)):
        super().__init__()
        self._rect = QRectF()
        self.text, self.fill, self.priority = text, fill, priority
        self.text_color = text_color
        self.offset = offset
        self.thinned = False  # hidden because it would overlap a more important label
        self.filtered = False  # hidden by the session filter
        self.set_size(size)
        self.setFlag(QGraphicsItem.ItemIgnoresTransformations, True)
        self.anchor = QPointF(anchor)
        self.setPos(anchor)
        self.setParentItem(parent)

    def set_size(self, size: float) -> None:
        self.prepareGeometryChange()
        self._font = QFont()
        self._font.setPixelSize(max(6, round(size * 96 / 72)))
        self._font.setBold(self.fill is not None)
        metrics = QFontMetricsF(self._font)
        width = metrics.horizontalAdvance(self.text)
        height = metrics.height()
        if self.fill is not None:  # a disc (or pill for long numbers) around the number
            w = max(height + 2, width + height * 0.6)
            self._rect = QRectF(-w / 2, -(height + 2) / 2, w, height + 2)
        else:
            self._rect = QRectF(-width / 2 - 2, -height / 2, width + 4, height)
        self._rect.translate(self.offset)

    def label_rect(self) -> QRectF:
        return self._rect

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter, option, widget=None):
        painter.setFont(self._font)
        if self.fill is not None:
            painter.setPen(QPen(color(style.LABEL_HALO), 1.0))
            painter.setBrush(color(self.fill))
            radius = self._rect.height() / 2
            painter.drawRoundedRect(self._rect, radius, radius)
            painter.setPen(color(self.text_color))
            painter.drawText(self._rect, Qt.AlignCenter, self.text)
            return
        # a halo keeps the name readable on any underlay
        painter.setPen(QPen(QColor(255, 255, 255, 210), 3))
        path = QPainterPath()
        metrics = QFontMetricsF(self._font)
        baseline = QPointF(self._rect.left() + 2, self._rect.top() + metrics.ascent())
        path.addText(baseline, self._font, self.text)
        painter.setBrush(Qt.NoBrush)
        painter.drawPath(path)
        painter.setPen(Qt.NoPen)
        painter.setBrush(color(self.text_color))
        painter.drawPath(path)


def stroke_shape(path: QPainterPath, width: float) -> QPainterPath:
    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    return stroker.createStroke(path)
