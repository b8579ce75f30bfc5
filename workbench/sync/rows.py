"""Entities as the JSON rows the database keeps, and back (no SQL here)."""

import base64
import functools
from dataclasses import fields, replace

from workbench.core.model import (
    ENTITY_KINDS, Area, Intervention, ProjectInfo, ProjectState, ReferenceFeature, ReferenceLayer, Tombstone,
    Underlay)
from workbench.core.project import NullRepository, Project
from workbench.geo.repair import repair
from workbench.i18n import _

_TUPLES = {"theme_uuids", "goal_uuids"}
INFO = "info"  # the project's metadata: one row, uuid and kind "info"


def _entity(project, kind, uuid):
    return project.info if kind == INFO else project.get(kind, uuid)


def _to_json(entity, data):
    """Fill ``data`` with what JSON cannot hold as is; return the row's geometry, if any
    (its WKB is made by the caller, for many rows in one call)."""
    if isinstance(entity, Intervention):
        data["quantities"] = [list(pair) for pair in entity.quantities]
    if isinstance(entity, ReferenceLayer):
        data["features"] = [[f.uuid, f.label, f.geometry.wkb_hex, [list(p) for p in f.properties]]
                            for f in entity.features]
        data["style"] = entity.style.to_json() if entity.style is not None else None
    if isinstance(entity, Underlay):
        data["image"] = base64.b64encode(entity.image).decode("ascii")
    for name in _TUPLES & data.keys():
        data[name] = list(data[name])
    # None for an idea without a place
    return getattr(entity, "geometry", None) if isinstance(entity, (Intervention, Area)) else None


def _from_json(cls, values, wkb) -> dict:
    import shapely

    if cls is Intervention:
        values["quantities"] = tuple(tuple(pair) for pair in values.get("quantities", ()))
    if cls in (Intervention, Area):
        values["geometry"] = shapely.from_wkb(wkb) if wkb is not None else None
    if cls is ReferenceLayer:
        from workbench.core.layer_style import LayerStyle

        values["features"] = tuple(ReferenceFeature(uuid, label, shapely.from_wkb(bytes.fromhex(geometry)),
                                                    tuple(tuple(p) for p in properties))
                                   for uuid, label, geometry, properties in values.get("features", ()))
        values["style"] = LayerStyle.from_json(values["style"]) if values.get("style") else None
    if cls is Underlay:
        values["image"] = base64.b64decode(values.get("image", ""))
    return values


@functools.cache
def _names(cls) -> tuple:
    return tuple(f.name for f in fields(cls) if f.name != "geometry")


def to_row(project, uuid, kind, version, alive) -> tuple:
    """(uuid, kind, version, alive, data, geometry WKB or None) of one row of ``project``."""
    row, geometry = _row(project, uuid, kind, version, alive)
    if geometry is None:
        return row
    return row[:5] + (geometry.wkb,)


def to_rows(project, items) -> list:
    """``to_row`` of every (uuid, kind, version, alive) in ``items``, the geometries
    turned into WKB in one call (10,000 ideas: a tenth of the time one by one)."""
    import shapely

    rows, shapes, where = [], [], []
    for uuid, kind, version, alive in items:
        row, geometry = _row(project, uuid, kind, version, alive)
        if geometry is not None:
            shapes.append(geometry)
            where.append(len(rows))
        rows.append(row)
    for index, wkb in zip(where, shapely.to_wkb(shapes) if shapes else ()):
        rows[index] = rows[index][:5] + (wkb,)
    return rows


def _row(project, uuid, kind, version, alive) -> tuple:
    """(the row without its WKB, the geometry or None)."""
    if not alive:
        stone = project.get("tombstone", uuid)
        data = {"deleted_at": stone.deleted_at, "session_uuid": stone.session_uuid} if stone else {}
        return (uuid, kind, version, False, data, None), None
    entity = _entity(project, kind, uuid)
    data = {name: getattr(entity, name) for name in _names(type(entity))}
    geometry = _to_json(entity, data)
    return (uuid, kind, version, True, data, None), geometry


def from_row(kind, alive, data, wkb, uuid):
    """The entity (or, for a deleted row, its Tombstone) of one database row; None when
    the kind is not one this version knows."""
    if not alive:
        return Tombstone(uuid, kind, data.get("deleted_at", ""), data.get("session_uuid")) if data else None
    cls = ProjectInfo if kind == INFO else ENTITY_KINDS.get(kind)
    if cls is None:
        return None
    known = {f.name for f in fields(cls)}
    values = {k: v for k, v in data.items() if k in known}
    for name in _TUPLES & values.keys():
        values[name] = tuple(values[name])
    return cls(**_from_json(cls, values, wkb))


class _Snapshot(NullRepository):
    def __init__(self, versions):
        self._versions = versions

    def versions(self):
        return self._versions


def snapshot(rows, warnings=None) -> Project:
    """A read-only project of database ``rows``, to merge like a laptop's file.

    What comes from the database is checked as a file's content is on opening (anyone
    with write access may have edited the rows by hand): a row that makes no entity is
    left out, a broken shape repaired, odd values made usable (``store.repair``); what
    was done is added to ``warnings`` in Dutch."""
    from workbench.store.repair import repair_geometries, sanitize_state

    warnings = [] if warnings is None else warnings
    state, found = ProjectState(), {}
    for uuid, kind, version, alive, data, wkb in rows:
        entity = _usable(kind, alive, data, wkb, uuid)
        if entity is False:
            warnings.append(_("Een rij uit de database ({kind}) is onbruikbaar en is niet overgenomen.")
                            .format(kind=kind))
            continue
        found[uuid] = (kind, version, alive)
        if kind == INFO and entity is not None:
            state.info = entity
        elif entity is not None:
            state.entities["tombstone" if not alive else kind][uuid] = entity
    ideas = state.entities["intervention"]
    shapes, notes = repair_geometries(None, [(i.uuid, i.number, i.geometry) for i in ideas.values()
                                             if i.geometry is not None])
    for uuid, geometry in shapes.items():  # repaired, or None: listed without a place, as on opening
        ideas[uuid] = replace(ideas[uuid], geometry=geometry)
    warnings += notes
    _changes, repaired = sanitize_state(state)
    warnings += repaired
    return Project(state, _Snapshot(found))


def _usable(kind, alive, data, wkb, uuid):
    """``from_row``, or False when the row makes no entity. An idea's shape is checked
    with the others' in :func:`snapshot`; an area's here (one per project)."""
    try:
        entity = from_row(kind, alive, data if isinstance(data, dict) else {}, wkb, uuid)
    except Exception:  # any malformed value a hand-edited row can hold: a bad WKB, a missing field, ...
        return False
    if isinstance(entity, Area) and entity.geometry is not None and not entity.geometry.is_valid:
        fixed = repair(entity.geometry)
        return False if fixed is None else replace(entity, geometry=fixed)
    return entity
