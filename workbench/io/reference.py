"""Bundled reference layers (the CBS wijken of Heerlen)."""

import uuid as uuid_mod

from workbench.core.model import ReferenceFeature, ReferenceLayer
from workbench.io import geojson
from workbench.paths import resource

WIJKEN_CREDIT = "Wijkgrenzen: CBS/Kadaster Wijk- en Buurtkaart 2023, CC-BY 4.0"
WIJKEN_NAME = "Wijken Heerlen (CBS 2023)"


def wijken_features() -> list:
    """(name, RD geometry) of the 23 wijken, in file order."""
    return [(props.get("statnaam", ""), geometry)
            for geometry, props in geojson.read_rd(resource("reference", "heerlen_wijken_2023_rd.geojson"))]


def short_wijk_name(name: str) -> str:
    """"Wijk 21 Heerlerheide-Passart" -> "Heerlerheide-Passart"."""
    parts = name.split(" ", 2)
    return parts[2] if len(parts) == 3 and parts[0] == "Wijk" and parts[1].isdigit() else name


def wijken_layer() -> ReferenceLayer:
    layer_uuid = str(uuid_mod.uuid5(uuid_mod.NAMESPACE_URL, "workbench-reference/heerlen-wijken-2023"))
    features = tuple(
        ReferenceFeature(str(uuid_mod.uuid5(uuid_mod.NAMESPACE_URL, f"{layer_uuid}/{name}")),
                         short_wijk_name(name), geometry, (("statnaam", name),))
        for name, geometry in wijken_features())
    return ReferenceLayer(layer_uuid, WIJKEN_NAME, WIJKEN_CREDIT, features)
