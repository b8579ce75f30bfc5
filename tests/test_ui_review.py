"""What a facilitator on a 1366x768 laptop and a planner stumbled on while using the app:
the window and the presentation bar fit the screen, English leaves no Dutch behind,
read-only projects cannot be typed into, and forms follow undo."""

from qtpy.QtWidgets import QApplication

from tests.ui_fixtures import dialogs, open_in_window, show_dock, ui_settings, window  # noqa: F401 (fixtures)
from workbench import i18n

LAPTOP_WIDTH, LAPTOP_HEIGHT = 1366, 768
TASKBAR = 40


def test_the_window_fits_a_1366x768_laptop(qtbot, ui_settings, dialogs, sample_path):
    from workbench.ui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    available = (main.screen() or QApplication.primaryScreen()).availableGeometry()
    # a first start (nothing remembered) opens no taller than the screen
    assert main.height() <= available.height()
    main.show()
    open_in_window(qtbot, main, sample_path)
    for dock in main.docks.values():
        dock.show()
    QApplication.processEvents()
    # the project details and goals scroll in their dock instead of stretching the window
    assert main.panels["project"].minimumSizeHint().height() < 300
    assert main.minimumSizeHint().height() <= LAPTOP_HEIGHT - TASKBAR
    assert main.minimumSizeHint().width() <= LAPTOP_WIDTH
    main.close()


def test_presentation_bar_fits_a_1366_wide_projector(qtbot, window, sample_path, monkeypatch):
    from workbench.ui.quick_capture import QuickCaptureBar

    monkeypatch.setattr(QuickCaptureBar, "screen_width", lambda self: LAPTOP_WIDTH, raising=False)
    project = open_in_window(qtbot, window, sample_path)
    assert len(project.themes()) >= 12  # the sample has many themes: many swatches
    before = window.geometry()
    window.presentation.enter()
    QApplication.processEvents()
    bar = window.quick_capture
    assert bar.large and bar.exit_button.isVisible()
    # everything, the "Terug (Esc)" button at the end included, fits on the screen
    toolbar = window.toolbars["capture"]
    assert max(toolbar.sizeHint().width(), toolbar.minimumSizeHint().width()) <= LAPTOP_WIDTH
    assert all(button.isVisible() for button in bar.swatches.buttons())
    # and the window took the screen's width, not a wider minimum left from before the fit
    screen = window.screen().geometry().width()
    assert window.width() <= max(screen, window.minimumSizeHint().width())
    window.presentation.leave()
    QApplication.processEvents()
    assert not bar.large and bar.swatches.buttons()[0].iconSize().width() == 18
    # back at the size it had, not at the width the large bar pushed it to
    assert window.geometry().size() == before.size()


def test_english_leaves_no_dutch_in_the_editor_layers_and_goals(qtbot, window, sample_path):
    from qtpy.QtWidgets import QLabel

    project = open_in_window(qtbot, window, sample_path)
    window.context.select([project.intervention_by_number(1).uuid])
    editor, layers, details = window.panels["editor"], window.panels["layers"], window.panels["project"]
    row = [k.key for k in project.quantity_kinds()].index("homes")

    def quantity_texts():
        return tuple(editor.quantities.itemAtPosition(row, column).widget().text() for column in (0, 2))

    def layer_texts():
        return {label.text() for label in layers.findChildren(QLabel)} | {c.text() for c in layers.checks.values()}

    assert quantity_texts() == ("Woningen", "woningen")
    assert {"Laag", "Dekking", "Nummers", "Ideeën"} <= layer_texts()
    i18n.set_language("en")
    try:
        assert quantity_texts() == ("Homes", "homes")
        assert {"Layer", "Opacity", "Numbers", "Ideas"} <= layer_texts()
        assert "Numbers" in layers.sliders["labels"].toolTip()
        assert details.goal_quantity.itemText(0) == "(not measured)"
        # and back: nothing stays English
        i18n.set_language("nl")
        assert quantity_texts() == ("Woningen", "woningen") and "Nummers" in layer_texts()
    finally:
        i18n.set_language("nl")


