"""The map view shows every layer of the project, selects with real clicks and tells
the rest of the app what happens through its signals."""

import shapely
from qtpy.QtCore import QPoint, QPointF, Qt
from qtpy.QtTest import QTest

from tests.canvas_helpers import click, drag, make_view, pos


def test_view_mirrors_all_layers_of_the_sample(qtbot, project):
    view = make_view(qtbot, project)
    scene = view.scene()
    assert set(scene.items_by_uuid) == {i.uuid for i in project.interventions()}
    assert scene.area_item is not None
    named = len(project.reference_layers()[0].features)
    assert scene.reference_labels and len(scene.reference_labels) + len(scene.pending_names) == named
    item = scene.items_by_uuid[project.intervention_by_number(2).uuid]
    assert item.color_hex == project.primary_color(project.intervention_by_number(2))
    assert [key for key, _ in view.layers()] == ["underlay", "reference", "area", "interventions", "labels"]


def test_click_selects_and_shift_click_adds(qtbot, project):
    view = make_view(qtbot, project)
    point = project.intervention_by_number(3)       # a point
    polygon = project.intervention_by_number(7)     # a polygon
    with qtbot.waitSignal(view.selectionChanged) as blocker:
        click(view, point.geometry.x, point.geometry.y)
    assert blocker.args == [[point.uuid]]
    inside = polygon.geometry.representative_point()
    click(view, inside.x, inside.y, Qt.ShiftModifier)
    assert view.selected() == [point.uuid, polygon.uuid]
    click(view, inside.x, inside.y, Qt.ControlModifier)   # toggles off again
    assert view.selected() == [point.uuid]
    minx, miny, maxx, maxy = project.area.geometry.bounds
    click(view, minx + 5, maxy - 5)                       # empty map clears
    assert view.selected() == []


def test_rubber_band_selects_what_it_touches(qtbot, project):
    view = make_view(qtbot, project)
    target = project.intervention_by_number(7).geometry
    minx, miny, maxx, maxy = target.bounds
    drag(view, [(minx - 20, maxy + 20), (minx + 10, maxy), (maxx + 20, miny - 20)])
    box = shapely.box(minx - 20, miny - 20, maxx + 20, maxy + 20)
    expected = {i.uuid for i in project.interventions() if i.geometry.intersects(box)}
    assert set(view.selected()) == expected and project.intervention_by_number(7).uuid in expected


def test_cursor_and_scale_signals(qtbot, project):
    view = make_view(qtbot, project)
    x, y = project.area.geometry.centroid.coords[0]
    with qtbot.waitSignal(view.cursorMoved) as moved:
        QTest.mouseMove(view.viewport(), pos(view, x, y))
    assert abs(moved.args[0] - x) < 3 * view.metres_per_pixel() and abs(moved.args[1] - y) < 3 * view.metres_per_pixel()
    before = view.scale_denominator()
    with qtbot.waitSignal(view.scaleChanged) as scaled:
        QTest.keyClick(view.viewport(), Qt.Key_Plus)
    assert scaled.args[0] < before
    assert abs(scaled.args[0] - view.scale_denominator()) < 1e-6


def test_wheel_zoom_keeps_the_point_under_the_cursor(qtbot, project):
    from qtpy.QtGui import QWheelEvent
    from qtpy.QtWidgets import QApplication

    view = make_view(qtbot, project)
    at = QPoint(200, 150)
    before = view.world_at(QPointF(at))
    scale = view.scale_denominator()
    event = QWheelEvent(QPointF(at), QPointF(view.viewport().mapToGlobal(at)), QPoint(0, 0), QPoint(0, 240),
                        Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)
    after = view.world_at(QPointF(at))
    assert view.scale_denominator() < scale * 0.8
    assert abs(after[0] - before[0]) <= 2 * view.metres_per_pixel()
    assert abs(after[1] - before[1]) <= 2 * view.metres_per_pixel()


