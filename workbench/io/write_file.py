"""Writing export files so that an interrupted export leaves no half file."""

import os
import tempfile
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.i18n import _


def check_folder(path: Path) -> None:
    if not path.parent.is_dir():
        raise WorkbenchError(_("De map {path} bestaat niet.").format(path=path.parent))
    if path.is_dir():
        raise WorkbenchError(_("{path} is een map, geen bestand.").format(path=path))


def check_not_the_project(project, path) -> None:
    """An export must never replace the project file it is made from: the rename would
    put the export in its place, and every later edit would go to a file that is gone."""
    if project.path is not None and Path(path).resolve() == Path(project.path).resolve():
        raise WorkbenchError(_("Kies een ander bestand om naar te exporteren dan het project zelf."))


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``."""
    check_folder(path)
    try:
        fd, temp = tempfile.mkstemp(prefix=".export-", dir=path.parent)
    except OSError as error:  # a read-only folder, a full disk
        raise WorkbenchError(_("Kan {path} niet schrijven: {error}").format(path=path, error=error.strerror)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)  # mkstemp makes it private; an export is for sharing
        os.replace(temp, path)
    except OSError as error:
        if os.path.exists(temp):
            os.unlink(temp)
        raise WorkbenchError(_("Kan {path} niet schrijven: {error}").format(path=path, error=error.strerror)) from None
