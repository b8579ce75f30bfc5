"""The wijken on a small map with their names, for the new-project wizard: click a wijk
to choose it (the list beside it follows, and the other way round). A list of 23 names
without a map, or a map without names, made choosing the right wijken guesswork."""

from qtpy.QtCore import QPointF, Qt
from qtpy.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from qtpy.QtWidgets import QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView

from workbench.i18n import _
from workbench.ui.labels import escaped

PAPER, CHOSEN = QColor("#f4f1ea"), QColor(10, 132, 255, 110)


def add_wijk_shapes(scene, wijken) -> dict:
    """Draw each (name, RD geometry) with its name in the middle; {name: path item}."""
    pen = QPen(QColor("#4d4d4d"), 1.2)
    pen.setCosmetic(True)
    font = QFont()
    font.setPixelSize(11)
    shapes = {}
    scene.wijk_labels = []  # (label, area): larger wijken keep their name first
    for name, geometry in wijken:
        path = QPainterPath()
        for polygon in getattr(geometry, "geoms", [geometry]):
            path.addPolygon(QPolygonF([QPointF(x, -y) for x, y in polygon.exterior.coords]))
        item = scene.addPath(path, pen, QBrush(PAPER))
        item.setToolTip(escaped(name))
        item.setData(0, name)
        shapes[name] = item
        spot = geometry.representative_point()
        label = QGraphicsSimpleTextItem(name)
        label.setFont(font)
        label.setBrush(QColor("#1b1b1b"))
        label.setFlag(QGraphicsSimpleTextItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        label.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        box = label.boundingRect()
        label.setZValue(1)
        label.setPos(QPointF(spot.x, -spot.y))
        # centred on the spot, in pixels (the item ignores the map's scale)
        label.setTransform(label.transform().translate(-box.width() / 2, -box.height() / 2))
        scene.addItem(label)
        scene.wijk_labels.append((label, geometry.area))
    return shapes


def thin_labels(view, first=()) -> None:
    """Hide the names that would overlap a bigger wijk's name at this zoom (the names
    in ``first``, the chosen wijken, always show); the tooltip still names every wijk."""
    placed = []
    pairs = getattr(view.scene(), "wijk_labels", [])
    for label, _area in sorted(pairs, key=lambda pair: (pair[0].text() not in first, -pair[1])):
        box = label.deviceTransform(view.viewportTransform()).mapRect(label.boundingRect()).adjusted(-2, -1, 2, 1)
        free = not any(box.intersects(other) for other in placed)
        label.setVisible(free)
        if free:
            placed.append(box)


class WijkMap(QGraphicsView):
    """Click a wijk to tick it in ``wijk_list`` (a QListWidget of checkable names)."""

    def __init__(self, wijken, wijk_list, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(320, 260)
        self.setBackgroundBrush(QColor("#fbfaf7"))
        self.wijk_list = wijk_list
        self.shapes = add_wijk_shapes(self.scene(), wijken)
        wijk_list.itemChanged.connect(lambda _row: self.refresh())
        self.setToolTip(_("Klik een wijk aan om hem te kiezen; nog eens klikken haalt hem weg."))
        self.refresh()

    def _row(self, name):
        return next((self.wijk_list.item(r) for r in range(self.wijk_list.count())
                     if self.wijk_list.item(r).text() == name), None)

    def refresh(self) -> None:
        for name, item in self.shapes.items():
            row = self._row(name)
            chosen = row is not None and row.checkState() == Qt.CheckState.Checked
            item.setBrush(QBrush(CHOSEN if chosen else PAPER))
        thin_labels(self, self.chosen())

    def chosen(self) -> set:
        return {self.wijk_list.item(r).text() for r in range(self.wijk_list.count())
                if self.wijk_list.item(r).checkState() == Qt.CheckState.Checked}

    def name_at(self, view_pos):
        for item in self.items(view_pos):
            if item.data(0):
                return item.data(0)
        return None

    def mousePressEvent(self, event) -> None:
        name = self.name_at(event.position().toPoint()) if event.button() == Qt.MouseButton.LeftButton else None
        row = self._row(name) if name else None
        if row is None:
            return super().mousePressEvent(event)
        checked = row.checkState() == Qt.CheckState.Checked
        row.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
        self.wijk_list.scrollToItem(row)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fitInView(self.scene().itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
        thin_labels(self, self.chosen())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fitInView(self.scene().itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
        thin_labels(self, self.chosen())
