"""Issue 14: the app with 10,000 ideas. Each figure against a floor measured in this run.

- ``scale_open_first_paint``: a fresh process that opens the project and waits for the
  first painted map, against a fresh bare PySide6 window that imports shapely and numpy
  and reads the same rows with sqlite3 + shapely (the unavoidable work);
- ``scale_memory``: the resident size (peak RSS) of that process, against the bare one;
  the bar is 400 MB;
- ``scale_render_full_view``: the whole map drawn into a 1600x1200 image through the
  scene, against QPainter drawing the same paths;
- ``scale_zoom_step_max`` / ``scale_pan_step_max``: the slowest of 16 wheel steps (in
  and out) and of 12 pans of 80 pixels, each with its repaint, against QPainter drawing
  every path once into an image the size of the view; ``scale_zoom_step_median`` the
  median step, and ``scale_zoom_steps_ms`` every step in milliseconds;
- ``scale_filter_theme``: the ideas list filtered by a theme (the proxy re-filtered),
  against the same filter as a Python list comprehension over the ideas;
- ``scale_edit_view_updated`` / ``scale_undo_view_updated``: one title edit committed
  (fsync included) and the events processed until the list and the map have updated
  and repainted what changed, and its undo, median of 15, against a bare sqlite3 UPDATE
  with the same durability;
- ``scale_edit_panels_caught_up``: the same edit plus the refreshes the open panels
  (ranking, themes, Toets) run once the edits rest (``ui/deferred.py``), against the
  same floor;
- ``scale_move_view_updated``: one idea moved (its shape, label and clusters follow),
  map repainted, median of 15, against the same floor;
- ``scale_add_view_updated`` / ``scale_delete_view_updated``: one idea added (a point
  in the middle of the map, zoomed in) and deleted again, until the map has repainted,
  median of 15, against the same floor; ``scale_add_delete_repainted``: the largest
  share of the map one of them repainted (1.0: the whole map);
- ``scale_edit_default_docks_map_updated``: as a user meets it, with the docks of a
  first start built and in place: an idea added or deleted from the running event loop
  until the map's first paint, median of 10, against the bare sqlite3 UPDATE;
- ``scale_edit_longest_block``: the longest the event loop did not answer (a 5 ms timer
  probing it) from an add, a delete or a title edit with its undo until a second later,
  the docks of a first start, against the same with every dock closed (the map alone);
  ``scale_edit_longest_block_toets_ranking_shown``: the same with the ranking, the
  themes and then the Toets tab chosen.
"""

import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import bench_startup
from bench.common import median, report, timed

COUNT = 10_000
WIDTH, HEIGHT = 1600, 1200

FLOOR = r"""
import resource, sqlite3, sys
import numpy, shapely
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute("SELECT uuid, number, title, description, geom FROM interventions").fetchall()
geometries = shapely.from_wkb([bytes(row[-1])[40:] for row in rows])
window = QMainWindow()
window.resize(1400, 900)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
print("RSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

# the cold start's script (open the file, wait for the first painted map), then the memory
OURS = bench_startup.OURS + r"""
import resource
print("RSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _process(script, path, env, repeat=3):
    """(best wall time, peak RSS in MB) of a fresh process running ``script``."""
    best, rss = float("inf"), 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", script, str(path)], env=env, check=True,
                                capture_output=True, text=True, timeout=600)
        best = min(best, time.perf_counter() - start)
        rss = max(rss, int(re.search(r"RSS (\d+)", result.stdout).group(1)) / 1024)
    return best, rss


def bench_process(path, folder):
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               XDG_CONFIG_HOME=str(folder / "config"), XDG_DATA_HOME=str(folder / "data"))
    floor_time, floor_rss = _process(FLOOR, path, env)
    ours_time, ours_rss = _process(OURS, path, env)
    report("scale_open_first_paint", ours_time, floor_time, "report")
    report("scale_memory", ours_rss, floor_rss, "value<=400MB", unit="MB")


