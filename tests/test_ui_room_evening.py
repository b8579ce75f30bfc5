"""The evening in the room, scripted at 1366x768 with real clicks and keys (issue 11):
ten ideas of every kind, ten vote counts typed from the stickers, a handout exported;
the stored data is asserted exactly, and the actions it took are counted and printed.

What counts as one action: a click (on the map or a widget), a drag, a key, or typing a
text or number together with the Enter or Tab that ends it. The vertices a line or
polygon needs are counted apart ("vertex clicks"): they are the shape, not the overhead.
docs/room.md has the numbers.
"""

from qtpy.QtCore import Qt
from qtpy.QtTest import QTest
from qtpy.QtWidgets import QApplication, QDialogButtonBox
from shapely.geometry import Point

from tests.canvas_helpers import drag, pos
from tests.helpers import reopened_snapshot, snapshot
from tests.test_ui_evening import run_wizard
from tests.ui_fixtures import dialogs, ui_settings, window  # noqa: F401 (fixtures)
from workbench.canvas.tools import Mode

THEME_KEYS = {0: Qt.Key.Key_1, 1: Qt.Key.Key_2, 2: Qt.Key.Key_3, 3: Qt.Key.Key_4, 4: Qt.Key.Key_5,
              5: Qt.Key.Key_6, 6: Qt.Key.Key_7, 7: Qt.Key.Key_8, 8: Qt.Key.Key_9, 9: Qt.Key.Key_0}
TOOL_KEYS = {Mode.POINT: Qt.Key.Key_P, Mode.LINE: Qt.Key.Key_L, Mode.POLYGON: Qt.Key.Key_G,
             Mode.FREEHAND: Qt.Key.Key_F}


class Counter:
    """Does what a facilitator does and counts it."""

    def __init__(self, qtbot, window):
        self.qtbot, self.window, self.view = qtbot, window, window.map_view
        self.actions = 0
        self.vertices = 0

    def key(self, widget, key, modifiers=Qt.KeyboardModifier.NoModifier):
        QTest.keyClick(widget, key, modifiers)
        self.actions += 1

    def click(self, widget, position=None):
        if position is None:
            position = widget.rect().center()
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=position)
        self.actions += 1

    def click_map(self, x, y, vertex=False):
        QTest.mouseClick(self.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         pos(self.view, x, y))
        if vertex:
            self.vertices += 1
        else:
            self.actions += 1

    def drag_map(self, points):
        drag(self.view, points)
        self.actions += 1

    def type(self, widget, text, end=Qt.Key.Key_Return):
        self.qtbot.keyClicks(widget, text)
        QTest.keyClick(widget, end)
        self.actions += 1


def spots(project, count):
    """``count`` RD points inside the area, far enough apart for a 120 m shape each."""
    area = project.area.geometry
    minx, miny, maxx, maxy = area.bounds
    inside = area.buffer(-80)
    found = []
    steps = 6
    for i in range(steps):
        for j in range(steps):
            x = minx + (i + 0.5) / steps * (maxx - minx)
            y = miny + (j + 0.5) / steps * (maxy - miny)
            if inside.contains(Point(x, y)) and inside.contains(Point(x + 120, y + 90)):
                found.append((x, y))
    assert len(found) >= count, "the area has room for the evening"
    return found[:count]


def capture(counter, theme_index, mode, points, title, last_mode):
    """Theme key, the tool (only when another kind than the last), the shape, the title."""
    window, view, bar = counter.window, counter.view, counter.window.quick_capture
    view.setFocus()
    counter.key(view, THEME_KEYS[theme_index])  # arms the drawing tool used last
    if mode != last_mode:
        counter.key(view, TOOL_KEYS[mode])
    assert view.mode() == mode
    with counter.qtbot.waitSignal(view.interventionCreated) as created:
        if mode == Mode.POINT:
            counter.click_map(*points[0])
        elif mode == Mode.FREEHAND:
            counter.drag_map(points)
        else:
            for x, y in points:
                counter.click_map(x, y, vertex=True)
            counter.key(view, Qt.Key.Key_Return)  # finish the shape
    assert QApplication.focusWidget() is bar.title
    counter.type(bar.title, title)
    assert QApplication.focusWidget() is view and view.mode() == Mode.SELECT  # handed back
    return created.args[0]


