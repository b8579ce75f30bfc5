"""Cold start (issue 14, item 3): what the first painted map does not need is not loaded
before it. The app runs in a fresh process, offscreen, exactly as the start benchmark
launches it, and reports ``sys.modules`` the moment the map view has painted.

Each module named here costs tens of milliseconds at every start, and none of them draws
the first map.
"""

import json
import os
import subprocess
import sys

import pytest

from bench.bench_startup import first_paint_script

FIRST_PAINT = first_paint_script(
    'import json; print(json.dumps({"modules": list(sys.modules), "project": window.context.project is not None}))')

NOT_BEFORE_FIRST_PAINT = ("reportlab", "pyproj", "psycopg", "pyogrio", "workbench.report",
                          "workbench.io.merge", "workbench.sync", "workbench.ui.export_dialog",
                          "workbench.ui.import_dialog", "workbench.ui.merge_dialog", "workbench.ui.sync_dialog",
                          "workbench.ui.basemap_dialog", "workbench.ui.wizard",
                          # the docks behind another tab: built after the first paint
                          "workbench.ui.sessions", "workbench.ui.themes", "workbench.ui.ranking", "workbench.ui.quotes",
                          "workbench.ui.project_panel", "workbench.ui.toets_dock", "workbench.analysis",
                          # the votes panel's table (the bar's counter is ui.vote_counter) and the
                          # project setup's commands (the editor adds a quantity kind with one)
                          "workbench.ui.votes", "workbench.ui.votes_table", "workbench.core.setup_commands",
                          # the base maps' tile pyramids: the sample has none; shapely.ops (an idea's
                          # number needs only polylabel, the edge snap loads it when used)
                          "workbench.store.tiles", "shapely.ops",
                          # what builds the samples (only whether a project is one is asked), the
                          # OpenSSL hashes (link UUIDs of new rows) and the html entity table
                          "workbench.io.samples", "workbench.io.projects", "hashlib", "html")


@pytest.fixture(scope="module")
def modules_at_first_paint(tmp_path_factory):
    from workbench.io.samples import build_sample

    folder = tmp_path_factory.mktemp("cold_start")
    sample = folder / "heerlerheide.gpkg"
    build_sample("heerlerheide", sample).close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(folder / "config"),
               XDG_DATA_HOME=str(folder / "data"), HOME=str(folder))
    done = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(sample)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["project"], "the sample did not open"
    return report["modules"]  # in the order they were imported


@pytest.mark.parametrize("name", NOT_BEFORE_FIRST_PAINT)
def test_the_first_map_paints_without(modules_at_first_paint, name):
    loaded = sorted(m for m in modules_at_first_paint if m == name or m.startswith(name + "."))
    assert not loaded, f"{name} is imported before the first paint: {loaded[:5]}"


def test_the_map_itself_is_there_at_first_paint(modules_at_first_paint):
    # the guard above must not pass because nothing ran: the map and its scene did
    expected = {"workbench.canvas.view", "workbench.canvas.scene", "shapely", "PySide6.QtWidgets"}
    assert expected <= set(modules_at_first_paint)


@pytest.mark.parametrize("name", ["numpy", "shapely", "workbench.store", "workbench.core.model"])
def test_what_needs_no_qt_is_loaded_before_qt(modules_at_first_paint, name):
    # PySide6's import hook reads the source of every module imported after it: numpy's,
    # shapely's and the store's modules, imported first, are spared that at each start
    order = {module: index for index, module in enumerate(modules_at_first_paint)}
    assert order[name] < order["PySide6.QtCore"], f"{name} is imported after Qt"
