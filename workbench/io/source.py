"""Features read from a file the user chose, brought to RD and checked.

Every reader (GeoJSON, GeoPackage, shapefile, CSV) returns a :class:`RawSource`: geometries
in the file's own CRS, with what it knows of that CRS. :func:`finish` then does what all
formats share, for all features at once: split geometry collections, refuse what is
empty or absurd, recognise swapped latitude/longitude and RD without a CRS, transform to
RD, and repair invalid shapes. What it did is reported per feature, in Dutch.
"""

from dataclasses import dataclass, field

import numpy as np
import shapely

from workbench.errors import ValidationError
from workbench.geo import crs
from workbench.geo.repair import repair
from workbench.i18n import _

# Generous boxes around the Netherlands: beyond them coordinates are a mistake.
RD_BOX = (-100_000.0, 200_000.0, 400_000.0, 750_000.0)
WGS84_NL_BOX = (2.0, 50.0, 8.0, 54.5)
MAX_VERTICES = 5_000_000


class Cancelled(Exception):
    """The user cancelled a long import; nothing was changed."""


@dataclass
class RawSource:
    """What a reader found, before checking: geometries in the source CRS."""

    name: str
    fields: list
    geometries: list            # shapely geometry or None, per feature
    properties: list            # dict per feature
    epsg: int | None = None     # None: the file does not say
    crs_assumed: bool = False   # True: GeoJSON without "crs" (RFC 7946 says WGS84)
    problems: dict = field(default_factory=dict)  # feature index -> why it has no geometry
    warnings: list = field(default_factory=list)


@dataclass
class Feature:
    number: int                 # 1-based position in the file, for messages
    geometry: object            # RD, valid
    properties: dict


@dataclass
class Source:
    name: str
    fields: list
    features: list
    skipped: list = field(default_factory=list)   # Dutch sentences, one per feature
    repaired: list = field(default_factory=list)  # Dutch sentences, one per feature
    warnings: list = field(default_factory=list)  # about the whole file
    total: int = 0                                # features in the file


def _label(index: int) -> str:
    return _("Object {number}").format(number=index + 1)


def _flatten(geometry):
    """The parts of a geometry collection (nested ones too); other geometries as is."""
    if geometry.geom_type != "GeometryCollection":
        return [geometry]
    parts = []
    for part in geometry.geoms:
        parts.extend(_flatten(part))
    return parts


def _guess_crs(bounds) -> int | None:
    minx, miny, maxx, maxy = bounds
    if RD_BOX[0] <= minx and maxx <= RD_BOX[2] and RD_BOX[1] <= miny and maxy <= RD_BOX[3]:
        return crs.RD
    if -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90:
        return crs.WGS84
    return None


def _inside(bounds, box) -> bool:
    return box[0] <= bounds[0] and bounds[2] <= box[2] and box[1] <= bounds[1] and bounds[3] <= box[3]


def _swap_xy(geometries):
    return shapely.transform(np.asarray(geometries, dtype=object), lambda c: c[:, ::-1])


def _transform(geometries, epsg):
    if epsg == crs.RD or not len(geometries):
        return geometries
    try:
        transformer = crs.transformer(epsg, crs.RD)
    except Exception:  # pyproj refuses the code: unknown to proj.db
        raise ValidationError(_("Onbekend coördinatenstelsel EPSG:{code}; gebruik WGS84 of RD (EPSG:28992).")
                              .format(code=epsg)) from None

    def convert(coords):
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return list(shapely.transform(np.asarray(geometries, dtype=object), convert))


