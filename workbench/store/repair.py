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
_NULL_DANGLING = {"quotes": ("intervention_uuid", "session_uuid", "theme_uuid"), "goals": ("theme_uuid",),
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


def _number(value, whole=False):
    """``value`` as a finite number (an int when ``whole``), or None."""
    import math

    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if not math.isfinite(number) or (whole and (not number.is_integer() or abs(number) > 2 ** 53)):
        return None
    return int(number) if whole else number


_TEXT_FIELDS = {}  # entity class -> ((field name, may be None), ...)


def _text_fields(entity) -> dict:
    """Text fields that hold something else (a number, a BLOB from another tool), as text."""
    from dataclasses import fields

    names = _TEXT_FIELDS.get(type(entity))
    if names is None:
        names = _TEXT_FIELDS[type(entity)] = tuple(
            (f.name, f.type != str) for f in fields(entity)
            if f.name != "uuid" and (f.type is str or f.type == (str | None)))
    result = {}
    for name, optional in names:
        value = getattr(entity, name)
        if isinstance(value, str) or (optional and value is None):
            continue
        result[name] = (_as_text(value) or None) if optional else _as_text(value)
    return result


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value)


_TEXT_TABLES = ("themes", "quantity_kinds", "goals", "sessions", "interventions", "votes", "quotes",
                "tombstones", "project_info")


def text_columns_hold_only_text(conn) -> bool:
    """True when no TEXT column holds a number or a BLOB: one scan in SQLite, so the
    per-field check in Python runs only for files another tool has written into."""
    for table in _TEXT_TABLES:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})") if row[2].upper() == "TEXT"]
        if columns:
            test = " OR ".join(f"typeof({c}) NOT IN ('text', 'null')" for c in columns)
            if conn.execute(f"SELECT EXISTS(SELECT 1 FROM {table} WHERE {test})").fetchone()[0]:
                return False
    return True


def sanitize_state(state, check_text=True) -> tuple:
    """Values typed into QGIS's attribute table that the app cannot use (text where a
    number belongs, a colour that is no colour, a theme that is its own parent) become
    usable ones in ``state``.

    ``check_text=False`` skips the per-field text check (the caller knows from
    :func:`text_columns_hold_only_text` that there is nothing to find).

    Returns (the changes made, as :class:`~workbench.core.project.Change` for the
    repository to write; Dutch warnings). Deterministic, so a read-only open shows the
    same as a writable one.
    """
    from dataclasses import replace

    from workbench.core.model import HORIZONS, STATUSES
    from workbench.core.project import Change

    entities = state.entities
    changes = []

    def put(kind, entity, **values):
        before = entities[kind][entity.uuid]
        after = replace(before, **values)
        entities[kind][entity.uuid] = after
        changes.append(Change(kind, entity.uuid, before, after))

    for kind in ("theme", "quantity_kind", "goal", "session", "intervention", "vote", "quote", "tombstone"):
        for entity in list(entities[kind].values()) if check_text else ():
            text = _text_fields(entity)
            if text:
                put(kind, entity, **text)
    info_text = _text_fields(state.info) if check_text else {}
    if info_text:
        before, state.info = state.info, replace(state.info, **info_text)
        changes.append(Change("info", "info", before, state.info))
    for vote in list(entities["vote"].values()):
        if type(vote.count) is int and vote.count >= 0:
            continue  # the usual case, checked without the conversions below
        number = _number(vote.count, whole=True)
        if number is None or number < 0 or number != vote.count or type(vote.count) is not int:
            put("vote", vote, count=max(number or 0, 0))
    for session in list(entities["session"].values()):
        if type(session.participants) is int and session.participants >= 0:
            continue
        number = _number(session.participants, whole=True)
        if number is None or number < 0 or type(session.participants) is not int:
            put("session", session, participants=max(number or 0, 0))
    for goal in list(entities["goal"].values()):
        if goal.target is not None and (_number(goal.target) is None or type(goal.target) is not float):
            put("goal", goal, target=_number(goal.target))
    for kind in ("theme", "quantity_kind"):
        for entity in list(entities[kind].values()):
            if type(entity.sort_order) is not int:
                put(kind, entity, sort_order=_number(entity.sort_order, whole=True) or 0)
    for theme in list(entities["theme"].values()):
        color = theme.color if isinstance(theme.color, str) else ""
        if not (len(color) == 7 and color[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in color[1:])):
            put("theme", theme, color="#777777")
    for uuid in sorted(entities["theme"]):  # a parent chain that comes back is cut here
        seen, parent = {uuid}, entities["theme"][uuid].parent_uuid
        while parent is not None and parent in entities["theme"] and parent not in seen:
            seen.add(parent)
            parent = entities["theme"][parent].parent_uuid
        if parent == uuid:
            put("theme", entities["theme"][uuid], parent_uuid=None)
    items = list(entities["intervention"].values())
    next_number = max((i.number for i in items if type(i.number) is int), default=0) + 1
    for item in sorted((i for i in items if type(i.number) is not int), key=lambda i: i.uuid):
        number = _number(item.number, whole=True)
        if number is None:
            number, next_number = next_number, next_number + 1
        put("intervention", item, number=number)
    for item in list(entities["intervention"].values()):
        values = {}
        keys = [k for k, _v in item.quantities]
        if any(type(v) is not float for _k, v in item.quantities) or len(set(keys)) != len(keys):
            usable = {}
            for key, value in item.quantities:
                if _number(value) is not None:
                    usable.setdefault(key, _number(value))
            values["quantities"] = tuple(sorted(usable.items()))
        if item.status not in STATUSES:
            values["status"] = "idee"
        if item.horizon not in ("",) + HORIZONS:
            values["horizon"] = ""
        if values:
            put("intervention", item, **values)
    count = len(changes)
    if not count:
        return changes, []
    return changes, [_("{count} waarde(n) die buiten de werkbank zijn ingevuld (bijvoorbeeld tekst waar een "
                       "getal hoort) waren onbruikbaar en zijn vervangen.").format(count=count)]
