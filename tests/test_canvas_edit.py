"""Editing tools with real events: vertex drag/insert/delete, refusal of a shape that
crosses itself, move, delete with undo, measure (not stored)."""

from qtpy.QtCore import Qt
from qtpy.QtTest import QTest

from tests.canvas_helpers import click, drag, key, near, pos, view_at_spot
from workbench.canvas.tools import Mode


def _square(qtbot, project):
    """A view on an empty spot with a freshly drawn 100 x 100 m square, selected."""
    view, (x, y) = view_at_spot(qtbot, project)
    view.set_mode(Mode.POLYGON)
    for dx, dy in [(0, 0), (100, 0), (100, 100), (0, 100)]:
        click(view, x + dx, y + dy)
    key(view, Qt.Key_Return)
    uuid = view.selected()[0]
    return view, uuid, list(project.get("intervention", uuid).geometry.exterior.coords)[:-1]


def test_drag_a_vertex_is_one_edit_and_one_undo_step(qtbot, project):
    view, uuid, corners = _square(qtbot, project)
    view.set_mode(Mode.EDIT_VERTICES)
    assert len(view.preview.handles) == 4
    done = len(project.undo_stack._done)
    x, y = corners[2]
    drag(view, [(x, y), (x + 10, y + 10), (x + 20, y + 30), (x + 40, y + 40)])
    geometry = project.get("intervention", uuid).geometry
    assert len(project.undo_stack._done) == done + 1
    moved = list(geometry.exterior.coords)[:-1]
    assert near(moved[2], (x + 40, y + 40), view) and moved[0] == corners[0]
    project.undo_stack.undo()
    assert list(project.get("intervention", uuid).geometry.exterior.coords)[:-1] == corners
    project.undo_stack.redo()
    assert project.get("intervention", uuid).geometry.equals(geometry)


def test_click_on_an_edge_adds_a_vertex_and_delete_removes_it(qtbot, project):
    view, uuid, corners = _square(qtbot, project)
    view.set_mode(Mode.EDIT_VERTICES)
    (x0, y0), (x1, y1) = corners[0], corners[1]
    click(view, (x0 + x1) / 2, (y0 + y1) / 2 + 1)      # on the bottom edge, a pixel or two off
    coords = list(project.get("intervention", uuid).geometry.exterior.coords)[:-1]
    assert len(coords) == 5 and abs(coords[1][1] - y0) < 1e-6
    assert view.tool().active == (0, 0, 1)
    key(view, Qt.Key_Delete)
    coords = list(project.get("intervention", uuid).geometry.exterior.coords)[:-1]
    assert coords == corners
    click(view, *corners[3])                          # choose a vertex, then delete it
    key(view, Qt.Key_Delete)
    assert len(project.get("intervention", uuid).geometry.exterior.coords) == 4
    with qtbot.waitSignal(view.message) as message:  # a triangle keeps its three corners
        click(view, *corners[0])
        key(view, Qt.Key_Delete)
    assert "minstens drie" in message.args[0]
    assert len(project.get("intervention", uuid).geometry.exterior.coords) == 4


def test_vertex_drag_that_would_cross_itself_is_refused(qtbot, project):
    view, uuid, corners = _square(qtbot, project)
    before = project.get("intervention", uuid).geometry
    done = len(project.undo_stack._done)
    view.set_mode(Mode.EDIT_VERTICES)
    x, y = corners[1]
    # dragging the bottom-right corner up through the top edge makes a bow tie
    with qtbot.waitSignal(view.message) as message:
        drag(view, [(x, y), (x - 20, y + 80), (x - 50, y + 150)])
    assert "snijdt" in message.args[0]
    assert project.get("intervention", uuid).geometry.equals(before)
    assert len(project.undo_stack._done) == done


