"""How a reference layer is drawn: one style model for the screen, the PNG and the PDFs.

A :class:`LayerStyle` is a frozen value kept per reference layer (``ReferenceLayer.style``;
None means "the default", so a layer nobody styled follows better defaults in later
versions). :func:`default_style` recognises what a layer holds from its geometry and its
field names and values, as OSM, BGT and Top10NL exports name them: roads become grey lines
labelled with their street names, buildings a light fill with a thin outline, water blue.
An imported GeoPackage of streets and buildings so reads as a map without any styling.

Widths and label sizes are in points at print scale (1 pt = 0.3528 mm), like
:mod:`workbench.style`; the canvas draws them as cosmetic pixel widths.

Example::

    >>> from shapely.geometry import LineString
    >>> from workbench.core.model import ReferenceFeature, ReferenceLayer
    >>> road = ReferenceFeature("f1", "", LineString([(0, 0), (50, 0)]), (("highway", "residential"), ("name", "Akerstraat")))
    >>> style = style_of(ReferenceLayer("l1", "OSM wegen", features=(road,)))
    >>> style.role, style.label_field, style.fill_color
    ('road', 'name', None)
"""

import json
from dataclasses import asdict, fields, replace

from workbench import style as look
from workbench.core.frozen import frozen_dataclass

ROLES = ("road", "rail", "building", "water", "green", "boundary", "other")
LABEL_FIELDS = ("name", "naam", "straatnaam", "straatnaamnl", "openbareruimtenaam", "name:nl")
SAMPLE = 200  # features looked at to recognise a layer; enough for any real export


@frozen_dataclass
class LayerStyle:
    """The look of one reference layer.

    ``label_field`` None labels each feature with the label chosen at import (the wijk name
    for the bundled wijken); a field name labels it with that property. ``categories``
    maps values of ``category_field`` to colours: the fill of polygons, the line of lines.
    ``paper_fill`` marks a fill that only stands in for a missing base map (the wijken's
    paper tone): it is left out when a base map or underlay is drawn beneath.
    ``feature_roles`` colours each feature by its own fields (building, water, road...),
    for layers that mix them, such as GDAL's OSM ``multipolygons``.
    """

    role: str = "other"
    line_color: str | None = look.REFERENCE_LINE
    line_width: float = look.REFERENCE_LINE_WIDTH   # points
    fill_color: str | None = None
    opacity: float = 1.0
    show_labels: bool = True
    label_field: str | None = None
    label_color: str = look.REFERENCE_LABEL
    label_size: float = look.REFERENCE_LABEL_SIZE   # points
    category_field: str | None = None
    categories: tuple = ()   # ((value, "#rrggbb"), ...)
    paper_fill: bool = False
    feature_roles: bool = False   # each feature coloured by what it is (a mixed OSM layer)

    def over_raster(self) -> "LayerStyle":
        """The style to use over a base map or underlay: without a stand-in paper fill."""
        return replace(self, fill_color=None) if self.paper_fill else self

    def color_for(self, feature) -> tuple:
        """(line colour, fill colour) of one feature, after its category if it has one."""
        if self.category_field and self.categories:
            value = dict(feature.properties).get(self.category_field)
            chosen = dict(self.categories).get(str(value) if value is not None else None)
            if chosen:
                return (self.line_color, chosen) if self.fill_color is not None else (chosen, self.fill_color)
        if self.feature_roles:
            look_of = ROLE_LOOK.get(_feature_role(dict(feature.properties)))
            if look_of is not None:
                polygon_line, polygon_fill, line = look_of
                return (polygon_line, polygon_fill) if "Polygon" in feature.geometry.geom_type else (line, None)
        return self.line_color, self.fill_color

    def label_for(self, feature) -> str:
        """The text this feature is labelled with ('' for none)."""
        if not self.show_labels:
            return ""
        if self.label_field is None:
            return feature.label or ""
        value = dict(feature.properties).get(self.label_field)
        return "" if value is None else str(value).strip()

    def to_json(self) -> str:
        values = asdict(self)
        values["categories"] = [list(pair) for pair in self.categories]
        return json.dumps(values, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text) -> "LayerStyle | None":
        """The style stored as ``text``; None for anything unusable (an edit by another
        tool), so the layer falls back to its default instead of failing to open."""
        try:
            values = json.loads(text)
            known = {f.name for f in fields(cls)}
            values = {k: v for k, v in values.items() if k in known}
            values["categories"] = tuple((str(k), str(v)) for k, v in values.get("categories", ()))
            return validated(cls(**values))
        except (TypeError, ValueError, AttributeError):
            return None


def _colour(value, allow_none=True):
    if value is None and allow_none:
        return None
    text = str(value).strip().lower()
    if len(text) == 7 and text[0] == "#" and all(c in "0123456789abcdef" for c in text[1:]):
        return text
    raise ValueError(f"not a colour: {value!r}")


