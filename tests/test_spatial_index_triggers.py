"""Our writes keep every published generation of GeoPackage R-tree triggers working.

QGIS and GDAL add a spatial index (an R-tree plus triggers) to a project they touch.
The triggers differ per generation: GeoPackage 1.2 and 1.3 (and GDAL before 3.7, which
QGIS 3.22-3.28 LTR installs still carry) keep the index with ``INSERT OR REPLACE`` in
``_update1``; SQLite lets an outer UPSERT override that REPLACE, so an UPSERT of a
moved idea failed with "UNIQUE constraint failed: rtree_interventions_geom.id".
GeoPackage 1.4 (and GDAL 3.7+) use ``_update6``/``_update7`` instead.
"""

import math
import sqlite3
import subprocess

import pytest
from shapely.geometry import Point

from workbench.store import gpkg_blob, open_project

# The R-tree extension's trigger text as GeoPackage 1.2 and 1.3 publish it (F.3,
# identical in both), with the spec's placeholders <t>, <c>, <i>.
SPEC_1_2 = """
CREATE VIRTUAL TABLE rtree_<t>_<c> USING rtree(id, minx, maxx, miny, maxy);
INSERT OR REPLACE INTO rtree_<t>_<c>
  SELECT <i>, ST_MinX(<c>), ST_MaxX(<c>), ST_MinY(<c>), ST_MaxY(<c>) FROM <t> WHERE NOT ST_IsEmpty(<c>);
CREATE TRIGGER rtree_<t>_<c>_insert AFTER INSERT ON <t>
  WHEN (new.<c> NOT NULL AND NOT ST_IsEmpty(NEW.<c>))
BEGIN
  INSERT OR REPLACE INTO rtree_<t>_<c> VALUES (
    NEW.<i>, ST_MinX(NEW.<c>), ST_MaxX(NEW.<c>), ST_MinY(NEW.<c>), ST_MaxY(NEW.<c>));
END;
CREATE TRIGGER rtree_<t>_<c>_update1 AFTER UPDATE OF <c> ON <t>
  WHEN OLD.<i> = NEW.<i> AND (NEW.<c> NOTNULL AND NOT ST_IsEmpty(NEW.<c>))
BEGIN
  INSERT OR REPLACE INTO rtree_<t>_<c> VALUES (
    NEW.<i>, ST_MinX(NEW.<c>), ST_MaxX(NEW.<c>), ST_MinY(NEW.<c>), ST_MaxY(NEW.<c>));
END;
CREATE TRIGGER rtree_<t>_<c>_update2 AFTER UPDATE OF <c> ON <t>
  WHEN OLD.<i> = NEW.<i> AND (NEW.<c> ISNULL OR ST_IsEmpty(NEW.<c>))
BEGIN
  DELETE FROM rtree_<t>_<c> WHERE id = OLD.<i>;
END;
CREATE TRIGGER rtree_<t>_<c>_update3 AFTER UPDATE OF <c> ON <t>
  WHEN OLD.<i> != NEW.<i> AND (NEW.<c> NOTNULL AND NOT ST_IsEmpty(NEW.<c>))
BEGIN
  DELETE FROM rtree_<t>_<c> WHERE id = OLD.<i>;
  INSERT OR REPLACE INTO rtree_<t>_<c> VALUES (
    NEW.<i>, ST_MinX(NEW.<c>), ST_MaxX(NEW.<c>), ST_MinY(NEW.<c>), ST_MaxY(NEW.<c>));
END;
CREATE TRIGGER rtree_<t>_<c>_update4 AFTER UPDATE ON <t>
  WHEN OLD.<i> != NEW.<i> AND (NEW.<c> ISNULL OR ST_IsEmpty(NEW.<c>))
BEGIN
  DELETE FROM rtree_<t>_<c> WHERE id IN (OLD.<i>, NEW.<i>);
END;
CREATE TRIGGER rtree_<t>_<c>_delete AFTER DELETE ON <t>
  WHEN old.<c> NOT NULL
BEGIN
  DELETE FROM rtree_<t>_<c> WHERE id = OLD.<i>;
END;
"""