def test_middle_drag_and_space_drag_pan(qtbot, project):
    view = make_view(qtbot, project)
    centre = view.viewport().rect().center()
    start = view.world_at(QPointF(centre))
    x, y = start
    drag(view, [(x, y), (x + 100, y)], button=Qt.MiddleButton)
    moved = view.world_at(QPointF(centre))
    assert abs((start[0] - moved[0]) - 100) < 3 * view.metres_per_pixel()
    QTest.keyPress(view.viewport(), Qt.Key_Space)
    x, y = view.world_at(QPointF(centre))
    drag(view, [(x, y), (x, y + 50)])
    QTest.keyRelease(view.viewport(), Qt.Key_Space)
    after = view.world_at(QPointF(centre))
    assert abs((y - after[1]) - 50) < 3 * view.metres_per_pixel()
    assert view.selected() == []  # the space-drag panned, it did not rubber-band


def test_zoom_to_selection_area_and_all(qtbot, project):
    view = make_view(qtbot, project)
    view.zoom_to_area()
    area_scale = view.scale_denominator()
    view.zoom_to_all()
    assert view.scale_denominator() > area_scale        # the wijken reach further
    point = project.intervention_by_number(3)
    view.select([point.uuid])
    view.zoom_to_selection()
    assert view.scale_denominator() < area_scale
    centre = view.world_at(QPointF(view.viewport().rect().center()))
    assert point.geometry.distance(shapely.Point(centre)) < 10 * view.metres_per_pixel()


def test_model_changes_show_up_without_touching_the_view(qtbot, project):
    from workbench.core.commands import DeleteInterventions, EditIntervention

    view = make_view(qtbot, project)
    item = project.intervention_by_number(2)
    view.select([item.uuid])
    with qtbot.waitSignal(view.selectionChanged) as blocker:
        project.execute(DeleteInterventions([item.uuid]))
    assert blocker.args == [[]]
    assert item.uuid not in view.scene().items_by_uuid
    project.undo_stack.undo()
    assert item.uuid in view.scene().items_by_uuid
    other = project.themes()[0]
    project.execute(EditIntervention(item.uuid, primary_theme_uuid=other.uuid, theme_uuids=[other.uuid]))
    assert view.scene().items_by_uuid[item.uuid].color_hex == other.color


def test_session_filter_and_layers(qtbot, project):
    from workbench.core.commands import AddIntervention
    from workbench.core.setup_commands import AddSession

    view = make_view(qtbot, project)
    session = project.execute(AddSession(title="Tweede avond")).uuid
    project.set_current_session(session)
    x, y = project.area.geometry.centroid.coords[0]
    new = project.execute(AddIntervention("Nieuw", shapely.Point(x, y))).uuid
    view.set_session_filter(session)
    visible = [u for u, item in view.scene().items_by_uuid.items() if item.isVisible()]
    assert visible == [new]
    view.set_session_filter(None)
    assert all(item.isVisible() for item in view.scene().items_by_uuid.values())
    names = view.scene().reference_labels
    assert any(label.isVisible() for label in names)
    view.set_layer_visible("reference", False)
    assert not view.layer_visible("reference")
    assert not any(label.isVisible() for label in names)   # the wijk names go with their layer
    view.set_layer_opacity("interventions", 0.4)
    assert abs(view.layer_opacity("interventions") - 0.4) < 1e-6


def test_labels_thin_out_when_zoomed_out(qtbot, project):
    view = make_view(qtbot, project)
    labels = list(view.scene().labels_by_uuid.values())
    for _ in range(8):
        QTest.keyClick(view.viewport(), Qt.Key_Minus)
    qtbot.waitUntil(lambda: sum(label.isVisible() for label in labels) < len(labels))
    view.zoom_to_area()
    for _ in range(6):
        QTest.keyClick(view.viewport(), Qt.Key_Plus)
    view.zoom_to_area()
    qtbot.waitUntil(lambda: sum(label.isVisible() for label in labels) >= len(labels) - 2)


