"""What tools and the view ask the map scene: which idea is under the cursor or in a
rubber band (RD metres, shapely STRtree on the full shapes, never the simplified ones
drawn), where an idea's number goes, and the extents to zoom to.

A mixin of ``MapScene``.
"""

import numpy
import shapely
from qtpy.QtCore import QRectF


class SceneQueries:
    """Hit testing and extents of a ``MapScene``."""

    # -- queries (in RD metres, for tools) ---------------------------------------------

    def visible_interventions(self) -> list:
        if not self.groups["interventions"].isVisible():
            return []
        return [idea.intervention for idea in self.ideas.values() if idea.shown]

    def _hit_index(self):
        if self._hit_cache is None:
            items = self.visible_interventions()
            geometries = [i.geometry for i in items]
            self._hit_cache = (items, shapely.STRtree(geometries) if geometries else None)
        return self._hit_cache

    def cluster_extent_at(self, x: float, y: float, pixels_per_metre: float):
        """The RD extent (QRectF in scene coordinates) of the ideas a cluster disc at RD
        (x, y) stands for, or None when no disc is there."""
        extent = self.clusters.extent_at(x, -y, pixels_per_metre)
        if extent is None:
            return None
        minx, miny, maxx, maxy = extent
        return QRectF(minx, miny, maxx - minx, maxy - miny)

    def intervention_at(self, x: float, y: float, tolerance: float, skip=None):
        """The uuid of the intervention under (x, y) within ``tolerance`` metres: points
        before lines before polygons, the smallest polygon first; None if none. ``skip``:
        a test of uuids to pass over (ideas not drawn)."""
        items, tree = self._hit_index()
        if tree is None:
            return None
        point = shapely.Point(x, y)
        candidates = tree.query(point.buffer(tolerance))
        hits = []
        for index in candidates:
            intervention = items[index]
            geometry = intervention.geometry
            if geometry.distance(point) <= tolerance and not (skip and skip(intervention.uuid)):
                kind = int(shapely.get_dimensions(geometry))
                hits.append((kind, geometry.area if kind == 2 else geometry.distance(point), -intervention.number,
                             intervention.uuid))
        return min(hits)[3] if hits else None

    def interventions_in(self, rect_geometry) -> list:
        """Uuids of visible interventions that intersect the given shapely rectangle."""
        items, tree = self._hit_index()
        if tree is None:
            return []
        return [items[i].uuid for i in tree.query(rect_geometry, predicate="intersects")]

    # -- extents (scene coordinates) ------------------------------------------------------

    def area_rect(self) -> QRectF:
        return self.area_item.outline_rect() if self.area_item is not None else QRectF()

    def data_rect(self) -> QRectF:
        """Everything there is: the area, reference layers, visible ideas, underlays."""
        rect = self.area_rect()
        for item in self.reference_items:
            rect = rect.united(item.boundingRect())
        if self.groups["interventions"].isVisible():
            shown = [idea.bounds for idea in self.ideas.values() if idea.shown]
            if shown:  # the union of the ideas' world_rect (a point gets a metre)
                b = numpy.array(shown, dtype=float)
                left, right = b[:, 0].min(), numpy.maximum(b[:, 2], b[:, 0] + 1.0).max()
                top, bottom = (-b[:, 3]).min(), numpy.maximum(-b[:, 1], -b[:, 3] + 1.0).max()
                rect = rect.united(QRectF(left, top, right - left, bottom - top))
        for item in self.underlay_items.values():
            rect = rect.united(item.sceneBoundingRect())
        if rect.isNull() and self.basemap.item.isVisible():
            rect = self.basemap.item.sceneBoundingRect()  # a project with only a base map yet
        if rect.isNull():
            return QRectF(194000, -327000, 2000, 2000)  # Heerlen, rather than nowhere
        return rect.adjusted(-50, -50, 50, 50) if rect.width() < 100 or rect.height() < 100 else rect
