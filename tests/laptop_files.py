"""Project files standing in for laptops in the merge and sync tests: copies of one
project, edited, read and merged the way the app does (each through the store's one
open path), and a clock that runs days behind or ahead."""

import shutil
from datetime import datetime, timedelta, timezone

import pytest

from workbench.core.model import set_clock
from workbench.io.merge import merge_files
from workbench.store import open_project


@pytest.fixture
def clock():
    """``clock(days)`` skews every timestamp the app makes by ``days``."""
    def skew(days):
        set_clock(lambda: datetime.now(timezone.utc) + timedelta(days=days))
    yield skew
    set_clock(None)


def copies(sample_path, tmp_path, *names) -> list:
    paths = []
    for name in names:
        paths.append(tmp_path / f"{name}.gpkg")
        shutil.copy(sample_path, paths[-1])
    return paths


def edit(path, *commands) -> None:
    project = open_project(path)
    try:
        for command in commands:
            project.execute(command)
    finally:
        project.close()


def read(path, fn):
    project = open_project(path, read_only=True)
    try:
        return fn(project)
    finally:
        project.close()


def merge(target, *sources, rule=None):
    project = open_project(target)
    try:
        return merge_files(project, list(sources), **({"rule": rule} if rule else {}))
    finally:
        project.close()
