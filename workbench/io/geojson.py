"""Reading GeoJSON (RFC 7946 WGS84, or a legacy ``crs`` member naming WGS84 or RD)."""

import json
import re
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

from workbench.errors import ValidationError
from workbench.geo import crs
from workbench.geo.parts import shape_by_parts
from workbench.i18n import _
from workbench.store.errors import os_sentence

# Legacy "crs" names we understand, by the EPSG code they mean.
_KNOWN_CRS = {
    "urn:ogc:def:crs:OGC:1.3:CRS84": crs.WGS84, "urn:ogc:def:crs:OGC::CRS84": crs.WGS84,
    "urn:ogc:def:crs:EPSG::4326": crs.WGS84, "EPSG:4326": crs.WGS84,
    "urn:ogc:def:crs:EPSG::28992": crs.RD, "EPSG:28992": crs.RD,
}
_EPSG_NAME = re.compile(r"^(?:urn:ogc:def:crs:EPSG:[\d.]*:|EPSG:{1,2})(\d+)$", re.IGNORECASE)
_CRS84_NAME = re.compile(r"^(?:urn:ogc:def:crs:OGC:[\d.]*:CRS84|CRS84|OGC:CRS84)$", re.IGNORECASE)
_GEOMETRY_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                   "GeometryCollection")


def load(path) -> dict:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ValidationError(os_sentence(error, path)) from None  # a Dutch sentence, not the OS's English
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("{name} is geen UTF-8-tekst; sla het op als UTF-8.").format(name=path.name)) from None
    try:
        data = parse_json(raw, text)
    except json.JSONDecodeError as error:
        raise ValidationError(_("{name} is geen geldige JSON (regel {line}); is het bestand afgebroken?")
                              .format(name=path.name, line=error.lineno)) from None
    except RecursionError:
        raise ValidationError(_("{name} is te diep genest om te lezen.").format(name=path.name)) from None
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise ValidationError(_("{name} is geen GeoJSON.").format(name=path.name))
    return data


# Every byte that is a digit becomes "0", every other byte a space: a run of 19 zeros in
# the result is a number (or a digit string) long enough to lie beyond 64 bits.
_DIGIT_RUNS = bytes(48 if 48 <= byte <= 57 else 32 for byte in range(256))
_LONG_RUN = b"0" * 19


def parse_json(raw: bytes, text: str):
    """``json.loads(text)``, the same values, in about half the time with orjson when it
    is installed (a GeoJSON file of ten thousand features: 0.04 s).

    orjson reads an integer beyond 64 bits as a float, silently, where json keeps it
    exact: a file with any run of 19 or more digits (such a number, or a long digit
    string, which is harmless) is read with json. What orjson refuses (NaN, Infinity,
    1e400, a lone surrogate, deep nesting, broken JSON) json reads or refuses as before,
    with its own message."""
    try:
        import orjson
    except ImportError:  # an optional speed-up: the import works the same without it
        return json.loads(text)
    if _LONG_RUN in raw.translate(_DIGIT_RUNS):
        return json.loads(text)
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def crs_name(data: dict) -> str:
    member = data.get("crs")
    if not isinstance(member, dict):
        return ""
    properties = member.get("properties")
    name = properties.get("name", "") if isinstance(properties, dict) else ""
    return name.strip() if isinstance(name, str) else ""


def source_crs(data: dict) -> int:
    """The EPSG code a legacy ``crs`` member names (WGS84 when there is none)."""
    if not data.get("crs"):
        return crs.WGS84
    name = crs_name(data)
    if name in _KNOWN_CRS:
        return _KNOWN_CRS[name]
    if _CRS84_NAME.match(name):
        return crs.WGS84
    match = _EPSG_NAME.match(name)
    if match and int(match.group(1)) in (crs.WGS84, crs.RD):
        return int(match.group(1))
    raise ValidationError(_("Onbekend coördinatenstelsel '{name}'; gebruik WGS84 of RD (EPSG:28992).")
                          .format(name=name[:80] or "?"))


