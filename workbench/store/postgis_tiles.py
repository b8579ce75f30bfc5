"""Base-map tiles in the shared database (``werkbank.basiskaarten``, ``werkbank.tegels``).

A tile is immutable (docs/basemap.md): its key (project, base map, zoom, column, row)
names the same image on every laptop, so tiles are compared by key and each is sent
once; ``sha256`` lets the GIS team check one. Every value is a query parameter.
"""

import hashlib

from workbench.store.postgis import talking
from workbench.store.postgis_schema import SCHEMA


def basemaps(conn, project_uuid) -> dict:
    """{name: {title, attribution, licence, source, matrix, extent, levels}} of the project."""
    with talking():
        rows = conn.execute(f"SELECT naam, titel, bronvermelding, licentie, bron, matrix, omvang, niveaus "
                            f"FROM {SCHEMA}.basiskaarten WHERE project_uuid = %s", (project_uuid,)).fetchall()
    return {name: {"title": title, "attribution": credit, "licence": licence, "source": source,
                   "matrix": matrix, "extent": extent, "levels": levels}
            for name, title, credit, licence, source, matrix, extent, levels in rows}


def keys(conn, project_uuid, name) -> set:
    """{(zoom, col, row)} the database holds of one base map (no tile data read)."""
    with talking():
        return set(conn.execute(f"SELECT zoom, kolom, rij FROM {SCHEMA}.tegels WHERE project_uuid = %s "
                                "AND basiskaart = %s", (project_uuid, name)))


def push(conn, project_uuid, name, meta, tiles) -> int:
    """Record the base map ``meta`` (widening what is there) and write ``tiles``, an
    iterable of (zoom, col, row, bytes), in one transaction; a tile another laptop sent
    meanwhile is kept (same key, same image). Returns the number of tiles written."""
    from psycopg.types.json import Jsonb

    with talking(), conn.transaction():
        old = basemaps(conn, project_uuid).get(name)
        if old is not None:
            (a0, a1, a2, a3), (b0, b1, b2, b3) = old["extent"], meta["extent"]
            meta = dict(meta, extent=[min(a0, b0), min(a1, b1), max(a2, b2), max(a3, b3)],
                        levels=sorted({tuple(level) for level in old["levels"] + meta["levels"]}))
        conn.execute(f"""INSERT INTO {SCHEMA}.basiskaarten (project_uuid, naam, titel, bronvermelding, licentie, bron,
                           matrix, omvang, niveaus) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)
                         ON CONFLICT (project_uuid, naam) DO UPDATE SET omvang = EXCLUDED.omvang,
                           niveaus = EXCLUDED.niveaus""",
                     (project_uuid, name, meta["title"], meta["attribution"], meta["licence"], meta["source"],
                      Jsonb(meta["matrix"]), Jsonb(meta["extent"]), Jsonb([list(level) for level in meta["levels"]])))
        with conn.cursor() as cur:
            cur.execute("CREATE TEMP TABLE IF NOT EXISTS tegels_binnen (zoom int, kolom int, rij int, sha256 text, "
                        "data bytea) ON COMMIT DELETE ROWS")
            written = 0
            with cur.copy("COPY tegels_binnen FROM STDIN") as copy:
                for zoom, col, row, data in tiles:
                    copy.write_row((zoom, col, row, hashlib.sha256(data).hexdigest(), data))
                    written += 1
            cur.execute(f"INSERT INTO {SCHEMA}.tegels (project_uuid, basiskaart, zoom, kolom, rij, sha256, data) "
                        "SELECT %s, %s, zoom, kolom, rij, sha256, data FROM tegels_binnen "
                        "ON CONFLICT DO NOTHING", (project_uuid, name))
    return written


def fetch(conn, project_uuid, name, wanted, batch=500):
    """Yield lists of (zoom, col, row, bytes) of the ``wanted`` keys, ``batch`` at a time."""
    wanted = sorted(wanted)
    for start in range(0, len(wanted), batch):
        part = wanted[start:start + batch]
        with talking():
            rows = conn.execute(
                f"SELECT t.zoom, t.kolom, t.rij, t.data FROM {SCHEMA}.tegels t "
                "JOIN unnest(%s::int[], %s::int[], %s::int[]) AS k(zoom, kolom, rij) "
                "ON t.zoom = k.zoom AND t.kolom = k.kolom AND t.rij = k.rij "
                "WHERE t.project_uuid = %s AND t.basiskaart = %s",
                ([k[0] for k in part], [k[1] for k in part], [k[2] for k in part], project_uuid, name)).fetchall()
        yield [(zoom, col, row, bytes(data)) for zoom, col, row, data in rows]
