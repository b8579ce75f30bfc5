"""Repairing invalid geometries (self-intersections, bow ties) with shapely."""

import shapely
from shapely.geometry import GeometryCollection, MultiLineString, MultiPoint, MultiPolygon
from shapely.geometry.base import BaseGeometry

_DIMENSION = {"Point": 0, "MultiPoint": 0, "LineString": 1, "LinearRing": 1,
              "MultiLineString": 1, "Polygon": 2, "MultiPolygon": 2}


def repair(geometry: BaseGeometry) -> BaseGeometry | None:
    """A valid geometry of the same dimension, or None when nothing usable remains.

    ``make_valid`` may return a collection mixing polygons with slivers of lines; the
    parts of the original dimension are kept, so a polygon stays a (multi)polygon.

    >>> from shapely.geometry import Polygon
    >>> repair(Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])).geom_type   # a bow tie
    'MultiPolygon'
    """
    if geometry is None or geometry.is_empty:
        return None
    if geometry.is_valid:
        return geometry
    dimension = _DIMENSION.get(geometry.geom_type)
    fixed = shapely.make_valid(geometry)
    parts = getattr(fixed, "geoms", [fixed]) if isinstance(fixed, GeometryCollection) else [fixed]
    kept = []
    for part in parts:
        kept.extend(getattr(part, "geoms", [part]) if part.geom_type.startswith("Multi") else [part])
    kept = [p for p in kept if _DIMENSION.get(p.geom_type) == dimension and not p.is_empty]
    if not kept:
        return None
    if len(kept) == 1:
        return kept[0]
    multi = {0: MultiPoint, 1: MultiLineString, 2: MultiPolygon}[dimension]
    result = multi(kept)
    return result if result.is_valid else shapely.make_valid(result) if dimension != 2 else shapely.union_all(kept)