def test_the_scripted_evening_at_1366x768(qtbot, window, dialogs, tmp_path, monkeypatch, capsys):
    from qtpy.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    window.resize(1366, 768)
    path = tmp_path / "avond.gpkg"
    project = run_wizard(qtbot, window, path)
    session = project.current_session_uuid
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in window.open_dialogs))  # the wizard is done
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.waitUntil(window.map_view.is_painted)
    window.map_view.zoom_to_area()
    window.map_view.set_snapping(False)
    window.actions_.a["snapping"].setChecked(False)
    themes = project.themes()
    at = spots(project, 10)

    def square(x, y):
        return [(x, y), (x + 100, y), (x + 100, y + 80), (x, y + 80)]

    plan = [  # theme index, kind, shape, title
        (1, Mode.POINT, [at[0]], "Bankje bij de kerk"),
        (1, Mode.POINT, [at[1]], "Watertappunt bij het plein"),
        (2, Mode.POINT, [at[2]], "Zebrapad bij school"),
        (4, Mode.LINE, [at[3], (at[3][0] + 110, at[3][1] + 30)], "Groene route naar het park"),
        (4, Mode.LINE, [at[4], (at[4][0] + 60, at[4][1] + 60), (at[4][0] + 120, at[4][1] + 50)],
         "Wandelpad langs de beek"),
        (5, Mode.POLYGON, square(*at[5]), "Speeltuin in het Passartpark"),
        (9, Mode.POLYGON, square(*at[6]), "Nieuwe woningen op het oude schoolterrein"),
        (7, Mode.POINT, [at[7]], "Zonnepanelen op de sporthal"),
        (8, Mode.LINE, [at[8], (at[8][0] + 120, at[8][1])], "Fietsstraat Akerstraat"),
        (3, Mode.FREEHAND, [(at[9][0] + 4 * s, at[9][1] + 20 * (s % 2)) for s in range(25)], "Ommetje door de wijk"),
    ]
    counter = Counter(qtbot, window)
    captured, last_mode = [], Mode.POINT
    for theme_index, mode, shape, title in plan:
        captured.append(capture(counter, theme_index, mode, shape, title, last_mode))
        last_mode = mode
    idea_actions, vertex_clicks = counter.actions, counter.vertices

    items = [project.get("intervention", uuid) for uuid in captured]
    assert [i.title for i in items] == [title for _t, _m, _s, title in plan]
    assert [i.number for i in items] == list(range(1, 11))
    assert [i.geometry.geom_type for i in items] == ["Point", "Point", "Point", "LineString", "LineString",
                                                     "Polygon", "Polygon", "Point", "LineString", "LineString"]
    assert [i.primary_theme_uuid for i in items] == [themes[t].uuid for t, _m, _s, _title in plan]
    assert all(i.theme_uuids == (i.primary_theme_uuid,) for i in items)
    assert all(i.created_session_uuid == session for i in items)
    assert len(project.interventions()) == 10  # no idea on top of another, none lost
    for item, (_t, mode, shape, _title) in zip(items, plan):
        if mode == Mode.POINT:
            assert item.geometry.distance(Point(shape[0])) < 2 * window.map_view.metres_per_pixel()
        elif mode == Mode.POLYGON:
            assert abs(item.geometry.area - 8000) < 400  # 100 x 80 m, within a pixel a side

    # -- the stickers, counted on the printed map and typed in the Stemmen table --------------
    counts = [12, 7, 0, 30, 4, 19, 1, 8, 25, 3]
    before = counter.actions
    window.docks["votes"].show()
    window.docks["votes"].raise_()
    qtbot.waitUntil(lambda: window.panels["votes"].spin_for(captured[0]) is not None)
    first = window.panels["votes"].spin_for(captured[0])
    counter.click(first.lineEdit(), first.lineEdit().rect().center())  # into the first box
    qtbot.waitUntil(lambda: first.lineEdit().selectedText() == first.text())
    for count in counts:
        focused = QApplication.focusWidget()
        counter.type(focused, str(count), end=Qt.Key.Key_Tab)  # Tab: the next idea's box, all selected
    vote_actions = counter.actions - before
    assert [project.votes(uuid, session) for uuid in captured] == counts

    # -- the handout ----------------------------------------------------------------------------
    before = counter.actions
    counter.key(window.map_view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = next(d for d in window.open_dialogs if type(d).__name__ == "ExportDialog")
    dialog.path.setText(str(tmp_path / "handout.pdf"))
    counter.click(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))  # "Exporteren"
    handout_actions = counter.actions - before
    pdf = (tmp_path / "handout.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000

    evening = snapshot(project)
    window.close()
    assert reopened_snapshot(path) == evening
    assert not dialogs.shown, dialogs.texts()

    per_idea = idea_actions / len(plan)
    with capsys.disabled():
        print(f"\nscripted evening at 1366x768: {idea_actions} actions for {len(plan)} ideas = {per_idea:.1f} "
              f"per idea incl. theme, tool, finishing and title (+ {vertex_clicks} vertex clicks for the lines and "
              f"polygons: {(idea_actions + vertex_clicks) / len(plan):.1f} per idea with them); "
              f"{vote_actions} actions for 10 vote counts; {handout_actions} for the handout")
    assert per_idea <= 4
    assert vote_actions <= 15
