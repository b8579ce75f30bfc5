"""Cold start to the first painted map of the sample, against a bare PySide6 window.

Both are measured as fresh processes, from starting the interpreter to the moment the
window has painted: the bare window after its first paint, ours when the map view
reports its first painted map (each prints the wall clock then, and quits). What comes
after the paint (closing the window, saving its layout, Python's own shutdown) is no part
of the start a user waits for; the whole process is reported too (cold_start_process). The floor is the unavoidable work (issue
14): the bare window also imports shapely and numpy and opens the file with sqlite3.
Target: at most 1.5x, and under 1 s. Two more lines split the ratio: the bare window
reached through qtpy against the bare floor (what the stack costs) and ours against that
(what our own code costs).

Both run from bytecode, as installed programs do (pip compiles at install, PyInstaller
ships .pyc): with PYTHONDONTWRITEBYTECODE set, as on the development machines, every
module of the editable checkout would be compiled from source again at each start
(~0.12 s here) while numpy, shapely and PySide6 come with their bytecode.
"""

import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import report

BARE = r"""
import sqlite3, sys
import numpy, shapely
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM interventions").fetchone()
window = QMainWindow()
window.resize(1400, 900)
window.show()
def painted():  # runs after the first paint of the shown window
    import time
    print("PAINTED", time.time(), time.process_time(), flush=True)
    app.quit()
QTimer.singleShot(0, painted)
app.exec()
"""

# The same bare window reached the way the product reaches Qt ("PySide6 through qtpy"):
# qtpy's modules star-import PySide6's, which creates every Qt class at import where
# PySide6 alone creates a class on first use. The difference between the two floors
# is what the stack costs; ours over this floor is what our own code costs.
BARE_QTPY = BARE.replace(
    "from PySide6.QtCore import QTimer\nfrom PySide6.QtWidgets import QApplication, QMainWindow",
    "import qtpy.QtGui\nfrom qtpy.QtCore import QTimer\nfrom qtpy.QtWidgets import QApplication, QMainWindow",
)
assert BARE_QTPY != BARE


def first_paint_script(at_first_paint: str) -> str:
    """The app started as a user starts it on a project (``sys.argv[1]``), running the
    Python statement ``at_first_paint`` the moment the map has painted, then quitting.
    Shared with tests/test_startup_imports.py, which reports the loaded modules there."""
    return r"""
import sys
from workbench.ui.app import application
app = application()
from workbench.ui.main_window import MainWindow
window = MainWindow()
window.open_path(sys.argv[1])
window.show()
def painted():
    """ + at_first_paint + r"""
    app.quit()
if window.map_view.is_painted():
    painted()
else:
    window.map_view.painted.connect(painted)
    app.exec()
"""


OURS = first_paint_script('import time; print("PAINTED", time.time(), time.process_time(), flush=True)')


def _cold(command, env) -> tuple:
    """Best of five: (seconds to the first paint, seconds the whole process took, its
    CPU seconds, its CPU seconds up to the first paint). CPU time varies less than wall
    time while others share the machine; the last one, read inside the process when it
    has painted, leaves out closing the window and Python's shutdown."""
    to_paint = whole = cpu = cpu_to_paint = float("inf")
    for _ in range(5):
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        start, clock = time.perf_counter(), time.time()
        done = subprocess.run(command, env=env, check=True, capture_output=True, text=True, timeout=120)
        whole = min(whole, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = min(cpu, after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)
        painted = re.search(r"PAINTED ([0-9.]+) ([0-9.]+)", done.stdout)
        to_paint = min(to_paint, float(painted.group(1)) - clock)
        cpu_to_paint = min(cpu_to_paint, float(painted.group(2)))
    return to_paint, whole, cpu, cpu_to_paint


def run() -> None:
    from workbench.io.samples import build_sample

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        sample = folder / "heerlerheide.gpkg"
        build_sample("heerlerheide", sample).close()
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   XDG_CONFIG_HOME=str(folder / "config"), XDG_DATA_HOME=str(folder / "data"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # the first of the runs leaves the bytecode
        floor, floor_whole, floor_cpu, _ = _cold([sys.executable, "-c", BARE, str(sample)], env)
        through_qtpy, _, _, qtpy_cpu_to_paint = _cold([sys.executable, "-c", BARE_QTPY, str(sample)], env)
        ours, ours_whole, ours_cpu, ours_cpu_to_paint = _cold([sys.executable, "-c", OURS, str(sample)], env)
        report("cold_start_first_map", ours, floor, "ratio<=1.5 and value<1s")
        report("cold_start_qtpy_floor", through_qtpy, floor, "report")
        report("cold_start_over_qtpy_floor", ours, through_qtpy, "report")
        report("cold_start_process", ours_whole, floor_whole, "report")
        report("cold_start_process_cpu", ours_cpu, floor_cpu, "report")
        # our own code's CPU is the difference: the steadiest figure on a shared machine
        report("cold_start_cpu_to_paint_over_qtpy_floor", ours_cpu_to_paint, qtpy_cpu_to_paint, "report")


if __name__ == "__main__":
    run()
