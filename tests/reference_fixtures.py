"""Reference data as planners get it: a GeoPackage written by GDAL with OSM-style layers
(streets with names, buildings, water) around the Heerlerheide sample, in RD."""

import numpy as np
import pyogrio
import shapely
from shapely.geometry import LineString, Polygon, box

# A street across the area, a building block and a pond, placed on the sample's area
# (194000-196437, 323697-326680) where the handout map shows them.
STREET = LineString([(193400, 324250), (195000, 324250)])
STREET_NAME = "Akerstraat"
SIDE_STREET = LineString([(195200, 324000), (195200, 324900)])
BUILDINGS = [box(194400 + i * 60, 325100, 194440 + i * 60, 325140) for i in range(6)]
POND = Polygon([(195500, 324200), (196000, 324200), (196000, 324600), (195500, 324600)])


def _write(path, layer, geometries, **columns):
    pyogrio.raw.write(str(path), np.array([shapely.to_wkb(g) for g in geometries], dtype=object),
                      [np.array(values, dtype=object) for values in columns.values()], list(columns),
                      driver="GPKG", layer=layer, crs="EPSG:28992", geometry_type="Unknown")


def write_osm_gpkg(path):
    """A GeoPackage with the layers 'wegen', 'gebouwen' and 'water', OSM field names."""
    _write(path, "wegen", [STREET, SIDE_STREET], highway=["secondary", "residential"],
           name=[STREET_NAME, "Schaesbergerweg"])
    _write(path, "gebouwen", BUILDINGS, building=["yes"] * len(BUILDINGS), osm_id=[str(i) for i in range(6)])
    _write(path, "water", [POND], natural=["water"], name=["Vijver"])
    return path


def import_osm_layers(project, path):
    """Import every layer of the OSM GeoPackage as a reference layer, like a planner would."""
    from workbench.io.import_features import import_file

    for layer in ("wegen", "gebouwen", "water"):
        import_file(project, path, as_reference=True, layer=layer)
