"""Reading a file the user chose into a :class:`~workbench.io.source.RawSource`.

The format follows the file name: ``.geojson``/``.json``, ``.gpkg``, ``.shp``/``.zip``
(shapefile), ``.csv``. :func:`read` also checks and transforms (``source.finish``).
"""

from itertools import chain
from pathlib import Path

from workbench.errors import ValidationError
from workbench.geo import crs
from workbench.i18n import _
from workbench.io import geojson
from workbench.io.source import RawSource, finish, paused_gc

FORMATS = {".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg", ".shp": "shp", ".zip": "shp",
           ".csv": "csv"}


def is_importable(path) -> bool:
    """Whether a file (dropped on the map, say) has a format the import reads."""
    return Path(path).suffix.lower() in FORMATS


def file_format(path) -> str:
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ValidationError(_("{name}: dit soort bestand kan niet worden geïmporteerd. Kies GeoJSON, "
                                "GeoPackage, shapefile of CSV.").format(name=path.name))
    if not path.is_file():
        raise ValidationError(_("Het bestand {path} bestaat niet.").format(path=path))
    return kind


def field_names(properties) -> list:
    """Property names in order of first appearance."""
    keys = dict.fromkeys(chain.from_iterable(properties))  # in C: files have ten thousands of rows
    return list(dict.fromkeys(str(key) for key in keys))


def read_geojson(path) -> RawSource:
    path = Path(path)
    data = geojson.load(path)
    epsg = geojson.source_crs(data)
    repairs = {}
    geometries, properties, problems = geojson.features(data, path.name, repairs)
    return RawSource(path.name, field_names(properties), geometries, properties, epsg,
                     crs_assumed=not data.get("crs"), problems=problems, repairs=repairs)


def layers(path) -> list:
    """(name, description) of the layers in a multi-layer file; [] for other files."""
    if file_format(path) != "gpkg":
        return []
    from workbench.store.foreign_gpkg import feature_tables

    return [(t.name, _("{identifier} ({count} objecten)").format(identifier=t.identifier, count=t.count))
            for t in feature_tables(path)]


def epsg_of_definition(organization: str, code: int, definition: str) -> int | None:
    """The EPSG code of a GeoPackage SRS row or a .prj file; None when unknown."""
    if str(organization).upper() == "EPSG" and code > 0:
        return int(code)
    if not definition or definition.strip().lower() in ("undefined", ""):
        return None
    try:
        from pyproj import CRS

        found = CRS.from_wkt(definition).to_epsg(min_confidence=70)
    except Exception:  # pyproj rejects malformed WKT in many ways
        return None
    return int(found) if found else None


def read_gpkg(path, layer=None) -> RawSource:
    from workbench.store import gpkg_blob
    from workbench.store.foreign_gpkg import feature_tables, read_table

    path = Path(path)
    tables = feature_tables(path)
    if not tables:
        raise ValidationError(_("{name} bevat geen lagen met geometrie.").format(name=path.name))
    if layer is None:
        # Our own project files: the interventions are what one wants from them.
        preferred = [t for t in tables if t.name == "interventions"]
        if len(tables) > 1 and not preferred:
            raise ValidationError(_("{name} heeft meerdere lagen; kies er een met --layer: {layers}.")
                                  .format(name=path.name, layers=", ".join(t.name for t in tables)))
        table = (preferred or tables)[0]
    else:
        table = next((t for t in tables if t.name == layer or t.identifier == layer), None)
        if table is None:
            raise ValidationError(_("{name} heeft geen laag '{layer}'. Kies uit: {layers}.")
                                  .format(name=path.name, layer=layer, layers=", ".join(t.name for t in tables)))
    columns, rows = read_table(path, table)
    geometries = gpkg_blob.decode_many([row[-1] for row in rows])
    repairs = _parts_of_unreadable(geometries, [row[-1] for row in rows])
    # a NULL geometry is a feature without a place; a blob that cannot be read is a problem
    problems = {i: _("heeft een onleesbare geometrie") for i, (g, row) in enumerate(zip(geometries, rows))
                if g is None and row[-1] is not None}
    properties = [{c: v for c, v in zip(columns, row[:-1]) if v is not None and not isinstance(v, bytes)}
                  for row in rows]
    epsg = epsg_of_definition(table.organization, table.organization_id, table.definition)
    if table.srs_id == 0:
        epsg = crs.WGS84  # the spec's "undefined geographic" SRS
    return RawSource(f"{path.name} ({table.name})", columns, geometries, properties, epsg, problems=problems,
                     repairs=repairs)


def _parts_of_unreadable(geometries, blobs) -> dict:
    """Blobs GEOS refuses as a whole (a multi-line with a line of one position) are read
    part by part; ``geometries`` gets what could be kept. Returns {index: parts left out}."""
    from workbench.geo.parts import wkb_by_parts
    from workbench.store import gpkg_blob

    repairs = {}
    for index, (geometry, blob) in enumerate(zip(geometries, blobs)):
        if geometry is not None or blob is None:
            continue
        try:
            wkb = bytes(blob)[gpkg_blob.header_length(bytes(blob)):]
        except (gpkg_blob.BlobError, TypeError):
            continue
        kept, dropped = wkb_by_parts(wkb)
        if kept is not None:
            geometries[index] = kept
            repairs[index] = dropped
    return repairs


def read_raw(path, layer=None) -> RawSource:
    kind = file_format(path)
    if kind == "geojson":
        return read_geojson(path)
    if kind == "gpkg":
        return read_gpkg(path, layer)
    if kind == "shp":
        from workbench.io.read_shp import read_shapefile

        return read_shapefile(path, layer)
    from workbench.io.read_csv import read_csv

    return read_csv(path)


def read(path, layer=None, progress=None):
    """The checked features of ``path`` in RD; see :func:`workbench.io.source.finish`."""
    with paused_gc():
        try:
            raw = read_raw(path, layer)
        except MemoryError:
            raise ValidationError(_("{name} is te groot om in het geheugen te lezen.")
                                  .format(name=Path(path).name)) from None
        return finish(raw, progress)
