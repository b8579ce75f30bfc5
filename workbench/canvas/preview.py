"""Transient drawing feedback (rubber lines, handles, the snap marker): view state
that is never stored. Drawn in device pixels so it looks the same at every zoom."""

from qtpy.QtCore import QPointF, QRectF, Qt
from qtpy.QtGui import QColor, QPainterPath, QPen, QPolygonF
from qtpy.QtWidgets import QGraphicsItem

from workbench import style


class PreviewItem(QGraphicsItem):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.coords = []          # RD (x, y) of the shape being drawn
        self.closed = False       # draw as a polygon
        self.handles = []         # RD (x, y) of vertex handles
        self.active_handle = None  # index into handles, drawn highlighted
        self.snap = None          # RD (x, y) of the snap target, or None
        self.rect = None          # rubber band (x0, y0, x1, y1) in RD
        self.text = ""            # a measurement next to the cursor
        self.text_at = None
        self.color = None         # the theme colour of the shape being drawn ("#rrggbb")
        self._bounds = QRectF()
        self.setZValue(100)

    def set(self, **values) -> None:
        self.prepareGeometryChange()
        for name, value in values.items():
            setattr(self, name, value)
        xs, ys = [], []
        for x, y in list(self.coords) + list(self.handles) + ([self.snap] if self.snap else []) + (
                [self.text_at] if self.text_at else []):
            xs.append(x)
            ys.append(-y)
        if self.rect:
            xs += [self.rect[0], self.rect[2]]
            ys += [-self.rect[1], -self.rect[3]]
        if xs:
            # a generous margin in metres; the handles are a few pixels at any zoom
            margin = max(max(xs) - min(xs), max(ys) - min(ys), 1.0) + 5000
            self._bounds = QRectF(min(xs) - margin, min(ys) - margin,
                                  max(xs) - min(xs) + 2 * margin, max(ys) - min(ys) + 2 * margin)
        else:
            self._bounds = QRectF()
        self.update()

    def clear(self) -> None:
        self.set(coords=[], closed=False, handles=[], active_handle=None, snap=None, rect=None, text="",
                 text_at=None, color=None)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter, option, widget=None):
        transform = painter.worldTransform()

        def device(xy):
            return transform.map(QPointF(xy[0], -xy[1]))

        painter.save()
        painter.resetTransform()
        selection = QColor(style.SELECTION)
        if self.rect:
            a, b = device(self.rect[:2]), device(self.rect[2:])
            painter.setPen(QPen(selection, 1, Qt.DashLine))
            fill = QColor(selection)
            fill.setAlphaF(0.12)
            painter.setBrush(fill)
            painter.drawRect(QRectF(a, b).normalized())
        if self.coords:
            polygon = QPolygonF([device(xy) for xy in self.coords])
            colour = QColor(self.color) if self.color else selection
            fill = QColor(colour)
            fill.setAlphaF(0.3)
            # the idea's own colour (what will be stored) on a dark casing, so that a
            # yellow line still shows on a light map
            for pen in (QPen(QColor(27, 27, 27, 200), 6, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin),
                        QPen(colour, 3.5, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)):
                painter.setPen(pen)
                if self.closed and len(self.coords) > 2:
                    painter.setBrush(fill)
                    painter.drawPolygon(polygon)
                    fill = Qt.NoBrush
                else:
                    painter.setBrush(Qt.NoBrush)
                    painter.drawPolyline(polygon)
        painter.setPen(QPen(selection, 1.5))
        for index, xy in enumerate(self.handles):
            painter.setBrush(selection if index == self.active_handle else QColor("#ffffff"))
            centre = device(xy)
            painter.drawRect(QRectF(centre.x() - 4, centre.y() - 4, 8, 8))
        if self.snap:
            centre = device(self.snap)
            painter.setPen(QPen(QColor("#d4006a"), 2))
            painter.setBrush(Qt.NoBrush)
            painter.drawEllipse(centre, 7, 7)
        if self.text and self.text_at:
            at = device(self.text_at) + QPointF(14, -10)
            path = QPainterPath()
            step = painter.fontMetrics().height()
            for row, line in enumerate(self.text.split("\n")):  # a measurement, then a hint
                path.addText(at + QPointF(0, row * step), painter.font(), line)
            painter.setPen(QPen(QColor(255, 255, 255, 230), 4))
            painter.drawPath(path)
            painter.setPen(Qt.NoPen)
            painter.setBrush(QColor("#1b1b1b"))
            painter.drawPath(path)
        painter.restore()
