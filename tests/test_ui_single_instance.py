"""One app per user (issue 15, item 10): a second ``workbench PATH`` (a double-clicked
project) hands PATH to the running app and exits, instead of a second window that finds
the project locked. The second start is a real subprocess; the running app is the window
of this test process."""

import os
import shutil
import subprocess
import sys

import pytest

from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)
from workbench.ui.single_instance import InstanceServer, hand_over, server_name


def _second_start(qtbot, home, *args):
    """``python -m workbench ARGS`` as a user whose home is ``home``; its exit code."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"))
    process = subprocess.Popen([sys.executable, "-m", "workbench", *map(str, args)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        # this process answers while the other one waits: keep its event loop turning
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=60000)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()
    return process.returncode


@pytest.fixture
def running(window, tmp_path):
    """The window of this process as the running app of a user whose home is tmp_path."""
    server = InstanceServer(window, server_name(tmp_path))
    assert server.is_listening()
    return server


def test_a_second_start_hands_its_project_to_the_running_app(qtbot, window, dialogs, running, sample_path,
                                                             caumerbeekdal_path, tmp_path):
    open_in_window(qtbot, window, sample_path)
    assert _second_start(qtbot, tmp_path, caumerbeekdal_path) == 0
    assert os.path.samefile(window.context.project.path, caumerbeekdal_path)
    assert dialogs.shown == []


def test_a_second_start_of_the_open_project_only_brings_the_window_forward(qtbot, window, dialogs, running,
                                                                          sample_path, tmp_path):
    project = open_in_window(qtbot, window, sample_path)
    assert _second_start(qtbot, tmp_path, sample_path) == 0
    assert window.context.project is project and dialogs.shown == []  # no "al geopend" question


def test_without_a_running_app_nobody_takes_the_path(qtbot, tmp_path, sample_path):
    assert not hand_over(sample_path, server_name(tmp_path / "iemand-anders"))


def test_a_socket_left_by_a_crashed_app_does_not_stop_the_next(qtbot, window, tmp_path):
    if os.name == "nt":
        pytest.skip("named pipes vanish with the process on Windows")
    name = server_name(tmp_path)
    from qtpy.QtCore import QDir

    stale = os.path.join(QDir.tempPath(), name)  # where QLocalServer puts its socket on Linux and macOS
    import socket

    leftover = socket.socket(socket.AF_UNIX)
    leftover.bind(stale)  # bound and closed without listening: what a killed run leaves
    leftover.close()
    try:
        assert InstanceServer(window, name).is_listening()
    finally:
        if os.path.exists(stale):
            os.unlink(stale)
