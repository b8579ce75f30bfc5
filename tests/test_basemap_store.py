"""Base maps stored in the project file as a GeoPackage tile pyramid (store/tiles.py)."""

import json
import math
import shutil
import sqlite3
import subprocess

import pytest

from tests.basemap_fixtures import add_test_basemap, solid_tile_png
from workbench.store import open_project
from workbench.store.project_file import check_project
from workbench.store.tiles import BaseMapDisplay, RD_ORIGIN, basemaps_of, rd_level

RED, BLUE = (220, 30, 30), (30, 30, 220)


def checker(zoom, col, row):
    return RED if (col + row) % 2 == 0 else BLUE


def test_a_stored_tile_is_found_at_its_rd_position(project):
    info = add_test_basemap(project, "basemap_test", levels=(9, 10), colour_for=checker)
    assert [level.zoom for level in info.levels] == [9, 10]
    level = info.level(10)
    assert level.pixel_size == pytest.approx(3440.64 / 1024)
    # The tile under the area's centre, by the Dutch tiling scheme's own arithmetic.
    centre = project.area.geometry.centroid
    col = math.floor((centre.x - RD_ORIGIN[0]) / (256 * level.pixel_size))
    row = math.floor((RD_ORIGIN[1] - centre.y) / (256 * level.pixel_size))
    assert basemaps_of(project).tile("basemap_test", 10, col, row) == solid_tile_png(checker(10, col, row))
    min_x, min_y, max_x, max_y = info.tile_bounds(level, col, row)
    assert min_x <= centre.x < max_x and min_y < centre.y <= max_y
    # The range read returns the same tile among its neighbours.
    found = {(c, r): data for c, r, data in basemaps_of(project).tiles("basemap_test", 10, col - 1, col + 1,
                                                                        row - 1, row + 1)}
    assert found[(col, row)] == solid_tile_png(checker(10, col, row))
    assert basemaps_of(project).tile("basemap_test", 12, col, row) is None
    assert basemaps_of(project).tile("no_such_map", 10, col, row) is None


def test_base_map_survives_reopening_and_the_file_stays_sound(sample_path):
    project = open_project(sample_path)
    add_test_basemap(project, "basemap_kaart", levels=(10,), title="Kaart", attribution="© Kaart")
    add_test_basemap(project, "basemap_luchtfoto", levels=(11,), title="Luchtfoto", attribution="© Foto")
    basemaps_of(project).set_display(BaseMapDisplay(active="basemap_luchtfoto", opacity=0.6, faded=False))
    project.close()

    assert check_project(sample_path) == []
    reopened = open_project(sample_path, read_only=True)
    try:
        maps = basemaps_of(reopened)
        assert [(i.name, i.title, i.attribution) for i in maps.list()] == [
            ("basemap_kaart", "Kaart", "© Kaart"), ("basemap_luchtfoto", "Luchtfoto", "© Foto")]
        assert maps.display() == BaseMapDisplay(active="basemap_luchtfoto", opacity=0.6, faded=False)
    finally:
        reopened.close()


def test_without_a_choice_the_first_base_map_shows_faded(project):
    assert basemaps_of(project).display() == BaseMapDisplay(active=None)
    add_test_basemap(project, "basemap_test", levels=(10,))
    assert basemaps_of(project).display() == BaseMapDisplay(active="basemap_test", opacity=1.0, faded=True)
    basemaps_of(project).set_display(BaseMapDisplay(active=None))
    assert basemaps_of(project).display().active is None


def test_removing_a_base_map_leaves_no_trace(project, sample_path):
    add_test_basemap(project, "basemap_test", levels=(10,))
    maps = basemaps_of(project)
    assert maps.remove("basemap_test") is True
    assert maps.list() == [] and maps.display().active is None
    assert maps.remove("basemap_test") is False
    conn = project.repository.conn
    for table in ("gpkg_contents", "gpkg_tile_matrix", "gpkg_tile_matrix_set", "basemaps"):
        assert conn.execute(f"SELECT COUNT(*) FROM {table} WHERE table_name = 'basemap_test'").fetchone()[0] == 0
    assert check_project(sample_path) == []


def test_an_older_project_opens_read_only_without_base_maps_and_migrates(sample_path):
    conn = sqlite3.connect(sample_path)
    conn.executescript("""
        DROP TABLE basemaps; DROP TABLE gpkg_tile_matrix; DROP TABLE gpkg_tile_matrix_set;
        DELETE FROM gpkg_contents WHERE table_name = 'basemaps';
        UPDATE workbench_meta SET value = '3' WHERE key = 'schema_version';""")
    conn.close()
    old = open_project(sample_path, read_only=True)
    try:
        assert basemaps_of(old).list() == [] and basemaps_of(old).display() == BaseMapDisplay()
    finally:
        old.close()
    project = open_project(sample_path)
    try:
        add_test_basemap(project, "basemap_test", levels=(10,))
        assert [i.name for i in basemaps_of(project).list()] == ["basemap_test"]
    finally:
        project.close()


def test_a_hand_edited_display_setting_falls_back(project):
    add_test_basemap(project, "basemap_test", levels=(10,))
    project.repository.conn.execute(
        "INSERT INTO workbench_meta (key, value) VALUES ('setting.basemap_display', ?)", (json.dumps([1, 2]),))
    assert basemaps_of(project).display().active == "basemap_test"


def test_gdal_opens_the_tile_table_as_an_rd_raster(project, sample_path, tmp_path):
    gdalinfo = shutil.which("gdalinfo")
    if gdalinfo is None:
        pytest.skip("gdalinfo (gdal-bin) is not installed")
    info = add_test_basemap(project, "basemap_test", levels=(9, 10, 11), colour_for=checker)
    project.close()
    result = subprocess.run([gdalinfo, "-json", f"GPKG:{sample_path}:basemap_test"],
                            capture_output=True, text=True, check=True)
    described = json.loads(result.stdout)
    assert described["driverShortName"] == "GPKG"
    assert "28992" in json.dumps(described["coordinateSystem"])
    pixel = described["geoTransform"][1]
    assert pixel == pytest.approx(rd_level(11).pixel_size)
    # The raster's extent is the stored base map's, to within one pixel.
    corner = described["cornerCoordinates"]
    assert corner["upperLeft"][0] == pytest.approx(info.extent[0], abs=pixel)
    assert corner["upperLeft"][1] == pytest.approx(info.extent[3], abs=pixel)
    # GDAL reads the tile's colour at the tile's RD position (same convention as ours).
    level = info.level(11)
    col, row = info.tile_range(level, info.extent)[0] + 1, info.tile_range(level, info.extent)[2] + 1
    min_x, min_y, max_x, max_y = info.tile_bounds(level, col, row)
    values = subprocess.run(["gdallocationinfo", "-valonly", "-geoloc", f"GPKG:{sample_path}:basemap_test",
                             str(min_x + 2 * pixel), str(max_y - 2 * pixel)],
                            capture_output=True, text=True, check=True).stdout.split()
    assert tuple(int(v) for v in values[:3]) == checker(11, col, row)
