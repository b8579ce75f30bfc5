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
    """``os.path.exists`` away from the UI thread; ``done`` once it returned."""

    def __init__(self, path):
        super().__init__(daemon=True, name="workbench-startup-probe")
        self.path, self.exists, self.done = path, False, False

    def run(self):
        try:
            self.exists = os.path.exists(self.path)
        finally:
            self.done = True


def open_when_reachable(window, path):
    """Open ``path`` in ``window`` once its folder answers; returns the polling QTimer."""
    path = Path(path)
    probe = _Probe(path)
    probe.start()
    started = time.monotonic()
    state = {"told": False}
    timer = QTimer(window)
    timer.setInterval(POLL_MS)

    def poll():
        waited = time.monotonic() - started
        if probe.done:
            timer.stop()
            if not state["told"] or window.context.project is None:
                window.open_path(path)  # a missing file is reported there, as before
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