def test_the_editor_shows_a_long_title_from_its_start(qtbot, window, sample_path):
    from workbench.core.commands import EditIntervention

    project = open_in_window(qtbot, window, sample_path)
    long_title = "Groene boulevard " + "van de Passart langs de school tot aan het station " * 4
    first, second = project.intervention_by_number(1), project.intervention_by_number(2)
    assert window.context.run(EditIntervention(first.uuid, title=long_title))
    window.context.select([second.uuid])
    window.context.select([first.uuid])
    editor = window.panels["editor"]
    assert editor.title.text() == long_title.strip()
    assert editor.title.cursorPosition() == 0  # "Groene boulevard ..." in view, not "... station"
    assert "Groene boulevard" in editor.title.toolTip()
    themes = editor.themes
    assert all(themes.item(i).toolTip() for i in range(themes.count()))


def test_a_read_only_project_offers_nothing_to_type_tick_or_press(qtbot, window, dialogs, sample_path,
                                                                  caumerbeekdal_path):
    from qtpy.QtCore import Qt
    from qtpy.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QListWidget, QPlainTextEdit

    from workbench.store import open_project

    holder = open_project(sample_path)
    try:
        assert window.open_path(sample_path)  # dialogs answer "yes": read-only
        project = window.context.project
        assert project.read_only
        window.context.select([project.intervention_by_number(1).uuid])
        themes = show_dock(qtbot, window, "themes")  # read as a user does: its tab chosen
        themes.list.setCurrentRow(0)
        quotes = window.panels["quotes"]
        quotes.list.setCurrentRow(0)
        details = window.panels["project"]
        details.goals.setCurrentRow(0)
        changeable = []
        for key in ("editor", "themes", "quotes", "project", "sessions"):
            panel = window.panels[key]
            for widget in panel.findChildren(QLineEdit) + panel.findChildren(QPlainTextEdit):
                if widget.isEnabled() and not widget.isReadOnly() and not isinstance(widget.parent(), QComboBox) \
                        and widget.parent() is not getattr(panel, "current", None):
                    changeable.append((key, type(widget).__name__, widget.placeholderText()))
            for widget in panel.findChildren(QAbstractButton) + panel.findChildren(QComboBox):
                if widget.isEnabled() and widget is not getattr(panel, "current", None) \
                        and widget.parent() is not getattr(panel, "current", None):
                    changeable.append((key, type(widget).__name__, getattr(widget, "text", lambda: "")()))
            for widget in panel.findChildren(QListWidget):
                rows = [widget.item(i) for i in range(widget.count())]
                if any(row.data(Qt.ItemDataRole.CheckStateRole) is not None
                       and row.flags() & Qt.ItemFlag.ItemIsUserCheckable for row in rows):
                    changeable.append((key, "checklist", ""))
        # choosing the current session stays possible: it is a setting, not an edit
        assert changeable == [], changeable
        # a project that may be changed (Ctrl+O) makes it all changeable again
        other = open_in_window(qtbot, window, caumerbeekdal_path)
        assert not other.read_only
        window.context.select([other.interventions()[0].uuid])
        editor = window.panels["editor"]
        assert editor.status.isEnabled() and not editor.new_quantity_label.isReadOnly()
        assert themes.add_button.isEnabled() and not themes.name.isReadOnly()
        assert quotes.save_button.isEnabled() and not quotes.text.isReadOnly()
        assert details.save_goal_button.isEnabled() and not details.goal_title.isReadOnly()
        assert "onverwachts" not in dialogs.texts()
    finally:
        window.close()
        holder.close()


def test_the_goal_form_follows_undo_and_redo(qtbot, window, sample_path):
    from workbench.ui.fields import format_plain_number

    project = open_in_window(qtbot, window, sample_path)
    details = window.panels["project"]
    details.goals.setCurrentRow(0)
    goal = project.goals()[0]
    assert details.goal_title.text() == goal.title
    details.goal_title.setText("Meer bomen in elke straat")
    details.goal_target.setText("250")
    details.save_goal()
    assert project.get("goal", goal.uuid).title == "Meer bomen in elke straat"
    window.actions_.a["undo"].trigger()
    assert project.get("goal", goal.uuid).title == goal.title
    # the form shows what is stored again, so "Opslaan" does not quietly redo the edit
    assert details.goal_title.text() == goal.title
    assert details.goal_target.text() == format_plain_number(goal.target)
    window.actions_.a["redo"].trigger()
    assert details.goal_title.text() == "Meer bomen in elke straat" and details.goal_target.text() == "250"


