""""Opslaan als" through the window, and over an existing file under Windows' sharing rules.

Windows refuses to rename a file over another while any handle to the target was opened
without FILE_SHARE_DELETE (which is how the C runtime's ``os.open`` opens it): the
emulation below refuses ``os.replace`` while this process holds a descriptor on the
target, as Windows would with "Toegang geweigerd" (WinError 5).
"""

import os
import shutil
import sys

import pytest
from shapely.geometry import Point

from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)
from workbench.core.commands import AddIntervention
from workbench.io.save_as import save_as
from workbench.store import open_project


def _open_in_this_process(path) -> bool:
    target = os.path.realpath(path)
    if sys.platform == "darwin":  # no /proc: ask each descriptor for its path
        import fcntl

        for name in os.listdir("/dev/fd"):
            try:
                found = fcntl.fcntl(int(name), fcntl.F_GETPATH, bytes(1024)).split(b"\0", 1)[0]
            except (OSError, ValueError):
                continue
            if os.path.realpath(os.fsdecode(found)) == target:
                return True
        return False
    for name in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{name}") == target:
                return True
        except OSError:
            continue
    return False


@pytest.fixture
def windows_sharing_rules(monkeypatch):
    """os.replace as Windows does it: refused while the target is open here. On
    Windows itself the real rules apply."""
    if os.name == "nt":
        return
    real_replace = os.replace

    def replace(source, target, *args, **kwargs):
        if os.path.exists(target) and _open_in_this_process(target):
            raise PermissionError(13, "Toegang geweigerd", str(target))
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    # and the writer, as on Windows, lets go of the target's lock before replacing it
    monkeypatch.setattr("workbench.io.output.HOLD_LOCK_WHILE_REPLACING", False)


def test_save_as_over_an_existing_project_works_under_windows_sharing_rules(
        project, tmp_path, _built_samples, windows_sharing_rules):
    target = tmp_path / "vorige-avond.gpkg"
    shutil.copy(_built_samples["caumerbeekdal"], target)
    save_as(project, target)
    assert project.path == target.resolve()
    assert project.info.name == open_project(target, read_only=True).info.name
    command = project.execute(AddIntervention("Na opslaan over", Point(195000, 325000)))
    assert open_project(target, read_only=True).get("intervention", command.uuid) is not None
    assert sorted(os.listdir(tmp_path)) == ["heerlerheide.gpkg", "vorige-avond.gpkg"]


def _save_as_in_window(window, monkeypatch, chosen):
    from qtpy.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen), "")))
    window.actions_.a["save_as"].trigger()


@pytest.mark.parametrize("name", ["avond-2.gpkg", "Avond 2.GPKG"])
def test_save_as_in_the_window_continues_in_the_copy_without_asking(
        qtbot, window, dialogs, sample_path, tmp_path, monkeypatch, name):
    open_in_window(qtbot, window, sample_path)
    target = tmp_path / name
    _save_as_in_window(window, monkeypatch, target)
    assert dialogs.shown == []  # it used to ask "al geopend ... alleen-lezen openen?"
    project = window.context.project
    assert project.path.resolve() == target.resolve() and not project.read_only
    assert sorted(os.listdir(tmp_path)) == sorted(["heerlerheide.gpkg", name, "settings"])
    command = project.execute(AddIntervention("Na opslaan als", Point(195000, 325000)))
    assert open_project(target, read_only=True).get("intervention", command.uuid) is not None
    # the original is no longer held: it opens for writing elsewhere
    open_project(sample_path).close()


def test_save_as_in_the_window_over_an_existing_file_under_windows_rules(
        qtbot, window, dialogs, sample_path, tmp_path, monkeypatch, _built_samples, windows_sharing_rules):
    open_in_window(qtbot, window, sample_path)
    target = tmp_path / "bestaand.gpkg"
    shutil.copy(_built_samples["caumerbeekdal"], target)
    _save_as_in_window(window, monkeypatch, target)
    assert dialogs.shown == []
    assert window.context.project.path.resolve() == target.resolve()
    assert window.context.project.info.name == open_project(target, read_only=True).info.name