def validated(layer_style: LayerStyle) -> LayerStyle:
    """The style with colours normalised; ValueError when a value is out of range."""
    numbers = {}
    for name, low, high in (("line_width", 0.0, 20.0), ("opacity", 0.0, 1.0), ("label_size", 3.0, 36.0)):
        number = float(getattr(layer_style, name))
        if not low <= number <= high:  # also refuses NaN
            raise ValueError(f"{name} out of range: {number}")
        numbers[name] = number
    if layer_style.role not in ROLES:
        raise ValueError(f"unknown role {layer_style.role!r}")
    field_name = layer_style.label_field
    category = layer_style.category_field
    return replace(layer_style, **numbers,
                   line_color=_colour(layer_style.line_color), fill_color=_colour(layer_style.fill_color),
                   label_color=_colour(layer_style.label_color, allow_none=False),
                   label_field=None if field_name is None else str(field_name),
                   category_field=str(category) if category else None,
                   show_labels=bool(layer_style.show_labels), paper_fill=bool(layer_style.paper_fill),
                   feature_roles=bool(layer_style.feature_roles),
                   categories=tuple((str(k), _colour(v, allow_none=False)) for k, v in layer_style.categories))


# -- recognising what a layer holds ------------------------------------------------------

ROAD_KEYS = {"highway", "typeweg", "typeinfrastructuur", "hoofdverkeersgebruik", "verhardingstype"}
ROAD_FUNCTIONS = ("rijbaan", "fietspad", "voetpad", "ov-baan", "parkeervlak", "woonerf", "voetgangersgebied",
                  "inrit", "spoorbaan", "overweg", "baan voor vliegverkeer", "ruiterpad")
BUILDING_KEYS = {"building", "typegebouw", "identificatiebagpnd", "identificatie_bag_pnd", "bag_pnd", "bagpandid"}
WATER_KEYS = {"waterway", "typewater", "watertype"}
WATER_TYPES = {"waterloop", "watervlakte", "zee", "greppel, droge sloot", "water"}
GREEN_VALUES = {"grass", "forest", "meadow", "park", "wood", "recreation_ground", "grasland", "bos", "groenvoorziening",
                "loofbos", "naaldbos", "gemengd bos", "grasland overig", "grasland agrarisch", "struiken"}
RAIL_KEYS = {"railway", "typespoorbaan", "spoorbreedte"}
NAME_HINTS = (("building", ("pand", "gebouw", "building", "bag")), ("water", ("water",)),
              ("road", ("weg", "straat", "road", "highway", "street")), ("rail", ("spoor", "rail")),
              ("green", ("groen", "begroeid", "park", "bos", "landuse")),
              ("boundary", ("wijk", "buurt", "gemeente", "grens")))


def _feature_role(properties: dict) -> str | None:
    keys = {k.lower().replace("-", "_") for k in properties}
    lowered = {k.lower().replace("-", "_"): str(v).strip().lower() for k, v in properties.items() if v is not None}
    if keys & BUILDING_KEYS:
        return "building"
    if "openbareruimtetype" in lowered:  # BGT openbareruimtelabel: where a street's name goes
        return "water" if lowered["openbareruimtetype"] == "water" else "road"
    if keys & WATER_KEYS or lowered.get("natural") == "water" or lowered.get("bgt_type") in WATER_TYPES:
        return "water"
    if keys & RAIL_KEYS:
        return "rail"
    function = lowered.get("bgt_functie") or lowered.get("functie") or ""
    if keys & ROAD_KEYS or function.startswith(ROAD_FUNCTIONS):
        return "road"
    if ({lowered.get(k) for k in ("landuse", "leisure", "natural", "bgt_fysiekvoorkomen", "fysiekvoorkomen",
                                  "typelandgebruik")} & GREEN_VALUES):
        return "green"
    return None


def _geometry_kind(layer) -> str:
    counts = {"polygon": 0, "line": 0, "point": 0}
    for feature in layer.features[:SAMPLE]:
        kind = feature.geometry.geom_type
        counts["polygon" if "Polygon" in kind else "line" if "Line" in kind else "point"] += 1
    return max(counts, key=lambda k: (counts[k], k == "polygon"))


# (outline, fill) of a polygon and the colour of a line, per role, for mixed layers
ROLE_LOOK = {
    "road": (look.ROAD_FILL, look.ROAD_FILL, look.ROAD_LINE),
    "rail": (look.RAIL_LINE, None, look.RAIL_LINE),
    "building": (look.BUILDING_LINE, look.BUILDING_FILL, look.BUILDING_LINE),
    "water": (look.WATER_LINE, look.WATER_FILL, look.WATER_LINE),
    "green": (None, look.GREEN_FILL, look.GREEN_FILL),
}


def _votes(layer) -> dict:
    votes = {}
    for feature in layer.features[:SAMPLE]:
        role = _feature_role(dict(feature.properties))
        if role:
            votes[role] = votes.get(role, 0) + 1
    return votes


def _mixed(layer) -> bool:
    """Whether two or more kinds of feature each make up a tenth of the layer."""
    sampled = len(layer.features[:SAMPLE])
    return sum(count >= 0.1 * sampled for count in _votes(layer).values()) >= 2


