"""What ``make stress`` asserts after each kill -9: the app opens the project by itself
(through its own opening path, never a helper sqlite3 connection first), every
acknowledged edit is there and ``workbench check`` passes."""

import contextlib
import hashlib
import io
from pathlib import Path

OPENERS = ("open", "read_only", "info", "check")


def first_open(path: Path, opener: str) -> str | None:
    """Open ``path`` the way a user would first, after the crash; None or what failed."""
    from workbench.cli import main
    from workbench.errors import WorkbenchError
    from workbench.store import open_project

    if opener in ("info", "check"):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([opener, str(path)])
        return None if code == 0 else f"workbench {opener}: {code} {err.getvalue().strip()}{out.getvalue().strip()}"
    try:
        open_project(path, read_only=opener == "read_only").close()
    except WorkbenchError as error:
        return f"{opener}: {error}"
    return None


def verify(path: Path, opener: str) -> tuple:
    """(intervention UUIDs, [problems]) after opening ``path`` first with ``opener``."""
    from workbench.store import open_project
    from workbench.store.project_file import check_project

    problems = []
    failed = first_open(path, opener)
    if failed:
        return set(), [failed]
    project = open_project(path)
    try:
        uuids = {item.uuid for item in project.interventions()}
    finally:
        project.close()
    problems += check_project(path)
    return uuids, problems


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def complete_pdf(path: Path) -> bool:
    data = Path(path).read_bytes()
    return data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")


def complete_geopackage(path: Path) -> bool:
    from workbench.errors import WorkbenchError
    from workbench.store.foreign_gpkg import feature_tables

    try:
        return any(table.name == "ideeen" and table.count > 0 for table in feature_tables(path))
    except WorkbenchError:
        return False


def visible_files(folder: Path) -> list:
    return sorted(p.name for p in Path(folder).iterdir() if not p.name.startswith("."))
