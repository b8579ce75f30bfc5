"""Typing the sticker counts in the Stemmen table: "count + Tab" ten times, in the
model/view table that has no widget per idea (the count editor exists only while typing).
A dialog that takes focus for a moment must not end the typing."""

from qtpy.QtCore import Qt
from qtpy.QtTest import QTest
from qtpy.QtWidgets import QApplication, QDialog, QPushButton, QVBoxLayout

from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)


def _type_counts(qtbot, counts):
    for count in counts:
        focused = QApplication.focusWidget()
        qtbot.keyClicks(focused, str(count))
        QTest.keyClick(focused, Qt.Key.Key_Tab)


def test_count_and_tab_goes_to_the_next_ideas_count(qtbot, window, sample_path):
    open_in_window(qtbot, window, sample_path)
    project = window.context.project
    ideas = project.interventions()[:4]
    window.docks["votes"].show()
    window.docks["votes"].raise_()
    panel = window.panels["votes"]
    qtbot.waitUntil(lambda: panel.spin_for(ideas[0].uuid) is not None)
    first = panel.spin_for(ideas[0].uuid)
    qtbot.mouseClick(first.lineEdit(), Qt.MouseButton.LeftButton, pos=first.lineEdit().rect().center())
    qtbot.waitUntil(lambda: first.lineEdit().selectedText() == first.text())  # 12 must not become 120

    # a window that takes the focus for a moment (a closing dialog) does not end the typing
    other = QDialog(window)
    QVBoxLayout(other).addWidget(QPushButton("Annuleren"))
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other)
    other.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), type(first)))

    _type_counts(qtbot, [12, 7, 0, 30])
    session = project.current_session_uuid
    assert [project.votes(idea.uuid, session) for idea in ideas] == [12, 7, 0, 30]
    assert not panel.findChildren(QPushButton)  # still no widget per idea
