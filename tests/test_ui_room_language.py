"""Qt's own dialogs speak Dutch too (issue 11: "Look in:", "Files of type:"), one
word for votes, undo steps that say what they undo, and a Dutch message instead of
Qt's abort when the Linux platform libraries are missing."""

import subprocess
import sys

from qtpy.QtCore import Qt
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
    model = table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Stemmen" in headers and "Stickers" not in headers


def test_without_a_screen_linux_gets_a_dutch_line_not_a_qt_abort(tmp_path):
    env = {key: value for key, value in __import__("os").environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "workbench"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("workbench: Er is geen beeldscherm") and "Traceback" not in result.stderr
    assert "could not load the Qt platform plugin" not in result.stderr


def test_missing_xcb_libraries_are_named_with_the_apt_get_line():
    from pathlib import Path

    from workbench.ui.platform_check import XCB_LIBRARIES, platform_problem

    present = {"xkbcommon-x11", "xcb-icccm", "xcb-keysyms", "xcb-shape", "xcb-render-util", "xcb-image",
               "xkbcommon", "EGL", "GL", "fontconfig"}
    message = platform_problem({"DISPLAY": ":0"}, "linux", lambda name: name if name in present else None)
    assert "sudo apt-get install libxcb-cursor0\n" in message and "make run" in message
    assert platform_problem({"DISPLAY": ":0"}, "linux", lambda name: name) is None
    assert platform_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", lambda name: None) is None
    assert platform_problem({}, "darwin", lambda name: None) is None
    # the packages named are the ones tools/system-packages.sh installs for `make run`
    listed = {line.split()[0] for line in (Path(__file__).parents[1] / "tools" / "debian-packages.txt")
              .read_text().splitlines() if line.strip() and not line.startswith("#") and "run" in line.split()[1]}
    assert set(XCB_LIBRARIES.values()) <= listed
