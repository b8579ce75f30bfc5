"""File names that Windows cannot use are refused everywhere (projects travel to Windows
laptops), with a Dutch reason and no file left behind; ``.GPKG`` counts as ``.gpkg``."""

import os
import subprocess
import sys

import pytest

from workbench.errors import ProjectFileError
from workbench.io.save_as import save_as


def run(*args):
    return subprocess.run([sys.executable, "-m", "workbench", *map(str, args)],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("name", ["CON.gpkg", "nul.gpkg", "Com1.GPKG", "LPT9.gpkg", "aux .gpkg", "aux.kopie.gpkg"])
def test_new_project_with_a_reserved_windows_name_is_refused_and_nothing_is_made(tmp_path, name):
    result = run("new", tmp_path / name, "--name", "Test")
    assert result.returncode == 2
    assert "Windows reserveert" in result.stderr and "Traceback" not in result.stderr
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("name", ['wat?.gpkg', 'a:b.gpkg', 'x|y.gpkg', 'eind .', "tab\tnaam.gpkg"])
def test_new_project_with_characters_windows_refuses_is_refused(tmp_path, name):
    result = run("new", tmp_path / name, "--name", "Test")
    assert result.returncode == 2 and "Windows" in result.stderr
    assert os.listdir(tmp_path) == []


def test_save_as_under_a_reserved_name_is_refused(project, tmp_path):
    original = project.path
    with pytest.raises(ProjectFileError, match="Windows reserveert PRN"):
        save_as(project, tmp_path / "prn.gpkg")
    assert project.path == original
    assert sorted(os.listdir(tmp_path)) == ["heerlerheide.gpkg"]


def test_ordinary_names_that_merely_contain_a_device_name_are_fine(tmp_path):
    for name in ("console.gpkg", "con-project.gpkg", "COM10.gpkg", "Aux Heerlen.gpkg"):
        assert run("new", tmp_path / name, "--name", "Test").returncode == 0, name


def test_a_project_named_after_a_device_gets_a_usable_suggested_file_name():
    from workbench.ui.wizard import file_name_for

    assert file_name_for("CON") == "con-project.gpkg"
    assert file_name_for("Nul") == "nul-project.gpkg"
    assert file_name_for("Heerlerheide 2030") == "heerlerheide-2030.gpkg"


def test_upper_case_suffix_opens_as_a_project(sample_path, tmp_path):
    upper = tmp_path / "AVOND.GPKG"
    os.rename(sample_path, upper)
    from workbench.filenames import has_project_suffix, with_project_suffix

    assert has_project_suffix(upper) and with_project_suffix("avond.GPKG") == "avond.GPKG"
    assert with_project_suffix("avond") == "avond.gpkg"
    assert run("info", upper).returncode == 0


def test_a_folder_with_a_percent_sign_works(tmp_path):
    # Opening reads through an SQLite URI, where "%41" would mean "A".
    folder = tmp_path / "50%41 klaar #1"  # "?" and "#" are escaped too, but "?" cannot be on Windows
    folder.mkdir()
    assert run("sample", "heerlerheide", folder / "p.gpkg").returncode == 0
    result = run("info", folder / "p.gpkg")
    assert result.returncode == 0 and "Heerlerheide" in result.stdout, result.stderr
