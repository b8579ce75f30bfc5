"""One workshop evening, end to end, with real clicks and keys: the wizard makes the
project, a session starts, six ideas are captured on the map, one is edited, the room
votes, a quote is noted, everything is undone and redone, and the file, reopened, holds
exactly what the window showed."""

from qtpy.QtCore import Qt
from qtpy.QtTest import QTest
from qtpy.QtWidgets import QApplication, QWizard

from tests.canvas_helpers import drag, pos
from tests.helpers import reopened_snapshot, snapshot
from tests.ui_fixtures import dialogs, show_dock, ui_settings, window  # noqa: F401 (fixtures)
from workbench.canvas.tools import Mode


def run_wizard(qtbot, window, path):
    wizard = window.new_project()
    qtbot.waitExposed(wizard)
    page = wizard.project_page
    qtbot.keyClicks(page.name, "Gebiedsvisie Heerlerheide")
    page.path.setText(str(path))
    wizard.next()
    area = wizard.area_page
    area.check_wijken(["Heerlerheide-Passart"])
    assert area.isComplete()
    wizard.next()
    assert wizard.themes_page.key() == "heerlen-2050"
    wizard.next()
    session = wizard.session_page.form
    session.title.clear()
    qtbot.keyClicks(session.title, "Bewonersavond Heerlerheide")
    qtbot.keyClicks(session.place, "Buurthuis De Passart")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.context.project is not None)
    return window.context.project


def rd_points(project):
    """Spots well inside the area, away from each other, as RD (x, y); the grid leaves
    room for a 260 m line to the east of each."""
    area = project.area.geometry
    minx, miny, maxx, maxy = area.bounds
    spots = []
    for fx in (0.3, 0.45, 0.6):
        for fy in (0.3, 0.45, 0.6):
            x, y = minx + fx * (maxx - minx), miny + fy * (maxy - miny)
            from shapely.geometry import Point

            if area.buffer(-60).contains(Point(x, y)):
                spots.append((x, y))
    return spots


