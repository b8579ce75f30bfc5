"""InterventionItem: one idea on the map, built from stock Qt items so a repaint of ten
thousand ideas never calls into Python.

Its children (the casing, the point markers, the hover/selection halo) are made once and
then changed, shown or hidden, never removed: removing an item from a scene makes Qt
repaint the whole view, which at 10,000 ideas is most of the cost of an edit.
"""

from qtpy.QtCore import QRectF, Qt
from qtpy.QtGui import QBrush, QColor, QPainterPath, QPen
from qtpy.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QGraphicsPathItem

from workbench import style
from workbench.canvas.geometry import dimension, path_for, to_scene
from workbench.canvas.items import color, cosmetic_pen


class InterventionItem(QGraphicsPathItem):
    """One intervention: polygon filled translucent in its theme colour, a line
    stroked in it, or points as discs of a fixed size in pixels.

    Zoomed out, the path drawn may be a simpler one or a dot (``show_detail``, see
    shape_detail.py); ``full_path`` is always the whole shape. Selection and hover are a
    halo child behind the shape; the selection itself lives in the view (``selected``),
    not in Qt's item selection.
    """

    def __init__(self, intervention, color_hex: str, parent=None, kind=None, bounds=None, width_scale=None):
        super().__init__()
        self.uuid = intervention.uuid
        # larger in presentation mode, for the back of the room
        self.width_scale = 1.0 if width_scale is None else width_scale
        self.hovered = False
        self.selected = False
        self.clustered = False  # drawn as part of a cluster disc (see clusters.py)
        self._detail = None  # the simpler path drawn now, None for the full one
        self._casing = None  # a line's or polygon's casing (made for the first; a point has none)
        self._halo = None  # made on the first hover or selection, hidden after
        self._markers = []  # point discs; more are made when needed, the rest hidden
        self._points = 0
        self.update_from(intervention, color_hex, kind, bounds)
        self.setParentItem(parent)
        if width_scale is None:  # an idea drawn in presentation mode is as thick as the others there
            self.set_width_scale(getattr(self.scene(), "width_scale", 1.0))

    def update_from(self, intervention, color_hex: str, kind=None, bounds=None) -> None:
        """Draw ``intervention``; ``kind`` (its dimension) and ``bounds`` when already
        known (a project opened computes them for all ideas at once)."""
        self.intervention = intervention
        self.color_hex = color_hex
        self.kind = dimension(intervention.geometry) if kind is None else kind
        where = self.pos()
        if where.x() or where.y():
            self.setPos(0, 0)  # a move preview may have shifted it; the model is the truth
        scale = self.width_scale
        casing = _casing(color_hex)
        if self.kind == 0 or self._markers:
            points = getattr(intervention.geometry, "geoms", [intervention.geometry]) if self.kind == 0 else []
            self._show_markers(points, color_hex, casing, scale)
        if self.kind == 0:
            self.full_path = _EMPTY
            self.setPen(_NO_PEN)
            if self._casing is not None:
                self._casing.setVisible(False)
        else:
            self.full_path = path_for(intervention.geometry)
            width = (style.INTERVENTION_OUTLINE_WIDTH if self.kind == 2 else style.INTERVENTION_LINE_WIDTH) * scale
            self.setPen(_pen(color_hex, width))
            if self.kind == 2:
                self.setBrush(_brush(color_hex, style.INTERVENTION_POLYGON_OPACITY))
            else:
                self.setBrush(_NO_BRUSH)
            # the casing: a stock item behind the line, so painting stays in C++
            casing_pen = _pen(casing, width + style.CASING_WIDTH * scale)
            if self._casing is None:
                # made whole before it joins the item: a child whose shape changes from
                # nothing makes Qt repaint the whole map (a point's item reused for a line)
                self._casing = QGraphicsPathItem(self.full_path)
                self._casing.setPen(casing_pen)
                self._casing.setFlag(_STACKS_BEHIND, True)
                self._casing.setData(0, "casing")
                self._casing.setParentItem(self)
            else:
                self._casing.setPen(casing_pen)
                self._casing.setVisible(True)
        self._detail = None
        self._set_paths(self.full_path)
        # points above lines above polygons, so small things stay visible and clickable
        self.setZValue(2 - self.kind + intervention.number * 1e-6)
        minx, miny, maxx, maxy = intervention.geometry.bounds if bounds is None else bounds
        self._world_rect = QRectF(minx, -maxy, max(maxx - minx, 1.0), max(maxy - miny, 1.0))
        if self._halo is not None or self.selected or self.hovered:
            self._update_halo()

    def _show_markers(self, points, color_hex, casing, scale) -> None:
        radius = style.POINT_RADIUS * scale
        outline = _outline_pen(casing, 1.5 * scale)
        while len(self._markers) < len(points):
            marker = QGraphicsEllipseItem(self)
            marker.setFlag(_IGNORES_TRANSFORMATIONS, True)
            # its halo made now, hidden: a child added to an item that ignores the
            # transformation later would make Qt repaint the whole map
            self._marker_halo(marker).setVisible(False)
            self._markers.append(marker)
        for index, marker in enumerate(self._markers):
            if index >= len(points):
                marker.setVisible(False)
                continue
            marker.setRect(-radius, -radius, 2 * radius, 2 * radius)
            marker.setPen(outline)
            marker.setBrush(_brush(color_hex, 1.0))
            marker.setPos(to_scene(points[index].x, points[index].y))
            marker.setVisible(True)
        self._points = len(points)

    def show_detail(self, path) -> None:
        """Draw ``path`` (a simpler shape or a dot for the zoom) instead of the full one;
        None draws the full shape again."""
        if path is self._detail or self.kind == 0:
            return
        self._detail = path
        self._set_paths(self.full_path if path is None else path)

    def drawn_path(self) -> QPainterPath:
        """The path on screen now (simplified or a dot when zoomed out)."""
        return self.path()

    def reuse(self, intervention, color_hex: str) -> None:
        """Stand for another idea (one added after another was deleted): a deleted idea's
        item is hidden and kept, as removing an item makes Qt repaint the whole map."""
        self.uuid = intervention.uuid
        self.set_selected(False)
        self.set_hovered(False)
        self.set_clustered(False)
        self.update_from(intervention, color_hex)
        self.setVisible(True)

    def _set_paths(self, path) -> None:
        self.setPath(path)
        if self._casing is not None:
            self._casing.setPath(path)
        if self._halo is not None and self.kind > 0:
            self._halo.setPath(path)

    def world_rect(self) -> QRectF:
        """The bounds of the geometry in scene coordinates (a point gets 1 m)."""
        return QRectF(self._world_rect)

    def set_width_scale(self, scale: float) -> None:
        """Thicker lines, outlines, points and selection (presentation mode)."""
        if scale != self.width_scale:
            self.width_scale = scale
            detail = self._detail
            self.update_from(self.intervention, self.color_hex)
            self.show_detail(detail)

    def set_hovered(self, hovered: bool) -> None:
        if hovered != self.hovered:
            self.hovered = hovered
            self._update_halo()
            self._update_opacity()

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self._update_halo()
            self._update_opacity()

    def set_clustered(self, clustered: bool) -> None:
        """Not painted while a cluster disc stands for it; still picked by a click."""
        if clustered != self.clustered:
            self.clustered = clustered
            self._update_opacity()

    def _update_opacity(self) -> None:
        hidden = self.clustered and not (self.selected or self.hovered)
        self.setOpacity(0.0 if hidden else 1.0)

    def _update_halo(self) -> None:
        shown = self.selected or self.hovered
        if not shown and self._halo is None:
            return
        alpha = 1.0 if self.selected else 0.45
        scale = self.width_scale
        if self.kind == 0:
            if self._halo is not None:
                self._halo.setVisible(False)
            r = (style.POINT_RADIUS + (6 if self.selected else 4)) * scale
            for index, marker in enumerate(self._markers):
                halo = self._marker_halo(marker)
                halo.setRect(-r, -r, 2 * r, 2 * r)
                halo.setBrush(color(style.SELECTION, alpha))
                halo.setVisible(shown and index < self._points)
            return
        for marker in self._markers:
            for child in marker.childItems():
                child.setVisible(False)
        width = (style.INTERVENTION_LINE_WIDTH + style.CASING_WIDTH + (8 if self.selected else 4)) * scale
        pen = cosmetic_pen(style.SELECTION, width, alpha)
        if self._halo is None:
            # made whole before it joins the item: a child whose shape changes from
            # nothing makes Qt repaint the whole map
            halo = QGraphicsPathItem(self.path())
            halo.setPen(pen)
            halo.setFlag(_STACKS_BEHIND, True)
            halo.setZValue(-1)  # behind the casing too
            halo.setData(0, "halo")
            halo.setParentItem(self)
            self._halo = halo
        self._halo.setPen(pen)
        self._halo.setPath(self.path())
        self._halo.setVisible(shown)

    @staticmethod
    def _marker_halo(marker):
        for child in marker.childItems():
            return child
        halo = QGraphicsEllipseItem(marker)
        halo.setPen(_NO_PEN)
        halo.setFlag(_STACKS_BEHIND, True)
        halo.setData(0, "halo")
        return halo


