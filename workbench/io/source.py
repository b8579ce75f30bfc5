"""Features read from a file the user chose, brought to RD and checked.

Every reader (GeoJSON, GeoPackage, shapefile, CSV) returns a :class:`RawSource`: geometries
in the file's own CRS, with what it knows of that CRS. :func:`finish` then does what all
formats share, for all features at once: split geometry collections, refuse what is
empty or absurd, recognise swapped latitude/longitude and RD without a CRS, transform to
RD, and repair invalid shapes. What it did is reported per feature, in Dutch.
"""

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import shapely
import shapely.errors

from workbench.errors import ValidationError
from workbench.geo import crs
from workbench.geo.bounds import RD_BOX, WGS84_NL_BOX, WGS84_SWAPPED_BOX, inside_rd, within
from workbench.geo.parts import drop_bad_parts
from workbench.geo.repair import repair
from workbench.i18n import _

MAX_VERTICES = 5_000_000


@contextmanager
def paused_gc():
    """Python's cycle collector off while a large file is read and imported.

    A GeoJSON file of ten thousand features parses into hundreds of thousands of dicts
    and lists; every full collection walks them all, and making the features' objects
    triggers many (about a fifth of an import's time). Nothing here makes reference cycles
    that must be freed before the end, when the collector is turned back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
    repairs: dict = field(default_factory=dict)   # feature index -> unusable parts left out
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
    """RD or WGS84, by what most features look like; a stray feature far away (skipped
    later) does not decide for the whole file."""
    rd = int(within(bounds, RD_BOX).sum())
    wgs84 = int(within(bounds, (-180.0, -90.0, 180.0, 90.0)).sum())
    if rd == 0 and wgs84 == 0:
        return None
    return crs.RD if rd >= wgs84 else crs.WGS84


def _swapped(bounds) -> bool:
    """Latitude/longitude swapped: the features lie in the Dutch box with x and y
    exchanged, and none in the Dutch box itself."""
    swapped, normal = int(within(bounds, WGS84_SWAPPED_BOX).sum()), int(within(bounds, WGS84_NL_BOX).sum())
    return swapped > 0 and normal == 0 and swapped >= 0.9 * len(bounds)


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


def _objects(items) -> np.ndarray:
    array = np.empty(len(items), dtype=object)
    array[:] = items
    return array


def finish(raw: RawSource, progress=None) -> Source:
    """Check, transform and repair the features of ``raw``; see the module docstring.

    The checks run on arrays of geometries at once (shapely's vectorised functions):
    a file of 100,000 features must not take a Python loop of shapely calls per step.
    """
    source = Source(raw.name, raw.fields, [], warnings=list(raw.warnings), total=len(raw.geometries))
    dropped_parts = dict(raw.repairs)  # index -> unusable parts left out, reported once the feature is kept
    indices, parts = [], []
    for index, geometry in enumerate(raw.geometries):
        if geometry is None:
            reason = raw.problems.get(index) or _("heeft geen geometrie")
            source.skipped.append(_("{label} {reason}; overgeslagen.").format(label=_label(index), reason=reason))
        else:
            indices.append(index)
            parts.append(geometry)
    if parts:
        geometries = _objects(parts)
        collections = np.flatnonzero(shapely.get_type_id(geometries) == 7)
        if len(collections):  # rare: split them, keeping file order
            split_indices, split_parts = [], []
            is_collection = set(collections.tolist())
            for position, (index, geometry) in enumerate(zip(indices, parts)):
                pieces = _flatten(geometry) if position in is_collection else [geometry]
                pieces = [p for p in pieces if not p.is_empty]
                if len(pieces) > 1:
                    source.repaired.append(_("{label} was een verzameling van {count} vormen en is gesplitst in "
                                             "{count} objecten.").format(label=_label(index), count=len(pieces)))
                split_indices += [index] * len(pieces)
                split_parts += pieces
                if not pieces:  # reported below as empty
                    split_indices.append(index)
                    split_parts.append(geometry)
            indices, geometries = split_indices, _objects(split_parts)
        geometries = shapely.force_2d(geometries)
        rings = np.flatnonzero(shapely.get_type_id(geometries) == 2)
        for position in rings:  # a bare LinearRing is a line to us
            geometries[position] = shapely.LineString(geometries[position].coords)
        empty = shapely.is_empty(geometries)
        if int(shapely.get_num_coordinates(geometries).sum()) > MAX_VERTICES:
            raise ValidationError(_("{name} heeft meer dan {limit} hoekpunten; dat is te groot om te importeren. "
                                    "Vereenvoudig het eerst, bijvoorbeeld in QGIS.")
                                  .format(name=raw.name, limit="5.000.000"))
        coords, owner = shapely.get_coordinates(geometries, return_index=True)
        not_finite = np.zeros(len(geometries), dtype=bool)
        not_finite[owner[~np.isfinite(coords).all(axis=1)]] = True
        for position in np.flatnonzero(not_finite & ~empty):  # a NaN point in a MultiPoint, a NaN hole
            kept_parts, dropped = drop_bad_parts(geometries[position])
            if kept_parts is not None:
                geometries[position] = kept_parts
                not_finite[position] = False
                dropped_parts[indices[position]] = dropped_parts.get(indices[position], 0) + dropped
    else:
        geometries, empty, not_finite = _objects([]), np.zeros(0, bool), np.zeros(0, bool)
    kept = []
    reported_empty = set()
    empty, not_finite = empty.tolist(), not_finite.tolist()
    for position, index in enumerate(indices):
        if empty[position]:
            if index not in reported_empty:
                source.skipped.append(_("{label} heeft een lege geometrie; overgeslagen.").format(label=_label(index)))
                reported_empty.add(index)
        elif not_finite[position]:
            source.skipped.append(_("{label} heeft coördinaten die geen getal zijn; overgeslagen.")
                                  .format(label=_label(index)))
        else:
            kept.append((index, geometries[position], raw.properties[index]))
    if not kept:
        source.warnings.append(_("Er staan geen bruikbare objecten in {name}.").format(name=raw.name))
        return source

    geometries = [g for _i, g, _p in kept]
    bounds = shapely.bounds(_objects(geometries))

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
    if epsg == crs.WGS84 and _swapped(bounds):
        geometries = list(_swap_xy(geometries))
        source.warnings.append(_("In {name} staan breedte en lengte omgewisseld; ze zijn teruggezet.")
                               .format(name=raw.name))
    if progress:
        progress()
    geometries = _transform(geometries, epsg)

    # Per feature: far outside the Netherlands, or invalid (repaired when possible).
    geometries = _objects(list(geometries))
    inside = inside_rd(geometries)
    valid = shapely.is_valid(geometries)
    for (index, _old, props), geometry, ok, near in zip(kept, geometries, valid.tolist(), inside.tolist()):
        if not near:
            source.skipped.append(_("{label} ligt ver buiten Nederland; overgeslagen.").format(label=_label(index)))
            continue
        if not ok:
            try:
                fixed = repair(geometry)
            except shapely.errors.GEOSException:  # degenerate beyond what make_valid takes
                fixed = None
            if fixed is None or fixed.is_empty:
                source.skipped.append(_("{label} heeft een ongeldige vorm die niet te herstellen is; overgeslagen.")
                                      .format(label=_label(index)))
                continue
            source.repaired.append(_("{label} had een ongeldige vorm (bijvoorbeeld een zelfdoorsnijding) en is "
                                     "hersteld.").format(label=_label(index)))
            geometry = fixed
        if dropped_parts.pop(index, 0):
            source.repaired.append(_("{label} had onbruikbare delen (bijvoorbeeld een lijn van één punt of een "
                                     "leeg punt); die zijn weggelaten, de rest is geïmporteerd.")
                                   .format(label=_label(index)))
        source.features.append(Feature(index + 1, geometry, props))
    return source
