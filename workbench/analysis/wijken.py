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


# Placements already computed, per wijken layer: the gap view asks again after every edit,
# and placing 10,000 ideas takes half a second while one edit changes one idea. Keyed
# by the idea's UUID and its shape (WKB), so a moved idea is placed again. Before the
# WKB (writing 10,000 of them is most of a refresh once all are placed), the shape object
# itself: the model gives a changed idea a new one, and the memo holds the old.
_MEMO = {"layer": None, "placements": {}, "shapes": {}}
_MEMO_LIMIT = 100_000


def _memo_for(layer, features) -> dict:
    # the wijken themselves may change (renamed or reshaped in QGIS): then all again
    key = (layer.uuid, tuple((f.uuid, f.label, f.geometry.wkb) for f in features)) if layer is not None else None
    if _MEMO["layer"] != key or len(_MEMO["placements"]) > _MEMO_LIMIT:
        _MEMO["layer"], _MEMO["placements"], _MEMO["shapes"] = key, {}, {}
    return _MEMO["placements"]


def place_interventions(project, layer=None) -> dict:
    """{intervention uuid: Placement} for every intervention of the project."""
    layer = layer if layer is not None else wijken_layer(project)
    features = [f for f in (layer.features if layer else ()) if f.geometry is not None and not f.geometry.is_empty]
    memo = _memo_for(layer, features)
    shapes = _MEMO["shapes"]  # uuid -> (the shape object placed, its Placement)
    tree = None
    result = {}
    for item in project.interventions():
        seen = shapes.get(item.uuid)
        if seen is not None and seen[0] is item.geometry:
            result[item.uuid] = seen[1]
            continue
        key = (item.uuid, item.geometry.wkb if item.geometry is not None else None)
        if key in memo:
            result[item.uuid] = memo[key]
            shapes[item.uuid] = (item.geometry, memo[key])
            continue
        if tree is None and features:
            tree = STRtree([f.geometry for f in features])
        shares = []
        geometry = _valid(item.geometry)
        if tree is not None and geometry is not None:
            for index in tree.query(geometry, predicate="intersects"):
                feature = features[int(index)]
                shares.append((_share(geometry, _valid(feature.geometry)), feature.label))
        # Largest share first; the name breaks ties so the result never depends on order.
        shares.sort(key=lambda row: (-row[0], row[1]))
        touched = tuple(label for _share_value, label in shares)
        result[item.uuid] = memo[key] = Placement(touched[0] if touched else "", touched)
        shapes[item.uuid] = (item.geometry, result[item.uuid])
    return result
