"""Reading ESRI shapefiles (a .shp with its sidecars, or a .zip holding them) via pyshp.

pyshp is pure Python, small, maintained since 2010, and reads what QGIS and ArcGIS
write; GDAL is not available at run time.
"""

import io
import zipfile
import zlib
from pathlib import Path

from shapely.geometry import shape

from workbench.errors import ValidationError
from workbench.i18n import _
from workbench.io.source import RawSource
from workbench.store.errors import os_sentence


def _sidecars_from_zip(path, layer):
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise ValidationError(_("{name} is geen leesbaar zip-bestand.").format(name=Path(path).name)) from None
    with archive:
        names = [n for n in archive.namelist() if n.lower().endswith(".shp") and not n.startswith("__MACOSX")]
        if not names:
            raise ValidationError(_("In {name} staat geen shapefile (.shp).").format(name=Path(path).name))
        if layer:
            names = [n for n in names if Path(n).stem == layer] or []
            if not names:
                raise ValidationError(_("{name} heeft geen laag '{layer}'.").format(name=Path(path).name, layer=layer))
        elif len(names) > 1:
            raise ValidationError(_("{name} heeft meerdere lagen; kies er een met --layer: {layers}.")
                                  .format(name=Path(path).name, layers=", ".join(Path(n).stem for n in names)))
        stem = names[0][:-4]
        lowered = {n.lower(): n for n in archive.namelist()}
        files = {}
        for ext in ("shp", "shx", "dbf", "prj", "cpg"):
            member = lowered.get(f"{stem}.{ext}".lower())
            try:
                files[ext] = archive.read(member) if member else None
            except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError, OSError):
                # damaged (bad CRC, broken deflate), encrypted or an unknown compression
                raise ValidationError(_("{name} is geen leesbaar zip-bestand.").format(name=Path(path).name)) from None
        return Path(stem).name, files


def _sidecars(path):
    path = Path(path)
    files = {}
    for ext in ("shp", "shx", "dbf", "prj", "cpg"):
        candidates = [path.with_suffix("." + ext), path.with_suffix("." + ext.upper())]
        found = next((c for c in candidates if c.exists()), None)
        try:
            files[ext] = found.read_bytes() if found else None
        except OSError as error:
            raise ValidationError(os_sentence(error, found)) from None  # Dutch, not the OS's English
    return path.stem, files


def _reader(files, encoding):
    import shapefile

    return shapefile.Reader(shp=io.BytesIO(files["shp"]), shx=io.BytesIO(files["shx"]) if files["shx"] else None,
                            dbf=io.BytesIO(files["dbf"]) if files["dbf"] else None, encoding=encoding)


def _records(files, encoding):
    reader = _reader(files, encoding)
    fields = [f[0] for f in reader.fields[1:]] if files["dbf"] else []
    geometries, properties, problems, repairs = [], [], {}, {}
    for index in range(len(reader)):
        shp = reader.shape(index)
        record = reader.record(index) if files["dbf"] else []
        try:
            geometry = shape(shp.__geo_interface__) if shp.shapeType != 0 and shp.points else None
        except Exception:  # pyshp and shapely raise many kinds for damaged shapes
            geometry, dropped = _by_parts(shp)
            if dropped:
                repairs[index] = dropped
        if geometry is None and shp.shapeType != 0:  # a null shape is a feature without a place
            problems[index] = _("heeft geen of een onleesbare geometrie")
        geometries.append(geometry)
        properties.append({name: value for name, value in zip(fields, list(record)) if value not in (None, b"")})
    return fields, geometries, properties, problems, repairs


def _by_parts(shp) -> tuple:
    """(geometry or None, parts left out) of a shape GEOS refuses whole (a part of one
    position, from a stray click)."""
    from workbench.geo.parts import shape_by_parts

    try:
        return shape_by_parts(shp.__geo_interface__)
    except Exception:  # pyshp cannot even describe it
        return None, 0


def read_shapefile(path, layer=None) -> RawSource:
    from workbench.io.readers import epsg_of_definition

    path = Path(path)
    stem, files = _sidecars_from_zip(path, layer) if path.suffix.lower() == ".zip" else _sidecars(path)
    if not files["shp"]:
        raise ValidationError(_("{name}: het .shp-bestand ontbreekt.").format(name=path.name))
    warnings = []
    if not files["dbf"]:
        warnings.append(_("{name}: het .dbf-bestand ontbreekt; er zijn geen eigenschappen.").format(name=path.name))
    encoding = (files["cpg"] or b"utf-8").decode("ascii", "replace").strip() or "utf-8"
    try:
        try:
            fields, geometries, properties, problems, repairs = _records(files, encoding)
        except (UnicodeDecodeError, LookupError):
            # Older Dutch shapefiles are Windows-1252 without saying so.
            fields, geometries, properties, problems, repairs = _records(files, "cp1252")
            warnings.append(_("De tekst in {name} is geen UTF-8; gelezen als Windows-1252.").format(name=path.name))
    except ValidationError:
        raise
    except Exception as error:  # pyshp raises ShapefileException, struct.error, ...
        raise ValidationError(_("{name} is geen leesbare shapefile ({error}).")
                              .format(name=path.name, error=str(error)[:120])) from None
    epsg = None
    if files["prj"]:
        epsg = epsg_of_definition("", 0, files["prj"].decode("latin-1"))
        if epsg is None:
            raise ValidationError(_("Onbekend coördinatenstelsel in {name}.prj; gebruik WGS84 of RD (EPSG:28992).")
                                  .format(name=stem))
    return RawSource(f"{path.name}" if stem == path.stem else f"{path.name} ({stem})", fields, geometries,
                     properties, epsg, problems=problems, warnings=warnings, repairs=repairs)
