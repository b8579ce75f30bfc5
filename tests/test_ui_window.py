"""The main window as a whole: selection both ways, Delete and undo, quick capture with
Esc, presentation mode, switching language without losing work, the handout export,
drag and drop, and the wizard's other ways to set the area."""

import json

from qtpy.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from qtpy.QtGui import QDragEnterEvent, QDropEvent
from qtpy.QtTest import QTest
from qtpy.QtWidgets import QApplication

from tests.canvas_helpers import empty_spot, pos
from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)
from workbench import i18n
from workbench.canvas.tools import Mode


def click_map(window, x, y):
    QTest.mouseClick(window.map_view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     pos(window.map_view, x, y))


def test_selection_follows_between_map_list_and_editor(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    item = project.intervention_by_number(7)  # a polygon: click its inside
    point = item.geometry.representative_point()
    click_map(window, point.x, point.y)
    assert window.context.selection() == [item.uuid]
    table = window.panels["interventions"].table
    assert [i.row() for i in table.selectionModel().selectedRows()] == [6]
    assert window.panels["editor"].title.text() == item.title
    # and back: pick idea 12 in the list
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(table.model().index(11, 1)).center())
    assert window.map_view.selected() == [project.intervention_by_number(12).uuid]
    # the theme filter: only ideas tagged with it
    ideas = window.panels["interventions"]
    theme = project.theme_by_name("Groen verbindt")
    ideas.theme_filter.setCurrentIndex(ideas.theme_filter.findData(theme.uuid))
    tagged = [i.uuid for i in project.interventions() if theme.uuid in i.theme_uuids]
    assert ideas.visible_uuids() == tagged and 0 < len(tagged) < len(project.interventions())
    ideas.theme_filter.setCurrentIndex(0)
    # the text filter narrows the list
    qtbot.keyClicks(window.panels["interventions"].search, "fietspad")
    visible = window.panels["interventions"].visible_uuids()
    assert visible and all("fietspad" in (project.get("intervention", u).title + project.get(
        "intervention", u).description).lower() for u in visible)


