"""Edits made in QGIS (or any GeoPackage editor) show up on reopen, or are reported."""

import sqlite3

import pytest
from shapely.geometry import Point, Polygon

from workbench.store import gpkg_blob, open_project


def qgis_session(path):
    """A plain connection, as QGIS/GDAL would use: no workbench code involved."""
    return sqlite3.connect(path)


def test_polygon_drawn_in_qgis_is_adopted_numbered_and_kept(sample_path):
    conn = qgis_session(sample_path)
    shape = Polygon([(195000, 325000), (195100, 325000), (195100, 325080), (195000, 325000)])
    conn.execute("INSERT INTO interventions (geom, title) VALUES (?, ?)", (gpkg_blob.encode(shape), "Uit QGIS"))
    conn.execute("INSERT INTO interventions (geom) VALUES (?)", (gpkg_blob.encode(Point(195200, 325200)),))
    conn.commit()
    conn.close()

    project = open_project(sample_path)
    adopted = {i.title: i for i in project.interventions() if i.number > 22}
    assert set(adopted) == {"Uit QGIS", "Idee 24"}
    assert adopted["Uit QGIS"].number == 23 and adopted["Uit QGIS"].geometry.equals(shape)
    assert any("QGIS" in w for w in project.warnings)
    uuids = {i.uuid for i in adopted.values()}
    project.close()
    # The repair is stored: the next open finds nothing to report and the same UUIDs.
    again = open_project(sample_path)
    assert {i.uuid for i in again.interventions() if i.number > 22} == uuids
    assert again.warnings == []
    again.close()


def test_attribute_changed_in_qgis_shows_up(sample_path):
    conn = qgis_session(sample_path)
    conn.execute("UPDATE interventions SET title = 'Supermarkt moet blijven!' WHERE number = 4")
    conn.commit()
    conn.close()
    project = open_project(sample_path)
    assert project.intervention_by_number(4).title == "Supermarkt moet blijven!"
    project.close()


def test_invalid_shape_from_qgis_is_repaired_and_reported(sample_path):
    bow_tie = Polygon([(195000, 325000), (195100, 325100), (195100, 325000), (195000, 325100)])
    conn = qgis_session(sample_path)
    conn.execute("UPDATE interventions SET geom = ? WHERE number = 2", (gpkg_blob.encode(bow_tie),))
    conn.execute("UPDATE interventions SET geom = NULL WHERE number = 3")
    conn.execute("UPDATE interventions SET geom = X'47500001' WHERE number = 5")  # a cut-off blob
    conn.commit()
    conn.close()
    project = open_project(sample_path)
    repaired = project.intervention_by_number(2)
    # The bow tie becomes its two triangles: nothing of the drawn surface is lost.
    assert repaired.geometry.is_valid and repaired.geometry.geom_type == "MultiPolygon"
    assert abs(repaired.geometry.area - 5000) < 1e-6
    # A geometry removed in QGIS (NULL) leaves an idea without a place, not a lost idea;
    # a blob that is there but unreadable is still reported and left out.
    assert project.intervention_by_number(3).geometry is None
    assert project.intervention_by_number(5) is None
    text = " ".join(project.warnings)
    assert "idee 2" in text.lower() and "hersteld" in text
    assert "Idee 5" in text and "Idee 3" not in text
    project.close()


def test_theme_deleted_in_qgis_leaves_no_dangling_links(sample_path):
    conn = qgis_session(sample_path)
    conn.execute("PRAGMA foreign_keys = OFF")  # QGIS does not enforce our keys
    conn.execute("DELETE FROM themes WHERE name = 'Groen verbindt'")
    conn.commit()
    conn.close()
    project = open_project(sample_path)
    assert project.theme_by_name("Groen verbindt") is None
    assert all(project.get("theme", t) for i in project.interventions() for t in i.theme_uuids)
    assert any("verwijzing" in w for w in project.warnings)
    project.close()
    conn = qgis_session(sample_path)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


def test_our_writes_survive_a_spatial_index_added_by_qgis(sample_path):
    # QGIS adds R-tree triggers that call ST_* functions; plain SQLite lacks them.
    conn = qgis_session(sample_path)
    conn.executescript("""
    CREATE VIRTUAL TABLE rtree_interventions_geom USING rtree(id, minx, maxx, miny, maxy);
    CREATE TRIGGER rtree_interventions_geom_insert AFTER INSERT ON interventions
      WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
      BEGIN INSERT OR REPLACE INTO rtree_interventions_geom VALUES (
        NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)); END;
    """)
    conn.close()
    from workbench.core.commands import AddIntervention

    project = open_project(sample_path)
    project.execute(AddIntervention("Na QGIS", Point(195300, 325300)))
    project.close()
    conn = qgis_session(sample_path)
    ((minx, maxx, miny, maxy),) = conn.execute("SELECT minx, maxx, miny, maxy FROM rtree_interventions_geom")
    assert minx <= 195300 <= maxx and miny <= 325300 <= maxy
    conn.close()


