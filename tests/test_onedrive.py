"""OneDrive (issue 15, item 8): projects in OneDrive get a Dutch warning, never a refusal;
new projects default to ~/Werkbank; the first-start sample lives in local app data and
says it is an example. Windows' and macOS' layouts are emulated on Linux through the
environment variables and folders those systems have."""

import shutil
from pathlib import Path

import pytest

from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)
from workbench.cli import main
from workbench.locations import default_project_folder, in_onedrive, local_data_folder, onedrive_warning

NO_ONEDRIVE = {}


@pytest.mark.parametrize("parts", [
    ("OneDrive - Gemeente Heerlen", "Documenten", "avond.gpkg"),  # a business OneDrive on Windows
    ("OneDrive", "Documents", "avond.gpkg"),  # a personal one
    ("onedrive - gemeente heerlen", "avond.gpkg"),  # Windows names are case-insensitive
    ("Library", "CloudStorage", "OneDrive-GemeenteHeerlen", "Werk", "avond.gpkg"),  # macOS
])
def test_onedrive_folders_are_recognised_by_name(tmp_path, parts):
    assert in_onedrive(tmp_path.joinpath(*parts), NO_ONEDRIVE, tmp_path)


@pytest.mark.parametrize("parts", [
    ("Werkbank", "avond.gpkg"), ("Documents", "OneDrive.gpkg"), ("OneDriveBackup", "avond.gpkg"),
    ("Documenten", "OneDrive-oud", "avond.gpkg"),
])
def test_local_folders_are_not_onedrive(tmp_path, parts):
    assert not in_onedrive(tmp_path.joinpath(*parts), NO_ONEDRIVE, tmp_path)
    assert onedrive_warning(tmp_path.joinpath(*parts), environ=NO_ONEDRIVE, home=tmp_path) is None


@pytest.mark.parametrize("variable", ["OneDrive", "OneDriveCommercial", "OneDriveConsumer"])
def test_a_redirected_folder_named_by_the_environment_is_onedrive(tmp_path, variable):
    # an organisation may give its OneDrive any folder name; Windows names it in these variables
    root = tmp_path / "Gemeente Heerlen Bestanden"
    environ = {variable: str(root)}
    assert in_onedrive(root / "Documenten" / "avond.gpkg", environ, tmp_path)
    assert not in_onedrive(tmp_path / "Gemeente Heerlen Bestanden-oud" / "avond.gpkg", environ, tmp_path)
    assert not in_onedrive(tmp_path / "Werkbank" / "avond.gpkg", environ, tmp_path)


def test_the_warning_says_where_to_work_instead(tmp_path):
    warning = onedrive_warning(tmp_path / "OneDrive - Gemeente" / "avond.gpkg", environ={}, home=tmp_path)
    assert "avond.gpkg" in warning and "OneDrive" in warning
    assert str(tmp_path / "Werkbank") in warning and "samenvoegen" in warning


def test_new_projects_default_to_a_local_werkbank_folder(tmp_path):
    assert default_project_folder(tmp_path) == tmp_path / "Werkbank"


def test_the_sample_lives_in_local_not_roaming_app_data(tmp_path):
    environ = {"LOCALAPPDATA": r"C:\Users\jan\AppData\Local", "APPDATA": r"C:\Users\jan\AppData\Roaming"}
    windows = local_data_folder("Gebiedsvisie Werkbank", "Werkbank", environ, "win32", tmp_path)
    assert str(windows).startswith(r"C:\Users\jan\AppData\Local") and "Roaming" not in str(windows)
    mac = local_data_folder("Gebiedsvisie Werkbank", "Werkbank", {}, "darwin", tmp_path)
    assert mac == tmp_path / "Library" / "Application Support" / "Gebiedsvisie Werkbank" / "Werkbank"
    linux = local_data_folder("Gebiedsvisie Werkbank", "Werkbank", {}, "linux", tmp_path)
    assert linux == tmp_path / ".local" / "share" / "Gebiedsvisie Werkbank" / "Werkbank"


def test_the_cli_warns_on_stderr_when_a_project_is_made_in_onedrive(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "Bestanden van de gemeente"
    folder.mkdir()
    monkeypatch.setenv("OneDriveCommercial", str(folder))
    assert main(["new", str(folder / "avond.gpkg"), "--name", "Avond"]) == 0
    captured = capsys.readouterr()
    assert (folder / "avond.gpkg").exists()  # a warning, not a refusal
    [line] = captured.err.splitlines()
    assert line.startswith("workbench: Let op: avond.gpkg is gemaakt in OneDrive.")
    assert "OneDrive" not in captured.out
    assert main(["info", str(folder / "avond.gpkg")]) == 0
    assert "staat in OneDrive" in capsys.readouterr().err
    monkeypatch.delenv("OneDriveCommercial")
    assert main(["info", str(folder / "avond.gpkg")]) == 0
    assert capsys.readouterr().err == ""


def test_the_app_shows_a_notice_not_a_dialog_for_a_project_in_onedrive(
        qtbot, window, dialogs, sample_path, tmp_path, monkeypatch):
    for variable in ("OneDrive", "OneDriveCommercial", "OneDriveConsumer"):
        monkeypatch.delenv(variable, raising=False)
    cloud = tmp_path / "OneDrive - Gemeente Heerlen" / "Documenten"
    cloud.mkdir(parents=True)
    shutil.copy(sample_path, cloud / "avond.gpkg")
    open_in_window(qtbot, window, cloud / "avond.gpkg")
    assert dialogs.shown == []  # nothing to click away
    assert window.notice.isVisible() and "OneDrive" in window.notice.text()
    assert "lokale map" in window.notice.toolTip()
    assert "OneDrive" in window.statusBar().currentMessage()
    open_in_window(qtbot, window, sample_path)  # a local project: the notice goes
    assert not window.notice.isVisible() and window.notice.text() == ""


def test_the_first_start_sample_says_it_is_an_example(qtbot, window, dialogs, tmp_path):
    from workbench.ui import app

    path = app.ensure_sample()
    open_in_window(qtbot, window, path)
    assert window.notice.isVisible() and "Voorbeeldproject" in window.notice.text()
    assert "Nieuw project" in window.notice.toolTip() and "Werkbank" in window.notice.toolTip()
    assert dialogs.shown == []


def test_the_wizard_suggests_the_werkbank_folder_and_makes_it(qtbot, window, dialogs, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "jan"))
    (tmp_path / "jan").mkdir()
    wizard = window.new_project()
    qtbot.waitExposed(wizard)
    page = wizard.project_page
    qtbot.keyClicks(page.name, "Avond in de wijk")
    assert Path(page.path.text()) == tmp_path / "jan" / "Werkbank" / "avond-in-de-wijk.gpkg"
    assert not (tmp_path / "jan" / "Werkbank").exists()  # only made when the project is
    assert page.validatePage()
    assert (tmp_path / "jan" / "Werkbank").is_dir()
    wizard.reject()

