"""Base maps through the shared database: the laptop that downloaded a base map sends
its tiles once; a laptop that lacks tiles fetches just those. Tiles are immutable, so
keys alone decide (a no-op sync reads keys, never tile data). No SQL here: the file
side is store/tile_keys.py and store/tiles.py, the database side store/postgis_tiles.py."""

from itertools import groupby

from workbench.io.basemap_image import NotAnImage, check
from workbench.store import postgis, postgis_tiles, tile_keys
from workbench.store.tiles import NewBaseMap, TileLevel, is_table_name, open_basemaps


def _meta(maps, info) -> dict:
    origin, bounds = tile_keys.matrix_set(maps, info.name)
    return {"title": info.title, "attribution": info.attribution, "licence": info.licence, "source": info.source,
            "matrix": [list(origin), list(bounds)], "extent": list(info.extent),
            "levels": sorted((level.zoom, level.matrix_width, level.matrix_height, level.tile_width,
                              level.tile_height, level.pixel_size) for level in info.levels)}


def sync_tiles(conn, project_uuid, path, access) -> tuple:
    """Send the tiles the database lacks (with write access) and fetch those the file
    lacks; returns (tiles sent, tiles fetched, tiles refused). What the database holds is
    checked like a download: a base map whose name is no tiles table's, or a tile that is
    not a whole PNG or JPEG, is not taken (someone with write access may have put it
    there by hand). Writes to the file through a connection
    of its own, so it may run on a worker thread while the app keeps the project open."""
    maps = open_basemaps(path)
    try:
        return _sync(conn, project_uuid, maps, access)
    finally:
        maps.close()


def _sync(conn, project_uuid, maps, access) -> tuple:
    sent = fetched = refused = 0
    remote = postgis_tiles.basemaps(conn, project_uuid)
    local = {info.name: info for info in maps.list()}
    for name, info in local.items():
        ours = tile_keys.keys(maps, name)
        theirs = postgis_tiles.keys(conn, project_uuid, name) if name in remote else set()
        missing = ours - theirs
        if access == postgis.WRITE and missing:
            sent += postgis_tiles.push(conn, project_uuid, name, _meta(maps, info),
                                       tile_keys.tiles_with_keys(maps, name, missing))
        remote_keys = theirs
        lacking = remote_keys - ours
        if lacking:
            taken, bad = _fetch(conn, project_uuid, maps, name, remote[name], lacking)
            fetched, refused = fetched + taken, refused + bad
    for name, meta in remote.items():
        if name in local:
            continue
        if not is_table_name(name):
            refused += 1
            continue
        (origin, bounds) = meta["matrix"]
        maps.create(NewBaseMap(name, meta["title"], meta["attribution"], meta["licence"], meta["source"]),
                    tuple(meta["extent"]), matrix_set=(tuple(origin), tuple(bounds)))
        taken, bad = _fetch(conn, project_uuid, maps, name, meta, postgis_tiles.keys(conn, project_uuid, name))
        fetched, refused = fetched + taken, refused + bad
    return sent, fetched, refused


def _whole_image(data) -> bool:
    try:
        check(bytes(data), inflate=False)
        return True
    except NotAnImage:
        return False


def _fetch(conn, project_uuid, maps, name, meta, wanted) -> tuple:
    """Write the ``wanted`` tiles into the file, one SQLite transaction per batch;
    (tiles written, tiles refused)."""
    levels = {level[0]: TileLevel(*level) for level in meta["levels"]}
    count = refused = 0
    for batch in postgis_tiles.fetch(conn, project_uuid, name, wanted):
        for zoom, tiles in groupby(sorted(batch), key=lambda tile: tile[0]):
            tiles = [(col, row, data) for _zoom, col, row, data in tiles]
            good = [tile for tile in tiles if zoom in levels and _whole_image(tile[2])]
            refused += len(tiles) - len(good)
            if good:
                maps.write_tiles(name, levels[zoom], good)
                count += len(good)
    return count, refused