def test_opening_another_project_keeps_the_title_being_typed(qtbot, window, sample_path, caumerbeekdal_path):
    from shapely.geometry import Point

    from tests.canvas_helpers import empty_spot
    from workbench.store import open_project

    project = open_in_window(qtbot, window, sample_path)
    x, y = empty_spot(project)
    uuid = window.map_view.add_intervention(Point(x, y))  # as drawing does: the title field asks
    bar = window.quick_capture
    assert bar.pending_uuid == uuid and bar.title.isEnabled()
    bar.title.setText("Bankje bij de vijver")  # typed, no Enter yet
    # Recent files: a menu does not take the focus, so nothing was committed on the way
    assert window.open_path(caumerbeekdal_path)
    assert not bar.title.isEnabled() and bar.title.text() == "" and bar.pending_uuid is None
    # the same for a field of the editor that still has the focus
    project = open_in_window(qtbot, window, sample_path)
    assert project.get("intervention", uuid).title == "Bankje bij de vijver"
    window.context.select([uuid])
    editor = window.panels["editor"]
    editor.description.setFocus()
    editor.description.setPlainText("Met een prullenbak ernaast")
    assert window.open_path(caumerbeekdal_path)
    reopened = open_project(sample_path)
    try:
        assert reopened.get("intervention", uuid).description == "Met een prullenbak ernaast"
    finally:
        reopened.close()


def test_ctrl_z_in_the_title_field_undoes_only_what_was_typed_since_the_last_commit(qtbot, window, sample_path):
    from qtpy.QtCore import Qt
    from qtpy.QtTest import QTest

    project = open_in_window(qtbot, window, sample_path)
    item = project.intervention_by_number(1)
    window.context.select([item.uuid])
    title = window.panels["editor"].title
    title.setFocus()
    title.end(False)
    QTest.keyClicks(title, " Noord")
    window.map_view.setFocus()  # leaving the field commits: one undo step
    assert project.get("intervention", item.uuid).title == item.title + " Noord"
    title.setFocus()
    title.end(False)
    QTest.keyClicks(title, " en Zuid")
    QTest.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # the field's own undo goes back to what is stored, not to before the stored edit
    assert title.text() == item.title + " Noord"


def test_the_underlay_slider_follows_the_project_and_undo(qtbot, window, sample_path, caumerbeekdal_path,
                                                          tmp_path):
    from qtpy.QtGui import QColor, QImage

    from workbench.store import open_project

    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#ff0000"))
    assert image.save(str(tmp_path / "plan.png"))
    (tmp_path / "plan.pgw").write_text("2\n0\n0\n-2\n195001\n325999\n")
    project = open_in_window(qtbot, window, sample_path)
    view, slider = window.map_view, window.panels["layers"].sliders["underlay"]
    assert view.load_underlay(tmp_path / "plan.png")
    slider.setValue(30)
    qtbot.waitUntil(lambda: abs(project.all("underlay")[0].opacity - 0.3) < 1e-9)
    window.actions_.a["undo"].trigger()  # the opacity back to 0.7: the slider too
    assert abs(project.all("underlay")[0].opacity - 0.7) < 1e-9 and slider.value() == 70
    slider.setValue(40)  # and at once another project (Recent files), before it rested
    open_in_window(qtbot, window, caumerbeekdal_path)
    assert slider.value() == 70
    reopened = open_project(sample_path)
    try:  # the 40 % went to the project it was set in, not to the other one
        assert abs(reopened.all("underlay")[0].opacity - 0.4) < 1e-9
    finally:
        reopened.close()
    assert "underlay" not in window.context.project.state.entities or not window.context.project.all("underlay")
    open_in_window(qtbot, window, sample_path)
    assert slider.value() == 40


