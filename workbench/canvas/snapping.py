"""Snapping to vertices and edges of the area and of other ideas, within a few pixels.

Vertices win over edges, so a shape closes exactly on a corner. The index is rebuilt
lazily after the model changes.
"""

import shapely


class Snapper:
    def __init__(self, view):
        self.view = view
        self.enabled = True
        self._index = None

    def invalidate(self) -> None:
        self._index = None

    def _build(self):
        scene = self.view.scene()
        owners, geometries = [], []
        area = self.view.project.area if self.view.project is not None else None
        if area is not None:
            owners.append(None)
            geometries.append(area.geometry)
        for intervention in scene.visible_interventions():
            owners.append(intervention.uuid)
            geometries.append(intervention.geometry)
        tree = shapely.STRtree(geometries) if geometries else None
        self._index = (owners, geometries, tree)
        return self._index

    def snap(self, world, tolerance: float, exclude=()) -> tuple:
        if not self.enabled or self.view.project is None:
            return world, False
        owners, geometries, tree = self._index or self._build()
        if tree is None:
            return world, False
        point = shapely.Point(world)
        best_vertex, best_edge = None, None
        for index in tree.query(point.buffer(tolerance)):
            if owners[index] is not None and owners[index] in exclude:
                continue
            geometry = geometries[index]
            coords = shapely.get_coordinates(geometry)
            if len(coords):
                d = ((coords[:, 0] - world[0]) ** 2 + (coords[:, 1] - world[1]) ** 2) ** 0.5
                i = int(d.argmin())
                if d[i] <= tolerance and (best_vertex is None or d[i] < best_vertex[0]):
                    best_vertex = (float(d[i]), (float(coords[i, 0]), float(coords[i, 1])))
            boundary = geometry.boundary if geometry.geom_type.endswith("Polygon") else geometry
            if boundary.is_empty or geometry.geom_type.endswith("Point"):
                continue
            distance = boundary.distance(point)
            if distance <= tolerance and (best_edge is None or distance < best_edge[0]):
                from shapely.ops import nearest_points  # "import shapely" does not load shapely.ops

                nearest = nearest_points(boundary, point)[0]
                best_edge = (distance, (nearest.x, nearest.y))
        if best_vertex is not None:
            return best_vertex[1], True
        if best_edge is not None:
            return best_edge[1], True
        return world, False
