"""Base maps through the database: the laptop that downloaded one sends its tiles once,
another laptop fetches the ones it lacks, and a sync with nothing new sends no tile."""

import shutil

import psycopg

from tests.basemap_fixtures import add_test_basemap, stored_colour
from tests.test_sync_postgis import _role, sync
from workbench.cli import main
from workbench.core.commands import EditIntervention
from workbench.store import open_project
from workbench.store.tiles import basemaps_of, rd_level

NAME = "basemap_test"


def colour(zoom, col, row):
    return (zoom * 10 % 256, col % 256, row % 256)


def local_tiles(path) -> dict:
    project = open_project(path, read_only=True)
    try:
        maps = basemaps_of(project)
        info = maps.get(NAME)
        if info is None:
            return {}
        result = {}
        for level in info.levels:
            for col, row, data in maps.tiles(NAME, level.zoom, 0, level.matrix_width, 0, level.matrix_height):
                result[(level.zoom, col, row)] = data
        return result
    finally:
        project.close()


def _tile_of(info, zoom, point) -> tuple:
    level = rd_level(zoom)
    col_min, _col_max, row_min, _row_max = info.tile_range(level, (point.x, point.y, point.x, point.y))
    return col_min, row_min


def tile_notes(summary) -> list:
    return [note for note in summary.notes if note.startswith("Basiskaarten")]


def test_a_base_map_travels_once_through_the_database_and_only_missing_tiles_move(sample_path, tmp_path, database):
    other = tmp_path / "ander.gpkg"
    shutil.copy(sample_path, other)
    project = open_project(sample_path)
    try:
        info = add_test_basemap(project, NAME, levels=(10, 11, 12), colour_for=colour, margin=300)
        area_centre = project.area.geometry.centroid
    finally:
        project.close()
    sent = local_tiles(sample_path)
    assert len(sent) > 10

    assert tile_notes(sync(sample_path, database)) == [f"Basiskaarten: {len(sent)} tegels verstuurd, 0 opgehaald."]
    with psycopg.connect(database) as conn:
        stored = {(z, c, r): (bytes(d), h) for z, c, r, d, h in conn.execute(
            "SELECT zoom, kolom, rij, data, sha256 FROM werkbank.tegels")}
    assert {key: data for key, (data, _h) in stored.items()} == sent
    import hashlib
    assert all(hashlib.sha256(data).hexdigest() == digest for data, digest in stored.values())

    assert tile_notes(sync(other, database)) == [f"Basiskaarten: 0 tegels verstuurd, {len(sent)} opgehaald."]
    assert local_tiles(other) == sent
    project = open_project(other, read_only=True)
    try:
        maps = basemaps_of(project)
        fetched = maps.get(NAME)
        assert (fetched.title, fetched.attribution, fetched.licence) == (info.title, info.attribution, info.licence)
        assert fetched.levels == info.levels and fetched.origin_x == info.origin_x
        assert [round(v, 3) for v in fetched.extent] == [round(v, 3) for v in info.extent]
        assert stored_colour(maps, NAME, 12, area_centre.x, area_centre.y) == colour(
            12, *_tile_of(fetched, 12, area_centre))
    finally:
        project.close()

    # nothing new: no tile is sent or fetched, on either laptop
    assert tile_notes(sync(sample_path, database)) == [] and tile_notes(sync(other, database)) == []

    # a finer level fetched later on the other laptop: just those tiles go, and come back
    project = open_project(other)
    try:
        maps = basemaps_of(project)
        extent = maps.get(NAME).extent
        col_min, col_max, row_min, row_max = maps.get(NAME).tile_range(rd_level(13), extent)
        new = [(col, row, sent[next(iter(sent))]) for col in range(col_min, col_max + 1)
               for row in range(row_min, row_max + 1)]
        maps.write_tiles(NAME, rd_level(13), new)
    finally:
        project.close()
    assert tile_notes(sync(other, database)) == [f"Basiskaarten: {len(new)} tegels verstuurd, 0 opgehaald."]
    assert tile_notes(sync(sample_path, database)) == [f"Basiskaarten: 0 tegels verstuurd, {len(new)} opgehaald."]
    assert local_tiles(sample_path) == local_tiles(other) and len(local_tiles(other)) == len(sent) + len(new)


def test_a_read_only_laptop_fetches_base_maps_but_never_sends_them(sample_path, tmp_path, database, postgis_server,
                                                                  capsys):
    reader_laptop = tmp_path / "lezer.gpkg"
    shutil.copy(sample_path, reader_laptop)
    project = open_project(sample_path)
    try:
        add_test_basemap(project, NAME, levels=(10, 11), colour_for=colour)
    finally:
        project.close()
    sync(sample_path, database)
    project = open_project(reader_laptop)
    try:
        add_test_basemap(project, "basemap_eigen", levels=(10,))
    finally:
        project.close()
    reader = _role(postgis_server, database, "facilitator_oost", "werkbank_facilitator")
    assert main(["db", "grant", "--db", database, "--project", str(sample_path), "--role", "facilitator_oost",
                 "--read-only"]) == 0
    project = open_project(reader_laptop)
    try:  # an edit of its own, which a read grant cannot send: the base map still comes in
        project.execute(EditIntervention(project.interventions()[0].uuid, title="Alleen hier"))
    finally:
        project.close()
    assert main(["sync", str(reader_laptop), "--db", reader]) == 2
    assert "alleen lezen" in capsys.readouterr().err
    assert local_tiles(reader_laptop) == local_tiles(sample_path)
    with psycopg.connect(database) as conn:
        assert conn.execute("SELECT DISTINCT basiskaart FROM werkbank.tegels").fetchall() == [(NAME,)]
    with psycopg.connect(reader) as conn:
        assert conn.execute("SELECT count(*) FROM werkbank.tegels").fetchone()[0] == len(local_tiles(sample_path))


