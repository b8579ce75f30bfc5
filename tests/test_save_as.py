""""Opslaan als": a complete copy via the backup API, atomic, and work continues there."""

import os

import pytest
from shapely.geometry import Point

from tests.helpers import reopened_snapshot, snapshot
from workbench.core.commands import AddIntervention
from workbench.errors import WorkbenchError
from workbench.io.save_as import save_as
from workbench.store import open_project


def test_save_as_copies_everything_and_continues_in_the_copy(project, tmp_path):
    original = project.path
    target = tmp_path / "kopie" / "avond-2.gpkg"
    target.parent.mkdir()
    save_as(project, target)
    assert project.path == target.resolve()
    assert reopened_snapshot(target) == snapshot(project)
    project.execute(AddIntervention("Na opslaan als", Point(195000, 325000)))
    assert any(i.title == "Na opslaan als" for i in open_project(target, read_only=True).interventions())
    assert not any(i.title == "Na opslaan als" for i in open_project(original, read_only=True).interventions())
    # The original is free again; no temporary files are left behind.
    open_project(original).close()
    assert sorted(os.listdir(target.parent)) == ["avond-2.gpkg"]


def test_interrupted_save_as_leaves_the_target_and_no_half_file(project, tmp_path, monkeypatch):
    target = tmp_path / "bestaand.gpkg"
    target.write_bytes(b"het oude bestand")

    def power_cut(*args, **kwargs):
        raise OSError("stroom uitgevallen")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(WorkbenchError, match="stroom uitgevallen"):
        save_as(project, target)
    assert target.read_bytes() == b"het oude bestand"
    assert sorted(os.listdir(tmp_path)) == ["bestaand.gpkg", "heerlerheide.gpkg"]


def test_save_as_into_a_missing_folder_is_refused(project, tmp_path):
    with pytest.raises(WorkbenchError, match="bestaat niet"):
        save_as(project, tmp_path / "nergens" / "x.gpkg")


def test_save_as_onto_a_folder_is_a_dutch_refusal(project, tmp_path):
    (tmp_path / "map.gpkg").mkdir()
    with pytest.raises(WorkbenchError, match="is een map"):
        save_as(project, tmp_path / "map.gpkg")
    assert sorted(os.listdir(tmp_path)) == ["heerlerheide.gpkg", "map.gpkg"]


def test_save_as_over_a_project_open_elsewhere_is_refused_and_keeps_it(project, tmp_path, _built_samples):
    import shutil

    from workbench.errors import ProjectInUseError

    other_path = tmp_path / "ander.gpkg"
    shutil.copy(_built_samples["caumerbeekdal"], other_path)
    other = open_project(other_path)  # open in another window
    try:
        before = other_path.read_bytes()
        with pytest.raises(ProjectInUseError, match="al geopend"):
            save_as(project, other_path)
        assert other_path.read_bytes() == before
        assert project.path != other_path
        # the other window's next edit still lands in the file it shows
        command = other.execute(AddIntervention("Na het opslaan", Point(195000, 325000)))
        reopened = open_project(other_path, read_only=True)
        try:
            assert reopened.get("intervention", command.uuid) is not None
        finally:
            reopened.close()
    finally:
        other.close()
    assert sorted(os.listdir(tmp_path)) == ["ander.gpkg", "heerlerheide.gpkg"]


def test_save_as_over_a_closed_project_still_replaces_it(project, tmp_path, _built_samples):
    import shutil

    target = tmp_path / "oud.gpkg"
    shutil.copy(_built_samples["caumerbeekdal"], target)
    save_as(project, target)
    assert project.path == target.resolve()
