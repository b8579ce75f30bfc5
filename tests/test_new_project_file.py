"""``new`` (CLI, wizard, samples) makes a complete project or no file at all, and a
retry works (issue 13, part 7). The kill -9 variant lives in tests/test_crash.py."""

import os
import time

import pytest

from workbench.cli import main
from workbench.errors import ProjectFileError, ValidationError
from workbench.io.projects import new_project
from workbench.io.samples import build_sample
from workbench.store import open_project
from workbench.store.creation import TEMP_PREFIX
from workbench.store.project_file import check_project


def _refuse(project):
    raise ValidationError("afgebroken")


def test_a_build_that_fails_halfway_leaves_no_file_and_a_retry_succeeds(tmp_path):
    path = tmp_path / "p.gpkg"
    with pytest.raises(ValidationError):
        new_project(path, "Half", "heerlen-2050", then=_refuse)
    assert os.listdir(tmp_path) == []
    new_project(path, "Heel", "heerlen-2050").close()
    assert check_project(path) == []


def test_the_file_appears_only_complete(tmp_path):
    path = tmp_path / "p.gpkg"
    seen = []

    def look(project):
        seen.append(path.exists())

    project = new_project(path, "Heel", "heerlen-2050", then=look)
    project.close()
    assert seen == [False]
    reopened = open_project(path, read_only=True)
    assert len(reopened.themes()) > 0 and reopened.info.name == "Heel"
    reopened.close()


def test_a_file_that_appears_meanwhile_is_never_replaced(tmp_path):
    path = tmp_path / "p.gpkg"

    def someone_else_saves_there(project):
        path.write_bytes(b"van een collega")

    with pytest.raises(ProjectFileError, match="bestaat al"):
        new_project(path, "Nieuw", "leeg", then=someone_else_saves_there)
    assert path.read_bytes() == b"van een collega"
    assert os.listdir(tmp_path) == ["p.gpkg"]


def test_a_sample_that_fails_halfway_leaves_no_file(tmp_path, monkeypatch):
    from workbench.io import samples

    recipe = samples.recipe("heerlerheide")
    recipe["interventions"][-1]["themes"] = ["Geen thema met deze naam"]
    monkeypatch.setattr(samples, "recipe", lambda name: recipe)
    with pytest.raises(ValidationError):
        build_sample("heerlerheide", tmp_path / "s.gpkg")
    assert os.listdir(tmp_path) == []


def test_a_name_too_long_for_the_journal_is_refused_in_dutch(tmp_path, capsys):
    name = "g" * 245 + ".gpkg"
    assert main(["new", str(tmp_path / name), "--name", "Lang"]) == 2
    err = capsys.readouterr().err
    assert "te lang" in err and "Error" not in err
    assert os.listdir(tmp_path) == []


def test_a_temporary_left_by_a_killed_new_is_cleaned_up_by_the_next(tmp_path):
    stale = tmp_path / f"{TEMP_PREFIX}abc.gpkg"
    stale.write_bytes(b"SQLite format 3\x00half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    new_project(tmp_path / "p.gpkg", "Nieuw", "leeg").close()
    assert os.listdir(tmp_path) == ["p.gpkg"]


def test_a_new_project_gets_the_permissions_of_any_new_file(tmp_path):
    plain = tmp_path / "gewoon.txt"
    plain.write_text("x")
    new_project(tmp_path / "p.gpkg", "Nieuw", "leeg").close()
    assert (tmp_path / "p.gpkg").stat().st_mode == plain.stat().st_mode
