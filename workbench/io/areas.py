"""Reading an area boundary from a file the user chose."""

from shapely.ops import unary_union

from workbench.errors import ValidationError
from workbench.i18n import _

POLYGON_TYPES = ("Polygon", "MultiPolygon")


def area_from_geojson(path):
    """The union of the polygons in a GeoJSON file, in RD; repaired if self-intersecting.

    Read as an import reads it (io.source.finish): RD numbers without a ``crs`` member
    are RD (read as degrees they were an area of nothing but infinities, refused as
    "snijdt zichzelf"), swapped latitude/longitude is put back, and a boundary far
    outside the Netherlands (an area in the ocean the ideas can never lie in) is refused.
    """
    from workbench.io.readers import read_geojson
    from workbench.io.source import finish

    raw = read_geojson(path)
    given = sum(1 for g in raw.geometries if g is not None and g.geom_type in POLYGON_TYPES)
    source = finish(raw)  # repairs what it can, as an import does
    polygons = [g for g in source.geometries if g is not None and not g.is_empty and g.geom_type in POLYGON_TYPES]
    if not given:
        raise ValidationError(_("Er staat geen vlak in dit bestand; het gebied moet een vlak zijn."))
    if len(polygons) < given:  # all or nothing: a part left out silently made the area smaller than the file
        raise ValidationError(_("Een vlak in dit bestand ligt ver buiten Nederland of is onbruikbaar; geef de "
                                "grens in RD (EPSG:28992) of WGS84."))
    area = unary_union(polygons)
    if area.is_empty or area.geom_type not in POLYGON_TYPES:
        raise ValidationError(_("Er staat geen bruikbaar vlak in dit bestand."))
    return area
