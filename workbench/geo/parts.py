"""Keeping the good parts of a multi-part geometry when some parts are unusable.

Sketch tools leave stray clicks behind: a MultiLineString with a line of one position,
a MultiPoint with an empty or NaN point, a MultiPolygon with a ring of two positions.
GEOS refuses the whole geometry for one such part, which threw away a real sketch. The
functions here build what can be built, part by part, and count what they left out.

>>> geometry, dropped = shape_by_parts({"type": "MultiLineString",
...                                     "coordinates": [[[0, 0], [5, 5]], [[7, 7]]]})
>>> geometry.wkt, dropped
('MULTILINESTRING ((0 0, 5 5))', 1)
"""

import struct

import numpy as np
import shapely
from shapely.geometry import (GeometryCollection, LinearRing, MultiLineString, MultiPoint, MultiPolygon, Polygon,
                              shape)

_MULTI = {"MultiPoint": ("Point", MultiPoint), "MultiLineString": ("LineString", MultiLineString),
          "MultiPolygon": ("Polygon", MultiPolygon)}


def usable(geometry) -> bool:
    """Not empty, and every coordinate a finite number."""
    return (geometry is not None and not geometry.is_empty
            and bool(np.isfinite(shapely.get_coordinates(geometry)).all()))


def _build(value):
    try:
        geometry = shape(value)
    except Exception:  # shapely raises many kinds for malformed coordinate arrays
        return None
    return geometry if usable(geometry) else None


def _polygon(rings) -> tuple:
    """(polygon or None, holes left out): a degenerate hole goes, a degenerate shell
    takes the polygon with it."""
    if not isinstance(rings, (list, tuple)) or not rings:
        return None, 0
    shell = _build({"type": "Polygon", "coordinates": [rings[0]]})
    if shell is None:
        return None, 0
    holes, dropped = [], 0
    for ring in rings[1:]:
        try:
            hole = LinearRing(ring)
        except Exception:
            hole = None
        if hole is not None and usable(hole):
            holes.append(hole)
        else:
            dropped += 1
    return Polygon(shell.exterior, holes), dropped


def shape_by_parts(value) -> tuple:
    """(geometry or None, number of parts left out) of a GeoJSON-like mapping (GeoJSON,
    a shapefile's ``__geo_interface__``). Parts that cannot be built, are empty or hold
    NaN are left out; None when nothing usable remains."""
    if not isinstance(value, dict):
        return None, 0
    kind = value.get("type")
    if kind == "Polygon":
        return _polygon(value.get("coordinates"))
    if kind in _MULTI:
        part_kind, multi = _MULTI[kind]
        coordinates = value.get("coordinates")
        if not isinstance(coordinates, (list, tuple)):
            return None, 0
        parts, dropped = [], 0
        for part in coordinates:
            if part_kind == "Polygon":
                geometry, holes = _polygon(part)
                dropped += holes
            else:
                geometry = _build({"type": part_kind, "coordinates": part})
            if geometry is None:
                dropped += 1
            else:
                parts.append(geometry)
        return (multi(parts) if parts else None), dropped
    if kind == "GeometryCollection":
        members = value.get("geometries")
        parts, dropped = [], 0
        for member in members if isinstance(members, (list, tuple)) else []:
            geometry, left_out = shape_by_parts(member)
            dropped += left_out
            if geometry is None:
                dropped += 1
            else:
                parts.append(geometry)
        return (GeometryCollection(parts) if parts else None), dropped
    return _build(value), 0


def drop_bad_parts(geometry) -> tuple:
    """(geometry or None, parts left out) for a geometry that was built but holds empty
    or NaN parts (a MultiPoint with an empty point) or NaN holes."""
    if geometry is None or usable(geometry):
        return geometry, 0
    return shape_by_parts(shapely.geometry.mapping(geometry))


# -- WKB, for GeoPackage blobs GEOS cannot read whole ------------------------------------

_WKB_KINDS = {1: "Point", 2: "LineString", 3: "Polygon", 4: "MultiPoint", 5: "MultiLineString",
              6: "MultiPolygon", 7: "GeometryCollection"}


def _wkb_mapping(data: bytes, offset: int) -> tuple:
    """(GeoJSON-like mapping, offset after it) of the WKB geometry at ``offset`` (ISO and
    EWKB flavours; Z and M values are dropped)."""
    order = "<" if data[offset] == 1 else ">"
    code = struct.unpack_from(order + "I", data, offset + 1)[0]
    offset += 5
    if code & 0x20000000:  # EWKB SRID
        offset += 4
    dims = 2 + bool(code & 0x80000000) + bool(code & 0x40000000)
    code &= 0x0FFFFFFF
    dims += {1: 1, 2: 1, 3: 2}.get(code // 1000, 0)
    kind = _WKB_KINDS[code % 1000]

    def positions(at):
        count = struct.unpack_from(order + "I", data, at)[0]
        end = at + 4 + count * dims * 8
        if end > len(data):
            raise ValueError("truncated WKB")
        values = np.frombuffer(data, dtype=order + "f8", count=count * dims, offset=at + 4)
        return values.reshape(count, dims)[:, :2].tolist(), end

    if kind == "Point":
        values = np.frombuffer(data, dtype=order + "f8", count=dims, offset=offset)
        return {"type": kind, "coordinates": values[:2].tolist()}, offset + dims * 8
    if kind == "LineString":
        coordinates, offset = positions(offset)
        return {"type": kind, "coordinates": coordinates}, offset
    count = struct.unpack_from(order + "I", data, offset)[0]
    offset += 4
    if kind == "Polygon":
        rings = []
        for _ring in range(count):
            ring, offset = positions(offset)
            rings.append(ring)
        return {"type": kind, "coordinates": rings}, offset
    members = []
    for _part in range(count):
        member, offset = _wkb_mapping(data, offset)
        members.append(member)
    if kind == "GeometryCollection":
        return {"type": kind, "geometries": members}, offset
    return {"type": kind, "coordinates": [m.get("coordinates") for m in members]}, offset


def wkb_by_parts(wkb: bytes) -> tuple:
    """(geometry or None, parts left out) of WKB that GEOS refuses as a whole."""
    try:
        mapping, _end = _wkb_mapping(bytes(wkb), 0)
    except (struct.error, KeyError, ValueError, IndexError):
        return None, 0
    return shape_by_parts(mapping)


def two_d(geometries: np.ndarray) -> np.ndarray:
    """``shapely.force_2d(geometries)``, or the array itself when no geometry has a Z or
    M: force_2d makes a new object of every geometry, and an import's ten thousand
    shapes are already 2D when they reach a second or third check."""
    if shapely.has_z(geometries).any() or (_has_m is not None and _has_m(geometries).any()):
        return shapely.force_2d(geometries)
    return geometries


_has_m = getattr(shapely, "has_m", None)  # shapely 2.1+; 2.0 reads no M at all
