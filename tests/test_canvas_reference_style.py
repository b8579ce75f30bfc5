"""Reference layers on the canvas and in ``export png`` in their styles: an OSM
GeoPackage of streets, buildings and water reads as a map with no styling, and a style
changed with SetLayerStyle shows at once."""

from dataclasses import replace

from qtpy.QtGui import QColor

from tests.reference_fixtures import BUILDINGS, POND, STREET, STREET_NAME, import_osm_layers, write_osm_gpkg
from workbench import style as look

W, H = 1400, 1050


def render(project, scene=None):
    from workbench.canvas.export_png import ensure_app, map_frame, render_image
    from workbench.canvas.scene import MapScene

    ensure_app()
    scene = scene or MapScene(project)
    image = render_image(project, W, H, "area", scene)
    return image, map_frame(scene, W, H, "area")[1]


def at(image, transform, x, y) -> QColor:
    from workbench.canvas.geometry import to_scene

    point = transform.map(to_scene(x, y))
    return image.pixelColor(int(point.x()), int(point.y()))


def rgb(hex_colour):
    return look.hex_to_rgb(hex_colour)


def close(colour: QColor, wanted, tolerance=6) -> bool:
    return max(abs(colour.red() - wanted[0]), abs(colour.green() - wanted[1]), abs(colour.blue() - wanted[2])) \
        <= tolerance


def test_an_osm_geopackage_reads_as_a_map_without_styling(project, tmp_path):
    from workbench.canvas.geometry import to_scene

    import_osm_layers(project, write_osm_gpkg(tmp_path / "osm.gpkg"))
    image, transform = render(project)
    building = BUILDINGS[1].centroid
    assert close(at(image, transform, building.x, building.y), rgb(look.BUILDING_FILL))
    assert close(at(image, transform, POND.bounds[2] - 30, POND.bounds[1] + 30), rgb(look.WATER_FILL))
    # the street: a grey line along its whole length inside the area, not the paper around it
    y = STREET.coords[0][1]
    on_line = [at(image, transform, x, y) for x in range(194500, 195000, 50)]
    beside = [at(image, transform, x, y + 25) for x in range(194500, 195000, 50)]
    assert all(c.red() == c.green() == c.blue() or abs(c.red() - c.blue()) < 12 for c in on_line)
    assert sum(c.lightness() for c in on_line) < sum(c.lightness() for c in beside) - 20 * len(on_line)
    # its name, from the 'name' field, near the middle of the line (made at this zoom)
    middle = STREET.interpolate(0.5, normalized=True)
    point = transform.map(to_scene(middle.x, middle.y))
    text = sum(1 for dx in range(-60, 61) for dy in range(-10, 11)
               if close(image.pixelColor(int(point.x()) + dx, int(point.y()) + dy), rgb(look.ROAD_LABEL), 50))
    assert text > 20


def test_the_street_name_label_carries_the_chosen_field(qtbot, project, tmp_path):
    from tests.canvas_helpers import make_view

    import_osm_layers(project, write_osm_gpkg(tmp_path / "osm.gpkg"))
    view = make_view(qtbot, project)
    view.zoom_by(2.0)
    qtbot.waitUntil(lambda: any(label.text == STREET_NAME for label in view.scene().reference_labels))
    label = next(label for label in view.scene().reference_labels if label.text == STREET_NAME)
    assert label.text_color == look.ROAD_LABEL and label.angle == 0  # an east-west street
    # a north-south street is named along it, and thinning knows the name stands upright
    view.zoom_by(2.0)
    qtbot.waitUntil(lambda: any(label.text == "Schaesbergerweg" for label in view.scene().reference_labels))
    side = next(label for label in view.scene().reference_labels if label.text == "Schaesbergerweg")
    assert side.angle == 90 and side.rotation() == -90
    left, top, right, bottom = side.box
    assert bottom - top > 2 * (right - left)