def _items(data: dict, name: str) -> list:
    kind = data.get("type")
    if kind == "FeatureCollection":
        items = data.get("features")
        if items is None:
            return []
        if not isinstance(items, list):
            raise ValidationError(_("In {name} is 'features' geen lijst.").format(name=name))
        return items
    if kind == "Feature":
        return [data]
    if kind in _GEOMETRY_TYPES:
        return [{"type": "Feature", "geometry": data, "properties": {}}]
    raise ValidationError(_("{name} is geen GeoJSON: onbekend type '{kind}'.").format(name=name, kind=kind[:40]))


def parse_geometry(value):
    """(shapely geometry or None, Dutch reason when None, number of parts left out).

    A multi-part geometry (or a polygon's hole) with a part that cannot be built, such
    as a line of one position from a stray click, keeps its other parts."""
    if value is None:
        return None, _("heeft geen geometrie"), 0
    if not isinstance(value, dict) or value.get("type") not in _GEOMETRY_TYPES:
        return None, _("heeft een onbekend geometrietype"), 0
    try:
        return shape(value), "", 0
    except Exception:  # shapely raises many kinds for malformed coordinate arrays
        geometry, dropped = shape_by_parts(value)
        if geometry is None:
            return None, _("heeft onleesbare coördinaten"), 0
        return geometry, "", dropped


def _array(coordinates, depth):
    """Coordinates as a float array of positions, or None when they are not that."""
    try:
        array = np.asarray(coordinates)
    except (ValueError, TypeError):  # ragged lists
        return None
    if array.dtype.kind not in "if" or array.ndim != depth or array.shape[-1] not in (2, 3):
        return None  # strings, booleans and nested oddities go the careful way
    return array[..., :2].astype(float)


def _positions(groups):
    """The positions of many coordinate lists as one float array (x, y), or None when any
    position is not plain numbers; then each list goes the careful way (:func:`_array`).
    One numpy conversion for the whole file instead of one per feature."""
    try:
        array = np.array([position for group in groups for position in group])
    except (ValueError, TypeError):  # ragged: 2D and 3D mixed, or nested oddities
        return None
    if array.dtype.kind not in "if" or array.ndim != 2 or array.shape[1] not in (2, 3):
        return None
    return array[:, :2].astype(float)


def _one_by_one(candidates, depth, usable):
    """(indices, arrays) of the candidates whose coordinates :func:`_array` accepts."""
    kept = ([], [])
    for index, coordinates in zip(*candidates):
        array = _array(coordinates, depth)
        if array is not None and usable(array):
            kept[0].append(index)
            kept[1].append(array)
    return kept


def _points(candidates):
    array = _positions([candidates[1]])
    if array is not None:
        return candidates[0], shapely.points(array)
    indices, arrays = _one_by_one(candidates, 1, lambda a: True)
    return indices, shapely.points(np.array(arrays).reshape(-1, 2))


def _lines(candidates):
    array = _positions(candidates[1])
    if array is not None:
        indices, counts = candidates[0], [len(c) for c in candidates[1]]
    else:
        indices, arrays = _one_by_one(candidates, 2, lambda a: len(a) >= 2)
        if not indices:
            return [], []
        array, counts = np.concatenate(arrays), [len(a) for a in arrays]
    return indices, shapely.linestrings(array, indices=np.repeat(np.arange(len(counts)), counts))


