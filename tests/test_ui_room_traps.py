"""The traps a facilitator fell into in the room (issue 11), each with real clicks and
keys: a click on an existing idea after drawing, typing a vote count, a theme key in
the title field, the presentation bar and Esc, counting stickers."""

from qtpy.QtCore import Qt
from qtpy.QtTest import QTest
from qtpy.QtWidgets import QApplication

from tests.canvas_helpers import empty_spot, pos
from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)
from workbench.canvas.tools import Mode


def click_map(window, x, y, button=Qt.MouseButton.LeftButton):
    QTest.mouseClick(window.map_view.viewport(), button, Qt.KeyboardModifier.NoModifier, pos(window.map_view, x, y))


def draw_point(qtbot, window, x, y):
    bar = window.quick_capture
    qtbot.mouseClick(bar.tool_buttons[Mode.POINT], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.map_view.interventionCreated) as created:
        click_map(window, x, y)
    return created.args[0]


def test_clicking_an_idea_right_after_drawing_selects_it_and_adds_nothing(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    x, y = empty_spot(project)
    first = draw_point(qtbot, window, x, y)
    qtbot.keyClicks(window.quick_capture.title, "Bankje")
    QTest.keyClick(window.quick_capture.title, Qt.Key.Key_Return)
    other = project.intervention_by_number(7)
    count = len(project.interventions())
    # the tool handed back to selection, as in uMap and Google My Maps
    assert window.map_view.mode() == Mode.SELECT and window.actions_.modes[Mode.SELECT].isChecked()
    spot = other.geometry.representative_point()
    click_map(window, spot.x, spot.y)
    assert len(project.interventions()) == count
    assert window.context.selection() == [other.uuid]
    click_map(window, x, y)
    assert window.context.selection() == [first] and len(project.interventions()) == count
    # a theme key arms the drawing tool used last: the next idea is a key and a click away
    window.map_view.setFocus()
    QTest.keyClick(window.map_view, Qt.Key.Key_3)
    assert window.map_view.mode() == Mode.POINT
    x2, y2 = empty_spot(project)
    with qtbot.waitSignal(window.map_view.interventionCreated) as created:
        click_map(window, x2, y2)
    assert project.get("intervention", created.args[0]).primary_theme_uuid == project.themes()[2].uuid


def test_a_theme_key_after_drawing_picks_the_theme_and_never_types_into_the_title(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    window.quick_capture.pick_theme(0)
    x, y = empty_spot(project)
    uuid = draw_point(qtbot, window, x, y)
    bar = window.quick_capture
    assert QApplication.focusWidget() is bar.title
    QTest.keyClick(bar.title, Qt.Key.Key_5)
    item = project.get("intervention", uuid)
    assert item.primary_theme_uuid == project.themes()[4].uuid
    assert bar.active_theme() == project.themes()[4].uuid  # the next idea keeps it
    assert "5" not in bar.title.text() and bar.title.selectedText() == bar.title.text()
    qtbot.keyClicks(bar.title, "Bushalte lijn 21")  # once typing, digits are the title's
    QTest.keyClick(bar.title, Qt.Key.Key_Return)
    item = project.get("intervention", uuid)
    assert (item.title, item.primary_theme_uuid) == ("Bushalte lijn 21", project.themes()[4].uuid)


def test_typing_a_vote_count_into_a_box_showing_zero_stores_that_count(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    assert project.current_session_uuid
    item = project.intervention_by_number(5)
    window.context.select([item.uuid])
    spin = window.quick_capture.votes.spin
    assert spin.value() == project.votes(item.uuid, project.current_session_uuid)
    window.context.run(__import__("workbench.core.commands", fromlist=["SetVotes"]).SetVotes(item.uuid, 0))
    assert spin.text() == "0"
    # the click lands left of the "0", where the cursor used to stay
    qtbot.mouseClick(spin.lineEdit(), Qt.MouseButton.LeftButton, pos=spin.lineEdit().rect().center())
    qtbot.waitUntil(lambda: spin.lineEdit().selectedText() == "0")
    QTest.keyClicks(spin, "12")
    QTest.keyClick(spin, Qt.Key.Key_Return)
    assert project.votes(item.uuid, project.current_session_uuid) == 12


def test_count_stickers_one_click_each(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    item = project.intervention_by_number(7)
    session = project.current_session_uuid
    before = project.votes(item.uuid, session)
    counter = window.toolbars["map"].widgetForAction(window.actions_.modes[Mode.COUNT_VOTES])
    qtbot.mouseClick(counter, Qt.MouseButton.LeftButton)
    assert window.map_view.mode() == Mode.COUNT_VOTES
    spot = item.geometry.representative_point()
    for _sticker in range(3):
        click_map(window, spot.x, spot.y)
    click_map(window, spot.x, spot.y, Qt.MouseButton.RightButton)  # one too many
    assert project.votes(item.uuid, session) == before + 2
    x, y = empty_spot(project)
    count = len(project.interventions())
    click_map(window, x, y)  # next to any idea: nothing happens
    assert len(project.interventions()) == count


def test_one_esc_leaves_presentation_mode_with_an_idea_selected(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    window.presentation.enter()
    item = project.intervention_by_number(7)
    spot = item.geometry.representative_point()
    click_map(window, spot.x, spot.y)
    assert window.context.selection() == [item.uuid]
    QTest.keyClick(window.map_view, Qt.Key.Key_Escape)
    assert not window.presentation.active


def test_the_presentation_bar_fits_1366_pixels_with_an_idea_selected(qtbot, window, sample_path, monkeypatch):
    from workbench.ui.quick_capture import QuickCaptureBar

    monkeypatch.setattr(QuickCaptureBar, "screen_width", lambda self: 1366, raising=False)
    project = open_in_window(qtbot, window, sample_path)
    window.presentation.enter()
    item = max(project.interventions(), key=lambda i: i.number)
    window.context.select([item.uuid])
    QApplication.processEvents()
    bar = window.quick_capture
    toolbar = window.toolbars["capture"]
    assert bar.votes.label.text().endswith(str(item.number))
    assert max(toolbar.sizeHint().width(), toolbar.minimumSizeHint().width(), bar.minimumSizeHint().width()) <= 1366
    assert bar.exit_button.isVisible() and bar.exit_button.geometry().right() <= bar.width()
    assert bar.count_button.isVisible()  # "+1 per sticker" on the projector bar too


def test_the_title_is_typed_in_one_place_and_the_drawing_shows_its_theme_colour(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    window.quick_capture.pick_theme(2)
    qtbot.mouseClick(window.quick_capture.tool_buttons[Mode.LINE], Qt.MouseButton.LeftButton)
    x, y = empty_spot(project)
    click_map(window, x, y)
    QTest.mouseMove(window.map_view.viewport(), pos(window.map_view, x + 100, y))
    preview = window.map_view.preview
    assert preview.color == project.themes()[2].color
    assert preview.text.startswith("Lengte ") and " m\n" in preview.text and "Enter" in preview.text  # live length and how to finish
    click_map(window, x + 100, y)
    with qtbot.waitSignal(window.map_view.interventionCreated):
        QTest.keyClick(window.map_view, Qt.Key.Key_Return)
    editor = window.panels["editor"]
    bar = window.quick_capture
    qtbot.keyClicks(bar.title, "Fietspad")
    assert editor.title.isReadOnly() and editor.title.text() == "Fietspad"
    QTest.keyClick(bar.title, Qt.Key.Key_Return)
    assert not editor.title.isReadOnly() and editor.title.text() == "Fietspad"


def test_every_theme_has_a_key_a_name_in_its_pillar_and_a_sensible_default(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    themes = project.themes()
    bar = window.quick_capture
    last = max(project.interventions(), key=lambda i: i.number)
    assert bar.active_theme() == last.primary_theme_uuid  # not the catch-all first theme
    assert len(themes) == 14
    # the named list: each main theme followed by its sub-themes, every one with a key
    menu = bar.show_theme_menu()
    entries = [a for a in menu.actions() if not a.isSeparator()]
    assert [a.text().split("\t")[0].strip() for a in entries] == [t.name.strip() for t in themes]
    assert [a.text().split("\t")[1] for a in entries][9:12] == ["0", "Alt+1", "Alt+2"]
    assert sum(a.isSeparator() for a in menu.actions()) == len([t for t in themes if t.parent_uuid is None]) - 1
    entries[12].trigger()
    assert bar.active_theme() == themes[12].uuid
    menu.close()
    # 0 and Alt+digit on the map reach themes 10 and 11 and on
    window.map_view.setFocus()
    QTest.keyClick(window.map_view, Qt.Key.Key_0)
    assert bar.active_theme() == themes[9].uuid
    # Alt+1 in the title field, after typing, picks theme 11 and types nothing
    x, y = empty_spot(project)
    uuid = draw_point(qtbot, window, x, y)
    qtbot.keyClicks(bar.title, "Deelfietsen")
    QTest.keyClick(bar.title, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert bar.title.text() == "Deelfietsen" and bar.active_theme() == themes[10].uuid
    assert project.get("intervention", uuid).primary_theme_uuid == themes[10].uuid