# Pens and brushes shared by the items (Qt copies them on set): 10,000 ideas in a
# dozen theme colours need a few dozen, not 40,000 made one by one.
_PENS, _BRUSHES = {}, {}
_EMPTY = QPainterPath()
_NO_PEN = QPen(Qt.NoPen)
_NO_BRUSH = QBrush(Qt.NoBrush)
_STACKS_BEHIND = QGraphicsItem.ItemStacksBehindParent  # looked up once: a Python enum's lookup is not free
_IGNORES_TRANSFORMATIONS = QGraphicsItem.ItemIgnoresTransformations


def _pen(color_hex: str, width: float) -> QPen:
    key = (color_hex, width)
    if key not in _PENS:
        _PENS[key] = cosmetic_pen(color_hex, width)
    return _PENS[key]


def _outline_pen(color_hex: str, width: float) -> QPen:
    key = (color_hex, width, "outline")
    if key not in _PENS:
        _PENS[key] = QPen(QColor(color_hex), width)
    return _PENS[key]


def _brush(color_hex: str, alpha: float) -> QBrush:
    key = (color_hex, alpha)
    if key not in _BRUSHES:
        _BRUSHES[key] = QBrush(color(color_hex, alpha))
    return _BRUSHES[key]


_CASINGS = {}


def _casing(color_hex: str) -> str:
    if color_hex not in _CASINGS:
        _CASINGS[color_hex] = style.casing_for(color_hex or style.UNTHEMED)
    return _CASINGS[color_hex]