def test_pinch_zooms_around_the_fingers(qtbot, project):
    from qtpy.QtGui import QNativeGestureEvent, QPointingDevice
    from qtpy.QtWidgets import QApplication

    view = make_view(qtbot, project)
    at = QPointF(300, 200)
    before = view.world_at(at)
    scale = view.scale_denominator()
    event = QNativeGestureEvent(Qt.ZoomNativeGesture, QPointingDevice.primaryPointingDevice(), 2, at, at,
                                QPointF(view.viewport().mapToGlobal(at.toPoint())), 0.5, QPointF(0, 0))
    QApplication.sendEvent(view.viewport(), event)
    assert abs(view.scale_denominator() - scale / 1.5) < scale * 0.01
    after = view.world_at(at)
    assert abs(after[0] - before[0]) <= 2 * view.metres_per_pixel()


def test_hover_highlights_the_idea_under_the_cursor(qtbot, project):
    view = make_view(qtbot, project)
    line = project.intervention_by_number(12)              # a long line
    middle = line.geometry.interpolate(0.5, normalized=True)
    item = view.scene().items_by_uuid[line.uuid]
    QTest.mouseMove(view.viewport(), pos(view, middle.x, middle.y))
    assert item.hovered and halos(item)             # a halo behind the line
    minx, miny, maxx, maxy = project.area.geometry.bounds
    QTest.mouseMove(view.viewport(), pos(view, minx + 3, maxy - 3))
    assert not item.hovered and not halos(item)  # the casing stays


def test_without_a_project_every_tool_is_harmless(qtbot):
    from workbench.canvas.tools import Mode
    from workbench.canvas.view import MapView

    view = MapView(None)
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    for mode in Mode:
        view.set_mode(mode)
        for point in (QPoint(50, 50), QPoint(120, 80), QPoint(50, 50)):
            QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, point)
        QTest.mouseDClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, QPoint(50, 50))
        QTest.keyClick(view.viewport(), Qt.Key_Return)
        QTest.keyClick(view.viewport(), Qt.Key_Delete)
        QTest.keyClick(view.viewport(), Qt.Key_Escape)
    assert view.selected() == []


def test_hidden_ideas_cannot_be_picked(qtbot, project):
    view = make_view(qtbot, project)
    point = project.intervention_by_number(3).geometry
    click(view, point.x, point.y)
    assert view.selected() == [project.intervention_by_number(3).uuid]
    view.set_layer_visible("interventions", False)
    click(view, point.x, point.y)
    assert view.selected() == []
    view.set_layer_visible("interventions", True)
    click(view, point.x, point.y)
    assert view.selected() == [project.intervention_by_number(3).uuid]


def test_a_closed_view_does_not_break_the_project(qtbot, project):
    from workbench.core.commands import AddIntervention

    from shiboken6 import isValid

    from workbench.canvas.view import MapView

    view = MapView(project)   # not handed to qtbot: it is deleted here, on purpose
    view.show()
    qtbot.waitExposed(view)
    view.close()
    view.deleteLater()
    qtbot.waitUntil(lambda: not isValid(view))
    x, y = project.area.geometry.centroid.coords[0]
    project.execute(AddIntervention("Na het sluiten", shapely.Point(x, y)))
    assert project.intervention_by_number(23).title == "Na het sluiten"


def test_small_features_get_their_name_only_when_zoomed_in(qtbot, project):
    from qtpy.QtCore import QRectF

    from workbench.core.model import ReferenceFeature, ReferenceLayer, new_uuid
    from workbench.core.setup_commands import AddReferenceLayer

    x, y = project.area.geometry.centroid.coords[0]
    squares = tuple(ReferenceFeature(new_uuid(), f"Blok {n}", shapely.box(x + n * 30, y, x + n * 30 + 20, y + 20))
                    for n in range(20))
    project.execute(AddReferenceLayer(ReferenceLayer(new_uuid(), "Blokken", "", squares)))
    view = make_view(qtbot, project)
    qtbot.wait(10)
    made = {label.text for label in view.scene().reference_labels}
    assert not any(name.startswith("Blok") for name in made)      # too small at the area zoom
    view.zoom_to_rect(QRectF(x - 10, -(y + 30), 60, 40), 0)
    qtbot.waitUntil(lambda: any(label.text == "Blok 0" and label.isVisible()
                                for label in view.scene().reference_labels))


def halos(item):
    return [child for child in item.childItems() if child.data(0) == "halo" and child.isVisible()]
