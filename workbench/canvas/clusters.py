"""Clusters of ideas when zoomed out, as QGIS's point cluster renderer draws them: where
more than a handful of ideas fall in one cell of about 60 pixels, one disc with their
number stands for them, so ten thousand ideas read as where the ideas are instead of a
carpet of markers. Zoomed in, the cells hold fewer ideas and the ideas show themselves.

Clustered ideas are only not painted (opacity 0): they stay in the hit index, so a click
still picks the idea under the cursor, and a selected or hovered idea always shows.
Decided per zoom bucket (see shape_detail.py) and again after ideas are added, moved or
removed; a title edit changes nothing here.
"""

import math

import numpy
from qtpy.QtCore import QPointF, QRectF, Qt
from qtpy.QtGui import QColor, QFont, QPen
from qtpy.QtWidgets import QGraphicsItem

from workbench.canvas.shape_detail import bucket_for

CELL_PIXELS = 60.0
CLUSTER_MIN = 6  # ideas in a cell before they become one disc
DISC = QColor(48, 56, 68, 235)
RING = QColor(255, 255, 255)


class ClusterItem(QGraphicsItem):
    """The discs: one item painting all of them (a few hundred at most) in pixels."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.discs = []  # (x, y in scene coordinates, count)
        self._bounds = QRectF()
        self._font = QFont()
        self._font.setPixelSize(11)
        self._font.setBold(True)

    def set_discs(self, discs) -> None:
        self.prepareGeometryChange()
        self.discs = discs
        if discs:
            xs, ys = [d[0] for d in discs], [d[1] for d in discs]
            self._bounds = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
            margin = max(self._bounds.width(), self._bounds.height(), 1.0) * 0.05 + 1000.0
            self._bounds.adjust(-margin, -margin, margin, margin)
        else:
            self._bounds = QRectF()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter, option, widget=None):
        transform = painter.worldTransform()
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(painter.RenderHint.Antialiasing, True)
        painter.setFont(self._font)
        for x, y, count in self.discs:
            centre = transform.map(QPointF(x, y))
            radius = disc_radius(count)
            painter.setPen(QPen(RING, 2.0))
            painter.setBrush(DISC)
            painter.drawEllipse(centre, radius, radius)
            painter.setPen(RING)
            painter.drawText(QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius),
                             Qt.AlignCenter, str(count))
        painter.restore()


def disc_radius(count: int) -> float:
    return 10.0 + 2.5 * math.log2(max(count, 1) / CLUSTER_MIN + 1.0)


def cluster_cells(xy, bucket: int):
    """For points ``xy`` (n x 2, scene coordinates): (clustered mask, discs) for the
    cells of CELL_PIXELS at ``bucket``; a disc is (mean x, mean y, count)."""
    if len(xy) == 0:
        return numpy.zeros(0, dtype=bool), []
    cell = CELL_PIXELS * 2.0 ** -(bucket + 0.5)
    keys = numpy.floor(xy / cell).astype(numpy.int64)
    _cells, inverse, counts = numpy.unique(keys, axis=0, return_inverse=True, return_counts=True)
    inverse = inverse.reshape(-1)
    clustered = counts[inverse] >= CLUSTER_MIN
    discs = []
    for index in numpy.flatnonzero(counts >= CLUSTER_MIN):
        members = xy[inverse == index]
        discs.append((float(members[:, 0].mean()), float(members[:, 1].mean()), int(len(members))))
    return clustered, discs


class Clusters:
    """Which ideas are drawn as a cluster disc for the current zoom."""

    def __init__(self, parent_group):
        self.item = ClusterItem(parent_group)
        self.bucket = None
        self.dirty = True

    def apply(self, items: dict, labels: dict, scale: float) -> bool:
        """Cluster the shown ideas of ``items`` for ``scale``; True when it changed
        which labels may show (the labels are thinned again then)."""
        bucket = bucket_for(scale)
        if bucket == self.bucket and not self.dirty:
            return False
        self.bucket, self.dirty = bucket, False
        shown = [(uuid, item) for uuid, item in items.items() if item.isVisible()]
        xy = numpy.array([labels[uuid].anchor_xy for uuid, _item in shown if uuid in labels], dtype=float)
        clustered, discs = cluster_cells(xy.reshape(-1, 2), bucket)
        for (uuid, item), flag in zip(shown, clustered.tolist()):
            item.set_clustered(flag)
            label = labels.get(uuid)
            if label is not None:
                label.clustered = flag
                if flag:
                    label.setVisible(False)
        self.item.set_discs(discs)
        return True