def finish(raw: RawSource, progress=None) -> Source:
    """Check, transform and repair the features of ``raw``; see the module docstring."""
    source = Source(raw.name, raw.fields, [], warnings=list(raw.warnings), total=len(raw.geometries))
    kept = []  # (index, geometry, properties, part label)
    for index, (geometry, props) in enumerate(zip(raw.geometries, raw.properties)):
        if geometry is None:
            reason = raw.problems.get(index) or _("heeft geen geometrie")
            source.skipped.append(_("{label} {reason}; overgeslagen.").format(label=_label(index), reason=reason))
            continue
        parts = [shapely.force_2d(p) for p in _flatten(geometry)]
        parts = [p for p in parts if not p.is_empty]
        if not parts:
            source.skipped.append(_("{label} heeft een lege geometrie; overgeslagen.").format(label=_label(index)))
            continue
        if len(parts) > 1:
            source.repaired.append(_("{label} was een verzameling van {count} vormen en is gesplitst in {count} objecten.")
                                   .format(label=_label(index), count=len(parts)))
        for part in parts:
            if part.geom_type == "LinearRing":
                part = shapely.LineString(part.coords)
            kept.append((index, part, props))
    if not kept:
        source.warnings.append(_("Er staan geen bruikbare objecten in {name}.").format(name=raw.name))
        return source

    geometries = [g for _i, g, _p in kept]
    vertices = shapely.get_num_coordinates(geometries)
    if int(vertices.sum()) > MAX_VERTICES:
        raise ValidationError(_("{name} heeft meer dan {limit} hoekpunten; dat is te groot om te importeren. "
                                "Vereenvoudig het eerst, bijvoorbeeld in QGIS.")
                              .format(name=raw.name, limit="5.000.000"))
    finite = [bool(np.isfinite(shapely.get_coordinates(g)).all()) for g in geometries]
    rest = []
    for (index, geometry, props), ok in zip(kept, finite):
        if ok:
            rest.append((index, geometry, props))
        else:
            source.skipped.append(_("{label} heeft coördinaten die geen getal zijn; overgeslagen.")
                                  .format(label=_label(index)))
    kept = rest
    if not kept:
        return source
    geometries = [g for _i, g, _p in kept]
    bounds = tuple(shapely.total_bounds(geometries))

    epsg = raw.epsg
    if epsg is None or raw.crs_assumed:
        guess = _guess_crs(bounds)
        if epsg is None and guess is None:
            raise ValidationError(_("Van {name} is het coördinatenstelsel onbekend en de coördinaten passen niet bij "
                                    "WGS84 of RD. Sla het bestand op in WGS84 of RD (EPSG:28992).").format(name=raw.name))
        if guess == crs.RD:
            source.warnings.append(_("{name} noemt geen coördinatenstelsel, maar de coördinaten zijn RD (EPSG:28992); "
                                     "het is als RD gelezen.").format(name=raw.name))
        epsg = guess or epsg
    if epsg == crs.WGS84:
        lon_lat_swapped = (WGS84_NL_BOX[1] <= bounds[0] and bounds[2] <= WGS84_NL_BOX[3]
                           and WGS84_NL_BOX[0] <= bounds[1] and bounds[3] <= WGS84_NL_BOX[2])
        if lon_lat_swapped:
            geometries = list(_swap_xy(geometries))
            source.warnings.append(_("In {name} staan breedte en lengte omgewisseld; ze zijn teruggezet.")
                                   .format(name=raw.name))
    if progress:
        progress()
    geometries = _transform(geometries, epsg)

    # Per feature: far outside the Netherlands, or invalid (repaired when possible).
    valid = shapely.is_valid(np.asarray(geometries, dtype=object))
    for (index, _old, props), geometry, ok in zip(kept, geometries, valid):
        feature_bounds = geometry.bounds
        if not np.isfinite(feature_bounds).all() or not _inside(feature_bounds, RD_BOX):
            source.skipped.append(_("{label} ligt ver buiten Nederland; overgeslagen.").format(label=_label(index)))
            continue
        if not ok:
            fixed = repair(geometry)
            if fixed is None or fixed.is_empty:
                source.skipped.append(_("{label} heeft een ongeldige vorm die niet te herstellen is; overgeslagen.")
                                      .format(label=_label(index)))
                continue
            source.repaired.append(_("{label} had een ongeldige vorm (bijvoorbeeld een zelfdoorsnijding) en is "
                                     "hersteld.").format(label=_label(index)))
            geometry = fixed
        source.features.append(Feature(index + 1, geometry, props))
    return source
