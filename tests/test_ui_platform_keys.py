"""The window on Windows and macOS terms: no shortcut the system swallows (Windows
switches the keyboard layout on Ctrl+Shift+0, macOS shows the desktop on F11), and no
file name Windows cannot use."""

import pytest
from qtpy.QtGui import QKeySequence

from tests.ui_fixtures import dialogs, ui_settings  # noqa: F401 (fixtures)
from workbench.ui import actions


def _window_for(qtbot, monkeypatch, platform):
    from workbench.ui.main_window import MainWindow

    monkeypatch.setattr(actions, "PLATFORM", platform)
    window = MainWindow()
    qtbot.addWidget(window)
    return window


def _all_keys(window) -> set:
    return {key.toString(QKeySequence.SequenceFormat.PortableText)
            for action in window.actions_.a.values() for key in action.shortcuts()}


@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_no_shortcut_is_one_the_system_takes(qtbot, ui_settings, dialogs, monkeypatch, platform):
    window = _window_for(qtbot, monkeypatch, platform)
    keys = _all_keys(window)
    assert not keys & set(actions.RESERVED_BY_SYSTEM.get(platform, ()))
    assert "Ctrl+J" in keys  # zoom to the selection, as in QGIS


def test_presentation_mode_on_macos_uses_the_system_full_screen_keys(qtbot, ui_settings, dialogs, monkeypatch):
    window = _window_for(qtbot, monkeypatch, "darwin")
    presentation = window.actions_.a["presentation"]
    assert [k.toString(QKeySequence.SequenceFormat.PortableText) for k in presentation.shortcuts()] == ["Meta+Ctrl+F"]  # Cmd+Ctrl+F on a Mac
    assert "F11" not in "\n".join(window.shortcut_lines())


def test_wizard_refuses_a_reserved_windows_name(qtbot, ui_settings, dialogs, monkeypatch, tmp_path):
    window = _window_for(qtbot, monkeypatch, "linux")
    wizard = window.new_project()
    wizard.project_page.name.setText("Console")
    wizard.project_page.path.setText(str(tmp_path / "CON.GPKG"))
    wizard.next()
    assert wizard.currentPage() is wizard.project_page
    assert "Windows reserveert CON" in wizard.project_page.subTitle()
    assert not (tmp_path / "CON.GPKG").exists()
    wizard.reject()
