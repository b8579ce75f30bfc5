"""Qt's own dialogs speak Dutch too (issue 11: "Look in:", "Files of type:"), one
word for votes, undo steps that say what they undo, and a Dutch message instead of
Qt's abort when the Linux platform libraries are missing."""

import subprocess
import sys

from qtpy.QtWidgets import QApplication, QFileDialog, QLabel

from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)
from workbench import i18n


def test_qt_file_dialogs_are_dutch_and_follow_the_language(qtbot, window):
    def labels():
        dialog = QFileDialog(window, "x")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        texts = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
        dialog.deleteLater()
        return texts

    assert {"Zoeken in:", "Bestanden van type:"} <= labels()
    i18n.set_language("en")
    assert {"Look in:", "Files of type:"} <= labels()
    i18n.set_language("nl")
    assert "Zoeken in:" in labels()


def test_votes_are_called_stemmen_everywhere(qtbot, window, sample_path):
    open_in_window(qtbot, window, sample_path)
    window.docks["votes"].show()
    window.docks["votes"].raise_()
    QApplication.processEvents()
    table = window.panels["votes"].table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert "Stemmen" in headers and "Stickers" not in headers
