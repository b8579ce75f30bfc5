"""Clusters of ideas when zoomed out, as QGIS's point cluster renderer draws them: where
more than a handful of ideas fall in one cell of about 60 pixels, one disc with their
number stands for them, so ten thousand ideas read as where the ideas are instead of a
carpet of markers. Zoomed in, the cells hold fewer ideas and the ideas show themselves.

Clustered ideas are only not painted (opacity 0): they stay in the hit index, so a click
still picks the idea under the cursor, and a selected or hovered idea always shows.
Decided per zoom bucket (see shape_detail.py) and again after ideas are added, moved or
removed; a title edit changes nothing here. In presentation mode the discs, their counts
and the cells grow with the ideas' numbers (``Clusters.set_size``), so the back of the
room reads a count as well as a number.
"""

import functools
import math

import numpy
from qtpy.QtCore import QPointF, QRectF, Qt
from qtpy.QtGui import QColor, QFont, QPainter, QPen, QPixmap
from qtpy.QtWidgets import QGraphicsItem

from workbench.canvas.shape_detail import bucket_for
from workbench.geo.display import grid_clusters, merge_overlapping

CELL_PIXELS = 60.0
CLUSTER_MIN = 6  # ideas in a cell before they become one disc
DISC = QColor(48, 56, 68, 235)
RING = QColor(255, 255, 255)


