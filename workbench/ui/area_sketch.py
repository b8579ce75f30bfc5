"""A small map for the new-project wizard: the Heerlen wijken as background, click the
corners of the area, double-click (or Enter) to close it. Self-contained on purpose: the
wizard runs before a project (and the main map) exists."""

from qtpy.QtCore import QPointF, Qt, Signal
from qtpy.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from qtpy.QtWidgets import QGraphicsScene, QGraphicsView

from workbench.i18n import _
from workbench.ui.wijk_map import add_wijk_shapes, thin_labels


def _to_scene(x, y) -> QPointF:
    # RD y grows northwards, scene y grows downwards.
    return QPointF(x, -y)


class AreaSketch(QGraphicsView):
    changed = Signal()

    def __init__(self, features=(), parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(320, 240)
        self.setBackgroundBrush(QColor("#fbfaf7"))
        self.points = []
        self.closed = False
        self._outline = None
        add_wijk_shapes(self.scene(), features)  # with their names: where to draw
        self.setToolTip(_("Klik de hoeken van het gebied aan; dubbelklik of Enter om het vlak te sluiten."))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fitInView(self.scene().itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
        thin_labels(self)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fitInView(self.scene().itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
        thin_labels(self)

    def add_point(self, x: float, y: float) -> None:
        """Add a corner in RD metres (what a click does)."""
        if self.closed:
            self.clear_points()
        self.points.append((x, y))
        self._redraw()

    def close_polygon(self) -> None:
        if len(self.points) >= 3:
            self.closed = True
            self._redraw()

    def clear_points(self) -> None:
        self.points, self.closed = [], False
        self._redraw()

    def geometry(self):
        """The drawn polygon (shapely) or None while it has fewer than three corners."""
        from shapely.geometry import Polygon

        if len(self.points) < 3:
            return None
        return Polygon(self.points)

    def _redraw(self) -> None:
        if self._outline is not None:
            self.scene().removeItem(self._outline)
            self._outline = None
        if self.points:
            path = QPainterPath()
            path.addPolygon(QPolygonF([_to_scene(x, y) for x, y in self.points]))
            if self.closed:
                path.closeSubpath()
            pen = QPen(QColor("#0a84ff"), 2)
            pen.setCosmetic(True)
            brush = QBrush(QColor(10, 132, 255, 60)) if self.closed else QBrush()
            self._outline = self.scene().addPath(path, pen, brush)
        self.changed.emit()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            here = event.position().toPoint()
            if self.points and not self.closed and \
                    (self.mapFromScene(_to_scene(*self.points[-1])) - here).manhattanLength() <= 2:
                return  # the same corner again (the start of a double-click)
            point = self.mapToScene(here)
            self.add_point(point.x(), -point.y())
        else:
            super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        # The first click of a double-click already added the last corner, so a
        # double-click on that spot closes the shape. Two quick clicks on different
        # spots also arrive as a double-click: then the second is just another corner.
        if event.button() != Qt.MouseButton.LeftButton:
            return
        here = event.position().toPoint()
        if self.points and not self.closed:
            last = self.mapFromScene(_to_scene(*self.points[-1]))
            if (last - here).manhattanLength() <= 4:
                self.close_polygon()
                return
        self.mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.close_polygon()
        elif event.key() == Qt.Key.Key_Escape:
            self.clear_points()
        elif event.key() == Qt.Key.Key_Backspace and self.points and not self.closed:
            self.points.pop()
            self._redraw()
        else:
            super().keyPressEvent(event)