def test_a_changed_style_shows_at_once_categories_included(project, tmp_path):
    from workbench.canvas.scene import MapScene
    from workbench.core.layer_style import style_of
    from workbench.core.layer_style_commands import SetLayerStyle

    import_osm_layers(project, write_osm_gpkg(tmp_path / "osm.gpkg"))
    scene = MapScene(project)  # a live scene: it follows the command through the events
    layer = next(layer for layer in project.reference_layers() if layer.name.startswith("gebouwen"))
    chosen = replace(style_of(layer), category_field="osm_id", categories=(("1", "#d62728"),))
    project.execute(SetLayerStyle(layer.uuid, chosen))
    image, transform = render(project, scene)
    first, second = BUILDINGS[0].centroid, BUILDINGS[1].centroid
    assert close(at(image, transform, second.x, second.y), rgb("#d62728"))
    assert close(at(image, transform, first.x, first.y), rgb(look.BUILDING_FILL))
    project.undo_stack.undo()
    image, transform = render(project, scene)
    assert close(at(image, transform, second.x, second.y), rgb(look.BUILDING_FILL))


def test_wijken_lose_their_paper_fill_over_a_base_map(project):
    from tests.basemap_fixtures import add_test_basemap
    from tests.canvas_helpers import free_points
    from workbench.store.tiles import BaseMapDisplay, basemaps_of

    x, y = free_points(project)[0]
    image, transform = render(project)
    assert close(at(image, transform, x, y), rgb(look.REFERENCE_FILL))
    add_test_basemap(project, levels=(11,), colour_for=lambda z, c, r: (90, 60, 160), margin=300)
    basemaps_of(project).set_display(BaseMapDisplay(active="basemap_test", opacity=1.0, faded=False))
    image, transform = render(project)
    assert close(at(image, transform, x, y), (90, 60, 160), 3)


def test_bgt_name_points_are_names_along_their_street_without_a_dot(qtbot, project):
    from qtpy.QtCore import QRectF
    from shapely.geometry import Point

    from tests.canvas_helpers import free_points, make_view, pos
    from workbench.core.model import ReferenceFeature, ReferenceLayer, new_uuid
    from workbench.core.setup_commands import AddReferenceLayer

    (x, y), (x2, y2) = free_points(project, count=2, radius=150)
    names = tuple(ReferenceFeature(new_uuid(), "", Point(px, py), (
        ("hoek", angle), ("openbareruimtenaam", name), ("openbareruimtetype", "Weg")))
        for px, py, angle, name in ((x, y, "30", "Molenweg"), (x2, y2, "0", "Beersdalweg")))
    project.execute(AddReferenceLayer(ReferenceLayer(new_uuid(), "openbareruimtelabel", "BGT", names)))
    view = make_view(qtbot, project)
    view.zoom_to_rect(QRectF(x - 150, -y - 150, 300, 300), 0)
    qtbot.waitUntil(lambda: any(label.text == "Molenweg" and label.isVisible()
                                for label in view.scene().reference_labels))
    label = next(label for label in view.scene().reference_labels if label.text == "Molenweg")
    assert label.rotation() == -30  # 30 degrees anticlockwise on the map
    assert label.text_color == look.ROAD_LABEL
    # no dot: with the name hidden, the spot shows the paper beneath
    view.set_layer_visible("reference", False)
    at = pos(view, x, y)
    paper = view.viewport().grab().toImage().pixelColor(at.x(), at.y())
    view.set_layer_visible("reference", True)
    view.scene().names_group.setVisible(False)
    at = pos(view, x, y)
    assert view.viewport().grab().toImage().pixelColor(at.x(), at.y()) != QColor("#555555")
    assert view.viewport().grab().toImage().pixelColor(at.x(), at.y()).lightness() >= paper.lightness() - 12


def test_a_mixed_osm_layer_draws_each_feature_in_its_own_colours(project):
    from workbench.core.model import ReferenceFeature, ReferenceLayer, new_uuid
    from workbench.core.setup_commands import AddReferenceLayer

    building, pond = BUILDINGS[2], POND
    features = tuple(ReferenceFeature(new_uuid(), "", geometry, props) for geometry, props in (
        (building, (("building", "yes"),)), (pond, (("natural", "water"),))))
    project.execute(AddReferenceLayer(ReferenceLayer(new_uuid(), "multipolygons", "OSM", features)))
    image, transform = render(project)
    assert close(at(image, transform, building.centroid.x, building.centroid.y), rgb(look.BUILDING_FILL))
    assert close(at(image, transform, pond.bounds[2] - 30, pond.bounds[1] + 30), rgb(look.WATER_FILL))
