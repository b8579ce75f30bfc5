"""Bringing in what other programs (QGIS) changed in a project file, on open.

QGIS can add rows without our UUIDs and numbers, draw invalid shapes, or delete a theme
that links still point to. We repair what we can, in one transaction, and return what
we did or could not use as Dutch sentences for the user.
"""

import uuid as uuid_mod

from workbench.core.model import now_iso
from workbench.geo.repair import repair
from workbench.i18n import _
from workbench.store import gpkg_blob
from workbench.store.connection import transaction

# Link tables whose dangling rows are removed, and columns set to NULL when dangling.
_DELETE_DANGLING = ("intervention_themes", "intervention_goals", "intervention_quantities", "votes")
_NULL_DANGLING = {"quotes": ("intervention_uuid", "session_uuid"), "goals": ("theme_uuid",),
                  "themes": ("parent_uuid",)}


def repair_foreign_edits(conn) -> list:
    warnings = []
    with transaction(conn):
        warnings += _adopt_new_interventions(conn)
        warnings += _drop_dangling_links(conn)
        for table in ("area",):
            conn.execute(f"UPDATE {table} SET uuid = lower(hex(randomblob(16))) WHERE uuid IS NULL")
    return warnings


def _adopt_new_interventions(conn) -> list:
    rows = conn.execute("SELECT fid FROM interventions WHERE uuid IS NULL OR number IS NULL ORDER BY fid").fetchall()
    if not rows:
        return []
    number = conn.execute("SELECT COALESCE(MAX(number), 0) FROM interventions").fetchone()[0]
    stamp = now_iso()
    for (fid,) in rows:
        number += 1
        conn.execute(
            "UPDATE interventions SET uuid = COALESCE(uuid, ?), number = COALESCE(number, ?), "
            "title = COALESCE(NULLIF(title, ''), ?), status = COALESCE(status, 'idee'), "
            "created_at = COALESCE(created_at, ?), changed_at = COALESCE(changed_at, ?) WHERE fid = ?",
            (str(uuid_mod.uuid4()), number, _("Idee {number}").format(number=number), stamp, stamp, fid))
    return [_("{count} idee(ën) die buiten de werkbank zijn toegevoegd (bijvoorbeeld in QGIS) "
              "zijn opgenomen en genummerd.").format(count=len(rows))]


def repair_geometries(conn, rows) -> tuple:
    """Check the geometries of loaded interventions, vectorised.

    ``rows`` are (uuid, number, geometry or None). Returns (replacements by uuid: the
    repaired geometry, or None for an unusable one; warnings). Repairs are written to the
    file when ``conn`` is given (not read-only).
    """
    import shapely

    warnings, fixed = [], {}
    geometries = [row[2] for row in rows]
    if not geometries:
        return fixed, warnings
    # Vectorised checks; the Python loop only visits the (rare) bad rows.
    missing = shapely.is_missing(geometries) | shapely.is_empty(geometries)
    invalid = ~shapely.is_valid(geometries) & ~missing
    for index in (missing | invalid).nonzero()[0]:
        uuid, number, geometry = rows[index]
        if missing[index]:
            fixed[uuid] = None
            warnings.append(_("Idee {number} heeft geen of een onleesbare vorm en wordt niet getoond.")
                            .format(number=number))
            continue
        result = repair(geometry)
        fixed[uuid] = result
        if result is None:
            warnings.append(_("Idee {number} heeft een ongeldige vorm die niet te herstellen is.")
                            .format(number=number))
        else:
            warnings.append(_("De vorm van idee {number} was ongeldig en is hersteld.").format(number=number))
    repaired = [(gpkg_blob.encode(g), u) for u, g in fixed.items() if g is not None]
    if repaired and conn is not None:
        with transaction(conn):
            conn.executemany("UPDATE interventions SET geom = ? WHERE uuid = ?", repaired)
    return fixed, warnings


def _drop_dangling_links(conn) -> list:
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if not problems:
        return []
    for table, rowid, _parent, fk_index in problems:
        if table in _DELETE_DANGLING:
            conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))
        elif table in _NULL_DANGLING:
            column = conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()
            name = next(row[3] for row in column if row[0] == fk_index)
            conn.execute(f"UPDATE {table} SET {name} = NULL WHERE rowid = ?", (rowid,))
    return [_("{count} verwijzing(en) naar verwijderde rijen zijn opgeruimd.").format(count=len(problems))]