def recognise(layer) -> str:
    """The role of a layer: what most of its features look like, else what its name says."""
    votes = _votes(layer)
    if votes:
        return max(votes, key=lambda role: (votes[role], -ROLES.index(role)))
    name = layer.name.casefold()
    for role, hints in NAME_HINTS:
        if any(hint in name for hint in hints):
            return role
    return "other"


def _label_field(layer) -> str | None:
    """The first common name field the layer's features fill in; None: the import label."""
    present = {}
    for feature in layer.features[:SAMPLE]:
        for key, value in feature.properties:
            if value not in (None, "") and key.lower() in LABEL_FIELDS:
                present.setdefault(key.lower(), key)
    return next((present[name] for name in LABEL_FIELDS if name in present), None)


def default_style(layer) -> LayerStyle:
    """The style a layer gets when nobody chose one, from its role and geometry."""
    role, kind = recognise(layer), _geometry_kind(layer)
    labels = _label_field(layer)
    if _mixed(layer):
        # an OSM "multipolygons" or "lines" layer: each feature in its own colours
        line_width = 0.3 if kind == "polygon" else {"road": look.ROAD_LINE_WIDTH, "rail": look.RAIL_LINE_WIDTH,
                                                    "water": look.WATER_LINE_WIDTH}.get(role, look.REFERENCE_LINE_WIDTH)
        return LayerStyle(role, look.REFERENCE_LINE, line_width, label_field=labels, label_color=look.ROAD_LABEL,
                          label_size=look.ROAD_LABEL_SIZE, feature_roles=True)
    if kind == "point" and role in ("road", "water") and labels:
        # name points (BGT openbareruimtelabel): the name itself marks the place, no dot
        return LayerStyle(role, None, 0.0, None, label_field=labels, label_size=look.ROAD_LABEL_SIZE,
                          label_color=look.WATER_LABEL if role == "water" else look.ROAD_LABEL)
    if role == "road":
        if kind == "polygon":
            return LayerStyle(role, look.ROAD_FILL, 0.3, look.ROAD_FILL, label_field=labels,
                              label_color=look.ROAD_LABEL, label_size=look.ROAD_LABEL_SIZE)
        return LayerStyle(role, look.ROAD_LINE, look.ROAD_LINE_WIDTH, label_field=labels,
                          label_color=look.ROAD_LABEL, label_size=look.ROAD_LABEL_SIZE)
    if role == "rail":
        return LayerStyle(role, look.RAIL_LINE, look.RAIL_LINE_WIDTH, show_labels=False)
    if role == "building":
        return LayerStyle(role, look.BUILDING_LINE, look.BUILDING_LINE_WIDTH, look.BUILDING_FILL, show_labels=False)
    if role == "water":
        if kind == "polygon":
            return LayerStyle(role, look.WATER_LINE, 0.3, look.WATER_FILL, label_field=labels,
                              label_color=look.WATER_LABEL, label_size=look.ROAD_LABEL_SIZE)
        return LayerStyle(role, look.WATER_LINE, look.WATER_LINE_WIDTH, label_field=labels,
                          label_color=look.WATER_LABEL, label_size=look.ROAD_LABEL_SIZE)
    if role == "green":
        return LayerStyle(role, None, 0.0, look.GREEN_FILL, show_labels=False)
    if kind == "polygon":  # wijken, buurten, plan areas: outlines on paper, named inside
        return LayerStyle("boundary" if role == "boundary" else "other", look.BOUNDARY_LINE,
                          look.BOUNDARY_LINE_WIDTH, look.REFERENCE_FILL, label_field=labels, paper_fill=True)
    return LayerStyle(role, look.REFERENCE_LINE, look.REFERENCE_LINE_WIDTH, label_field=labels)


def style_of(layer) -> LayerStyle:
    """The style to draw ``layer`` with: the one stored for it, else its default."""
    return getattr(layer, "style", None) or default_style(layer)


RANK = {"boundary": 0, "other": 1, "green": 2, "water": 3, "building": 4, "rail": 5, "road": 6}


def draw_order(layer_style: LayerStyle) -> tuple:
    """Fills beneath lines; within each, ground, green, water, buildings, rails, roads."""
    return (0 if layer_style.fill_color is not None else 1, RANK[layer_style.role])


def upright(angle: float) -> float:
    """``angle`` (degrees anticlockwise) turned by half a turn where text would read
    upside down, so names stay readable on screen and on paper alike."""
    angle = (angle + 180) % 360 - 180
    return angle - 180 if angle > 90 else angle + 180 if angle <= -90 else angle


def name_angle(properties) -> float:
    """The angle (degrees anticlockwise) a name point carries in ``hoek`` (BGT) or
    ``rotation``/``angle``, turned so the text stays upright; 0 without one."""
    for key in ("hoek", "rotation", "angle"):
        try:
            angle = float(properties[key])
        except (KeyError, TypeError, ValueError):
            continue
        if angle != angle or abs(angle) == float("inf"):
            return 0.0
        return upright(angle)
    return 0.0
