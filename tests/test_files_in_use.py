"""Files another program holds (issue 15, item 7): a PDF open in Acrobat, a GeoPackage
open in QGIS. On Windows such a file cannot be replaced; the app then offers a free
name ("handout (2).pdf") in a save dialog instead of only an error. And the merge's
scratch folder that Windows will not let go of does not undo a committed merge.

Windows' refusal is emulated at the os level: ``os.replace`` onto the held file raises
PermissionError (WinError 5, "Toegang geweigerd"), as it does there.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from qtpy.QtCore import QUrl
from qtpy.QtGui import QDesktopServices
from qtpy.QtWidgets import QFileDialog

from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)
from workbench.filenames import numbered_alternative
from workbench.io.merge import merge_files
from workbench.store import open_project


@pytest.fixture
def held_by_another_program(monkeypatch):
    """Paths added to the returned set are "open in Acrobat": Windows refuses to
    replace them, every time (the writer retries, as it does there, then gives up)."""
    held = set()
    real_replace = os.replace

    def replace(source, target, *args, **kwargs):
        if os.path.realpath(target) in held:
            error = PermissionError(13, "Toegang geweigerd", str(target))
            error.winerror = 5
            raise error
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr("workbench.io.output.RETRY_REFUSED_REPLACE", True)
    monkeypatch.setattr("workbench.io.output.HOLD_LOCK_WHILE_REPLACING", False)
    return held


@pytest.fixture
def save_dialog(monkeypatch):
    """Records what the save dialog suggested and answers with ``answer`` (the suggestion
    itself when None, as when the user just clicks Save)."""
    class Asked:
        calls = []
        answer = None

    def ask(parent, caption, start, file_filter="", *args, **kwargs):
        Asked.calls.append((caption, start))
        return (start if Asked.answer is None else Asked.answer), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    return Asked


def test_free_names_count_on_like_explorer(tmp_path):
    (tmp_path / "handout.pdf").write_bytes(b"old")
    assert numbered_alternative(tmp_path / "handout.pdf") == tmp_path / "handout (2).pdf"
    (tmp_path / "handout (2).pdf").write_bytes(b"old")
    assert numbered_alternative(tmp_path / "handout.pdf") == tmp_path / "handout (3).pdf"
    assert numbered_alternative(tmp_path / "handout (2).pdf") == tmp_path / "handout (3).pdf"


def test_a_pdf_open_in_acrobat_gets_another_name_offered(
        qtbot, window, dialogs, sample_path, tmp_path, monkeypatch, held_by_another_program, save_dialog):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    open_in_window(qtbot, window, sample_path)
    old = tmp_path / "handout.pdf"
    old.write_bytes(b"%PDF van vorige week")
    held_by_another_program.add(os.path.realpath(old))
    dialog = window.export_dialog()
    dialog.path.setText(str(old))
    dialog.buttons.accepted.emit()
    [(caption, suggested)] = save_dialog.calls
    assert Path(suggested) == tmp_path / "handout (2).pdf"
    assert "handout.pdf" in caption and "ander programma" in caption
    new = tmp_path / "handout (2).pdf"
    assert new.read_bytes().startswith(b"%PDF-") and old.read_bytes() == b"%PDF van vorige week"
    assert opened == [QUrl.fromLocalFile(str(new))]
    assert not dialog.isVisible()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == ["handout (2).pdf", "handout.pdf"]


def test_declining_the_other_name_leaves_the_dutch_reason(
        qtbot, window, dialogs, sample_path, tmp_path, held_by_another_program, save_dialog):
    open_in_window(qtbot, window, sample_path)
    old = tmp_path / "handout.pdf"
    old.write_bytes(b"%PDF oud")
    held_by_another_program.add(os.path.realpath(old))
    save_dialog.answer = ""  # Annuleren in the save dialog
    dialog = window.export_dialog()
    dialog.path.setText(str(old))
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and "geopend in een ander programma" in dialog.error.text()
    assert "Acrobat" in dialog.error.text() and old.read_bytes() == b"%PDF oud"
    assert not (tmp_path / "handout (2).pdf").exists()


def test_save_as_over_a_project_open_in_qgis_offers_another_name(
        qtbot, window, dialogs, sample_path, tmp_path, _built_samples, held_by_another_program, save_dialog,
        monkeypatch):
    open_in_window(qtbot, window, sample_path)
    target = tmp_path / "avond.gpkg"
    shutil.copy(_built_samples["caumerbeekdal"], target)
    before = target.read_bytes()
    held_by_another_program.add(os.path.realpath(target))
    save_dialog.answer = str(tmp_path / "avond.gpkg")  # the first question: where to save

    def then_suggestion(parent, caption, start, *args, **kwargs):
        save_dialog.calls.append((caption, start))
        return (save_dialog.answer, "") if len(save_dialog.calls) == 1 else (start, "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(then_suggestion))
    window.actions_.a["save_as"].trigger()
    assert [Path(start).name for _c, start in save_dialog.calls] == ["heerlerheide.gpkg", "avond (2).gpkg"]
    assert window.context.project.path.resolve() == (tmp_path / "avond (2).gpkg").resolve()
    assert target.read_bytes() == before and dialogs.shown == []


def test_a_scratch_folder_windows_will_not_delete_does_not_undo_the_merge(
        sample_path, tmp_path, monkeypatch):
    scratch_base = tmp_path / "temp"
    scratch_base.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch_base))
    other = tmp_path / "laptop.gpkg"
    shutil.copy(sample_path, other)
    from shapely.geometry import Point

    from workbench.core.commands import AddIntervention

    laptop = open_project(other)
    laptop.execute(AddIntervention("Speeltuin bij de school", Point(195000, 325000)))
    laptop.close()
    real_unlink, real_rmdir = os.unlink, os.rmdir

    def in_scratch(path, dir_fd=None) -> bool:
        return dir_fd is not None or "werkbank-samenvoegen-" in os.fspath(path)

    def refuse(real):
        def call(path, *args, dir_fd=None, **kwargs):
            if in_scratch(path, dir_fd):  # "in gebruik door een ander proces" (a virus scanner)
                error = PermissionError(13, "Het proces heeft geen toegang tot het bestand", os.fspath(path))
                error.winerror = 32
                raise error
            return real(path, *args, dir_fd=dir_fd, **kwargs) if dir_fd is not None else real(path, *args, **kwargs)
        return call

    monkeypatch.setattr(os, "unlink", refuse(real_unlink))
    monkeypatch.setattr(os, "remove", refuse(real_unlink))
    monkeypatch.setattr(os, "rmdir", refuse(real_rmdir))
    target = open_project(sample_path)
    try:
        summary = merge_files(target, [other])
        assert [i.title for i in target.interventions()].count("Speeltuin bij de school") == 1
    finally:
        target.close()
    monkeypatch.undo()
    reopened = open_project(sample_path, read_only=True)
    try:
        assert [i.title for i in reopened.interventions()].count("Speeltuin bij de school") == 1
    finally:
        reopened.close()
    assert summary.notes == []  # nothing to tell: the next merge removes the folder
