"""The last project on a share that does not answer does not hold up the start (issue
15, item 10): the window shows first, the project opens when its folder answers.

A slow share is emulated by ``os.stat`` of that one path waiting on a gate the test opens.
"""

import os
import shutil
import sys
import threading

import pytest
from qtpy.QtWidgets import QApplication

from tests.ui_fixtures import dialogs, ui_settings, window  # noqa: F401 (fixtures)
from workbench.ui.single_instance import server_name

SHARE_NAME = "op-de-share.gpkg"


@pytest.fixture
def slow_share(monkeypatch):
    """A gate: once armed, ``os.stat`` of any path ending in SHARE_NAME waits until the
    gate is set (the share answers)."""
    gate = threading.Event()
    armed = threading.Event()
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        if armed.is_set() and not gate.is_set() and os.fspath(path).endswith(SHARE_NAME):
            gate.wait(30)
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    gate.arm = armed.set
    yield gate
    gate.set()


def test_the_window_shows_before_the_last_project_answers(qtbot, ui_settings, dialogs, sample_path, tmp_path,
                                                          monkeypatch, slow_share):
    from workbench.ui import app, settings

    path = tmp_path / SHARE_NAME
    shutil.copy(sample_path, path)
    settings.add_recent_file(path)
    slow_share.arm()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main() installs its own
    monkeypatch.setattr("workbench.ui.single_instance.server_name", lambda home=None: server_name(tmp_path))
    seen = {}

    def exec_():
        [main] = [w for w in QApplication.topLevelWidgets() if getattr(w, "startup_open", None) is not None]
        qtbot.addWidget(main)
        seen["shown_while_waiting"] = main.isVisible() and not slow_share.is_set()
        seen["open_before"] = main.context.project is not None
        slow_share.set()  # the share answers
        qtbot.waitUntil(lambda: main.context.project is not None, timeout=20000)
        seen["opened"] = main.context.project.path
        main.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(exec_))
    assert app.main([]) == 0
    assert seen["shown_while_waiting"] and not seen["open_before"]
    assert os.path.samefile(seen["opened"], path)


def test_a_share_that_stays_silent_is_told_and_opens_when_it_answers(qtbot, window, dialogs, sample_path, tmp_path,
                                                                     monkeypatch, slow_share):
    from workbench.ui import startup

    monkeypatch.setattr(startup, "WAIT_SECONDS", 0.0)
    path = tmp_path / SHARE_NAME
    shutil.copy(sample_path, path)
    slow_share.arm()
    startup.open_when_reachable(window, path)
    qtbot.waitUntil(lambda: "reageert niet" in window.statusBar().currentMessage(), timeout=20000)
    assert window.context.project is None and dialogs.shown == []
    slow_share.set()
    qtbot.waitUntil(lambda: window.context.project is not None, timeout=20000)
    assert os.path.samefile(window.context.project.path, path)


def test_a_late_answer_does_not_replace_what_the_user_opened_meanwhile(qtbot, window, dialogs, sample_path,
                                                                       caumerbeekdal_path, tmp_path, monkeypatch,
                                                                       slow_share):
    from workbench.ui import startup

    monkeypatch.setattr(startup, "WAIT_SECONDS", 0.0)
    path = tmp_path / SHARE_NAME
    shutil.copy(sample_path, path)
    slow_share.arm()
    timer = startup.open_when_reachable(window, path)
    qtbot.waitUntil(lambda: "reageert niet" in window.statusBar().currentMessage(), timeout=20000)
    assert window.open_path(caumerbeekdal_path)
    slow_share.set()
    qtbot.waitUntil(lambda: not timer.isActive(), timeout=20000)
    assert os.path.samefile(window.context.project.path, caumerbeekdal_path)
