"""Nothing a user can click produces a traceback: every menu action and every button of
every dock, with and without a project and a selection. File and colour pickers answer
"cancel"; questions answer "yes" so the deleting paths run too. pytest-qt fails a test
on any exception raised inside the Qt event loop."""

import pytest
from qtpy.QtCore import Qt
from qtpy.QtGui import QColor
from qtpy.QtTest import QTest
from qtpy.QtWidgets import QAbstractButton, QColorDialog, QDialog, QFileDialog

from tests.ui_fixtures import dialogs, open_in_window, show_dock, ui_settings, window  # noqa: F401 (fixtures)


@pytest.fixture
def no_pickers(monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *a, **k: QColor()))


def close_dialogs(window):
    for dialog in window.findChildren(QDialog):
        if dialog.isVisible():
            dialog.reject()


def trigger_everything(window):
    actions = dict(window.actions_.a)
    actions.pop("quit")
    for key, action in actions.items():
        if action.isEnabled():
            action.trigger()
            if key == "presentation":
                action.trigger()
        close_dialogs(window)
    for action in window.actions_.modes.values():
        action.trigger()
    window.fill_recent_menu()


def click_every_button(window) -> int:
    clicked = 0
    for key, panel in window.panels.items():
        for button in panel.findChildren(QAbstractButton):
            if button.isEnabled() and button.isVisibleTo(panel):
                button.click()
                clicked += 1
                close_dialogs(window)
    return clicked + click_painted_vote_buttons(window)


def click_painted_vote_buttons(window) -> int:
    """The votes table paints its "-" and "+" (no widget per idea): click those on screen."""
    from workbench.ui.votes_table import MINUS, PLUS

    panel = window.panels["votes"]
    table, model = panel.table, panel.model
    clicked = 0
    for row in range(model.rowCount()):
        for column in (MINUS, PLUS):
            rect = table.visualRect(model.index(row, column))
            if rect.isValid() and table.viewport().rect().contains(rect.center()) and model.editable():
                QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                                 rect.center())
                clicked += 1
    return clicked


def test_every_action_without_a_project(qtbot, window, dialogs, no_pickers):
    trigger_everything(window)
    click_every_button(window)
    assert window.context.project is None