def _polygons(candidates):
    rings = [ring for polygon in candidates[1] for ring in polygon]
    array = _positions(rings)
    counts = np.array([len(ring) for ring in rings])
    if array is not None:
        long_enough = counts >= 4
        ends = np.cumsum(counts)
        first, last = np.where(long_enough, ends - counts, 0), np.where(long_enough, ends - 1, 0)
        closed = long_enough & (array[first] == array[last]).all(axis=1) if len(array) else long_enough
        ring_counts = [len(polygon) for polygon in candidates[1]]
        owner = np.repeat(np.arange(len(ring_counts)), ring_counts)
        if closed.all():
            indices, groups = candidates[0], ring_counts
        else:  # leave out the polygons with an open or short ring (the careful path says why)
            bad = set(owner[~closed].tolist())
            keep = [p for p in range(len(ring_counts)) if p not in bad]
            rings_kept = np.isin(owner, keep)
            array = array[np.repeat(rings_kept, counts)]
            counts = counts[rings_kept]
            indices, groups = [candidates[0][p] for p in keep], [ring_counts[p] for p in keep]
    else:
        indices, groups, arrays = [], [], []
        for index, polygon in zip(*candidates):
            built = [_array(ring, 2) for ring in polygon]
            if all(r is not None and len(r) >= 4 and (r[0] == r[-1]).all() for r in built):
                indices.append(index)
                groups.append(len(built))
                arrays += built
        if not indices:
            return [], []
        array, counts = np.concatenate(arrays), np.array([len(a) for a in arrays])
    if not indices:
        return [], []
    built_rings = shapely.linearrings(array, indices=np.repeat(np.arange(len(counts)), counts))
    return indices, shapely.polygons(built_rings, indices=np.repeat(np.arange(len(groups)), groups))


def _bulk_shapes(values) -> list:
    """Points, lines and polygons built in bulk with shapely's vectorised constructors;
    None where the careful path (``parse_geometry``) must decide. Shapes are the same
    either way; this is only faster for large files."""
    result = [None] * len(values)
    points, lines, polygons = ([], []), ([], []), ([], [])  # (feature indices, coordinates)
    for index, value in enumerate(values):
        if type(value) is not dict:
            continue
        kind, coordinates = value.get("type"), value.get("coordinates")
        if type(coordinates) is not list:
            continue
        if kind == "Point":
            points[0].append(index)
            points[1].append(coordinates)
        elif kind == "LineString" and len(coordinates) >= 2:
            lines[0].append(index)
            lines[1].append(coordinates)
        elif kind == "Polygon" and coordinates and all(type(ring) is list for ring in coordinates):
            polygons[0].append(index)
            polygons[1].append(coordinates)
    for candidates, build in ((points, _points), (lines, _lines), (polygons, _polygons)):
        if candidates[0]:
            indices, built = build(candidates)
            for index, geometry in zip(indices, built):
                result[index] = geometry
    return result


def features(data: dict, name: str = "GeoJSON", repairs=None):
    """(geometries, properties, problems by index) in the file's own CRS; ``repairs``
    (a dict), when given, gets {index: parts left out} of the geometries kept in part."""
    items = _items(data, name)
    values, properties, problems = [], [], {}
    for index, item in enumerate(items):  # one walk over the parsed file (it is large)
        if isinstance(item, dict) and item.get("type") == "Feature":
            props = item.get("properties")
            values.append(item.get("geometry"))
            properties.append(props if isinstance(props, dict) else {})
        else:
            values.append(None)
            properties.append({})
            problems[index] = _("is geen GeoJSON-Feature")
    geometries = _bulk_shapes(values)
    for index, geometry in enumerate(geometries):
        if geometry is None and index not in problems and values[index] is not None:
            # "geometry": null is an unlocated feature (RFC 7946 3.2), not a problem
            geometry, reason, dropped = parse_geometry(values[index])
            geometries[index] = geometry
            if reason:
                problems[index] = reason
            if dropped and repairs is not None:
                repairs[index] = dropped
    return geometries, properties, problems


def read_rd(path) -> list:
    """(RD geometry or None, properties) for every feature of a GeoJSON file."""
    data = load(path)
    epsg = source_crs(data)
    geometries, properties, _problems = features(data, Path(path).name)
    return [(crs.transform(g, epsg, crs.RD) if g is not None else None, p) for g, p in zip(geometries, properties)]