# GeoPackage 1.4 (F.3): _update1 and _update3 replaced by _update5, _update6, _update7,
# so that UPSERTs work.
SPEC_1_4 = """
CREATE VIRTUAL TABLE "rtree_<t>_<c>" USING rtree(id, minx, maxx, miny, maxy);
INSERT OR REPLACE INTO "rtree_<t>_<c>"
  SELECT "<i>", ST_MinX("<c>"), ST_MaxX("<c>"), ST_MinY("<c>"), ST_MaxY("<c>") FROM "<t>"
  WHERE "<c>" NOT NULL AND NOT ST_IsEmpty("<c>");
CREATE TRIGGER "rtree_<t>_<c>_insert" AFTER INSERT ON "<t>"
  WHEN (new."<c>" NOT NULL AND NOT ST_IsEmpty(NEW."<c>"))
BEGIN
  INSERT OR REPLACE INTO "rtree_<t>_<c>" VALUES (
    NEW."<i>", ST_MinX(NEW."<c>"), ST_MaxX(NEW."<c>"), ST_MinY(NEW."<c>"), ST_MaxY(NEW."<c>"));
END;
CREATE TRIGGER "rtree_<t>_<c>_update5" AFTER UPDATE ON "<t>"
  WHEN OLD."<i>" != NEW."<i>" AND (NEW."<c>" NOTNULL AND NOT ST_IsEmpty(NEW."<c>"))
BEGIN
  DELETE FROM "rtree_<t>_<c>" WHERE id = OLD."<i>";
  INSERT OR REPLACE INTO "rtree_<t>_<c>" VALUES (
    NEW."<i>", ST_MinX(NEW."<c>"), ST_MaxX(NEW."<c>"), ST_MinY(NEW."<c>"), ST_MaxY(NEW."<c>"));
END;
CREATE TRIGGER "rtree_<t>_<c>_update6" AFTER UPDATE OF "<c>" ON "<t>"
  WHEN OLD."<i>" = NEW."<i>" AND (NEW."<c>" NOTNULL AND NOT ST_IsEmpty(NEW."<c>"))
       AND (OLD."<c>" NOTNULL AND NOT ST_IsEmpty(OLD."<c>"))
BEGIN
  UPDATE "rtree_<t>_<c>" SET minx = ST_MinX(NEW."<c>"), maxx = ST_MaxX(NEW."<c>"),
                             miny = ST_MinY(NEW."<c>"), maxy = ST_MaxY(NEW."<c>")
  WHERE id = NEW."<i>";
END;
CREATE TRIGGER "rtree_<t>_<c>_update7" AFTER UPDATE OF "<c>" ON "<t>"
  WHEN OLD."<i>" = NEW."<i>" AND (NEW."<c>" NOTNULL AND NOT ST_IsEmpty(NEW."<c>"))
       AND (OLD."<c>" ISNULL OR ST_IsEmpty(OLD."<c>"))
BEGIN
  INSERT INTO "rtree_<t>_<c>" VALUES (
    NEW."<i>", ST_MinX(NEW."<c>"), ST_MaxX(NEW."<c>"), ST_MinY(NEW."<c>"), ST_MaxY(NEW."<c>"));
END;
CREATE TRIGGER "rtree_<t>_<c>_update2" AFTER UPDATE OF "<c>" ON "<t>"
  WHEN OLD."<i>" = NEW."<i>" AND (NEW."<c>" ISNULL OR ST_IsEmpty(NEW."<c>"))
BEGIN
  DELETE FROM "rtree_<t>_<c>" WHERE id = OLD."<i>";
END;
CREATE TRIGGER "rtree_<t>_<c>_update4" AFTER UPDATE ON "<t>"
  WHEN OLD."<i>" != NEW."<i>" AND (NEW."<c>" ISNULL OR ST_IsEmpty(NEW."<c>"))
BEGIN
  DELETE FROM "rtree_<t>_<c>" WHERE id IN (OLD."<i>", NEW."<i>");
END;
CREATE TRIGGER "rtree_<t>_<c>_delete" AFTER DELETE ON "<t>"
  WHEN old."<c>" NOT NULL
BEGIN
  DELETE FROM "rtree_<t>_<c>" WHERE id = OLD."<i>";
END;
"""


def _plain_connection(path):
    """A connection like a GIS tool's, with the ST_* functions the triggers call."""
    from workbench.store.connection import register_functions

    conn = sqlite3.connect(path, isolation_level=None)
    register_functions(conn)
    return conn


def _install_spec_text(path, text):
    conn = _plain_connection(path)
    sql = text.replace("<t>", "interventions").replace("<c>", "geom").replace("<i>", "fid")
    conn.executescript("BEGIN;" + sql + "COMMIT;")
    conn.close()


