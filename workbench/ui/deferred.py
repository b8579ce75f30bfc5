"""Refreshing a panel once after a burst of changes, and only while it is on screen.

With 10,000 ideas a panel that rebuilds on every event (the ranking sorts every idea,
the theme list counts every tag, the Toets dock places every idea in its wijken) turned
one edit into a second of waiting. A panel asks ``Deferred.request()`` instead: the
refresh runs once the changes rest for REST_MS, or, for a panel hidden behind another
dock tab, when its tab is chosen.

"On screen" is not ``isVisible()``: Qt keeps a dock behind another tab visible and only
parks it outside the window (its visible region is empty), announcing the change with
the dock's ``visibilityChanged``. Counting such a dock as on screen made every hidden
panel compute on every edit.

Refreshes that fall due together run one per turn of the event loop (``_Turns``), each
after the window's pending repaints (the map showing the edit) have been painted, so an
edit shows on the map first and no two panels' refreshes add up to one long freeze.
"""

from qtpy.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from qtpy.QtWidgets import QApplication, QDockWidget

REST_MS = 120


def on_screen(widget) -> bool:
    """Shown and not parked outside the window behind another dock tab."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


class _Turns(QObject):
    """Runs due refreshes one per turn of the event loop, the pending paints first."""

    def __init__(self):
        super().__init__()
        self.queue = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._next)

    def put(self, deferred) -> None:
        if deferred not in self.queue:
            self.queue.append(deferred)
        self.timer.start()

    def drop(self, deferred) -> None:
        if deferred in self.queue:
            self.queue.remove(deferred)

    def _next(self) -> None:
        if not self.queue:
            return
        deferred = self.queue.pop(0)
        if self.queue:
            self.timer.start()
        # what changed is painted before the panel's refresh holds the event loop
        QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateRequest)
        deferred.run_if_due()


_turns = None


def turns() -> _Turns:
    global _turns
    if _turns is None:
        _turns = _Turns()
    return _turns


class Deferred(QObject):
    def __init__(self, widget, refresh):
        super().__init__(widget)
        self.widget, self.refresh = widget, refresh
        self.dirty = False
        self._dock = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REST_MS)
        self.timer.timeout.connect(self._due)
        widget.installEventFilter(self)
        self._follow_dock()
        queue = turns()
        self.destroyed.connect(lambda _o=None, me=self: queue.drop(me))  # a panel closed while due

    def request(self) -> None:
        self.dirty = True
        if on_screen(self.widget):
            self.timer.start(REST_MS)

    def now_or_when_shown(self) -> None:
        """Refresh now when on screen (the user waits for it), else once shown."""
        self.dirty = True
        if on_screen(self.widget):
            self._run()

    def flush(self) -> None:
        """Refresh now if a refresh is pending (tests and code that read the panel)."""
        if self.dirty:
            self._run()

    def done(self) -> None:
        """The panel refreshed by itself (a new project, a new selection)."""
        self.dirty = False
        self.timer.stop()
        turns().drop(self)

    def run_if_due(self) -> None:
        """From the turns: refresh unless done meanwhile or parked behind a tab since."""
        if self.dirty and on_screen(self.widget):
            self._run()

    def _due(self) -> None:
        if self.dirty:
            turns().put(self)

    def _run(self) -> None:
        self.timer.stop()
        turns().drop(self)
        if self.dirty:
            self.dirty = False
            self.refresh()

    def _follow_dock(self) -> None:
        """Watch the dock around the panel: its tab chosen is how a parked panel shows."""
        parent = self.widget.parentWidget()
        while parent is not None and not isinstance(parent, QDockWidget):
            parent = parent.parentWidget()
        if parent is self._dock:
            return
        if self._dock is not None:
            self._dock.visibilityChanged.disconnect(self._dock_visibility)
        self._dock = parent
        if parent is not None:
            parent.visibilityChanged.connect(self._dock_visibility)

    def _dock_visibility(self, shown: bool) -> None:
        if shown:
            self._catch_up()

    def _scheduled(self) -> bool:
        return self.timer.isActive() or self in turns().queue

    def _catch_up(self) -> None:
        """Shown (its tab chosen): catch up before it is painted. At 10,000 ideas that
        may take a moment, so the cursor says the window is busy meanwhile."""
        if self.dirty and on_screen(self.widget):
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self._run()
            finally:
                QApplication.restoreOverrideCursor()

    def eventFilter(self, watched, event):
        if watched is self.widget:
            kind = event.type()
            if kind == QEvent.Type.ParentChange:
                self._follow_dock()
            elif kind in (QEvent.Type.Show, QEvent.Type.Resize) and self.dirty and not self._scheduled():
                self._catch_up()  # a refresh already scheduled runs in its turn, after the map's paint
        return False
