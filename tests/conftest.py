"""Shared fixtures: sample projects built once per test run and copied per test."""

import os
import shutil

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def _built_samples(tmp_path_factory):
    from workbench.io.samples import build_sample

    folder = tmp_path_factory.mktemp("samples")
    paths = {}
    for name in ("heerlerheide", "caumerbeekdal"):
        path = folder / f"{name}.gpkg"
        build_sample(name, path).close()
        paths[name] = path
    return paths


@pytest.fixture
def sample_path(_built_samples, tmp_path):
    """A fresh copy of the heerlerheide sample, safe to change."""
    target = tmp_path / "heerlerheide.gpkg"
    shutil.copy(_built_samples["heerlerheide"], target)
    return target


@pytest.fixture
def caumerbeekdal_path(_built_samples, tmp_path):
    target = tmp_path / "caumerbeekdal.gpkg"
    shutil.copy(_built_samples["caumerbeekdal"], target)
    return target


@pytest.fixture
def project(sample_path):
    from workbench.store import open_project

    opened = open_project(sample_path)
    yield opened
    opened.close()


@pytest.fixture
def empty_project(tmp_path):
    from workbench.io.projects import new_project

    opened = new_project(tmp_path / "leeg.gpkg", "Testproject", "leeg")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def postgis_server():
    """A real PostgreSQL with PostGIS on 127.0.0.1 for this test session (tests/postgis_server.py)."""
    from tests.postgis_server import Server, missing

    reason = missing()
    if reason:
        pytest.skip(reason)
    server = Server()
    yield server
    server.stop()


@pytest.fixture
def database(postgis_server):
    """The URL of a fresh database with the werkbank schema."""
    from workbench.store import postgis

    url = postgis_server.new_database()
    conn = postgis.connect(url)
    postgis.init(conn)
    conn.close()
    return url