# Values QGIS's attribute table lets anyone type, where the app needs something else.
UNUSABLE_VALUES = {
    "votes as text": "UPDATE votes SET count = 'veel' WHERE id = (SELECT MIN(id) FROM votes)",
    "negative votes": "UPDATE votes SET count = -5 WHERE id = (SELECT MIN(id) FROM votes)",
    "unknown status": "UPDATE interventions SET status = 'onzin', horizon = 'ooit' WHERE number = 1",
    "colour as a word": "UPDATE themes SET color = 'rood'",
    "quantities as text": "UPDATE intervention_quantities SET value = 'veel'",
    "participants as text": "UPDATE sessions SET participants = 'veel'",
    "number as text": "UPDATE interventions SET number = 'een' WHERE number = 3",
    "target as text": "UPDATE goals SET target = 'veel'",
    "theme is its own parent": "UPDATE themes SET parent_uuid = uuid WHERE id = (SELECT MIN(id) FROM themes)",
    "themes parent of each other": (
        "UPDATE themes SET parent_uuid = (SELECT uuid FROM themes WHERE id = (SELECT MAX(id) FROM themes)) "
        "WHERE id = (SELECT MIN(id) FROM themes);"
        "UPDATE themes SET parent_uuid = (SELECT uuid FROM themes WHERE id = (SELECT MIN(id) FROM themes)) "
        "WHERE id = (SELECT MAX(id) FROM themes)"),
}


@pytest.mark.parametrize("name", sorted(UNUSABLE_VALUES))
def test_unusable_values_from_qgis_are_replaced_and_everything_still_works(sample_path, tmp_path, name):
    from tests.helpers import reopened_snapshot, snapshot
    from workbench.core.setup_commands import DeleteSession
    from workbench.core.theme_commands import DeleteTheme
    from workbench.io.export_csv import export_csv
    from workbench.io.export_geojson import export_geojson
    from workbench.io.export_gpkg import export_gpkg
    from workbench.report import export_pdf

    conn = qgis_session(sample_path)
    for statement in UNUSABLE_VALUES[name].split(";"):
        conn.execute(statement)
    conn.commit()
    conn.close()
    read_only = open_project(sample_path, read_only=True)
    shown = snapshot(read_only)
    read_only.close()
    project = open_project(sample_path)
    try:
        assert any("onbruikbaar" in w for w in project.warnings)
        assert snapshot(project) == shown == reopened_snapshot(sample_path)
        for kind in ("handout", "report", "poster"):
            export_pdf(project, tmp_path / f"{kind}.pdf", kind=kind)
        export_geojson(project, tmp_path / "uit.geojson")
        export_csv(project, tmp_path / "uit.csv")
        export_gpkg(project, tmp_path / "uit.gpkg")
        for theme in project.themes():
            project.execute(DeleteTheme(theme.uuid))
        project.execute(DeleteSession(project.sessions()[0].uuid))
        while project.undo_stack.can_undo():
            project.undo_stack.undo()
        assert snapshot(project) == shown == reopened_snapshot(sample_path)
    finally:
        project.close()


def test_a_reference_layer_deleted_in_qgis_is_reported_not_a_crash(sample_path):
    conn = qgis_session(sample_path)
    table, name = conn.execute("SELECT table_name, name FROM reference_layers").fetchone()
    conn.execute(f'DROP TABLE "{table}"')
    conn.execute("DELETE FROM gpkg_contents WHERE table_name = ?", (table,))
    conn.commit()
    conn.close()
    project = open_project(sample_path)
    assert project.reference_layers() == []
    assert any(name in w for w in project.warnings)
    project.close()


def test_unreadable_reference_properties_and_area_are_not_a_crash(sample_path):
    conn = qgis_session(sample_path)
    table = conn.execute("SELECT table_name FROM reference_layers").fetchone()[0]
    conn.execute(f"UPDATE \"{table}\" SET properties = '{{kapot'")
    conn.execute("UPDATE area SET geom = X'47500003'")
    conn.commit()
    conn.close()
    project = open_project(sample_path)
    assert project.area is None and any("gebied" in w for w in project.warnings)
    assert all(f.properties == () for f in project.reference_layers()[0].features)
    project.close()