def test_delete_key_and_undo(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    item = project.intervention_by_number(3)
    window.context.select([item.uuid])
    window.map_view.setFocus()
    QTest.keyClick(window.map_view, Qt.Key.Key_Delete)
    assert project.get("intervention", item.uuid) is None
    assert item.uuid not in window.panels["interventions"].visible_uuids()
    assert window.actions_.a["undo"].text() == "&Ongedaan maken: Idee verwijderen"
    QTest.keyClick(window.map_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.get("intervention", item.uuid) == item


def test_number_keys_on_the_map_pick_a_theme_colour(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    window.set_mode(Mode.SELECT)
    QTest.keyClick(window.map_view, Qt.Key.Key_3)
    bar = window.quick_capture
    assert bar.active_theme() == project.themes()[2].uuid == window.map_view.active_theme()
    assert window.map_view.mode() == Mode.POINT  # choosing a colour means: about to draw
    x, y = empty_spot(project)
    with qtbot.waitSignal(window.map_view.interventionCreated) as created:
        click_map(window, x, y)
    assert project.get("intervention", created.args[0]).primary_theme_uuid == project.themes()[2].uuid
    # right after drawing, before a title is typed, a digit is still a colour (for that
    # idea), never the title "7"; once a title is being typed, digits belong to it
    QTest.keyClick(bar.title, Qt.Key.Key_7)
    assert bar.active_theme() == project.themes()[6].uuid and "7" not in bar.title.text()
    assert project.get("intervention", created.args[0]).primary_theme_uuid == project.themes()[6].uuid
    qtbot.keyClicks(bar.title, "Lijn ")
    QTest.keyClick(bar.title, Qt.Key.Key_7)
    assert bar.title.text() == "Lijn 7" and bar.active_theme() == project.themes()[6].uuid


def test_quick_capture_esc_keeps_the_default_title(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    window.set_mode(Mode.POINT)
    x, y = empty_spot(project)
    with qtbot.waitSignal(window.map_view.interventionCreated) as created:
        click_map(window, x, y)
    bar = window.quick_capture
    assert QApplication.focusWidget() is bar.title
    QTest.keyClick(bar.title, Qt.Key.Key_Escape)
    new = project.get("intervention", created.args[0])
    assert new.title == f"Idee {new.number}" and not bar.title.isEnabled()
    # the tool handed back to selection (a click on an idea now selects it)
    assert QApplication.focusWidget() is window.map_view and window.map_view.mode() == Mode.SELECT
    assert new.created_session_uuid == project.current_session_uuid
    # typing a title and then clicking elsewhere keeps the title too
    window.set_mode(Mode.POINT)
    with qtbot.waitSignal(window.map_view.interventionCreated) as created:
        click_map(window, x + 40, y + 40)
    qtbot.keyClicks(bar.title, "Bankje")
    search = window.panels["interventions"].search
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    assert project.get("intervention", created.args[0]).title == "Bankje"
    assert QApplication.focusWidget() is search  # focus stays where the user clicked


def test_presentation_mode_fills_the_screen_and_comes_back(qtbot, window, sample_path):
    open_in_window(qtbot, window, sample_path)
    window.map_view.setFocus()
    QTest.keyClick(window.map_view, Qt.Key.Key_F11)
    assert window.presentation.active and window.isFullScreen()
    assert all(not dock.isVisible() for dock in window.docks.values())
    assert not window.menuBar().isVisible() and not window.toolbars["map"].isVisible()
    assert window.toolbars["capture"].isVisible() and window.quick_capture.large
    assert window.map_view.scene().label_scale > 1 if hasattr(window.map_view.scene(), "label_scale") else True
    QTest.keyClick(window.map_view, Qt.Key.Key_F11)
    assert not window.presentation.active and not window.isFullScreen()
    assert window.docks["interventions"].isVisible() and window.menuBar().isVisible()
    assert not window.quick_capture.large and not window.actions_.a["presentation"].isChecked()
    # Esc cancels a drawing first; with nothing drawn it leaves presentation mode
    window.actions_.a["presentation"].trigger()
    assert window.presentation.active and window.quick_capture.exit_button.isVisible()
    window.set_mode(Mode.LINE)
    view = window.map_view
    x, y = empty_spot(window.context.project)
    click_map(window, x, y)
    click_map(window, x + 50, y)
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert window.presentation.active and window.context.project.intervention_by_number(23) is None
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert not window.presentation.active
    window.actions_.a["presentation"].trigger()
    qtbot.mouseClick(window.quick_capture.exit_button, Qt.MouseButton.LeftButton)
    assert not window.presentation.active and not window.isFullScreen()


def test_english_takes_effect_at_once_and_nothing_is_lost(qtbot, window, sample_path):
    from workbench.ui import settings

    project = open_in_window(qtbot, window, sample_path)
    item = project.intervention_by_number(5)
    window.context.select([item.uuid])
    from qtpy.QtWidgets import QDialogButtonBox

    session_dialog = window.new_session()  # open while the language changes
    cancel = session_dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "Annuleren"  # Qt's own texts follow the language too
    dialog = window.settings_dialog()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.buttons.accepted.emit()
    try:
        assert i18n.language() == "en" and settings.saved_language() == "en"
        assert window.actions_.menus["file"].title() == "&File"
        assert window.docks["interventions"].windowTitle() == "Ideas"
        assert window.panels["editor"].labels["title"].text() == "Title"
        assert window.panels["editor"].status.currentText() == "Idea"
        assert window.actions_.modes[Mode.POINT].text() == "Draw point"
        # the same project, the same selection, the undo history intact
        assert window.context.project is project and window.context.selection() == [item.uuid]
        assert window.panels["editor"].title.text() == item.title
        qtbot.waitUntil(lambda: cancel.text() == "Cancel")
        session_dialog.reject()
    finally:
        i18n.set_language("nl")
    assert window.actions_.menus["file"].title() == "&Bestand"


def test_export_handout_writes_the_pdf(qtbot, window, sample_path, tmp_path, monkeypatch):
    from qtpy.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    open_in_window(qtbot, window, sample_path)
    dialog = window.export_dialog()
    assert dialog.path.text().endswith("heerlerheide-handout.pdf")
    dialog.path.setText(str(tmp_path / "handout.pdf"))
    dialog.buttons.accepted.emit()
    assert (tmp_path / "handout.pdf").read_bytes().startswith(b"%PDF")
    assert opened == [QUrl.fromLocalFile(str(tmp_path / "handout.pdf"))]
    # a folder that does not exist: a Dutch message in the dialog, no file, no traceback
    dialog = window.export_dialog()
    dialog.path.setText(str(tmp_path / "nergens" / "handout.pdf"))
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and "bestaat niet" in dialog.error.text()


def test_dropping_a_geojson_opens_the_import(qtbot, window, dialogs, sample_path, tmp_path):
    open_in_window(qtbot, window, sample_path)
    path = tmp_path / "ideeen.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    viewport = window.map_view.viewport()
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)  # as a real drag does, before the drop
    assert enter.isAccepted()
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, event)
    assert event.isAccepted()
    assert window.open_dialogs and type(window.open_dialogs[-1]).__name__ == "ImportDialog"
    window.open_dialogs[-1].reject()


def test_wizard_area_drawn_or_read_from_geojson(qtbot, window, tmp_path):
    from shapely.geometry import mapping, box

    from workbench.geo.crs import to_wgs84

    wizard = window.new_project()
    wizard.project_page.name.setText("Schetsgebied")
    wizard.project_page.path.setText(str(tmp_path / "schets"))  # ".gpkg" is added
    wizard.next()
    area = wizard.area_page
    radio = area.radios["draw"]
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(6, radio.height() // 2))  # on the dot
    assert area.mode() == "draw" and not area.isComplete()
    sketch = area.sketch
    qtbot.waitExposed(sketch)
    wanted = ((194000, 325000), (195000, 325000), (195000, 326000))
    corners = [sketch.mapFromScene(QPointF(x, -y)) for x, y in wanted]
    for corner in corners:
        QTest.mouseClick(sketch.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner)
    assert len(sketch.points) == 3 and not sketch.closed
    QTest.mouseDClick(sketch.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corners[-1])
    drawn = area.area()[0]
    assert sketch.closed and area.isComplete() and len(sketch.points) == 3
    pixel = 1 / sketch.transform().m11()  # metres; a click lands on a whole pixel
    got = list(drawn.exterior.coords)[:3]
    assert all(abs(gx - wx) <= 1.5 * pixel and abs(gy - wy) <= 1.5 * pixel for (gx, gy), (wx, wy) in zip(got, wanted))
    # from a GeoJSON file in WGS84
    shape = to_wgs84(box(194000, 325000, 194500, 325400))
    geojson = tmp_path / "gebied.geojson"
    geojson.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": mapping(shape)}]}))
    area.set_mode("file")
    area.file_path.setText(str(geojson))
    assert area.isComplete() and "Gelezen" in area.file_status.text()
    assert abs(area.area()[0].area - 200_000) < 2_000
    area.file_path.setText(str(tmp_path / "bestaat-niet.geojson"))
    assert not area.isComplete() and area.file_status.text()
    area.set_mode("draw")
    wizard.next()
    wizard.next()
    wizard.session_page.start.setChecked(False)
    wizard.accept()
    project = window.context.project
    assert project.path.name == "schets.gpkg"
    assert project.area.geometry.equals(drawn) and project.sessions() == []
    assert not project.undo_stack.can_undo()


def test_wizard_refuses_an_existing_file(qtbot, window, sample_path):
    wizard = window.new_project()
    wizard.project_page.name.setText("Dubbel")
    wizard.project_page.path.setText(str(sample_path))
    wizard.next()
    assert wizard.currentPage() is wizard.project_page
    assert "bestaat al" in wizard.project_page.subTitle()


def test_standard_shortcuts_open_the_usual_dialogs(qtbot, window, sample_path, caumerbeekdal_path, monkeypatch):
    from qtpy.QtWidgets import QFileDialog

    from workbench.ui.export_dialog import ExportDialog
    from workbench.ui.wizard import NewProjectWizard

    open_in_window(qtbot, window, sample_path)
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: asked.append(a) or (str(caumerbeekdal_path), "")))
    view = window.map_view

    def press(key):
        # Window shortcuts need the window active again once a dialog has closed.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        view.setFocus()
        QTest.keyClick(view, key, Qt.KeyboardModifier.ControlModifier)

    press(Qt.Key.Key_P)
    assert isinstance(window.open_dialogs[-1], ExportDialog) and window.open_dialogs[-1].isVisible()
    window.open_dialogs[-1].reject()
    press(Qt.Key.Key_N)
    assert isinstance(window.open_dialogs[-1], NewProjectWizard) and window.open_dialogs[-1].isVisible()
    window.open_dialogs[-1].reject()
    press(Qt.Key.Key_O)
    assert asked and window.context.project.path.resolve() == caumerbeekdal_path.resolve()
    assert window.windowTitle().startswith(window.context.project.info.name)


def test_the_shortcut_list_names_the_standard_keys(qtbot, window, dialogs):
    window.actions_.a["shortcuts"].trigger()
    [(kind, shown)] = dialogs.shown
    assert kind == "information" and "<b>Ctrl+P</b>" in shown
    text = "\n".join(window.shortcut_lines())
    for expected in ("Ctrl+Z\tOngedaan maken", "Ctrl+Shift+Z, Ctrl+Y\tOpnieuw", "Ctrl+P\tExporteer handout…",
                     "F11\tPresentatiemodus", "Ctrl+N\tNieuw project…", "Ctrl+O\tOpenen…", "Del\tIdee verwijderen",
                     "Enter\t", "Esc\t", "P\tPunt tekenen"):
        assert expected in text, expected
    assert len(set(window.shortcut_lines())) == len(window.shortcut_lines())
