"""Reference-layer styles: defaults recognised from OSM, BGT and Top10NL exports, stored
per layer in the project file, changed by one undoable command."""

import sqlite3
from dataclasses import replace

import pytest
from shapely.geometry import LineString, Point, box

from tests.reference_fixtures import STREET_NAME, import_osm_layers, write_osm_gpkg
from workbench import style as look
from workbench.core.layer_style import LayerStyle, default_style, style_of
from workbench.core.layer_style_commands import SetLayerStyle
from workbench.core.model import ReferenceFeature, ReferenceLayer
from workbench.errors import ValidationError
from workbench.store import open_project


def layer(name, *features):
    return ReferenceLayer("l-" + name, name, "", tuple(
        ReferenceFeature(f"f{i}", "", geometry, tuple(sorted(props.items()))) for i, (geometry, props) in
        enumerate(features)))


LINE, SQUARE = LineString([(0, 0), (100, 0)]), box(0, 0, 10, 10)


@pytest.mark.parametrize("source, features, role, label_field", [
    ("OSM wegen", [(LINE, {"highway": "residential", "name": "Akerstraat"})], "road", "name"),
    ("Top10NL wegdeel", [(LINE, {"typeweg": "lokale weg", "straatnaamnl": "Ganzeweide"})], "road", "straatnaamnl"),
    ("BGT wegdeel", [(SQUARE, {"bgt-functie": "rijbaan lokale weg", "openbareruimtenaam": "Molenweg"})], "road",
     "openbareruimtenaam"),
    ("OSM gebouwen", [(SQUARE, {"building": "yes"})], "building", None),
    ("BGT pand", [(SQUARE, {"identificatieBAGPND": "0917100000012345"})], "building", None),
    ("Top10NL gebouw", [(SQUARE, {"typegebouw": "huizenblok"})], "building", None),
    ("OSM waterwegen", [(LINE, {"waterway": "stream", "name": "Caumerbeek"})], "water", "name"),
    ("OSM meren", [(SQUARE, {"natural": "water"})], "water", None),
    ("BGT waterdeel", [(SQUARE, {"bgt-type": "watervlakte"})], "water", None),
    ("Top10NL waterdeel", [(SQUARE, {"typewater": "meer, plas", "naam": "De Vijver"})], "water", "naam"),
    ("laag", [(SQUARE, {"statnaam": "Wijk 21"})], "other", None),
])
def test_defaults_recognise_common_exports(source, features, role, label_field):
    chosen = default_style(layer(source, *features))
    assert (chosen.role, chosen.label_field) == (role, label_field)


def test_roads_are_grey_lines_buildings_light_and_water_blue():
    road = default_style(layer("r", (LINE, {"highway": "primary"})))
    assert road.fill_color is None and road.line_color == look.ROAD_LINE and road.line_width >= 1
    building = default_style(layer("b", (SQUARE, {"building": "yes"})))
    assert building.fill_color == look.BUILDING_FILL and building.line_width < 0.5
    assert all(channel > 200 for channel in look.hex_to_rgb(building.fill_color))  # light
    water = default_style(layer("w", (SQUARE, {"natural": "water"})))
    red, green, blue = look.hex_to_rgb(water.fill_color)
    assert blue > red + 40 and blue > green


def test_a_layer_named_like_its_content_is_recognised_without_fields():
    assert default_style(layer("Panden Heerlen", (SQUARE, {}))).role == "building"
    assert default_style(layer("Waterlopen", (LINE, {}))).role == "water"


def test_the_wijken_keep_their_paper_look_and_lose_the_fill_over_a_base_map(project):
    wijken = project.reference_layers()[0]
    chosen = style_of(wijken)
    assert chosen.fill_color == look.REFERENCE_FILL and chosen.paper_fill
    assert chosen.over_raster().fill_color is None
    assert chosen.label_for(wijken.features[0]) == wijken.features[0].label


def test_categories_colour_by_a_field():
    chosen = LayerStyle(fill_color="#eeeeee", category_field="kind", categories=(("school", "#ff0000"),))
    school = ReferenceFeature("a", "", SQUARE, (("kind", "school"),))
    other = ReferenceFeature("b", "", SQUARE, (("kind", "winkel"),))
    assert chosen.color_for(school)[1] == "#ff0000" and chosen.color_for(other)[1] == "#eeeeee"


