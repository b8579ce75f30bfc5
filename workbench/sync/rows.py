"""Entities as the JSON rows the database keeps, and back (no SQL here)."""

from dataclasses import fields

from workbench.core.model import ENTITY_KINDS, Intervention, ProjectState, Tombstone
from workbench.core.project import NullRepository, Project

_TUPLES = {"theme_uuids", "goal_uuids"}


def to_row(project, uuid, kind, version, alive) -> tuple:
    """(uuid, kind, version, alive, data, geometry WKB or None) of one row of ``project``."""
    if not alive:
        stone = project.get("tombstone", uuid)
        data = {"deleted_at": stone.deleted_at, "session_uuid": stone.session_uuid} if stone else {}
        return uuid, kind, version, False, data, None
    entity = project.get(kind, uuid)
    data = {f.name: getattr(entity, f.name) for f in fields(entity) if f.name != "geometry"}
    wkb = None
    if isinstance(entity, Intervention):
        data["quantities"] = [list(pair) for pair in entity.quantities]
        wkb = entity.geometry.wkb if entity.geometry is not None else None  # an idea without a place
    for name in _TUPLES & data.keys():
        data[name] = list(data[name])
    return uuid, kind, version, True, data, wkb


def from_row(kind, alive, data, wkb, uuid):
    """The entity (or, for a deleted row, its Tombstone) of one database row; None when
    the kind is not one this version knows."""
    if not alive:
        return Tombstone(uuid, kind, data.get("deleted_at", ""), data.get("session_uuid")) if data else None
    cls = ENTITY_KINDS.get(kind)
    if cls is None:
        return None
    known = {f.name for f in fields(cls)}
    values = {k: v for k, v in data.items() if k in known}
    for name in _TUPLES & values.keys():
        values[name] = tuple(values[name])
    if cls is Intervention:
        import shapely

        values["quantities"] = tuple(tuple(pair) for pair in values.get("quantities", ()))
        values["geometry"] = shapely.from_wkb(wkb)
    return cls(**values)


class _Snapshot(NullRepository):
    def __init__(self, versions):
        self._versions = versions

    def versions(self):
        return self._versions


def snapshot(rows) -> Project:
    """A read-only project of database ``rows``, to merge like a laptop's file."""
    state, found = ProjectState(), {}
    for uuid, kind, version, alive, data, wkb in rows:
        entity = from_row(kind, alive, data, wkb, uuid)
        found[uuid] = (kind, version, alive)
        if entity is not None:
            state.entities["tombstone" if not alive else kind][uuid] = entity
    return Project(state, _Snapshot(found))
