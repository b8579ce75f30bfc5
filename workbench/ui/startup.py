"""Opening the last project without holding up the start: a project on a network share
that does not answer (a laptop away from the town hall, a VPN not yet up) used to keep
the window from appearing until the file system gave up, a minute or more on Windows.

The window shows first; whether the file is there is asked in a worker thread; the
project opens when the answer comes. If none comes within :data:`WAIT_SECONDS`, the
status bar says so; a late answer still opens it, unless the user opened something else
meanwhile.
"""

import os
import threading
import time
from pathlib import Path

from qtpy.QtCore import QTimer

from workbench.i18n import _

WAIT_SECONDS = 8.0  # then say that the share does not answer (it may still, later)
GIVE_UP_SECONDS = 120.0  # stop waiting for an answer altogether
POLL_MS = 50


class _Probe(threading.Thread):
    """Away from the UI thread: the first of ``paths`` that is a file (None: none);
    ``done`` once it is known."""

    def __init__(self, paths):
        super().__init__(daemon=True, name="workbench-startup-probe")
        self.paths, self.found, self.done = paths, None, False

    def run(self):
        try:
            self.found = next((p for p in self.paths if os.path.isfile(p)), None)
        finally:
            self.done = True


def open_when_reachable(window, path, fallbacks=(), otherwise=None):
    """Open ``path`` in ``window`` once its folder answers (or the first of ``fallbacks``
    that exists, or ``otherwise()``: the sample); returns the polling QTimer."""
    path = Path(path)
    probe = _Probe([path, *map(Path, fallbacks)])
    probe.start()
    started = time.monotonic()
    state = {"told": False}
    timer = QTimer(window)
    timer.setInterval(POLL_MS)

    def poll():
        waited = time.monotonic() - started
        if probe.done:
            timer.stop()
            if state["told"] and window.context.project is not None:
                return  # the user opened something else meanwhile
            if probe.found is not None:
                window.open_path(probe.found)
            elif otherwise is not None:
                window.open_path(otherwise())
            else:
                window.open_path(path)  # a missing file is reported there
        elif waited > GIVE_UP_SECONDS:
            timer.stop()
        elif waited > WAIT_SECONDS and not state["told"]:
            state["told"] = True
            window.show_message(_("De map van {name} ({folder}) reageert niet, misschien een netwerkschijf die "
                                  "nu niet bereikbaar is. Het project wordt geopend zodra de map antwoordt, of "
                                  "open het later via Bestand > Recente bestanden.").format(
                name=path.name, folder=path.parent))

    timer.timeout.connect(poll)
    timer.start()
    return timer