class ClusterItem(QGraphicsItem):
    """The discs: one item painting all of them (a few hundred at most) in pixels."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.discs = []  # (x, y in scene coordinates, count)
        self.size = 1.0  # the presentation mode's label scale
        self._bounds = QRectF()
        self._font = QFont()
        self._font.setPixelSize(11)
        self._font.setBold(True)
        self._pixmaps = {}  # (count, pixel ratio) -> the disc drawn

    def set_size(self, size: float) -> None:
        self.size = size
        self._font.setPixelSize(round(11 * size))
        self._pixmaps.clear()
        self.update()

    def set_discs(self, discs, scale: float = 0.0) -> None:
        """Show ``discs``; with ``scale`` (pixels per metre) only the discs that changed
        are repainted (one idea added or deleted changes one count), else the whole item."""
        if discs == self.discs:
            return  # nothing to repaint (the discs span the map: a repaint is of all of it)
        before = self.discs
        self.discs = discs
        bounds = self._bounds
        if discs:
            xs, ys = [d[0] for d in discs], [d[1] for d in discs]
            bounds = bounds.united(QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
        if bounds != self._bounds or not scale:
            # the bounds only grow, with room: a new bound repaints the whole item
            margin = max(bounds.width(), bounds.height(), 1.0) * 0.05 + 1000.0
            self.prepareGeometryChange()
            self._bounds = bounds.adjusted(-margin, -margin, margin, margin)
            self.update()
            return
        changed = set(before).symmetric_difference(discs)
        if len(changed) > 16:  # another zoom bucket: most discs changed
            self.update()
            return
        # the scene's areas, not this item's: with the scene's ``changed`` signal connected
        # (view_repaint.py) Qt repaints an item's whole bounds, the whole map, for any
        # update of part of it; the view repaints every item in these areas, the discs too
        scene = self.scene()
        for x, y, count in changed:
            reach = (disc_radius(count, self.size) + self._ring() + 1.0) / scale
            area = QRectF(x - reach, y - reach, 2 * reach, 2 * reach)
            if scene is not None:
                scene.update(area)
            else:
                self.update(area)

    def _ring(self) -> float:
        """How far the white ring reaches beyond the disc: half its pen, and a pixel."""
        return 1.0 + self.size

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter, option, widget=None):
        transform = painter.worldTransform()
        device = painter.device()
        ratio = device.devicePixelRatioF()
        width, height = device.width() / ratio, device.height() / ratio
        painter.save()
        painter.resetTransform()
        for x, y, count in self.discs:
            centre = transform.map(QPointF(x, y))
            radius = disc_radius(count, self.size) + self._ring()
            if not (-radius < centre.x() < width + radius and -radius < centre.y() < height + radius):
                continue  # off screen (zoomed in, most of them)
            painter.drawPixmap(QPointF(centre.x() - radius, centre.y() - radius), self._pixmap(count, ratio))
        painter.restore()

    def _pixmap(self, count: int, ratio: float) -> QPixmap:
        """The disc with its number, drawn once per count (a blit per repaint after)."""
        key = (count, ratio)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            radius = disc_radius(count, self.size)
            side = 2 * (radius + self._ring())
            pixmap = QPixmap(int(math.ceil(side * ratio)), int(math.ceil(side * ratio)))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setFont(self._font)
            centre = QPointF(radius + self._ring(), radius + self._ring())
            painter.setPen(QPen(RING, 2.0 * self.size))
            painter.setBrush(DISC)
            painter.drawEllipse(centre, radius, radius)
            painter.setPen(RING)
            painter.drawText(QRectF(self._ring(), self._ring(), 2 * radius, 2 * radius), Qt.AlignCenter, str(count))
            painter.end()
            self._pixmaps[key] = pixmap
        return pixmap


@functools.lru_cache(maxsize=4096)  # asked for every disc at every thinning
def disc_radius(count: int, size: float = 1.0) -> float:
    """Grows with the log of the count, at most so that neighbouring cells' discs
    (CELL_PIXELS apart) do not touch; ``size`` times as large in presentation mode."""
    return size * min(10.0 + 2.5 * math.log2(max(count, 1) / CLUSTER_MIN + 1.0), CELL_PIXELS / 2 - 6)


def cluster_cells(xy, bucket: int, size: float = 1.0):
    """For points ``xy`` (n x 2, scene coordinates): (clustered mask, discs, per point the
    index of its disc or -1) for the cells of CELL_PIXELS (times ``size``) at ``bucket``;
    a disc is (mean x, mean y, count)."""
    return grid_clusters(xy, size * CELL_PIXELS * 2.0 ** -(bucket + 0.5), CLUSTER_MIN, members=True)


class Clusters:
    """Which ideas are drawn as a cluster disc for the current zoom. Works on the scene's
    ``Idea`` records (scene_ideas.py), so ideas whose items were never built cluster too."""

    def __init__(self, parent_group):
        self.item = ClusterItem(parent_group)
        self.bucket = None
        self.dirty = True  # ideas added, moved, removed or filtered: gather them again
        self._shown = []  # the Ideas shown, in the order of _xy
        self._xy = numpy.zeros((0, 2))
        self._flags = numpy.zeros(0, dtype=bool)
        self._rows = {}  # id(idea) -> its row in _xy
        self._moved = False
        self._cell_discs = []  # (x, y, count) per full cell of the bucket
        self._disc_of = numpy.zeros(0, dtype=numpy.int64)  # per row of _xy: its cell's disc, or -1
        self._owner = []  # per cell's disc: the disc shown for it (discs that would overlap are one)
        self._merged_at = None  # the scale the shown discs were merged for

    def set_size(self, size: float) -> None:
        """Discs, counts and cells ``size`` times as large (presentation mode): fewer,
        larger discs, which no number overlaps (decided again at the next ``apply``)."""
        if size != self.item.size:
            self.item.set_size(size)
            self.bucket = None

    def extent_at(self, x: float, y: float, scale: float):
        """(min x, min y, max x, max y) in scene coordinates of the ideas the disc under
        scene point (x, y) stands for (those of its cells), or None when no disc is there."""
        discs = self.item.discs
        if not discs:
            return None
        centres = numpy.array([(dx, dy) for dx, dy, _count in discs], dtype=float)
        reach = numpy.array([disc_radius(count, self.item.size) for _x, _y, count in discs]) / scale
        distance = numpy.hypot(centres[:, 0] - x, centres[:, 1] - y)
        under = numpy.flatnonzero(distance <= reach)
        if not len(under):
            return None
        disc = under[numpy.argmin(distance[under])]
        cells = numpy.flatnonzero(numpy.asarray(self._owner) == disc)
        mine = self._xy[numpy.isin(self._disc_of, cells)]
        if not len(mine):
            return None
        return (*mine.min(axis=0).tolist(), *mine.max(axis=0).tolist())

    def moved(self, idea) -> None:
        """An idea moved (its label with it): its row changes, nothing is gathered again."""
        row = self._rows.get(id(idea))
        if row is None:
            self.dirty = True
        else:
            self._xy[row] = idea.anchor
            self._moved = True

    def apply(self, ideas: dict, layer_visible: bool, scale: float) -> bool:
        """Cluster the shown ``ideas`` (uuid -> Idea) for ``scale``; True when it changed
        which labels may show (the labels are thinned again then). A hidden layer's ideas
        are not clustered."""
        bucket = bucket_for(scale)
        if bucket == self.bucket and not (self.dirty or self._moved):
            self._show_discs(scale)
            return False
        if self.dirty:
            shown = [idea for idea in ideas.values() if idea.shown] if layer_visible else []
            still = {id(idea) for idea in shown}
            for idea in self._shown:  # ideas that left or were filtered out show again
                if idea.clustered and id(idea) not in still:
                    _set_clustered(idea, False)
            self._shown = shown
            self._xy = numpy.array([idea.anchor for idea in shown], dtype=float).reshape(-1, 2)
            self._flags = numpy.array([idea.clustered for idea in shown], dtype=bool)
            self._rows = {id(idea): row for row, idea in enumerate(shown)}
        self.bucket, self.dirty, self._moved = bucket, False, False
        clustered, self._cell_discs, self._disc_of = cluster_cells(self._xy, bucket, self.item.size)
        for index in numpy.flatnonzero(clustered != self._flags).tolist():
            _set_clustered(self._shown[index], bool(clustered[index]))
        self._flags = clustered
        self._merged_at = None
        self._show_discs(scale)
        return True

    def _show_discs(self, scale: float) -> None:
        """The cells' discs, those that would overlap at ``scale`` made one: a disc sits at
        its cell's mean, so two full cells whose ideas meet at their shared edge would put
        one count over the other. Per zoom step (the bucket spans a factor of two: discs
        apart at its fine end overlap at its coarse end); a few hundred discs, ~1 ms."""
        if self._merged_at == scale:
            return
        self._merged_at = scale
        size = self.item.size
        discs, self._owner = merge_overlapping(self._cell_discs, lambda count: disc_radius(count, size) / scale,
                                               reach=2 * disc_radius(10 ** 9, size) / scale)
        self.item.set_discs(discs, scale)


def _set_clustered(idea, flag: bool) -> None:
    idea.clustered = flag
    if idea.item is not None:
        idea.item.set_clustered(flag)
    if idea.label is not None:  # built, perhaps without its item (scene_ideas._build_shown)
        idea.label.clustered = flag
        if flag:
            idea.label.setVisible(False)
