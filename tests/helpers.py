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


def mounted_tmpfs(folder, size):
    """A real small file system (tmpfs of ``size``, e.g. "2m") mounted on ``folder`` for
    the length of a test, as a generator for a fixture; the test is skipped with the
    reason where mounting is not permitted (CI runs as root and mounts)."""
    import subprocess

    import pytest

    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here ({mounted.stderr.strip()}); CI runs this as root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
