"""The project's metadata, area, reference layers and underlays travel through the shared
database like every other row (real PostgreSQL + PostGIS; skipped where not installed)."""

import shutil

from shapely.geometry import box

from tests.laptop_files import edit
from tests.test_merge_setup import PNG, layer
from tests.test_sync_postgis import of_database, of_file, sync
from workbench.core.setup_commands import AddReferenceLayer, DeleteReferenceLayer, EditInfo, SetArea
from workbench.core.underlay_commands import AddUnderlay, DeleteUnderlay
from workbench.store import open_project


def test_metadata_area_layers_and_underlays_travel_through_the_database_and_deletions_too(
        sample_path, tmp_path, database):
    other = tmp_path / "ander.gpkg"
    shutil.copy(sample_path, other)
    sync(sample_path, database)
    sync(other, database)
    edit(sample_path, EditInfo(contact="wijkteam@heerlen.nl"), SetArea(box(194000, 324000, 197000, 327000)),
         AddReferenceLayer(layer("Buurten 2026")), AddUnderlay("Schets", PNG, "png", (1, 0, 0, -1, 195000, 325000)))
    assert sync(sample_path, database).pushed == 4
    sync(other, database)
    state = of_file(other)
    assert state == of_file(sample_path) == of_database(database, other)
    assert state["info"].contact == "wijkteam@heerlen.nl" and [u[1] for u in state["underlays"]] == ["Schets"]
    project = open_project(other, read_only=True)
    ref, underlay = (next(r.uuid for r in project.reference_layers() if r.name == "Buurten 2026"),
                     project.all("underlay")[0].uuid)
    project.close()
    edit(other, DeleteReferenceLayer(ref), DeleteUnderlay(underlay))
    sync(other, database)
    sync(sample_path, database)
    assert of_file(sample_path) == of_file(other) == of_database(database, other)
    assert of_file(sample_path)["underlays"] == []
    again = sync(sample_path, database)
    assert again.changes == 0 and again.pushed == 0


def test_metadata_changed_on_two_laptops_is_listed_once_and_ends_the_same_everywhere(sample_path, tmp_path, database):
    other = tmp_path / "ander.gpkg"
    shutil.copy(sample_path, other)
    edit(sample_path, EditInfo(description="Uit de eerste laptop"))
    edit(other, EditInfo(description="Uit de tweede laptop"))
    conflicts = []
    for path in (sample_path, other, sample_path, other):
        conflicts += [c.line() for c in sync(path, database).conflicts]
    assert len(conflicts) == 1 and conflicts[0].startswith("Projectgegevens")
    assert of_file(sample_path) == of_file(other) == of_database(database, other)
