"""Level of detail for the ideas' shapes, as QGIS draws a layer zoomed out: lines and
polygons simplified to about a screen pixel for the zoom, and shapes smaller than a few
pixels drawn as a dot in their colour, so nothing disappears. Zoomed in, full detail.

Only what is drawn changes: the stored geometry, hit testing, selection and vertex
editing always use the full geometry. Paths are made per zoom bucket (a factor of two
in scale), by ``geo.display`` on arrays, and kept; an edited idea is forgotten in
every bucket and made again for the bucket on screen.
"""

import math

from qtpy.QtCore import QPointF, Qt
from qtpy.QtGui import QPainterPath

from workbench.canvas.geometry import path_for
from workbench.geo.display import display_detail

DOT_PIXELS = 4.0          # shapes less wide and high than this on screen become a dot
DOT_RADIUS_PIXELS = 1.5   # the dot's radius (its pens add their width around it)
SIMPLIFY_VERTICES = 24    # shapes with fewer vertices are drawn as they are
KEEP_FRACTION = 0.8       # a simplification that keeps more than this is not worth a path
FULL_DETAIL_SCALE = 8.0   # pixels per metre from which every shape is drawn in full
BUCKETS_KEPT = 6          # zoom buckets whose paths are kept


def bucket_for(scale: float) -> int:
    """The zoom bucket of ``scale`` (pixels per metre): scales from 2**b to 2**(b+1)."""
    return math.floor(math.log2(max(scale, 1e-9)))


def tolerance_for(bucket: int) -> float:
    """Metres per pixel at the finer end of the bucket: the error stays within a pixel."""
    return 0.5 ** (bucket + 1)


def dot_path(x: float, y: float, bucket: int) -> QPainterPath:
    """A disc of about DOT_RADIUS_PIXELS at the bucket's scale, at (x, y) in RD metres."""
    radius = DOT_RADIUS_PIXELS * 2.0 ** -(bucket + 0.5)
    path = QPainterPath()
    path.setFillRule(Qt.OddEvenFill)
    path.addEllipse(QPointF(x, -y), radius, radius)
    return path


def detail_paths(geometries, bucket: int) -> list:
    """For each geometry (line or polygon): the path to draw at ``bucket``, or None where
    the full path is drawn (which shapes become dots or simpler: ``geo.display``)."""
    if not geometries or 2.0 ** bucket >= FULL_DETAIL_SCALE:
        return [None] * len(geometries)
    shown = display_detail(geometries, 2.0 ** (bucket + 0.5), tolerance_for(bucket), dot_pixels=DOT_PIXELS,
                           min_vertices=SIMPLIFY_VERTICES, keep_fraction=KEEP_FRACTION)
    return [None if item is None else dot_path(*item, bucket) if isinstance(item, tuple) else path_for(item)
            for item in shown]


class ShapeDetail:
    """The paths of the ideas' items per zoom bucket (``{bucket: {uuid: path or None}}``)."""

    def __init__(self):
        self.bucket = None
        self._buckets = {}

    def forget(self, uuid) -> None:
        """An idea changed shape (or left): its paths are made again when next needed."""
        for paths in self._buckets.values():
            paths.pop(uuid, None)

    def clear(self) -> None:
        self._buckets = {}

    def apply(self, items: dict, scale: float, force: bool = False) -> None:
        """Give every item of ``items`` (uuid -> InterventionItem) its path for ``scale``."""
        bucket = bucket_for(scale)
        if bucket == self.bucket and not force:
            return
        self.bucket = bucket
        paths = self._paths(items, bucket)
        for uuid, item in items.items():
            item.show_detail(paths.get(uuid))

    def refresh(self, items: dict, uuids) -> None:
        """Give the items of ``uuids`` (just changed) their path for the current bucket."""
        if self.bucket is None:
            return
        paths = self._paths({uuid: items[uuid] for uuid in uuids if uuid in items}, self.bucket)
        for uuid in uuids:
            if uuid in items:
                items[uuid].show_detail(paths.get(uuid))

    def _paths(self, items: dict, bucket: int) -> dict:
        paths = self._buckets.pop(bucket, None) or {}
        self._buckets[bucket] = paths  # the most recently used bucket last
        while len(self._buckets) > BUCKETS_KEPT:
            del self._buckets[next(iter(self._buckets))]
        missing = [uuid for uuid, item in items.items() if uuid not in paths and item.kind > 0]
        if missing:
            made = detail_paths([items[uuid].intervention.geometry for uuid in missing], bucket)
            paths.update(zip(missing, made))
        return paths
