"""Where bundled resources live, in a source checkout and in a PyInstaller build."""

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder: next to the package, or inside a frozen app."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_projects_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "sample_projects"
    return Path(__file__).resolve().parent.parent / "sample_projects"


def same_file(a, b) -> bool:
    """Are ``a`` and ``b`` one file, whatever the spelling of their paths (case on
    Windows and macOS, links, ``..``)? False when either does not exist."""
    import os

    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