def test_imported_osm_geopackage_gets_a_map_style_without_styling(project, tmp_path):
    import_osm_layers(project, write_osm_gpkg(tmp_path / "osm.gpkg"))
    roles = {ref.name: style_of(ref) for ref in project.reference_layers()}
    assert roles["wegen"].role == "road" and roles["gebouwen"].role == "building" and roles["water"].role == "water"
    roads = next(ref for ref in project.reference_layers() if ref.name == "wegen")
    assert STREET_NAME in {roles["wegen"].label_for(f) for f in roads.features}


def test_a_style_is_kept_in_the_file_and_undone_in_one_step(project):
    wijken = project.reference_layers()[0]
    chosen = replace(style_of(wijken), line_color="#FF0000", line_width=2.0)
    project.execute(SetLayerStyle(wijken.uuid, chosen))
    path = project.path
    project.close()
    again = open_project(path)
    try:
        stored = again.reference_layers()[0].style
        assert stored.line_color == "#ff0000" and stored.line_width == 2.0
    finally:
        again.close()


def test_undo_returns_to_the_default(project):
    wijken = project.reference_layers()[0]
    project.execute(SetLayerStyle(wijken.uuid, LayerStyle(line_color="#00ff00")))
    assert style_of(project.reference_layers()[0]).line_color == "#00ff00"
    project.undo_stack.undo()
    assert project.reference_layers()[0].style is None
    assert style_of(project.reference_layers()[0]) == default_style(wijken)


@pytest.mark.parametrize("bad", [
    LayerStyle(line_color="rood"), LayerStyle(line_width=-1), LayerStyle(opacity=2),
    LayerStyle(label_size=float("nan")), LayerStyle(categories=(("a", "blauw"),)), "#ff0000",
])
def test_an_invalid_style_is_refused_in_dutch_and_changes_nothing(project, bad):
    wijken = project.reference_layers()[0]
    with pytest.raises(ValidationError, match="opmaak is ongeldig"):
        project.execute(SetLayerStyle(wijken.uuid, bad))
    assert project.reference_layers()[0].style is None


def test_a_style_mangled_by_another_tool_falls_back_to_the_default(project):
    path = project.path
    project.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE reference_layers SET style = '{\"line_width\": \"dik\"'")
    conn.commit()
    conn.close()
    again = open_project(path)
    try:
        assert again.reference_layers()[0].style is None
        assert any("opmaak" in warning for warning in again.warnings)
    finally:
        again.close()


def test_a_mixed_osm_layer_colours_each_feature_by_what_it_is():
    features = [(SQUARE, {"building": "yes"})] * 5 + [(SQUARE, {"natural": "water", "name": "Vijver"})] * 3 + [
        (LINE, {"highway": "residential"}), (SQUARE, {"amenity": "school"})]
    mixed = layer("multipolygons", *features)
    chosen = default_style(mixed)
    assert chosen.feature_roles and chosen.role == "building"
    colours = [chosen.color_for(f) for f in mixed.features]
    assert colours[0] == (look.BUILDING_LINE, look.BUILDING_FILL)
    assert colours[5] == (look.WATER_LINE, look.WATER_FILL)
    assert colours[8] == (look.ROAD_LINE, None)                       # a line: the road's grey
    assert colours[9] == (chosen.line_color, chosen.fill_color)      # unknown: the layer's outline
    assert LayerStyle.from_json(chosen.to_json()) == chosen


def test_bgt_name_points_are_names_without_dots():
    names = default_style(layer("BGT openbareruimtelabel", (Point(0, 0), {
        "openbareruimtetype": "Weg", "openbareruimtenaam": "Akerstraat", "hoek": "12.5"})))
    assert (names.role, names.label_field, names.line_color, names.fill_color) == (
        "road", "openbareruimtenaam", None, None)


def test_points_lines_and_mixed_layers_get_a_style():
    assert default_style(layer("punten", (Point(0, 0), {"name": "Kerk"}))).label_field == "name"
    assert default_style(ReferenceLayer("x", "leeg")).role == "other"
