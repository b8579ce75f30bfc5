"""Test helpers that compare whole project states."""

from workbench.store import open_project


def snapshot(project) -> dict:
    """Everything a user could see in a project, comparable with ==.

    Geometries compare by WKB so that equal shapes compare equal.
    """
    result = {"info": project.info}
    for kind, table in project.state.entities.items():
        rows = {}
        for uuid, entity in table.items():
            values = dict(vars(entity)) if not hasattr(entity, "__dataclass_fields__") else {
                name: getattr(entity, name) for name in entity.__dataclass_fields__}
            for name, value in list(values.items()):
                if hasattr(value, "wkb"):
                    values[name] = value.wkb
                elif name == "features":
                    values[name] = tuple((f.uuid, f.label, f.geometry.wkb, f.properties) for f in value)
            rows[uuid] = values
        result[kind] = rows
    return result


def reopened_snapshot(path) -> dict:
    project = open_project(path, read_only=True)
    try:
        return snapshot(project)
    finally:
        project.close()
