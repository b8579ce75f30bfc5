"""Issue 14: opening skips the checks for foreign edits only when nobody else wrote the
file since the workbench last checked it. Whatever another program writes, in whatever
journal mode, is still found and repaired on the next open."""

import sqlite3

import pytest
from shapely.geometry import Point

from workbench.core.commands import EditIntervention
from workbench.store import gpkg_blob, open_project


def edit_in_workbench(path):
    project = open_project(path)
    try:
        project.execute(EditIntervention(project.intervention_by_number(1).uuid, title="Eerst in de werkbank"))
    finally:
        project.close()


@pytest.mark.parametrize("journal", ["DELETE", "WAL", "TRUNCATE", "MEMORY"])
def test_an_idea_drawn_elsewhere_after_our_edits_is_adopted(sample_path, journal):
    edit_in_workbench(sample_path)
    edit_in_workbench(sample_path)  # opened trusted now; its commit seals again
    conn = sqlite3.connect(sample_path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("INSERT INTO interventions (geom, title) VALUES (?, ?)",
                 (gpkg_blob.encode(Point(195200, 325200)), "Uit QGIS"))
    conn.commit()
    conn.close()
    project = open_project(sample_path)
    try:
        adopted = [item for item in project.interventions() if item.title == "Uit QGIS"]
        assert len(adopted) == 1 and adopted[0].number == 23
        assert any("QGIS" in warning for warning in project.warnings)
        assert project.intervention_by_number(1).title == "Eerst in de werkbank"
    finally:
        project.close()


def test_text_typed_into_a_number_column_after_our_edits_is_repaired(sample_path):
    edit_in_workbench(sample_path)
    conn = sqlite3.connect(sample_path)
    conn.execute("UPDATE votes SET count = 'veel' WHERE rowid = (SELECT min(rowid) FROM votes)")
    conn.commit()
    conn.close()
    project = open_project(sample_path)
    try:
        assert all(type(vote.count) is int for vote in project.all("vote"))
    finally:
        project.close()


def test_an_idea_drawn_elsewhere_while_the_project_is_open_is_adopted_later(sample_path):
    edit_in_workbench(sample_path)
    project = open_project(sample_path)
    try:
        conn = sqlite3.connect(sample_path)  # QGIS writes while the app has the file open
        conn.execute("INSERT INTO interventions (geom, title) VALUES (?, ?)",
                     (gpkg_blob.encode(Point(195300, 325300)), "Terwijl open"))
        conn.commit()
        conn.close()
        project.execute(EditIntervention(project.intervention_by_number(2).uuid, title="Daarna in de werkbank"))
    finally:
        project.close()
    again = open_project(sample_path)
    try:
        adopted = [item for item in again.interventions() if item.title == "Terwijl open"]
        assert len(adopted) == 1 and adopted[0].number == 23
    finally:
        again.close()