def test_every_action_and_button_on_the_sample(qtbot, window, dialogs, no_pickers, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    trigger_everything(window)
    assert click_every_button(window) > 20
    window.context.select([project.interventions()[0].uuid])
    assert click_every_button(window) > 20
    window.context.select([i.uuid for i in project.interventions()[:3]])
    click_every_button(window)
    assert project.undo_stack.can_undo()  # the clicks did change things
    for _step in range(3):
        window.actions_.a["undo"].trigger()
        window.actions_.a["redo"].trigger()
    assert "Traceback" not in dialogs.texts() and "onverwachts" not in dialogs.texts()


def test_every_action_on_a_read_only_project(qtbot, window, dialogs, no_pickers, sample_path):
    from workbench.store import open_project

    holder = open_project(sample_path)
    try:
        assert window.open_path(sample_path)  # dialogs answer "yes": read-only
        project = window.context.project
        assert project.read_only
        window.context.select([project.interventions()[0].uuid])
        trigger_everything(window)
        click_every_button(window)
        assert "onverwachts" not in dialogs.texts()
    finally:
        window.close()
        holder.close()


def test_markup_users_type_is_shown_as_typed(qtbot, window, dialogs, sample_path):
    """Names with "<b>" or "<img>" are text, not Qt rich text, wherever they appear."""
    from qtpy.QtCore import Qt

    from workbench.core.setup_commands import AddQuantityKind
    from workbench.core.theme_commands import AddTheme

    project = open_in_window(qtbot, window, sample_path)
    window.context.run(AddTheme("<b>Vet</b> & <img src=x>", "#123456"))
    window.context.run(AddQuantityKind("<i>Bankjes</i>", "<u>st</u>"))
    theme = project.theme_by_name("<b>Vet</b> & <img src=x>")
    swatch = window.quick_capture.swatches.buttons()[-1]
    assert swatch.toolTip() == "<p>&lt;b&gt;Vet&lt;/b&gt; &amp; &lt;img src=x&gt; (Alt+5)</p>"  # the 15th: Alt+5
    window.context.select([project.interventions()[0].uuid])
    editor = window.panels["editor"]
    label = editor.quantities.itemAtPosition(len(editor.quantity_edits) - 1, 0).widget()
    assert label.text() == "<i>Bankjes</i>" and label.textFormat() == Qt.TextFormat.PlainText
    # a refused name is quoted in the inline error as typed
    themes = show_dock(qtbot, window, "themes")
    themes.select_theme(project.theme_by_name("Groen verbindt").uuid)
    themes.name.setText(theme.name)
    themes.rename_theme()
    assert theme.name in themes.error.text() and themes.error.textFormat() == Qt.TextFormat.PlainText
    # and in a confirmation dialog
    themes.select_theme(theme.uuid)
    dialogs.answer = dialogs.answer.No
    themes.delete_theme()
    assert "&lt;b&gt;Vet&lt;/b&gt;" in dialogs.shown[-1][1]


def test_a_very_long_title_stays_whole_in_the_file_but_short_in_lists(qtbot, window, sample_path):
    from workbench.core.commands import EditIntervention, SetVotes

    project = open_in_window(qtbot, window, sample_path)
    item = project.intervention_by_number(2)
    title = "Speelplek " * 1000  # 10,000 characters
    window.context.run(EditIntervention(item.uuid, title=title))
    window.context.run(SetVotes(item.uuid, 30))
    assert project.get("intervention", item.uuid).title == title.strip()
    model = window.panels["interventions"].model
    shown = model.data(model.index(model.row_of(item.uuid), model.TITLE))
    assert len(shown) <= 120 and shown.endswith("…")
    ranking = show_dock(qtbot, window, "ranking")
    qtbot.waitUntil(lambda: ranking.items_chart.rows[0][0].startswith("2. Speelplek"))
    assert len(ranking.items_chart.rows[0][0]) <= 120
    window.context.select([item.uuid])
    assert window.panels["editor"].title.text() == title.strip()  # the editor shows it all


def test_an_empty_project_without_area_or_themes_works(qtbot, window, dialogs, tmp_path):
    """The "leeg" theme set and no area: capture, vote and rank still work."""
    from qtpy.QtCore import Qt
    from qtpy.QtTest import QTest
    from shapely.geometry import Point

    from workbench.canvas.tools import Mode

    wizard = window.new_project()
    wizard.project_page.name.setText("Leeg")
    wizard.project_page.path.setText(str(tmp_path / "leeg.gpkg"))
    wizard.next()
    wizard.area_page.set_mode("none")
    assert wizard.area_page.isComplete()
    wizard.next()
    wizard.themes_page.theme_set.setCurrentIndex(wizard.themes_page.theme_set.findData("leeg"))
    wizard.next()
    wizard.accept()
    project = window.context.project
    assert project.area is None and project.themes() == [] and window.quick_capture.swatches.buttons() == []
    window.set_mode(Mode.POINT)
    view = window.map_view
    qtbot.waitUntil(view.is_painted)
    with qtbot.waitSignal(view.interventionCreated) as created:
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         view.viewport().rect().center())
    item = project.get("intervention", created.args[0])
    assert isinstance(item.geometry, Point) and item.primary_theme_uuid is None
    qtbot.mouseClick(window.quick_capture.votes.plus, Qt.MouseButton.LeftButton)
    assert project.votes(item.uuid) == 1
    themes_chart = show_dock(qtbot, window, "ranking").themes_chart
    qtbot.waitUntil(lambda: [row[:2] for row in themes_chart.rows[:1]] == [("(geen thema)", 1)])
    window.actions_.a["presentation"].trigger()
    window.actions_.a["presentation"].trigger()
    assert not dialogs.shown