def _gdal_3_6_ogrinfo(path, tmp_path):
    # The Debian GDAL (3.6.2) that QGIS LTR installs often carry: its own CreateSpatialIndex.
    subprocess.run(["ogrinfo", str(path), "-sql", "SELECT CreateSpatialIndex('interventions', 'geom')"],
                   check=True, capture_output=True)


def _gdal_current_text(path, tmp_path):
    # The triggers the GDAL inside pyogrio (3.7 or newer) writes for a new indexed layer,
    # copied verbatim onto our table.
    import numpy as np
    import shapely
    from pyogrio.raw import write

    scratch = tmp_path / "gdal-layer.gpkg"
    write(scratch, np.array([shapely.to_wkb(Point(1, 2))], dtype=object), [np.array([1])], ["n"], driver="GPKG",
          geometry_type="Point", crs="EPSG:28992", layer="zzlayer", layer_options={"SPATIAL_INDEX": "YES"})
    source = sqlite3.connect(scratch)
    triggers = [sql for (sql,) in source.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_zzlayer_geom%'")]
    source.close()
    assert any("_update6" in sql for sql in triggers), "pyogrio's GDAL is expected to be 3.7 or newer"
    conn = _plain_connection(path)
    conn.execute("BEGIN")
    conn.execute('CREATE VIRTUAL TABLE "rtree_interventions_geom" USING rtree(id, minx, maxx, miny, maxy)')
    conn.execute('INSERT INTO "rtree_interventions_geom" SELECT fid, ST_MinX(geom), ST_MaxX(geom), '
                 "ST_MinY(geom), ST_MaxY(geom) FROM interventions WHERE NOT ST_IsEmpty(geom)")
    for sql in triggers:
        conn.execute(sql.replace("zzlayer", "interventions"))
    conn.execute("COMMIT")
    conn.close()


GENERATIONS = {
    "gdal-3.6-ogrinfo": _gdal_3_6_ogrinfo,
    "geopackage-1.2-1.3-spec": lambda path, tmp_path: _install_spec_text(path, SPEC_1_2),
    "geopackage-1.4-spec": lambda path, tmp_path: _install_spec_text(path, SPEC_1_4),
    "gdal-3.7+-pyogrio": _gdal_current_text,
}


def _index_agrees_with_table(path):
    conn = sqlite3.connect(path)
    rows = {fid: gpkg_blob.envelope(blob) for fid, blob in conn.execute(
        "SELECT fid, geom FROM interventions WHERE geom IS NOT NULL")}
    index = {fid: (minx, miny, maxx, maxy) for fid, minx, maxx, miny, maxy in conn.execute(
        "SELECT id, minx, maxx, miny, maxy FROM rtree_interventions_geom")}
    conn.close()
    assert set(index) == set(rows)
    for fid, (minx, miny, maxx, maxy) in rows.items():
        # R-tree coordinates are 32-bit floats, rounded outwards
        iminx, iminy, imaxx, imaxy = index[fid]
        assert iminx <= minx and iminy <= miny and imaxx >= maxx and imaxy >= maxy
        assert math.dist((iminx, iminy), (minx, miny)) < 1 and math.dist((imaxx, imaxy), (maxx, maxy)) < 1


def _found_by_gdal(path, x, y):
    """Titles GDAL finds in a 2 m box around (x, y): GDAL answers that from the R-tree."""
    from pyogrio.raw import read

    meta, _fids, _geometry, fields = read(path, layer="interventions", bbox=(x - 1, y - 1, x + 1, y + 1),
                                          columns=["title"])
    return list(fields[0])


@pytest.mark.parametrize("generation", sorted(GENERATIONS))
def test_edits_keep_working_and_indexed_with_every_trigger_generation(sample_path, tmp_path, generation):
    from workbench.core.commands import AddIntervention, DeleteInterventions, EditIntervention, MoveInterventions

    GENERATIONS[generation](sample_path, tmp_path)
    project = open_project(sample_path)
    first = project.intervention_by_number(1)
    project.execute(MoveInterventions([i.uuid for i in project.interventions()], 7000, 0))  # a drag
    project.execute(EditIntervention(first.uuid, geometry=Point(190001, 320001)))            # a vertex edit
    project.execute(AddIntervention("Na de index", Point(190101, 320101)))
    project.execute(DeleteInterventions([first.uuid]))
    project.undo_stack.undo()  # the same row written back
    project.close()

    _index_agrees_with_table(sample_path)
    assert _found_by_gdal(sample_path, 190001, 320001) == [first.title]
    assert _found_by_gdal(sample_path, 190101, 320101) == ["Na de index"]
