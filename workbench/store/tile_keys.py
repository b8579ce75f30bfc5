"""The base maps of a project file by tile key, for the sync with the shared database
(sync/tiles.py): which tiles a base map holds, and those tiles' bytes, without the
canvas's range queries. Tiles are immutable: a key names the same image everywhere."""

from workbench.store.tiles import BaseMaps, _quoted


def keys(maps: BaseMaps, name) -> set:
    """{(zoom, col, row)} of every stored tile of one base map (no tile data read)."""
    if not maps._known(name):
        return set()
    return set(maps.conn.execute(f"SELECT zoom_level, tile_column, tile_row FROM {_quoted(name)}"))


def tiles_with_keys(maps: BaseMaps, name, wanted):
    """Yield (zoom, col, row, bytes) of the stored tiles whose key is in ``wanted``, one at a time."""
    if not maps._known(name):
        return
    for zoom, col, row, data in maps.conn.execute(
            f"SELECT zoom_level, tile_column, tile_row, tile_data FROM {_quoted(name)}"):
        if (zoom, col, row) in wanted:
            yield zoom, col, row, bytes(data)


def matrix_set(maps: BaseMaps, name) -> tuple:
    """((origin x, origin y), (min x, min y, max x, max y)) of the base map's tile matrix set."""
    min_x, min_y, max_x, max_y = maps.conn.execute(
        "SELECT min_x, min_y, max_x, max_y FROM gpkg_tile_matrix_set WHERE table_name = ?", (name,)).fetchone()
    return (min_x, max_y), (min_x, min_y, max_x, max_y)
