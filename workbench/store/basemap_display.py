"""What the map must know of base maps before it draws one: whether the project file
holds any tile pyramid at all, and the display choice stored with the project (which
base map, its opacity, faded or not).

Apart from ``store/tiles.py`` (the pyramids themselves, read and written) so that a
project without a base map, the usual case, opens without loading that module (issue 14:
~2-3 ms of every start).
"""

import json
import sqlite3

DISPLAY_KEY = "setting.basemap_display"


def has_tile_pyramids(repository) -> bool:
    """False only when the file surely holds no tiles table (then ``BaseMaps.list()`` is
    empty); True when it may, or when it cannot tell."""
    conn = getattr(repository, "conn", None)
    if conn is None:
        return False
    try:
        return conn.execute("SELECT 1 FROM gpkg_contents WHERE data_type = 'tiles' LIMIT 1").fetchone() is not None
    except sqlite3.DatabaseError:  # no gpkg_contents: let the base-map module look
        return True


def stored_display(repository):
    """The stored choice as ``{"active", "opacity", "faded"}`` (opacity within 0..1), or
    None when the project never chose or the value was edited into something unreadable."""
    conn = getattr(repository, "conn", None)
    if conn is None or conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'workbench_meta'").fetchone() is None:
        return None
    row = conn.execute("SELECT value FROM workbench_meta WHERE key = ?", (DISPLAY_KEY,)).fetchone()
    if row is None:
        return None
    try:
        values = json.loads(row[0])
        return {"active": values.get("active"), "opacity": min(1.0, max(0.0, float(values["opacity"]))),
                "faded": bool(values["faded"])}
    except (TypeError, ValueError, KeyError, AttributeError):  # edited by hand: fall back
        return None
