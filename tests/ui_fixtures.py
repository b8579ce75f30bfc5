"""Fixtures for the Qt tests of ``workbench.ui``: settings in a temporary folder, message
boxes recorded instead of shown (they would block), a shown main window."""

import pytest
from qtpy.QtCore import QSettings
from qtpy.QtWidgets import QMessageBox


@pytest.fixture
def ui_settings(tmp_path, monkeypatch):
    """QSettings and the first-start sample folder inside tmp_path; Dutch at the start."""
    from workbench import i18n
    from workbench.ui import app

    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    monkeypatch.setattr(app, "sample_path", lambda: tmp_path / "data" / "heerlerheide.gpkg")
    i18n.set_language("nl")
    yield folder
    i18n.set_language("nl")


class Dialogs:
    """What the app would have shown in message boxes; ``answer`` replies to questions."""

    def __init__(self):
        self.shown = []
        self.answer = QMessageBox.StandardButton.Yes

    def texts(self) -> str:
        return "\n".join(text for _kind, text in self.shown)


@pytest.fixture
def dialogs(monkeypatch):
    recorded = Dialogs()

    def record(kind):
        def show(parent, title, text, *args, **kwargs):
            recorded.shown.append((kind, text))
            return recorded.answer if kind == "question" else QMessageBox.StandardButton.Ok
        return show

    for kind in ("warning", "information", "question", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    return recorded


@pytest.fixture
def window(qtbot, ui_settings, dialogs):
    from workbench.ui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    main.resize(1300, 850)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    yield main
    if main.isVisible():
        main.close()


def open_in_window(qtbot, window, path):
    assert window.open_path(path)
    qtbot.waitUntil(window.map_view.is_painted)
    window.map_view.zoom_to_area()
    return window.context.project


def show_dock(qtbot, window, key):
    """Choose the dock's tab, as a user does to read it: a panel behind another tab
    computes nothing until then (ui/deferred.py)."""
    from workbench.ui.deferred import on_screen

    panel = window.panels[key]
    window.docks[key].show()
    window.docks[key].raise_()
    qtbot.waitUntil(lambda: on_screen(panel))
    return panel


def shown_fresh(qtbot, panel_class, context):
    """A panel built now and shown in a window of its own: what a fresh one shows (a
    panel computes once it is on screen, ui/deferred.py). The caller deletes it."""
    from workbench.ui.deferred import on_screen

    panel = panel_class(context)
    panel.show()
    qtbot.waitUntil(lambda: on_screen(panel))
    return panel
