"""What `pip install .` and the installer build rely on: the wheel carries the resources,
the sample recipes and both entry points; the app picks PySide6 whatever the environment."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_qt_binding_is_pyside6_whatever_qt_api_says():
    # QGIS installs bring PyQt5 and often set QT_API; qtpy then picks PyQt5.
    for value in (None, "pyqt5", "pyside2"):
        env = {k: v for k, v in os.environ.items() if k != "QT_API"}
        if value:
            env["QT_API"] = value
        result = subprocess.run(
            [sys.executable, "-W", "error", "-c",
             "import workbench.ui.app, qtpy, os; print(qtpy.API_NAME, os.environ['QT_API'])"],
            capture_output=True, text=True, env=env, timeout=60)
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["PySide6", "pyside6"], (value, result.stderr)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    # no build isolation: the venv's setuptools, nothing fetched from an index
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True, timeout=600)
    [built] = out.glob("gebiedsvisie_werkbank-*.whl")
    return built


def test_wheel_carries_resources_samples_and_both_entry_points(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
    for expected in ("workbench/resources/translations/en/ui.json", "workbench/resources/fonts",
                     "workbench/resources/theme_sets", "workbench/resources/icons/app.png",
                     "workbench/sample_projects/heerlerheide.json"):
        assert any(name.startswith(expected) for name in names), expected
    assert not any(name.startswith(("resources/", "sample_projects/", "tests/")) for name in names)
    assert "[console_scripts]\nworkbench = workbench.cli:main" in entry_points
    assert "[gui_scripts]\ngebiedsvisie-werkbank = workbench.ui.app:main" in entry_points


def test_installed_wheel_works_outside_the_checkout(wheel, tmp_path):
    # The wheel unpacked as site-packages would hold it, first on the path, run from
    # elsewhere: the sample is built from the recipes and resources inside the package.
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    check = subprocess.run(
        [sys.executable, "-c", "import workbench, workbench.paths as p; print(workbench.__file__); "
                               "print(p.resources_dir()); print(p.sample_projects_dir())"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60, check=True)
    assert all(line.startswith(str(site)) for line in check.stdout.split()), check.stdout
    made = subprocess.run([sys.executable, "-m", "workbench", "sample", "heerlerheide", tmp_path / "s.gpkg"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert made.returncode == 0, made.stderr
    info = subprocess.run([sys.executable, "-m", "workbench", "info", tmp_path / "s.gpkg"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert info.returncode == 0 and "Heerlerheide" in info.stdout, info.stderr


def test_the_app_has_a_window_icon(qapp):
    from qtpy.QtCore import QSize

    from workbench.ui.app import application

    assert application() is qapp
    icon = qapp.windowIcon()
    assert not icon.isNull() and icon.actualSize(QSize(256, 256)).width() == 256


def test_the_windowed_program_answers_version_and_reports_usage_errors_in_one_line():
    version = subprocess.run([sys.executable, "-m", "workbench.ui", "--version"], capture_output=True, text=True,
                             timeout=60)
    assert version.returncode == 0 and version.stdout.strip().startswith("workbench "), version.stderr
    wrong = subprocess.run([sys.executable, "-m", "workbench.ui", "--onzin"], capture_output=True, text=True,
                           timeout=60)
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    assert wrong.stderr.startswith("workbench: Ongeldige opdracht") and len(wrong.stderr.splitlines()) == 1
