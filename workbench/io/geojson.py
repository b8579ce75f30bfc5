"""Reading GeoJSON into RD geometries (RFC 7946 WGS84, or a legacy ``crs`` member)."""

import json
from pathlib import Path

from shapely.geometry import shape

from workbench.errors import ValidationError
from workbench.geo import crs
from workbench.i18n import _

# Legacy "crs" names we understand, by the EPSG code they mean.
_KNOWN_CRS = {
    "urn:ogc:def:crs:OGC:1.3:CRS84": crs.WGS84, "urn:ogc:def:crs:OGC::CRS84": crs.WGS84,
    "urn:ogc:def:crs:EPSG::4326": crs.WGS84, "EPSG:4326": crs.WGS84,
    "urn:ogc:def:crs:EPSG::28992": crs.RD, "EPSG:28992": crs.RD,
}


def load(path) -> dict:
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ValidationError(_("Kan {name} niet lezen: {error}").format(name=path.name, error=error.strerror)) from None
    except UnicodeDecodeError:
        raise ValidationError(_("{name} is geen UTF-8-tekst; sla het op als UTF-8.").format(name=path.name)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(_("{name} is geen geldige JSON (regel {line}).").format(name=path.name, line=error.lineno)) from None
    if not isinstance(data, dict) or "type" not in data:
        raise ValidationError(_("{name} is geen GeoJSON.").format(name=path.name))
    return data


def source_crs(data: dict) -> int:
    member = data.get("crs")
    if not member:
        return crs.WGS84
    name = (member.get("properties") or {}).get("name", "") if isinstance(member, dict) else ""
    if name not in _KNOWN_CRS:
        raise ValidationError(_("Onbekend coördinatenstelsel '{name}'; gebruik WGS84 of RD (EPSG:28992).")
                              .format(name=name or "?"))
    return _KNOWN_CRS[name]


def features(data: dict) -> list:
    """(geometry or None, properties) pairs in the file's own CRS."""
    kind = data.get("type")
    if kind == "FeatureCollection":
        items = data.get("features") or []
    elif kind == "Feature":
        items = [data]
    else:
        items = [{"type": "Feature", "geometry": data, "properties": {}}]
    result = []
    for item in items:
        geometry = item.get("geometry") if isinstance(item, dict) else None
        try:
            geometry = shape(geometry) if geometry else None
        except (ValueError, TypeError, AttributeError, KeyError):
            geometry = None
        properties = item.get("properties") if isinstance(item, dict) else None
        result.append((geometry, properties if isinstance(properties, dict) else {}))
    return result


def read_rd(path) -> list:
    """(RD geometry or None, properties) for every feature of a GeoJSON file."""
    data = load(path)
    epsg = source_crs(data)
    return [(crs.transform(g, epsg, crs.RD) if g is not None else None, p) for g, p in features(data)]
