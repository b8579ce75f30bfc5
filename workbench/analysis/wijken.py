"""Which wijk each intervention lies in, computed from the geometries (shapely).

The wijken come from the project's reference layer of wijken (the bundled CBS wijken
when the project uses them). An intervention that crosses a border belongs mainly to
the wijk that holds the largest share of it (area for polygons, length for lines);
all wijken it touches are listed too.
"""

from dataclasses import dataclass

from shapely import STRtree, make_valid

from workbench.geo.repair import repair


@dataclass(frozen=True)
class Placement:
    main: str          # the wijk with the largest share, "" when outside every wijk
    touched: tuple     # every wijk the intervention touches, main first


def wijken_layer(project):
    """The reference layer that holds wijken, or None.

    Prefers a layer named after wijken; otherwise the first layer with polygons.
    """
    layers = [layer for layer in project.reference_layers() if layer.features]
    for layer in layers:
        if "wijk" in layer.name.casefold():
            return layer
    for layer in layers:
        if all("Polygon" in f.geometry.geom_type for f in layer.features):
            return layer
    return None


def _valid(geometry):
    """A valid version (GEOS cannot intersect a bow tie from a QGIS edit), or None."""
    if geometry is None or geometry.is_empty:
        return None
    return geometry if geometry.is_valid else (repair(geometry) or make_valid(geometry))


def _share(geometry, wijk) -> float:
    if wijk is None:
        return 0.0
    if geometry.geom_type.endswith("Point"):
        return 1.0 if wijk.intersects(geometry) else 0.0
    part = geometry.intersection(wijk)
    return part.area if "Polygon" in geometry.geom_type else part.length


def place_interventions(project, layer=None) -> dict:
    """{intervention uuid: Placement} for every intervention of the project."""
    layer = layer if layer is not None else wijken_layer(project)
    features = [f for f in (layer.features if layer else ()) if f.geometry is not None and not f.geometry.is_empty]
    tree = STRtree([f.geometry for f in features]) if features else None
    result = {}
    for item in project.interventions():
        shares = []
        geometry = _valid(item.geometry)
        if tree is not None and geometry is not None:
            for index in tree.query(geometry, predicate="intersects"):
                feature = features[int(index)]
                shares.append((_share(geometry, _valid(feature.geometry)), feature.label))
        # Largest share first; the name breaks ties so the result never depends on order.
        shares.sort(key=lambda row: (-row[0], row[1]))
        touched = tuple(label for _share_value, label in shares)
        result[item.uuid] = Placement(touched[0] if touched else "", touched)
    return result
