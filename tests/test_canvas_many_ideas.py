"""A map of thousands of ideas (issue 14): an idea's items are made when the map first
shows it (not folded into a cluster disc, in or near the view), as QGIS draws the
features in view. What a user sees and does must not depend on it: every idea is
counted in its disc, an idea far out is drawn and picked by a click once zoomed in,
panning shows the ideas there, and a selection built from the list shows the idea."""

import pytest
from qtpy.QtGui import QColor

from tests.canvas_helpers import MANY, click, make_view, many_path, pos  # noqa: F401 (many_path: a fixture)
from workbench.store import open_project


@pytest.fixture
def many(many_path, tmp_path):
    import shutil

    copy = tmp_path / "veel.gpkg"
    shutil.copy(many_path, copy)
    project = open_project(copy)
    yield project
    project.close()


def test_zoomed_out_every_idea_is_in_a_disc_or_drawn_and_few_items_exist(qtbot, many):
    view = make_view(qtbot, many)
    view.zoom_to_all()
    qtbot.wait(50)
    scene = view.scene()
    in_discs = sum(count for _x, _y, count in scene.clusters.item.discs)
    drawn = [idea for idea in scene.ideas.values() if not idea.clustered]
    assert in_discs + len(drawn) == MANY
    assert all(idea.item is not None and idea.item.isVisible() for idea in drawn)
    assert len(scene.built_items()) < MANY / 10  # the rest are folded into discs


def far_out(project, kind):
    """The idea of ``kind`` (0 point, 2 polygon) furthest east."""
    import shapely

    ideas = [i for i in project.interventions() if int(shapely.get_dimensions(i.geometry)) == kind]
    return max(ideas, key=lambda i: i.geometry.bounds[2])


def test_an_idea_far_out_is_drawn_and_picked_by_a_click_once_zoomed_in(qtbot, many):
    view = make_view(qtbot, many)
    view.zoom_to_all()
    qtbot.wait(50)
    target = far_out(many, 2)
    assert many.get("intervention", target.uuid) is not None
    minx, miny, maxx, maxy = target.geometry.bounds
    from qtpy.QtCore import QRectF

    from workbench.canvas.geometry import to_scene

    view.zoom_to_rect(QRectF(to_scene(minx - 150, maxy + 150), to_scene(maxx + 150, miny - 150)), margin=0)
    qtbot.wait(50)
    inside = target.geometry.representative_point()
    image = view.viewport().grab().toImage()
    colour = QColor(many.primary_color(target))
    pixel = QColor(image.pixel(pos(view, inside.x, inside.y)))
    # a translucent fill in the idea's colour, over the light map
    turn = abs(pixel.hue() - colour.hue()) % 360
    assert min(turn, 360 - turn) < 30 and pixel.saturation() > 40
    click(view, inside.x, inside.y)
    assert view.selected() == [target.uuid]
    # its number shows once the labels are placed
    qtbot.waitUntil(lambda: view.scene().labels_by_uuid[target.uuid].isVisible())


def test_panning_to_ideas_elsewhere_draws_them(qtbot, many):
    view = make_view(qtbot, many)
    west = min((i for i in many.interventions()), key=lambda i: i.geometry.bounds[0])
    east = far_out(many, 0)
    view.zoom_to_all()
    view.zoom_by(8.0, view.mapFromScene(west.geometry.bounds[0], -west.geometry.bounds[1]))
    qtbot.wait(50)
    from workbench.canvas.geometry import to_scene

    view.centerOn(to_scene(east.geometry.x, east.geometry.y))  # a pan
    qtbot.wait(100)
    idea = view.scene().ideas[east.uuid]
    assert not idea.clustered
    assert idea.item is not None and idea.item.isVisible() and idea.item.opacity() == 1.0
    click(view, east.geometry.x, east.geometry.y)
    assert view.selected() == [east.uuid]


def test_selecting_an_idea_in_a_disc_shows_it(qtbot, many):
    view = make_view(qtbot, many)
    view.zoom_to_all()
    qtbot.wait(50)
    scene = view.scene()
    folded = next(idea for idea in scene.ideas.values() if idea.clustered)
    assert folded.item is None
    view.select([folded.intervention.uuid])
    assert view.selected() == [folded.intervention.uuid]
    item = scene.items_by_uuid[folded.intervention.uuid]
    assert item.isVisible() and item.opacity() == 1.0  # drawn above its disc


def test_a_theme_recoloured_while_its_ideas_are_in_discs_shows_the_new_colour(qtbot, many):
    from workbench.core.theme_commands import EditTheme

    view = make_view(qtbot, many)
    view.zoom_to_all()
    qtbot.wait(50)
    scene = view.scene()
    folded = next(idea for idea in scene.ideas.values() if idea.clustered and idea.intervention.primary_theme_uuid)
    many.execute(EditTheme(folded.intervention.primary_theme_uuid, color="#123456"))
    view.select([folded.intervention.uuid])
    item = scene.items_by_uuid[folded.intervention.uuid]
    assert item.color_hex == "#123456"
    label = scene.labels_by_uuid[folded.intervention.uuid]
    assert label.fill == "#123456"


def test_hiding_the_ideas_or_another_layer_builds_no_items_and_keeps_the_discs(qtbot, many):
    """Hidden, the ideas are in no disc; building every idea not in a disc then made all
    2,500 items (1.4 s at 10,000), kept for the rest of the session. Hiding the base map
    or the wijken gathered the discs and thinned every label again for nothing."""
    view = make_view(qtbot, many)
    view.zoom_to_all()
    qtbot.wait(50)
    scene = view.scene()
    built = len(scene.built_items())
    discs = list(scene.clusters.item.discs)
    view.set_layer_visible("interventions", False)
    view.viewport().repaint()
    qtbot.wait(20)
    assert len(scene.built_items()) == built
    view.set_layer_visible("interventions", True)
    view.viewport().repaint()
    qtbot.wait(20)
    assert len(scene.built_items()) < MANY / 10 and scene.clusters.item.discs == discs
    view.set_layer_visible("reference", False)
    assert not scene.clusters.dirty  # nothing about the ideas changed
    view.set_layer_visible("reference", True)
