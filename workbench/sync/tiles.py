"""Base maps through the shared database: the laptop that downloaded a base map sends
its tiles once; a laptop that lacks tiles fetches just those. Tiles are immutable, so
keys alone decide (a no-op sync reads keys, never tile data). No SQL here: the file
side is store/tile_keys.py and store/tiles.py, the database side store/postgis_tiles.py."""

from itertools import groupby

from workbench.store import postgis, postgis_tiles, tile_keys
from workbench.store.tiles import NewBaseMap, TileLevel, open_basemaps


def _meta(maps, info) -> dict:
    origin, bounds = tile_keys.matrix_set(maps, info.name)
    return {"title": info.title, "attribution": info.attribution, "licence": info.licence, "source": info.source,
            "matrix": [list(origin), list(bounds)], "extent": list(info.extent),
            "levels": sorted((level.zoom, level.matrix_width, level.matrix_height, level.tile_width,
                              level.tile_height, level.pixel_size) for level in info.levels)}


def sync_tiles(conn, project_uuid, path, access) -> tuple:
    """Send the tiles the database lacks (with write access) and fetch those the file
    lacks; returns (tiles sent, tiles fetched). Writes to the file through a connection
    of its own, so it may run on a worker thread while the app keeps the project open."""
    maps = open_basemaps(path)
    try:
        return _sync(conn, project_uuid, maps, access)
    finally:
        maps.close()


def _sync(conn, project_uuid, maps, access) -> tuple:
    sent = fetched = 0
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
            fetched += _fetch(conn, project_uuid, maps, name, remote[name], lacking)
    for name, meta in remote.items():
        if name in local:
            continue
        (origin, bounds) = meta["matrix"]
        maps.create(NewBaseMap(name, meta["title"], meta["attribution"], meta["licence"], meta["source"]),
                    tuple(meta["extent"]), matrix_set=(tuple(origin), tuple(bounds)))
        fetched += _fetch(conn, project_uuid, maps, name, meta, postgis_tiles.keys(conn, project_uuid, name))
    return sent, fetched


def _fetch(conn, project_uuid, maps, name, meta, wanted) -> int:
    """Write the ``wanted`` tiles into the file, one SQLite transaction per batch."""
    levels = {level[0]: TileLevel(*level) for level in meta["levels"]}
    count = 0
    for batch in postgis_tiles.fetch(conn, project_uuid, name, wanted):
        for zoom, tiles in groupby(sorted(batch), key=lambda tile: tile[0]):
            tiles = [(col, row, data) for _zoom, col, row, data in tiles]
            maps.write_tiles(name, levels[zoom], tiles)
            count += len(tiles)
    return count
