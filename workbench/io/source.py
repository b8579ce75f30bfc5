"""Features read from a file the user chose, brought to RD and checked.

Every reader (GeoJSON, GeoPackage, shapefile, CSV) returns a :class:`RawSource`: geometries
in the file's own CRS, with what it knows of that CRS. :func:`finish` then does what all
formats share, for all features at once: split geometry collections, refuse what is
empty or absurd, recognise swapped latitude/longitude and RD without a CRS, transform to
RD, and repair invalid shapes. What it did is reported per feature, in Dutch.
"""

import gc
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import shapely
import shapely.errors

from workbench.geo.parts import two_d
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
    that must be freed before the end, when the collector is turned back on.

    What is left at the end (the new ideas, their changes and shapes: 65,000 objects for
    10,000 ideas) lives as long as the project: it goes straight to the oldest generation
    (``gc.freeze`` then ``gc.unfreeze``, two list splices) instead of being walked by a
    young and then a middle collection first (8 ms each, more on a busy machine). It is
    still tracked, and full collections look at it as at any long-lived object.

    When the app has already frozen the open project's objects (ui/heap.py), the
    import's leftovers join them and stay frozen: unfreezing would hand the whole
    project back to the collector, and its full collections back to the panels."""
    if threading.current_thread() is not threading.main_thread():
        # the collector is the process's: paused from the import dialog's reading thread
        # it was off for the window too, and the freeze at the end took the window's
        # garbage of those seconds with it
        yield
        return
    was_enabled = gc.isenabled()
    already_frozen = gc.get_freeze_count() > 0
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            if not already_frozen:
                gc.unfreeze()
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
    """The checked features, one list per field (the same length): an import of ten
    thousand features needs no object per feature; :attr:`features` makes them."""

    name: str
    fields: list
    numbers: list = field(default_factory=list)     # 1-based position in the file, for messages
    geometries: list = field(default_factory=list)  # RD, valid
    properties: list = field(default_factory=list)  # dict per feature
    skipped: list = field(default_factory=list)   # Dutch sentences, one per feature
    repaired: list = field(default_factory=list)  # Dutch sentences, one per feature
    warnings: list = field(default_factory=list)  # about the whole file
    total: int = 0                                # features in the file

    def __len__(self) -> int:
        return len(self.numbers)

    @property
    def features(self) -> list:
        """A :class:`Feature` per checked feature (made on each call: ask :meth:`first`
        or ``len()`` for a preview or a count)."""
        return self.first(len(self))

    def first(self, count: int) -> list:
        """A :class:`Feature` for each of the first ``count`` checked features."""
        return [Feature(*values) for values in zip(self.numbers[:count], self.geometries[:count],
                                                   self.properties[:count])]


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
    a file of 100,000 features must not take a Python loop of shapely calls per step,
    and only the features something is said of are visited one by one.
    """
    source = Source(raw.name, raw.fields, warnings=list(raw.warnings), total=len(raw.geometries))
    dropped_parts = dict(raw.repairs)  # index -> unusable parts left out, reported once the feature is kept
    present = _objects(raw.geometries)
    missing = shapely.is_missing(present)
    unplaced = []  # no geometry in the file: ideas without a place (an unreadable one is skipped)
    for index in np.flatnonzero(missing).tolist():
        if index in raw.problems:
            source.skipped.append(_("{label} {reason}; overgeslagen.").format(label=_label(index),
                                                                              reason=raw.problems[index]))
        else:
            unplaced.append(index)
    indices = np.flatnonzero(~missing)
    geometries = present[indices]
    if len(geometries):
        collections = np.flatnonzero(shapely.get_type_id(geometries) == 7)
        if len(collections):  # rare: split them, keeping file order
            indices, geometries = _split_collections(indices.tolist(), list(geometries), collections, source)
        geometries = two_d(geometries)
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
                index = int(indices[position])
                dropped_parts[index] = dropped_parts.get(index, 0) + dropped
        bad = empty | not_finite
        reported_empty = set()
        for position in np.flatnonzero(bad).tolist():
            index = int(indices[position])
            if empty[position]:
                if index not in reported_empty:
                    source.skipped.append(_("{label} heeft een lege geometrie; overgeslagen.")
                                          .format(label=_label(index)))
                    reported_empty.add(index)
            else:
                source.skipped.append(_("{label} heeft coördinaten die geen getal zijn; overgeslagen.")
                                      .format(label=_label(index)))
        if bad.any():
            indices, geometries = indices[~bad], geometries[~bad]
    if not len(geometries):
        if not unplaced:
            source.warnings.append(_("Er staan geen bruikbare objecten in {name}.").format(name=raw.name))
        _fill(source, raw, indices, geometries, unplaced)
        return source

    bounds = shapely.bounds(geometries)
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
        geometries = _swap_xy(geometries)
        source.warnings.append(_("In {name} staan breedte en lengte omgewisseld; ze zijn teruggezet.")
                               .format(name=raw.name))
    if progress:
        progress()
    geometries = _objects(list(_transform(geometries, epsg)))
    indices, geometries = _keep_usable(source, indices, geometries, dropped_parts)
    _fill(source, raw, indices, geometries, unplaced)
    return source