def capture(qtbot, window, swatch, mode, points, title):
    """Pick a colour, pick a tool, draw, type the title, Enter: one idea."""
    bar = window.quick_capture
    qtbot.mouseClick(bar.swatches.button(swatch), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.tool_buttons[mode], Qt.MouseButton.LeftButton)
    view = window.map_view
    assert view.mode() == mode and window.actions_.modes[mode].isChecked() and bar.tool_buttons[mode].isChecked()
    with qtbot.waitSignal(view.interventionCreated) as created:
        if mode == Mode.FREEHAND:
            drag(view, points)  # press, move through the points, release
        else:
            for x, y in points:
                QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                                 pos(view, x, y))
            if mode != Mode.POINT:
                QTest.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert QApplication.focusWidget() is bar.title and bar.title.selectedText().startswith("Idee ")
    qtbot.keyClicks(bar.title, title)
    QTest.keyClick(bar.title, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is view, "focus goes back to the map for the next idea"
    return created.args[0]


def test_a_workshop_evening(qtbot, window, dialogs, tmp_path):
    path = tmp_path / "heerlerheide-avond.gpkg"
    project = run_wizard(qtbot, window, path)
    assert path.exists() and project.info.name == "Gebiedsvisie Heerlerheide"
    assert project.area is not None and project.area.name == "Heerlerheide-Passart"
    session = project.get("session", project.current_session_uuid)
    assert session.title == "Bewonersavond Heerlerheide" and session.place == "Buurthuis De Passart"
    assert "Gebiedsvisie Heerlerheide" in window.windowTitle()
    qtbot.waitUntil(window.map_view.is_painted)
    window.map_view.zoom_to_area()
    window.actions_.a["snapping"].setChecked(False)
    window.map_view.set_snapping(False)

    # -- six ideas, six themes: points, lines, a polygon and a freehand stroke -----------
    spots = rd_points(project)
    (ax, ay), (bx, by), (cx, cy), (dx, dy), (ex, ey), (fx, fy) = spots[:6]
    themes = project.themes()
    captured = [
        capture(qtbot, window, 0, Mode.POINT, [(ax, ay)], "Bankje bij de kerk"),
        capture(qtbot, window, 4, Mode.LINE, [(bx, by), (bx + 150, by + 40), (bx + 260, by - 20)],
                "Fietspad langs de school"),
        capture(qtbot, window, 5, Mode.POLYGON, [(cx, cy), (cx + 120, cy), (cx + 120, cy + 90), (cx, cy + 90)],
                "Speeltuin in het park"),
        capture(qtbot, window, 8, Mode.POINT, [(dx, dy)], "Zonnepanelen op de sporthal"),
        capture(qtbot, window, 10, Mode.LINE, [(ex, ey), (ex - 100, ey + 100)], "Veilige oversteek"),
        capture(qtbot, window, 12, Mode.FREEHAND, [(fx + 8 * step, fy + 30 * (step % 2)) for step in range(30)],
                "Wandelpad door het groen"),
    ]
    items = [project.get("intervention", uuid) for uuid in captured]
    assert [i.title for i in items] == ["Bankje bij de kerk", "Fietspad langs de school", "Speeltuin in het park",
                                       "Zonnepanelen op de sporthal", "Veilige oversteek", "Wandelpad door het groen"]
    assert [i.number for i in items] == [1, 2, 3, 4, 5, 6]
    assert [i.geometry.geom_type for i in items] == ["Point", "LineString", "Polygon", "Point", "LineString",
                                                     "LineString"]
    assert [i.primary_theme_uuid for i in items] == [themes[n].uuid for n in (0, 4, 5, 8, 10, 12)]
    assert all(i.created_session_uuid == session.uuid for i in items)
    assert window.panels["interventions"].visible_uuids() == captured

    # -- the editor: pick idea 3 in the list, change it -----------------------------------
    table = window.panels["interventions"].table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(table.model().index(2, 1)).center())
    assert window.context.selection() == [captured[2]] and window.map_view.selected() == [captured[2]]
    editor = window.panels["editor"]
    assert editor.title.text() == "Speeltuin in het park" and editor.measure.text().startswith("Oppervlakte")
    editor.description.setFocus()
    qtbot.keyClicks(editor.description, "Met schommels en een zandbak.")
    editor.title.setFocus()  # leaving the description commits it
    editor.title.clear()
    QTest.keyClick(editor.title, Qt.Key.Key_Return)
    assert editor.error.isVisible() and "titel" in editor.error.text()
    assert project.get("intervention", captured[2]).title == "Speeltuin in het park"
    qtbot.keyClicks(editor.title, "Speeltuin in het Passartpark")
    QTest.keyClick(editor.title, Qt.Key.Key_Return)
    assert not editor.error.isVisible()
    editor.themes.setFocus()
    editor.themes.setCurrentRow(0)
    QTest.keyClick(editor.themes, Qt.Key.Key_Space)  # tick a second theme
    editor.status.setFocus()
    QTest.keyClick(editor.status, Qt.Key.Key_Down)  # idee -> voorstel
    editor.horizon.setFocus()
    for _step in range(2):  # (geen) -> kort -> 2030
        QTest.keyClick(editor.horizon, Qt.Key.Key_Down)
    trees = editor.quantity_edits["trees"]
    trees.setFocus()
    qtbot.keyClicks(trees, "12")
    QTest.keyClick(trees, Qt.Key.Key_Return)
    edited = project.get("intervention", captured[2])
    assert edited.title == "Speeltuin in het Passartpark"
    assert edited.description == "Met schommels en een zandbak."
    assert edited.theme_uuids == (themes[5].uuid, themes[0].uuid) and edited.primary_theme_uuid == themes[5].uuid
    assert (edited.status, edited.horizon, edited.quantity("trees")) == ("voorstel", "2030", 12.0)

    # -- votes: three clicks on + for idea 3, seven stickers typed for idea 2 --------------
    counter = window.quick_capture.votes
    for _click in range(3):
        qtbot.mouseClick(counter.plus, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(counter.minus, Qt.MouseButton.LeftButton)
    window.docks["votes"].raise_()
    spin = window.panels["votes"].spin_for(captured[1])
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "7")
    QTest.keyClick(spin, Qt.Key.Key_Return)
    assert project.votes(captured[2], session.uuid) == 2
    assert project.votes(captured[1], session.uuid) == 7
    ranking = show_dock(qtbot, window, "ranking")  # the votes tab leaves it for the ranking's
    # the ranking follows once the votes rest (after the map has shown them)
    qtbot.waitUntil(lambda: [row[0] for row in ranking.items_chart.rows] == ["2. Fietspad langs de school",
                                                                           "3. Speeltuin in het Passartpark"])

    # -- a quote about idea 3 --------------------------------------------------------------
    quotes = window.panels["quotes"]
    window.actions_.a["add_quote"].trigger()
    assert quotes.speaker.text() == "Bewoner uit Heerlerheide-Passart"
    assert quotes.intervention.currentData() == captured[2]
    qtbot.keyClicks(quotes.text, "Eindelijk een plek waar de kinderen veilig kunnen spelen.")
    qtbot.mouseClick(quotes.save_button, Qt.MouseButton.LeftButton)
    [quote] = project.quotes()
    assert quote.text.startswith("Eindelijk") and quote.intervention_uuid == captured[2]
    assert quote.session_uuid == session.uuid and quotes.list.count() == 1

    # -- undo everything with Ctrl+Z, redo it with Ctrl+Shift+Z and Ctrl+Y ------------------
    evening = snapshot(project)
    view = window.map_view
    # waiting for the ranking let the offscreen platform hand activation back to the closed
    # wizard; shortcuts need the main window active, as it is for a user typing Ctrl+Z
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view.setFocus()
    steps = 0
    while project.undo_stack.can_undo():
        QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        steps += 1
    assert steps >= 20  # 6 ideas + 6 titles + 6 edits + votes + quote
    assert project.interventions() == [] and project.quotes() == [] and project.all("vote") == []
    assert window.panels["interventions"].visible_uuids() == []
    for step in range(steps):
        shortcut = Qt.Key.Key_Y if step % 2 else Qt.Key.Key_Z
        modifiers = Qt.KeyboardModifier.ControlModifier | (
            Qt.KeyboardModifier.NoModifier if step % 2 else Qt.KeyboardModifier.ShiftModifier)
        QTest.keyClick(view, shortcut, modifiers)
    assert not project.undo_stack.can_redo()
    assert snapshot(project) == evening
    assert window.panels["interventions"].visible_uuids() == captured

    # -- close the window, reopen the file: everything is there exactly ------------------------
    window.close()
    assert reopened_snapshot(path) == evening
    assert not dialogs.shown, dialogs.texts()


def test_the_evening_reopens_in_a_new_window(qtbot, window, tmp_path, dialogs):
    """Starting the app again opens the last project, with its session still current."""
    from workbench.ui import app
    from workbench.ui.main_window import MainWindow

    project = run_wizard(qtbot, window, tmp_path / "avond.gpkg")
    session_uuid = project.current_session_uuid
    window.close()
    assert app.startup_path(None) == (tmp_path / "avond.gpkg").resolve()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.open_path(app.startup_path(None))
    assert again.context.project.current_session_uuid == session_uuid
    assert again.panels["sessions"].current.currentData() == session_uuid
    again.close()
