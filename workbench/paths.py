"""Where bundled resources live, in a source checkout and in a PyInstaller build."""

import sys
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=None)  # asked for every icon and style at start: resolve() walks the path
def _data_dir(name: str) -> Path:
    """A data folder: inside a frozen app, inside the installed package (the wheel puts
    it there, see setup.py), or at the top of a source checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / name
    package = Path(__file__).resolve().parent
    installed = package / name
    return installed if installed.is_dir() else package.parent / name


def resources_dir() -> Path:
    """The ``resources/`` folder."""
    return _data_dir("resources")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_projects_dir() -> Path:
    return _data_dir("sample_projects")


def same_file(a, b) -> bool:
    """Are ``a`` and ``b`` one file, whatever the spelling of their paths (case on
    Windows and macOS, links, ``..``)? False when either does not exist."""
    import os

    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
