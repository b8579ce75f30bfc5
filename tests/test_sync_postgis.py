"""Sync with a real PostgreSQL + PostGIS (skipped with a reason where it is not installed)."""

import shutil

from shapely.geometry import Point

from workbench.core.commands import AddIntervention, EditIntervention
from workbench.store import open_project
from workbench.sync.run import sync_project


def sync(path, url):
    project = open_project(path)
    try:
        return sync_project(project, url)
    finally:
        project.close()


def titles(path):
    project = open_project(path, read_only=True)
    try:
        return sorted((i.uuid, i.title) for i in project.interventions())
    finally:
        project.close()


def test_two_laptops_meet_through_the_database_and_a_second_sync_changes_nothing(sample_path, tmp_path, database):
    other = tmp_path / "ander.gpkg"
    shutil.copy(sample_path, other)
    first = sync(sample_path, database)
    assert first.pushed > 0
    project = open_project(other)
    try:
        project.execute(AddIntervention("Nieuw bij de ander", Point(195010, 325510)))
        idea = project.interventions()[0].uuid
        project.execute(EditIntervention(idea, title="Ander bewerkt"))
    finally:
        project.close()
    sync(other, database)
    sync(sample_path, database)
    assert titles(sample_path) == titles(other)
    again = sync(sample_path, database)
    assert again.changes == 0 and again.pushed == 0 and again.conflicts == []