def test_the_editor_scrolls_rather_than_squeezing_the_theme_list(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    window.resize(LAPTOP_WIDTH, LAPTOP_HEIGHT - TASKBAR)
    window.docks["editor"].raise_()
    window.context.select([project.intervention_by_number(1).uuid])
    QApplication.processEvents()
    themes, goals = window.panels["editor"].themes, window.panels["editor"].goals
    for widget, entities in ((themes, project.themes()), (goals, project.goals())):
        wanted = min(widget.maximumHeight() - 10, len(entities) * widget.sizeHintForRow(0))
        assert widget.height() >= wanted, (widget.height(), wanted)


def test_project_details_show_a_long_name_from_its_start(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    name = window.panels["project"].info_edits["name"]
    assert name.text() == project.info.name and name.cursorPosition() == 0


def test_ctrl_z_in_the_quick_capture_title_right_after_drawing_undoes_the_drawing(qtbot, window, sample_path):
    from qtpy.QtCore import Qt
    from qtpy.QtTest import QTest
    from shapely.geometry import Point

    from tests.canvas_helpers import empty_spot

    project = open_in_window(qtbot, window, sample_path)
    count = len(project.interventions())
    bar = window.quick_capture
    uuid = window.map_view.add_intervention(Point(*empty_spot(project)))
    assert bar.pending_uuid == uuid and bar.title.hasFocus()
    QTest.keyClicks(bar.title, "Bank")
    QTest.keyClick(bar.title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # first Ctrl+Z: the typing (the field's own undo)
    assert bar.title.text() == "Idee {}".format(count + 1) and len(project.interventions()) == count + 1
    QTest.keyClick(bar.title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # then: the drawing itself, and the map gets the keys back for the next one
    assert len(project.interventions()) == count and project.get("intervention", uuid) is None
    assert bar.pending_uuid is None and not bar.title.isEnabled()
    assert window.map_view.hasFocus()


def test_the_quote_form_follows_undo_and_the_language(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    quotes = window.panels["quotes"]
    # a new quote's untouched speaker follows the language; a typed one stays
    assert quotes.speaker.text().startswith("Bewoner")
    i18n.set_language("en")
    try:
        assert quotes.speaker.text().startswith("Resident")
    finally:
        i18n.set_language("nl")
    assert quotes.speaker.text().startswith("Bewoner")
    quotes.list.setCurrentRow(0)
    quote = project.quotes()[0]
    assert quotes.text.toPlainText() == quote.text
    quotes.text.setPlainText("Anders gezegd")
    quotes.save()
    assert project.get("quote", quote.uuid).text == "Anders gezegd"
    quotes.list.setCurrentRow(0)
    assert quotes.text.toPlainText() == "Anders gezegd"
    window.actions_.a["undo"].trigger()
    # the form shows the stored quote again, so "Opslaan" would not quietly redo the edit
    assert project.get("quote", quote.uuid).text == quote.text
    assert quotes.text.toPlainText() == quote.text


def test_the_large_ranking_window_follows_the_language(qtbot, window, sample_path):
    open_in_window(qtbot, window, sample_path)
    big = window.panels["ranking"].show_big()
    assert big.windowTitle() == "Ranglijst"
    i18n.set_language("en")
    try:
        assert big.windowTitle() == "Ranking"
    finally:
        i18n.set_language("nl")
        big.close()


def test_presentation_mode_shows_messages_over_the_map(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    window.presentation.enter()
    assert not window.statusBar().isVisible()
    band = window.presentation.message
    assert band is not None and band.isVisible() and "F11" in band.text()  # how to get out
    # an empty title is refused with a message the room can see
    from shapely.geometry import Point

    from tests.canvas_helpers import empty_spot

    window.map_view.add_intervention(Point(*empty_spot(project)))
    window.quick_capture.title.clear()
    assert not window.quick_capture.commit_title()
    assert band.isVisible() and band.text() == "Geef het idee een titel."
    assert window.map_view.rect().contains(band.geometry())
    window.presentation.leave()
    assert not band.isVisible() and window.statusBar().currentMessage() == "Geef het idee een titel."


def test_a_read_only_project_offers_no_move_or_vertex_tool(qtbot, window, dialogs, sample_path,
                                                          caumerbeekdal_path):
    from workbench.canvas.tools import Mode
    from workbench.store import open_project

    holder = open_project(sample_path)
    try:
        assert window.open_path(sample_path)  # read-only
        modes = window.actions_.modes
        assert not modes[Mode.MOVE].isEnabled() and not modes[Mode.EDIT_VERTICES].isEnabled()
        assert modes[Mode.SELECT].isEnabled() and modes[Mode.MEASURE].isEnabled()
        open_in_window(qtbot, window, caumerbeekdal_path)
        assert modes[Mode.MOVE].isEnabled() and modes[Mode.EDIT_VERTICES].isEnabled()
    finally:
        window.close()
        holder.close()


def test_the_wizard_refuses_file_names_it_cannot_use_with_a_dutch_sentence(qtbot, window, dialogs, tmp_path):
    wizard = window.new_project()
    page = wizard.project_page
    page.name.setText("Gebiedsvisie " + "Heerlerheide " * 800)  # a 10,000-character name
    assert len(page.path.text()) < 300  # the suggested file name stays usable
    for typed in ("/", ".", str(tmp_path / ("a" * 300))):
        page.path.setText(typed)
        assert not page.validatePage()
        assert wizard.currentPage() is page
    assert "onverwachts" not in dialogs.texts()
    page.path.setText(str(tmp_path / "nieuw"))
    assert page.validatePage() and page.path.text().endswith("nieuw.gpkg")
    wizard.reject()


def test_another_project_starts_with_the_whole_list(qtbot, window, sample_path, caumerbeekdal_path):
    project = open_in_window(qtbot, window, sample_path)
    panel = window.panels["interventions"]
    theme = project.themes()[2]
    panel.theme_filter.set_uuid(theme.uuid)
    panel.search.setText("school")
    assert panel.proxy.rowCount() < len(project.interventions())
    other = open_in_window(qtbot, window, caumerbeekdal_path)
    assert other.get("theme", theme.uuid) is not None  # the same theme set: the same ids
    assert panel.theme_filter.currentData() is None and panel.search.text() == ""
    assert panel.proxy.rowCount() == len(other.interventions())


def test_the_presentation_bar_still_fits_after_switching_language(qtbot, window, sample_path, monkeypatch):
    from workbench.ui.quick_capture import QuickCaptureBar

    monkeypatch.setattr(QuickCaptureBar, "screen_width", lambda self: LAPTOP_WIDTH, raising=False)
    project = open_in_window(qtbot, window, sample_path)
    window.context.select([project.interventions()[0].uuid])  # "Stemmen voor 1": the longer label
    i18n.set_language("en")
    try:
        window.presentation.enter()
        i18n.set_language("nl")  # longer words: "Vrije hand", "Terug (Esc)"
        QApplication.processEvents()
        toolbar = window.toolbars["capture"]
        assert max(toolbar.sizeHint().width(), toolbar.minimumSizeHint().width()) <= LAPTOP_WIDTH
    finally:
        i18n.set_language("nl")
        window.presentation.leave()


def test_a_theme_name_typed_and_left_is_kept(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    window.docks["themes"].show()
    window.docks["themes"].raise_()
    panel = window.panels["themes"]
    panel.list.setCurrentRow(1)
    theme = panel.selected_theme()
    panel.name.setFocus()
    panel.name.selectAll()
    qtbot.keyClicks(panel.name, "Spelen en opgroeien")
    steps = len(project.undo_stack._done)
    panel.list.setFocus()  # on to the next theme: the typed name is not thrown away
    panel.list.setCurrentRow(2)
    assert project.get("theme", theme.uuid).name == "Spelen en opgroeien"
    assert len(project.undo_stack._done) == steps + 1


def test_the_undo_item_names_the_step_in_the_active_language(qtbot, window, sample_path):
    from workbench.core.commands import EditIntervention

    project = open_in_window(qtbot, window, sample_path)
    item = project.intervention_by_number(1)
    undo = window.actions_.a["undo"]
    assert window.context.run(EditIntervention(item.uuid, title="Groene boulevard"))  # made in Dutch
    assert undo.text().replace("&", "") == "Ongedaan maken: Titel wijzigen"
    i18n.set_language("en")
    try:
        assert undo.text().replace("&", "") == "Undo: Change title"
        assert window.context.run(EditIntervention(item.uuid, title="Green boulevard"))  # made in English
        i18n.set_language("nl")
        assert undo.text().replace("&", "") == "Ongedaan maken: Titel wijzigen"
    finally:
        i18n.set_language("nl")


def test_the_large_ranking_fits_a_1366x768_screen(qtbot, window, sample_path, monkeypatch):
    from qtpy.QtCore import QRect
    from qtpy.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry",
                        lambda self: QRect(0, 0, LAPTOP_WIDTH, LAPTOP_HEIGHT - TASKBAR))
    open_in_window(qtbot, window, sample_path)
    big = window.panels["ranking"].show_big()
    try:
        assert big.height() <= LAPTOP_HEIGHT - TASKBAR and big.width() <= LAPTOP_WIDTH
    finally:
        big.close()


def test_delete_in_the_sessions_themes_or_quotes_list_does_not_delete_the_idea_on_the_map(qtbot, window,
                                                                                         sample_path):
    from qtpy.QtCore import Qt
    from qtpy.QtTest import QTest

    project = open_in_window(qtbot, window, sample_path)
    item = project.intervention_by_number(5)
    window.context.select([item.uuid])
    for key in ("sessions", "themes", "quotes"):
        window.docks[key].show()
        window.docks[key].raise_()
        widget = window.panels[key].list
        widget.setCurrentRow(0)
        widget.setFocus()
        QTest.keyClick(widget, Qt.Key.Key_Delete)
        assert project.get("intervention", item.uuid) is not None, key
    # on the map and in the list of ideas Delete still deletes the selected idea
    window.docks["interventions"].raise_()
    table = window.panels["interventions"].table
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Delete)
    assert project.get("intervention", item.uuid) is None


def test_delete_in_the_quotes_list_deletes_that_quote(qtbot, window, sample_path):
    from qtpy.QtCore import Qt
    from qtpy.QtTest import QTest

    project = open_in_window(qtbot, window, sample_path)
    window.docks["quotes"].show()
    window.docks["quotes"].raise_()
    quotes = window.panels["quotes"]
    quotes.list.setCurrentRow(0)
    quote = project.get("quote", quotes.editing_uuid)
    quotes.list.setFocus()
    QTest.keyClick(quotes.list, Qt.Key.Key_Delete)
    assert project.get("quote", quote.uuid) is None
    window.actions_.a["undo"].trigger()
    assert project.get("quote", quote.uuid) is not None


def test_the_project_details_scroll_rather_than_squeezing_the_goals(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    window.resize(LAPTOP_WIDTH, 520)  # a short dock: a laptop with the layer list open below
    window.docks["project"].show()
    window.docks["project"].raise_()
    QApplication.processEvents()
    goals = window.panels["project"].goals
    assert len(project.goals()) >= 4
    bottom = max(goals.visualItemRect(goals.item(i)).bottom() for i in range(goals.count()))
    assert bottom < goals.viewport().height()  # every goal whole in view; the panel scrolls instead


def test_a_vote_count_typed_in_the_bar_gives_the_map_its_keys_back(qtbot, window, sample_path):
    from qtpy.QtCore import Qt
    from qtpy.QtTest import QTest

    project = open_in_window(qtbot, window, sample_path)
    item = project.intervention_by_number(4)
    window.context.select([item.uuid])
    spin = window.quick_capture.votes.spin
    spin.setFocus()
    spin.selectAll()
    QTest.keyClicks(spin, "12")
    QTest.keyClick(spin, Qt.Key.Key_Return)
    assert project.votes(item.uuid, project.current_session_uuid) == 12
    assert window.map_view.hasFocus()  # "2" now picks the second colour, not a digit in the box