def _fill(source, raw, indices, geometries, unplaced) -> None:
    """``source``'s columns: the usable features and those without a place (geometry
    None), in file order."""
    if unplaced:
        order = np.argsort(np.concatenate([indices, unplaced]), kind="stable")
        indices = np.concatenate([indices, unplaced]).astype(np.int64)[order]
        geometries = np.concatenate([geometries, _objects([None] * len(unplaced))])[order]
    source.numbers = (np.asarray(indices, dtype=np.int64) + 1).tolist()
    source.geometries = list(geometries)
    properties = raw.properties
    source.properties = [properties[index] for index in np.asarray(indices, dtype=np.int64).tolist()]


def _split_collections(indices, parts, collections, source) -> tuple:
    """(indices, geometries) with each geometry collection split into its parts."""
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
        if not pieces:  # reported as empty
            split_indices.append(index)
            split_parts.append(geometry)
    return np.array(split_indices, dtype=np.int64), _objects(split_parts)


def _keep_usable(source, indices, geometries, dropped_parts) -> tuple:
    """(indices, geometries) of the features that lie near the Netherlands and are valid
    or could be repaired; one line in ``source`` for each one skipped or repaired."""
    near = inside_rd(geometries)
    valid = shapely.is_valid(geometries)
    noted = ~near | ~valid
    if dropped_parts:
        noted |= np.isin(indices, list(dropped_parts))
    keep = np.ones(len(geometries), dtype=bool)
    for position in np.flatnonzero(noted).tolist():  # only the features something is said of
        index = int(indices[position])
        label = _label(index)
        if not near[position]:
            source.skipped.append(_("{label} ligt ver buiten Nederland; overgeslagen.").format(label=label))
            keep[position] = False
            continue
        if not valid[position]:
            try:
                fixed = repair(geometries[position])
            except shapely.errors.GEOSException:  # degenerate beyond what make_valid takes
                fixed = None
            if fixed is None or fixed.is_empty:
                source.skipped.append(_("{label} heeft een ongeldige vorm die niet te herstellen is; overgeslagen.")
                                      .format(label=label))
                keep[position] = False
                continue
            source.repaired.append(_("{label} had een ongeldige vorm (bijvoorbeeld een zelfdoorsnijding) en is "
                                     "hersteld.").format(label=label))
            geometries[position] = fixed
        if dropped_parts.pop(index, 0):
            source.repaired.append(_("{label} had onbruikbare delen (bijvoorbeeld een lijn van één punt of een "
                                     "leeg punt); die zijn weggelaten, de rest is geïmporteerd.")
                                   .format(label=label))
    if not keep.all():
        indices, geometries = indices[keep], geometries[keep]
    return indices, geometries
