"""Reading a CSV table with a WKT column or latitude/longitude columns.

Dutch Excel writes semicolons and decimal commas, others commas and points; both are
accepted. A WKT column is read in RD when its numbers look like RD, else in WGS84.
"""

import csv
import io
from pathlib import Path

from shapely import wkt
from shapely.geometry import Point

from workbench.errors import ValidationError
from workbench.i18n import _
from workbench.io.source import RawSource
from workbench.store.errors import os_sentence

WKT_NAMES = ("wkt", "wkt_rd", "geometrie", "geometry", "geom", "the_geom")
LAT_NAMES = ("lat", "latitude", "breedte", "breedtegraad", "centroid_lat", "y")
LON_NAMES = ("lon", "lng", "long", "longitude", "lengte", "lengtegraad", "centroid_lon", "x")


def _decode(raw: bytes, name: str):
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace"), [_("De tekst in {name} is geen UTF-8; gelezen als Windows-1252.")
                                                  .format(name=name)]


def _number(text):
    text = str(text or "").strip().replace(",", ".")
    return float(text) if text else None


def _unguarded(value: str) -> str:
    """Undo the quote our CSV export puts before text Excel would run as a formula."""
    return value[1:] if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@") else value


def read_csv(path) -> RawSource:
    path = Path(path)
    try:
        text, warnings = _decode(path.read_bytes(), path.name)
    except OSError as error:
        raise ValidationError(os_sentence(error, path)) from None  # a Dutch sentence, not the OS's English
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ValidationError(_("{name} is geen leesbare CSV ({error}).").format(name=path.name, error=error)) from None
    fields = [f for f in (rows[0].keys() if rows else []) if f is not None]
    lowered = {f.strip().lower(): f for f in fields}
    wkt_field = next((lowered[n] for n in WKT_NAMES if n in lowered), None)
    lat_field = next((lowered[n] for n in LAT_NAMES if n in lowered), None)
    lon_field = next((lowered[n] for n in LON_NAMES if n in lowered), None)
    if wkt_field is None and (lat_field is None or lon_field is None):
        raise ValidationError(_("{name} heeft geen kolom met WKT of met lat en lon; zo is de ligging onbekend.")
                              .format(name=path.name))
    geometries, properties, problems = [], [], {}
    for index, row in enumerate(rows):
        geometry = None
        try:
            if wkt_field and (row.get(wkt_field) or "").strip():
                geometry = wkt.loads(row[wkt_field])
            elif lat_field and lon_field:
                lat, lon = _number(row.get(lat_field)), _number(row.get(lon_field))
                geometry = Point(lon, lat) if lat is not None and lon is not None else None
                if (lat is None) != (lon is None):  # half a position: no place to guess
                    raise ValueError
        except Exception:  # shapely's WKT reader raises several kinds
            problems[index] = _("heeft onleesbare coördinaten")
        geometries.append(geometry)
        properties.append({k: _unguarded(v) for k, v in row.items()
                           if k is not None and k != wkt_field and isinstance(v, str) and v})
    # CSV does not say its CRS: the numbers tell RD (our own WKT column) from WGS84.
    return RawSource(path.name, fields, geometries, properties, None, problems=problems, warnings=warnings)
