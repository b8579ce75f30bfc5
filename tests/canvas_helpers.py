"""Helpers for the canvas tests: a shown MapView and real mouse events at RD points."""

import pytest
from qtpy.QtCore import QPoint, Qt
from qtpy.QtTest import QTest


def make_view(qtbot, project, width=900, height=700):
    from workbench.canvas.view import MapView

    view = MapView(project)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(view.is_painted)
    view.zoom_to_area()
    return view


def pos(view, x, y) -> QPoint:
    """The viewport pixel of RD (x, y)."""
    from workbench.canvas.geometry import to_scene

    return view.mapFromScene(to_scene(x, y))


def click(view, x, y, modifier=Qt.NoModifier, button=Qt.LeftButton):
    QTest.mouseClick(view.viewport(), button, modifier, pos(view, x, y))


def move(view, x, y, buttons=None):
    QTest.mouseMove(view.viewport(), pos(view, x, y))


def drag(view, points, button=Qt.LeftButton, modifier=Qt.NoModifier):
    """Press at the first RD point, move through the others, release at the last."""
    viewport = view.viewport()
    QTest.mousePress(viewport, button, modifier, pos(view, *points[0]))
    for point in points[1:]:
        _move_with_button(view, pos(view, *point), button)
    QTest.mouseRelease(viewport, button, modifier, pos(view, *points[-1]))


def _move_with_button(view, at, button):
    # QTest.mouseMove does not carry the pressed button on all platforms; send the
    # event the way Qt delivers a drag.
    from qtpy.QtCore import QEvent, QPointF
    from qtpy.QtGui import QMouseEvent
    from qtpy.QtWidgets import QApplication

    viewport = view.viewport()
    event = QMouseEvent(QEvent.MouseMove, QPointF(at), QPointF(viewport.mapToGlobal(at)), Qt.NoButton,
                        button, Qt.NoModifier)
    QApplication.sendEvent(viewport, event)


def key(view, key, modifier=Qt.NoModifier):
    QTest.keyClick(view.viewport(), key, modifier)


def empty_spot(project, radius=150.0):
    """An RD point inside the area with no idea within ``radius`` metres."""
    import shapely

    area = project.area.geometry
    taken = shapely.union_all([i.geometry for i in project.interventions()]).buffer(radius)
    free = area.buffer(-radius).difference(taken)
    point = free.representative_point()
    return point.x, point.y


def view_at_spot(qtbot, project, width=800, height=600, span=400.0):
    """A view zoomed on an empty spot (about half a metre per pixel), snapping off."""
    from qtpy.QtCore import QRectF

    view = make_view(qtbot, project, width, height)
    x, y = empty_spot(project)
    view.zoom_to_rect(QRectF(x - span / 2, -y - span / 2, span, span), 0)
    view.set_snapping(False)
    return view, (x, y)


def near(a, b, view, pixels=1.5) -> bool:
    return abs(a[0] - b[0]) <= pixels * view.metres_per_pixel() and abs(a[1] - b[1]) <= pixels * view.metres_per_pixel()


def free_points(project, count=40, radius=60.0):
    """RD points inside the area, away from ideas, wijk lines and names."""
    import shapely

    area = project.area.geometry
    taken = [i.geometry for i in project.interventions()]
    for layer in project.reference_layers():
        taken += [f.geometry.boundary for f in layer.features]
        taken += [f.geometry.representative_point().buffer(200) for f in layer.features]
    free = area.buffer(-radius).difference(shapely.union_all(taken).buffer(radius))
    min_x, min_y, max_x, max_y = free.bounds
    points = []
    for i in range(400):
        x = min_x + (max_x - min_x) * ((i * 0.618034) % 1)
        y = min_y + (max_y - min_y) * ((i * 0.381966) % 1)
        if free.contains(shapely.Point(x, y)):
            points.append((x, y))
        if len(points) == count:
            break
    return points


MANY = 2500  # above the scene's BUILD_ALL_BELOW: zoomed in, only ideas near the view are built


@pytest.fixture(scope="module")
def many_path(tmp_path_factory):
    """A project file of MANY synthetic ideas (bench.projects), made once per module."""
    from bench.projects import make_project

    path = tmp_path_factory.mktemp("many") / "veel.gpkg"
    make_project(path, interventions=MANY).close()
    return path
