"""Refreshing a panel once after a burst of changes, and only while it is on screen.

With 10,000 ideas a panel that rebuilds on every event (the ranking sorts every idea,
the theme list counts every tag) turned one edit into a second of waiting. A panel
asks ``Deferred.request()`` instead: the refresh runs once the changes rest for REST_MS
(after the map has been repainted, so an edit or an undo shows at once and a held
Ctrl+Z refreshes once), or, for a panel hidden behind another dock tab, when it is shown.
"""

from qtpy.QtCore import QEvent, QObject, QTimer

REST_MS = 120


class Deferred(QObject):
    def __init__(self, widget, refresh):
        super().__init__(widget)
        self.widget, self.refresh = widget, refresh
        self.dirty = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REST_MS)
        self.timer.timeout.connect(self._run)
        widget.installEventFilter(self)

    def request(self) -> None:
        self.dirty = True
        if self.widget.isVisible():
            self.timer.start(REST_MS)

    def flush(self) -> None:
        """Refresh now if a refresh is pending (tests and code that read the panel)."""
        if self.dirty:
            self._run()

    def done(self) -> None:
        """The panel refreshed by itself (a new project, a new selection)."""
        self.dirty = False
        self.timer.stop()

    def _run(self) -> None:
        self.timer.stop()
        if self.dirty:
            self.dirty = False
            self.refresh()

    def eventFilter(self, watched, event):
        if watched is self.widget and event.type() == QEvent.Type.Show and self.dirty:
            self._run()  # shown: catch up before it is painted
        return False
