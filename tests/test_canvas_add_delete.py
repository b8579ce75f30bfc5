"""Adding or deleting one idea repaints where it is, not the whole map (issue 14: at
10,000 ideas a whole repaint is a stutter on every add, delete and undo), and what the
screen shows afterwards is still right: the added idea at once, the deleted one gone,
undo bringing it back."""

from qtpy.QtCore import QEvent, QObject
from qtpy.QtGui import QColor
from shapely.geometry import Point

from tests.canvas_helpers import make_view, pos


class PaintSpy(QObject):
    """The rectangles the viewport repaints."""

    def __init__(self, view):
        super().__init__()
        self.rects = []
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.region().boundingRect())
        return False

    def largest_share(self, view) -> float:
        whole = view.viewport().rect()
        return max(r.width() * r.height() for r in self.rects) / (whole.width() * whole.height())


def theme_of(project):
    return [t.uuid for t in project.themes() if t.parent_uuid][0]


def spot_in_area(project):
    point = project.area.geometry.representative_point()
    return point.x, point.y


def colour_near(view, x, y, colour) -> bool:
    image = view.viewport().grab().toImage()
    centre = pos(view, x, y)
    pixels = [QColor(image.pixel(centre.x() + dx, centre.y() + dy)) for dx in range(-3, 4) for dy in range(-3, 4)]
    return any(abs(p.red() - colour.red()) + abs(p.green() - colour.green()) + abs(p.blue() - colour.blue()) < 40
               for p in pixels)


def test_adding_deleting_and_undoing_an_idea_repaint_a_small_part_of_the_map(qtbot, project):
    from workbench.core.commands import AddIntervention, DeleteInterventions
    from workbench.core.undo import CommandStack

    stack = CommandStack(project)
    view = make_view(qtbot, project)
    view.zoom_by(4.0)  # close enough that ideas show themselves, not cluster discs
    qtbot.wait(100)
    x, y = view.mapToScene(view.viewport().rect().center()).x(), -view.mapToScene(view.viewport().rect().center()).y()
    steps = [
        lambda: stack.push(AddIntervention("Bankje bij de speeltuin", Point(x + 5, y + 5), [theme_of(project)])),
        stack.undo,  # the idea deleted again
        stack.redo,
    ]
    for step in steps:
        spy = PaintSpy(view)
        step()
        qtbot.waitUntil(lambda: bool(spy.rects))
        qtbot.wait(50)
        assert spy.largest_share(view) < 0.25
        view.viewport().removeEventFilter(spy)
    added = [i for i in project.interventions() if i.title == "Bankje bij de speeltuin"][0]
    spy = PaintSpy(view)
    stack.push(DeleteInterventions([added.uuid]))
    qtbot.waitUntil(lambda: bool(spy.rects))
    qtbot.wait(50)
    assert spy.largest_share(view) < 0.25


def test_an_added_idea_shows_at_once_a_deleted_one_goes_and_undo_brings_it_back(qtbot, project):
    from workbench.core.commands import AddIntervention, DeleteInterventions
    from workbench.core.undo import CommandStack

    stack = CommandStack(project)
    view = make_view(qtbot, project)
    minx, miny, maxx, maxy = project.area.geometry.bounds
    x, y = (minx + maxx) / 2, miny - 800  # south of the area, alone: not in a cluster disc
    view.zoom_to_rect(view.scene().data_rect().adjusted(0, 0, 0, 1600), margin=0)
    qtbot.wait(50)
    uuid = project.execute(AddIntervention("Bankje", Point(x, y), [theme_of(project)])).uuid
    qtbot.wait(50)
    colour = QColor(project.primary_color(project.get("intervention", uuid)))
    assert colour_near(view, x, y, colour)
    stack.push(DeleteInterventions([uuid]))
    qtbot.wait(50)
    assert not colour_near(view, x, y, colour)
    stack.undo()
    qtbot.wait(50)
    assert colour_near(view, x, y, colour)
    view.select([uuid])  # and it is an idea like any other: selectable
    assert view.selected() == [uuid]


def test_deleting_an_idea_of_a_cluster_disc_repaints_the_disc_and_counts_one_less(qtbot, project):
    from workbench.core.commands import AddIntervention, DeleteInterventions
    from workbench.core.undo import CommandStack

    minx, miny, maxx, maxy = project.area.geometry.bounds
    x, y = (minx + maxx) / 2, miny - 1500  # south of the area, where no other idea is
    uuids = [project.execute(AddIntervention(f"Bankje {n}", Point(x + (n % 6) * 10, y + (n // 6) * 10),
                                             [theme_of(project)])).uuid for n in range(30)]
    stack = CommandStack(project)
    view = make_view(qtbot, project)
    view.zoom_to_all()
    qtbot.wait(100)
    scene = view.scene()
    assert any(count == 30 for _x, _y, count in scene.clusters.item.discs)
    spy = PaintSpy(view)
    stack.push(DeleteInterventions([uuids[0]]))
    qtbot.waitUntil(lambda: bool(spy.rects))
    qtbot.wait(50)
    assert any(count == 29 for _x, _y, count in scene.clusters.item.discs)
    assert spy.largest_share(view) < 0.25
    stack.undo()
    qtbot.wait(50)
    assert any(count == 30 for _x, _y, count in scene.clusters.item.discs)
