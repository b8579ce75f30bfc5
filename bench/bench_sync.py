"""Sync benchmarks on a real PostgreSQL + PostGIS (started like the tests do):

- ``sync_10000_into_empty``: ``workbench sync`` of a project with 10,000 ideas into an
  empty database, against a bare ``COPY`` of the same rows (target <= 3x);
- ``sync_10000_noop``: a second sync that finds nothing to do (target <= 1 s), against
  a bare read of the database's versions of those rows;
- ``sync_10000_noop_with_N_tiles``: the same with a base map of a few thousand tiles
  in the file and the database (tiles are compared by key: no tile data moves).
"""

import tempfile
import time
from pathlib import Path

from bench.common import report


def run() -> None:
    from tests.postgis_server import Server, missing

    reason = missing()
    if reason:
        print(f"BENCH sync skipped: {reason}", flush=True)
        return
    server = Server()
    try:
        with tempfile.TemporaryDirectory() as folder:
            _bench(server, Path(folder))
    finally:
        server.stop()


def _bench(server, folder: Path) -> None:
    from psycopg.types.json import Jsonb

    from tests.sync_helpers import many_ideas
    from workbench.store import open_project, postgis
    from workbench.sync.rows import to_row
    from workbench.sync.run import sync_project

    path = many_ideas(folder / "tienduizend.gpkg", 10_000)
    url = server.new_database()
    conn = postgis.connect(url)
    postgis.init(conn)

    # Floor: COPY of the very rows a sync writes, already built, into the same table.
    project = open_project(path, read_only=True)
    rows = [to_row(project, u, kind, version, alive) for u, (kind, version, alive) in project.repository.versions().items()]
    project.close()
    start = time.perf_counter()
    with conn.transaction():
        with conn.cursor() as cur:
            with cur.copy("COPY werkbank.rijen (project_uuid, uuid, soort, versie, levend, gegevens, geom) "
                          "FROM STDIN") as copy:
                for uuid, kind, version, alive, data, wkb in rows:
                    copy.write_row(("vloer", uuid, kind, Jsonb(version), alive, Jsonb(data),
                                    None if wkb is None else wkb.hex()))  # hex EWKB-less WKB: PostGIS reads it
    floor = time.perf_counter() - start

    project = open_project(path)
    try:
        start = time.perf_counter()
        sync_project(project, url)
        value = time.perf_counter() - start
        report("sync_10000_into_empty", value, floor, "<=3x COPY")

        start = time.perf_counter()
        conn.execute("SELECT uuid, versie FROM werkbank.rijen WHERE project_uuid = %s",
                     (project.repository.conn.execute("SELECT uuid FROM project_info").fetchone()[0],)).fetchall()
        read_floor = time.perf_counter() - start
        start = time.perf_counter()
        summary = sync_project(project, url)
        noop = time.perf_counter() - start
        assert summary.pushed == 0 and summary.changes == 0
        report("sync_10000_noop", noop, read_floor, "<=1s absolute")

        tiles = _add_basemap(project)
        sync_project(project, url)  # the tiles go out once
        start = time.perf_counter()
        summary = sync_project(project, url)
        noop = time.perf_counter() - start
        assert summary.pushed == 0 and not summary.notes
        report(f"sync_10000_noop_with_{tiles}_tiles", noop, read_floor, "<=1s absolute")
    finally:
        project.close()
        conn.close()


def _add_basemap(project) -> int:
    """A base map over the ideas (levels 12-14 of the Dutch scheme); returns its tile count."""
    from tests.basemap_fixtures import solid_tile_png
    from workbench.store.tiles import NewBaseMap, basemaps_of, rd_level

    maps = basemaps_of(project)
    extent = (190000.0, 320000.0, 192000.0, 322000.0)
    maps.create(NewBaseMap("basemap_bench", "Bench", "© Bench"), extent)
    info, png, count = maps.get("basemap_bench"), solid_tile_png((180, 190, 200)), 0
    for zoom in (12, 13, 14):
        col_min, col_max, row_min, row_max = info.tile_range(rd_level(zoom), extent)
        tiles = [(c, r, png) for c in range(col_min, col_max + 1) for r in range(row_min, row_max + 1)]
        maps.write_tiles("basemap_bench", rd_level(zoom), tiles)
        count += len(tiles)
    return count