def bench_in_app(path):
    from qtpy.QtCore import QEventLoop, QTimer
    from qtpy.QtGui import QTransform

    from bench.bench_render import _floor_paths, raw_paint
    from workbench.canvas.export_png import render_image
    from workbench.core.commands import EditIntervention
    from workbench.ui.app import application
    from workbench.ui.main_window import MainWindow

    app = application()
    window = MainWindow()
    window.open_path(str(path))
    window.resize(1400, 900)
    window.show()
    loop = QEventLoop()
    window.map_view.painted.connect(loop.quit)
    QTimer.singleShot(30_000, loop.quit)
    if not window.map_view.is_painted():
        loop.exec()
    project = window.context.project

    scene = window.map_view.scene()
    source = scene.data_rect()
    scale = min(WIDTH / source.width(), HEIGHT / source.height()) / 1.08
    centre = source.center()
    transform = QTransform(scale, 0, 0, scale, WIDTH / 2 - centre.x() * scale, HEIGHT / 2 - centre.y() * scale)
    paths = _floor_paths(project)
    render_image(project, WIDTH, HEIGHT, "all", scene=scene)  # warm up
    value = timed(lambda: render_image(project, WIDTH, HEIGHT, "all", scene=scene), repeat=3)
    floor = timed(lambda: raw_paint(paths, WIDTH, HEIGHT, transform), repeat=3)
    report("scale_render_full_view", value, floor, "report")

    view = window.map_view
    view.zoom_to_all()
    app.processEvents()
    zooms, pans = [], []
    for factor in [1.25] * 8 + [0.8] * 8:
        start = time.perf_counter()
        view.zoom_by(factor)
        app.processEvents()  # the repaint and the label thinning run here
        zooms.append(time.perf_counter() - start)
    for step in range(12):
        start = time.perf_counter()
        view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + (80 if step < 6 else -80))
        app.processEvents()
        pans.append(time.perf_counter() - start)
    # floor: QPainter drawing every path once into an image of the view's size
    size = view.viewport().size()
    frame = timed(lambda: raw_paint(paths, size.width(), size.height(), view.viewportTransform()), repeat=3)
    report("scale_zoom_step_max", max(zooms), frame, "report")
    report("scale_zoom_step_median", median(zooms), frame, "report")
    print("scale_zoom_steps_ms", [round(zoom * 1000) for zoom in zooms])
    report("scale_pan_step_max", max(pans), frame, "report")

    panel = window.panels["interventions"]
    themes = [t.uuid for t in project.themes() if t.parent_uuid][:4]

    def filter_list():
        for theme in themes:
            panel.proxy.set_theme(theme)
            panel.proxy.rowCount()
        panel.proxy.set_theme(None)

    def filter_floor():
        items = project.interventions()
        for theme in themes:
            [item for item in items if theme in item.theme_uuids]

    report("scale_filter_theme", timed(filter_list, 3), timed(filter_floor, 3), "report")

    from workbench.core.commands import AddIntervention, DeleteInterventions, MoveInterventions
    from workbench.ui.deferred import Deferred

    panels = window.findChildren(Deferred)
    items = project.interventions()
    edits, undos, caught_up, moves = [], [], [], []
    for n in range(15):
        start = time.perf_counter()
        window.context.run(EditIntervention(items[n * 101].uuid, title=f"Nieuwe titel {n}"))
        app.processEvents()  # the list and the map: repaints of what changed
        edits.append(time.perf_counter() - start)
        catch_up(panels)  # what the panels on screen do once the edits rest
        caught_up.append(time.perf_counter() - start)
        start = time.perf_counter()
        window.context.undo()
        app.processEvents()
        undos.append(time.perf_counter() - start)
        catch_up(panels)
        start = time.perf_counter()
        window.context.run(MoveInterventions([items[n * 101 + 7].uuid], 25.0, 15.0))
        app.processEvents()
        moves.append(time.perf_counter() - start)
        catch_up(panels)
    adds, deletes, repainted = add_and_delete(app, window, AddIntervention, DeleteInterventions, catch_up, panels)
    latency = edits_in_the_event_loop(app, window, AddIntervention, DeleteInterventions, EditIntervention)
    window.close()
    project.close()

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    floor = []
    for n in range(15):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE interventions SET title = ? WHERE uuid = ?", (f"Bare {n}", items[n * 101].uuid))
        conn.execute("COMMIT")
        floor.append(time.perf_counter() - start)
    conn.close()
    report("scale_edit_view_updated", median(edits), median(floor), "report")
    report("scale_undo_view_updated", median(undos), median(floor), "report")
    report("scale_edit_panels_caught_up", median(caught_up), median(floor), "report")
    report("scale_move_view_updated", median(moves), median(floor), "report")
    report("scale_add_view_updated", median(adds), median(floor), "report")
    report("scale_delete_view_updated", median(deletes), median(floor), "report")
    report("scale_add_delete_repainted", repainted, 1.0, "report", unit="")
    report("scale_edit_default_docks_map_updated", median(latency["default"][0]), median(floor), "value<=0.1s")
    report("scale_edit_longest_block", max(latency["default"][1]), max(latency["hidden"][1]), "value<=0.1s")
    report("scale_edit_longest_block_toets_ranking_shown", max(latency["shown"][1]), max(latency["hidden"][1]),
           "report")