def _kill_when(database, process, pattern) -> bool:
    """SIGKILL ``process`` as soon as its database session runs a query like ``pattern``."""
    import os
    import signal

    with psycopg.connect(database, autocommit=True) as monitor:
        while process.poll() is None:
            if monitor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                               "AND pid <> pg_backend_pid() AND query LIKE %s", (pattern,)).fetchone()[0]:
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
                return True
    return False


def test_kill_9_while_tiles_are_sent_or_fetched_then_sync_again_completes(sample_path, tmp_path, database):
    import os
    import subprocess
    import sys

    other = tmp_path / "ander.gpkg"
    shutil.copy(sample_path, other)
    project = open_project(sample_path)
    try:
        add_test_basemap(project, NAME, levels=(10, 11, 12, 13, 14), colour_for=colour)
    finally:
        project.close()
    tiles = local_tiles(sample_path)
    assert len(tiles) > 1500  # several fetch batches

    def start(path):
        return subprocess.Popen([sys.executable, "-m", "workbench", "sync", str(path), "--db", database],
                                env={**os.environ, "PYTHONPATH": os.getcwd()},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    killed = _kill_when(database, start(sample_path), "%tegels_binnen%")  # while the tiles go out
    with psycopg.connect(database) as conn:
        sent = conn.execute("SELECT count(*) FROM werkbank.tegels").fetchone()[0]
    assert not killed or sent == 0  # one transaction: all or nothing
    sync(sample_path, database)
    killed_fetch = _kill_when(database, start(other), "%unnest%")  # while the tiles come in
    sync(other, database)
    assert local_tiles(other) == tiles
    assert killed or killed_fetch, "no sync was still running to be killed"
    assert tile_notes(sync(other, database)) == [] and tile_notes(sync(sample_path, database)) == []


def test_tiles_and_base_maps_put_in_the_database_by_hand_are_checked_like_a_download(sample_path, tmp_path,
                                                                                      database):
    """Someone with write access may put anything in the tables: a tile that is no whole
    image, or a base map named like one of the project's own tables. Neither is taken;
    the good tiles are, the summary says so, and the project stays sound."""
    from psycopg.types.json import Jsonb

    from workbench.store.merge_source import project_uuid
    from workbench.store.project_file import check_project

    other = tmp_path / "ander.gpkg"
    shutil.copy(sample_path, other)
    project = open_project(sample_path)
    try:
        add_test_basemap(project, NAME, levels=(10, 11), colour_for=colour)
        uuid = project_uuid(project.repository)
    finally:
        project.close()
    sync(sample_path, database)
    with psycopg.connect(database, autocommit=True) as conn:
        zoom, col, row = conn.execute("SELECT zoom, kolom, rij FROM werkbank.tegels ORDER BY zoom, kolom, rij "
                                      "LIMIT 1").fetchone()
        conn.execute("UPDATE werkbank.tegels SET data = %s WHERE zoom = %s AND kolom = %s AND rij = %s",
                     (b"<html>niet gevonden</html>", zoom, col, row))
        matrix, extent, levels = conn.execute("SELECT matrix, omvang, niveaus FROM werkbank.basiskaarten").fetchone()
        conn.execute("INSERT INTO werkbank.basiskaarten (project_uuid, naam, matrix, omvang, niveaus) "
                     "VALUES (%s, 'interventions', %s, %s, %s)", (uuid, Jsonb(matrix), Jsonb(extent), Jsonb(levels)))
        conn.execute("INSERT INTO werkbank.tegels (project_uuid, basiskaart, zoom, kolom, rij, sha256, data) "
                     "SELECT project_uuid, 'interventions', zoom, kolom, rij, sha256, data FROM werkbank.tegels "
                     "WHERE basiskaart = %s", (NAME,))
    ideas_before = len(open_and_list(other))
    summary = sync(other, database)
    notes = tile_notes(summary)
    assert any("niet overgenomen" in note for note in notes), notes
    fetched = local_tiles(other)
    assert (zoom, col, row) not in fetched and len(fetched) == len(local_tiles(sample_path)) - 1
    assert len(open_and_list(other)) == ideas_before
    assert check_project(other) == []


def open_and_list(path) -> list:
    project = open_project(path, read_only=True)
    try:
        return [(i.number, i.title) for i in project.interventions()]
    finally:
        project.close()
