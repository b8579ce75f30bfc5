"""Vertex editing on shapely geometries, without Qt.

A geometry is taken apart into ``(kind, parts)``: kind "Point", "LineString" or
"Polygon"; parts a list (one per part of a multi-geometry) of rings, each a list of
(x, y). Polygon rings are open here (no repeated first point). A vertex is addressed
as (part, ring, index).
"""

from shapely.geometry import LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon

from workbench.errors import ValidationError
from workbench.i18n import _

MIN_VERTICES = {"Point": 1, "LineString": 2, "Polygon": 3}


def decompose(geometry) -> tuple:
    kind = geometry.geom_type.replace("Multi", "")
    parts = []
    for part in getattr(geometry, "geoms", [geometry]):
        if kind == "Polygon":
            rings = [list(part.exterior.coords)[:-1]] + [list(r.coords)[:-1] for r in part.interiors]
        else:
            rings = [[tuple(c[:2]) for c in part.coords]]
        parts.append([[tuple(xy[:2]) for xy in ring] for ring in rings])
    return kind, parts, geometry.geom_type.startswith("Multi")


def compose(shape):
    kind, parts, multi = shape
    if kind == "Point":
        geoms = [Point(p[0][0]) for p in parts]
        return MultiPoint(geoms) if multi else geoms[0]
    if kind == "LineString":
        geoms = [LineString(p[0]) for p in parts]
        return MultiLineString(geoms) if multi else geoms[0]
    geoms = [Polygon(p[0], p[1:]) for p in parts]
    return MultiPolygon(geoms) if multi else geoms[0]


def handles(shape) -> list:
    """[((part, ring, index), (x, y)), ...] of every vertex."""
    return [((p, r, i), xy) for p, part in enumerate(shape[1]) for r, ring in enumerate(part)
            for i, xy in enumerate(ring)]


def segments(shape) -> list:
    """[((part, ring, index of the start vertex), (a, b)), ...]; polygon rings wrap."""
    kind = shape[0]
    result = []
    for p, part in enumerate(shape[1]):
        for r, ring in enumerate(part):
            count = len(ring) if kind == "Polygon" else len(ring) - 1
            for i in range(max(count, 0)):
                result.append(((p, r, i), (ring[i], ring[(i + 1) % len(ring)])))
    return result


def _copy(shape):
    kind, parts, multi = shape
    return kind, [[list(ring) for ring in part] for part in parts], multi


def moved(shape, address, xy):
    shape = _copy(shape)
    p, r, i = address
    shape[1][p][r][i] = tuple(xy)
    return shape


def inserted(shape, address, xy):
    """A vertex added after the segment start ``address``."""
    shape = _copy(shape)
    p, r, i = address
    shape[1][p][r].insert(i + 1, tuple(xy))
    return shape


def deleted(shape, address):
    shape = _copy(shape)
    p, r, i = address
    ring = shape[1][p][r]
    if len(ring) - 1 < MIN_VERTICES[shape[0]]:
        raise ValidationError(_("Dit hoekpunt kan niet weg: een lijn heeft minstens twee punten, "
                                "een vlak minstens drie."))
    del ring[i]
    return shape


def checked(shape):
    """The geometry of ``shape``, or ValidationError when it is not valid (for
    instance a polygon edge crossing another): an edit must never store that."""
    try:
        geometry = compose(shape)
    except (ValueError, TypeError):
        geometry = None
    if geometry is None or geometry.is_empty or not geometry.is_valid:
        raise ValidationError(_("Zo snijdt de vorm zichzelf; de wijziging is niet bewaard."))
    return geometry