def test_move_drags_the_selection_as_one_command(qtbot, project):
    view, uuid, corners = _square(qtbot, project)
    view.set_mode(Mode.POINT)
    x, y = corners[0]
    click(view, x - 60, y - 60)
    point_uuid = view.selected()[0]
    point_before = project.get("intervention", point_uuid).geometry
    view.select([uuid, point_uuid])
    view.set_mode(Mode.MOVE)
    done = len(project.undo_stack._done)
    drag(view, [(x + 50, y + 50), (x + 60, y + 55), (x + 80, y + 20)])
    assert len(project.undo_stack._done) == done + 1
    moved = list(project.get("intervention", uuid).geometry.exterior.coords)[:-1]
    assert near((moved[0][0] - x, moved[0][1] - y), (30, -30), view)
    point_after = project.get("intervention", point_uuid).geometry
    assert near((point_after.x - point_before.x, point_after.y - point_before.y), (30, -30), view)
    assert view.scene().items_by_uuid[uuid].pos().isNull()   # the preview offset is gone
    project.undo_stack.undo()
    assert list(project.get("intervention", uuid).geometry.exterior.coords)[:-1] == corners


def test_delete_key_deletes_the_selection_with_undo(qtbot, project):
    view, uuid, corners = _square(qtbot, project)
    view.set_mode(Mode.SELECT)
    other = project.intervention_by_number(3).uuid
    view.select([uuid, other])
    key(view, Qt.Key_Delete)
    assert project.get("intervention", uuid) is None and project.get("intervention", other) is None
    assert view.selected() == []
    project.undo_stack.undo()
    assert project.get("intervention", uuid) is not None and project.get("intervention", other) is not None
    assert uuid in view.scene().items_by_uuid


def test_measure_shows_length_and_area_and_stores_nothing(qtbot, project):
    view, (x, y) = view_at_spot(qtbot, project)
    view.set_mode(Mode.MEASURE)
    before = len(project.interventions())
    done = len(project.undo_stack._done)
    for dx, dy in [(0, 0), (100, 0), (100, 100)]:
        click(view, x + dx, y + dy)
    with qtbot.waitSignal(view.message) as message:
        QTest.mouseDClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, pos(view, x + 100, y + 100))
    text = message.args[0]
    assert "Lengte 200 m" in text or "Lengte 199 m" in text or "Lengte 201 m" in text
    assert "Oppervlakte" in text and "m²" in text
    assert len(project.interventions()) == before and len(project.undo_stack._done) == done
    key(view, Qt.Key_Escape)
    assert view.preview.text == ""


def test_move_snaps_the_gripped_vertex_onto_another_idea(qtbot, project):
    view, uuid, corners = _square(qtbot, project)
    x, y = corners[0]
    view.set_mode(Mode.POINT)
    click(view, x - 60, y - 40)                      # a point to snap onto
    target = project.get("intervention", view.selected()[0]).geometry
    view.set_snapping(True)
    view.set_mode(Mode.MOVE)
    off = 4 * view.metres_per_pixel()
    # grab the square by its first corner and drop it 4 px beside the point
    drag(view, [(x, y), (x - 30, y - 20), (target.x + off, target.y - off)])
    moved = list(project.get("intervention", uuid).geometry.exterior.coords)[:-1]
    assert moved[0] == (target.x, target.y)
    view.set_snapping(False)
    project.undo_stack.undo()
    drag(view, [(x, y), (x - 30, y - 20), (target.x + off, target.y - off)])
    moved = list(project.get("intervention", uuid).geometry.exterior.coords)[:-1]
    assert moved[0] != (target.x, target.y) and near(moved[0], (target.x + off, target.y - off), view)


def test_a_shape_with_too_many_vertices_is_not_edited_vertex_by_vertex(qtbot, project):
    import math

    from shapely.geometry import LineString

    from workbench.core.commands import AddIntervention

    view, (x, y) = view_at_spot(qtbot, project)
    wiggle = LineString([(x + i * 0.01, y + math.sin(i / 50)) for i in range(20000)])
    uuid = project.execute(AddIntervention("Meetlijn", wiggle)).uuid
    view.select([uuid])
    with qtbot.waitSignal(view.message) as message:
        view.set_mode(Mode.EDIT_VERTICES)
    assert "te veel hoekpunten" in message.args[0] and view.preview.handles == []
