"""Reading an area boundary from a file the user chose."""

from shapely.ops import unary_union

from workbench.errors import ValidationError
from workbench.geo.repair import repair
from workbench.i18n import _
from workbench.io import geojson


def area_from_geojson(path):
    """The union of the polygons in a GeoJSON file, in RD; repaired if self-intersecting."""
    polygons = [g for g, _props in geojson.read_rd(path)
                if g is not None and not g.is_empty and g.geom_type in ("Polygon", "MultiPolygon")]
    if not polygons:
        raise ValidationError(_("Er staat geen vlak in dit bestand; het gebied moet een vlak zijn."))
    area = unary_union([repair(p) or p for p in polygons])
    if area.is_empty or area.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValidationError(_("Er staat geen bruikbaar vlak in dit bestand."))
    return area
