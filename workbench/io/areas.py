"""Reading an area boundary from a file the user chose."""

from shapely.ops import unary_union

from workbench.errors import ValidationError
from workbench.geo.repair import repair
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
    had_polygons = any(g is not None and g.geom_type in POLYGON_TYPES for g in raw.geometries)
    source = finish(raw)
    polygons = [g for g in source.geometries if g is not None and not g.is_empty and g.geom_type in POLYGON_TYPES]
    if not polygons:
        if had_polygons:
            raise ValidationError(_("Het vlak in dit bestand ligt ver buiten Nederland of is onbruikbaar; geef de "
                                    "grens in RD (EPSG:28992) of WGS84."))
        raise ValidationError(_("Er staat geen vlak in dit bestand; het gebied moet een vlak zijn."))
    area = unary_union([repair(p) or p for p in polygons])
    if area.is_empty or area.geom_type not in POLYGON_TYPES:
        raise ValidationError(_("Er staat geen bruikbaar vlak in dit bestand."))
    return area
