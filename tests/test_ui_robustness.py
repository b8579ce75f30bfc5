"""Nothing a user can click produces a traceback: every menu action and every button of
every dock, with and without a project and a selection. File and colour pickers answer
"cancel"; questions answer "yes" so the deleting paths run too. pytest-qt fails a test
on any exception raised inside the Qt event loop."""

import pytest
from qtpy.QtGui import QColor
from qtpy.QtWidgets import QAbstractButton, QColorDialog, QDialog, QFileDialog

from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)


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