def add_and_delete(app, window, add, delete, catch_up, panels):
    """(add times, delete times, largest repainted share of the map) of 15 ideas added
    in the middle of the map, zoomed in, and deleted again: each time from the command
    to the map's repaint that shows it (the panels' refreshes that fall due in the same
    round of events are not counted; ``scale_edit_panels_caught_up`` has those)."""
    from qtpy.QtCore import QEvent, QObject
    from shapely.geometry import Point

    class PaintSpy(QObject):
        areas, first = [], None

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                rect = event.region().boundingRect()
                self.areas.append(rect.width() * rect.height())
                self.first = self.first or time.perf_counter()
            return False

    view = window.map_view
    view.zoom_to_all()
    view.zoom_by(6.0)
    app.processEvents()
    catch_up(panels)
    centre = view.mapToScene(view.viewport().rect().center())
    spy = PaintSpy()
    adds, deletes = [], []
    for n in range(16):
        if n == 1:  # after one round, so that what the zoom left to repaint is done
            view.viewport().installEventFilter(spy)
        for command, times in ((lambda: add(f"Bankje {n}", Point(centre.x() + n * 7, -centre.y())), adds),
                               (lambda: delete([window.context.project.interventions()[-1].uuid]), deletes)):
            spy.first = None
            start = time.perf_counter()
            window.context.run(command())
            app.processEvents()
            if n:
                times.append((spy.first or time.perf_counter()) - start)
            catch_up(panels)
    view.viewport().removeEventFilter(spy)
    whole = view.viewport().width() * view.viewport().height()
    return adds, deletes, max(spy.areas, default=0) / whole


def catch_up(panels) -> None:
    """Run the refreshes the panels on screen have waiting (a hidden one waits until shown)."""
    from workbench.ui.deferred import on_screen

    for panel in panels:
        if on_screen(panel.widget):
            panel.flush()


def edits_in_the_event_loop(app, window, add, delete, edit):
    """As a user meets them: commands run from the running event loop while a 5 ms
    timer probes it; for each layout of the docks, (times from the command to the
    map's first paint, the longest gap between two probe ticks per command from the
    command until a second later). Layouts: "default" (the docks of a first start; the
    Toets and ranking tabs behind others), "shown" (the Toets tab and the ranking tab
    chosen, the themes tab too), "hidden" (every dock closed: the map alone, the floor)."""
    from qtpy.QtCore import QEvent, QEventLoop, QObject, QTimer
    from shapely.geometry import Point

    loop = QEventLoop()

    def wait(ms):
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    while window.panels.pending():
        wait(20)
    view = window.map_view
    view.zoom_to_all()
    view.zoom_by(6.0)
    wait(500)
    centre = view.mapToScene(view.viewport().rect().center())
    ticks = []
    probe = QTimer()
    probe.setInterval(5)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))

    class PaintSpy(QObject):
        first = None

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and self.first is None:
                self.first = time.perf_counter()
            return False

    spy = PaintSpy()
    view.viewport().installEventFilter(spy)
    items = window.context.project.interventions()
    results = {}
    for layout in ("default", "shown", "hidden"):
        if layout == "shown":
            for key in ("toets", "ranking", "themes"):  # toets and ranking share a tab bar: both in turn
                window.docks[key].raise_()
        if layout == "hidden":
            for dock in window.docks.values():
                dock.hide()
        wait(800)
        paints, blocks = [], []
        commands = []
        for n in range(5):
            commands += [lambda n=n: add(f"Bank {n}", Point(centre.x() + n * 7, -centre.y())),
                         lambda: delete([window.context.project.interventions()[-1].uuid]),
                         lambda n=n: edit(items[n * 101].uuid, title=f"Titel {n}")]
        for index, command in enumerate(commands):
            if layout == "shown" and index == len(commands) // 2:
                window.docks["toets"].raise_()  # the second half with the Toets tab in front
                wait(800)
            spy.first = None
            start = [0.0]

            def run(command=command):
                start[0] = time.perf_counter()
                window.context.run(command())
                if index % 3 == 2:
                    window.context.undo()

            ticks.clear()
            probe.start()
            QTimer.singleShot(0, run)
            wait(1000)
            probe.stop()
            marks = [start[0]] + [tick for tick in ticks if tick > start[0]]
            blocks.append(max(b - a for a, b in zip(marks, marks[1:])))
            if spy.first is not None and index % 3 != 2:  # the title edit may be off the map
                paints.append(spy.first - start[0])
        results[layout] = (paints, blocks)
    view.viewport().removeEventFilter(spy)
    for dock in window.docks.values():
        dock.show()
    return results


def run() -> None:
    from bench.projects import make_project

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = folder / "tienduizend.gpkg"
        make_project(path, interventions=COUNT).close()
        bench_process(path, folder)
        bench_in_app(path)


if __name__ == "__main__":
    run()
