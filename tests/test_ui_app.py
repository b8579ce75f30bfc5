"""Starting the app: first start builds the sample, the last project reopens, a project
in use is offered read-only, errors are Dutch dialogs, layout and recent files persist."""

import sys

from qtpy.QtCore import Qt
from qtpy.QtGui import QImage
from qtpy.QtTest import QTest

from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)
from workbench.store import open_project
from workbench.ui import app, settings


def test_screenshot_of_the_window_once_the_map_is_painted(sample_path, tmp_path):
    """``workbench PATH --screenshot OUT.png`` in its own process, as a user runs it."""
    import os
    import subprocess

    out = tmp_path / "window.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "workbench", str(sample_path), "--screenshot", str(out)],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    image = QImage(str(out))
    assert image.width() >= 800 and image.height() >= 500
    # the map is painted: the centre is not one flat colour
    colours = {image.pixel(x, y) for x in range(image.width() // 3, 2 * image.width() // 3, 7)
               for y in range(image.height() // 3, 2 * image.height() // 3, 7)}
    assert len(colours) > 5
    # and the project is remembered for the next start
    recent = (tmp_path / "config" / "Gebiedsvisie Werkbank" / "Werkbank.ini").read_text()
    assert str(sample_path.resolve()) in recent


def test_first_start_builds_the_sample_and_remembers_it(qtbot, ui_settings, tmp_path):
    assert settings.last_project() is None
    path = app.startup_path(None)
    assert path == tmp_path / "data" / "heerlerheide.gpkg" and path.exists()
    project = open_project(path, read_only=True)
    assert len(project.interventions()) > 10 and project.current_session_uuid
    project.close()


def test_a_project_in_use_is_offered_read_only(qtbot, window, dialogs, sample_path):
    holder = open_project(sample_path)  # "another window" keeps it open for writing
    try:
        dialogs.answer = dialogs.answer.No
        assert not window.open_path(sample_path)
        assert window.context.project is None
        [(kind, text)] = dialogs.shown
        assert kind == "question" and "alleen-lezen" in text
        dialogs.answer = dialogs.answer.Yes
        assert window.open_path(sample_path)
        project = window.context.project
        assert project.read_only and "(alleen lezen)" in window.windowTitle()
        assert not any(a.isEnabled() for a in window.actions_.draw_actions)
        before = len(project.interventions())
        window.context.select([project.interventions()[0].uuid])
        QTest.keyClick(window.map_view, Qt.Key.Key_Delete)  # refused with a message, not a traceback
        assert len(project.interventions()) == before
        assert "alleen-lezen" in dialogs.shown[-1][1]
    finally:
        window.close()
        holder.close()


def test_a_file_that_is_no_project_gives_a_dutch_message(qtbot, window, dialogs, tmp_path):
    bad = tmp_path / "boodschappen.gpkg"
    bad.write_text("melk, brood, kaas")
    dialogs.answer = dialogs.answer.Yes  # try read-only: that fails too, with a message
    assert not window.open_path(bad)
    assert "GeoPackage" in dialogs.texts()
    assert window.context.project is None and not window.actions_.a["delete"].isEnabled()


def test_unexpected_errors_become_a_dutch_dialog(qtbot, window, dialogs, monkeypatch, capsys):
    from workbench.ui.messages import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    try:
        raise KeyError("kapot")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    [(kind, text)] = dialogs.shown
    assert kind == "warning" and "onverwachts" in text and "KeyError" in text
    assert "Traceback" not in text and "Traceback" in capsys.readouterr().err


def test_layout_and_recent_files_are_remembered(qtbot, ui_settings, dialogs, sample_path, caumerbeekdal_path):
    from workbench.ui.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    assert first.open_path(sample_path) and first.open_path(caumerbeekdal_path)
    first.docks["quotes"].hide()
    first.close()
    assert settings.recent_files() == [str(caumerbeekdal_path.resolve()), str(sample_path.resolve())]
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert second.docks["quotes"].isHidden() and not second.docks["editor"].isHidden()
    second.fill_recent_menu()
    recent = second.actions_.menus["recent"].actions()
    assert [a.text() for a in recent] == ["&1 caumerbeekdal.gpkg", "&2 heerlerheide.gpkg"]
    recent[1].trigger()
    assert second.context.project.path.resolve() == sample_path.resolve()
    second.close()


def test_what_opening_repaired_is_shown_once(qtbot, window, dialogs, sample_path):
    """A polygon drawn in QGIS is adopted on open; the window says so, once."""
    import sqlite3

    from shapely.geometry import Polygon

    from workbench.store import gpkg_blob

    conn = sqlite3.connect(sample_path)  # as QGIS would write it
    shape = Polygon([(195000, 325000), (195100, 325000), (195100, 325080), (195000, 325000)])
    conn.execute("INSERT INTO interventions (geom, title) VALUES (?, ?)", (gpkg_blob.encode(shape), "Uit QGIS"))
    conn.commit()
    conn.close()
    assert window.open_path(sample_path)
    [(kind, text)] = dialogs.shown
    assert kind == "information" and "QGIS" in text
    assert any(i.title == "Uit QGIS" for i in window.context.project.interventions())
    window.close()
    dialogs.shown.clear()
    again = new_window(qtbot)
    assert again.open_path(sample_path) and dialogs.shown == []
    again.close()


def new_window(qtbot):
    from workbench.ui.main_window import MainWindow

    made = MainWindow()
    qtbot.addWidget(made)
    return made
