""""Synchroniseren" (Bestand menu): push this project's changes to the shared PostGIS
database and pull the others', with progress; the network steps run on a worker thread,
the merge (one undo step) on the GUI thread.

Self-contained: the main window creates ``SyncDialog(project, parent)`` and ``exec()``s it.
The database address is kept in the user's settings (never a password: libpq reads that
from PGPASSFILE / ~/.pgpass, a service file or PGPASSWORD).
"""

import threading

from qtpy.QtCore import QTimer
from qtpy.QtWidgets import QDialog, QLabel, QLineEdit, QProgressBar, QVBoxLayout

from workbench.errors import WorkbenchError
from workbench.i18n import _
from workbench.ui.busy import add_result_and_buttons, show_summary
from workbench.ui.settings import qsettings

SETTING = "sync/database"


class _Step:
    """One network step on a worker thread; polled from the GUI thread."""

    def __init__(self, work):
        self.result, self.error, self.exception, self.done = None, None, None, False
        threading.Thread(target=self._run, args=(work,), daemon=True).start()

    def _run(self, work):
        try:
            self.result = work()
        except WorkbenchError as error:
            self.error, self.exception = str(error), error
        except Exception as error:  # a message, never a traceback in the user's face
            self.error = _("Synchroniseren is mislukt ({kind}: {error}).").format(kind=type(error).__name__,
                                                                                 error=str(error)[:200])
        self.done = True


class SyncDialog(QDialog):
    def __init__(self, project, parent=None):
        super().__init__(parent)
        self.project, self.summary, self.run, self._step = project, None, None, None
        self.setWindowTitle(_("Synchroniseren"))
        intro = QLabel(_("Stuur de wijzigingen van deze laptop naar de gedeelde database van de gemeente en haal "
                         "die van anderen op. Zonder verbinding werkt u gewoon verder; synchroniseer later."))
        intro.setWordWrap(True)
        self.address = QLineEdit(str(qsettings().value(SETTING, "") or ""))
        self.address.setPlaceholderText("postgresql://gebruiker@server/database")
        self.progress = QProgressBar()
        self.progress.setRange(0, 4)
        self.progress.hide()
        self.step_label = QLabel()
        add_result_and_buttons(self, _("Synchroniseren"), self.start)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(_("Database")))
        layout.addWidget(self.address)
        layout.addWidget(self.step_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addWidget(self.result, 1)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(50)
        self.timer.timeout.connect(self._poll)
        self.resize(560, 420)

    def busy(self) -> bool:
        return self._step is not None

    def start(self) -> None:
        if self.summary is not None:  # the summary is showing: OK closes
            self.accept()
            return
        url = self.address.text().strip()
        if not url:
            self.error.show_error(_("Geef het adres van de database."))
            return
        self.error.clear_error()
        self.ok_button.setEnabled(False)
        self.address.setEnabled(False)
        self.progress.show()

        def connect():
            from workbench.sync.run import SyncRun

            return SyncRun(self.project, url)
        self._then = self._connected
        self._begin(_("Verbinden…"), 0, connect)
        self._url = url

    def _begin(self, text, value, work) -> None:
        self.step_label.setText(text)
        self.progress.setValue(value)
        self._step = _Step(work)
        self.timer.start()

    def _poll(self) -> None:
        step = self._step
        if step is None or not step.done:
            return
        self.timer.stop()
        self._step = None
        if step.error is not None and getattr(step.exception, "summary", None) is not None:
            self._refused_after_merge(step.exception.summary, step.error)
        elif step.error is not None:
            self._fail(step.error)
        else:
            self._then(step.result)

    def _connected(self, run) -> None:
        self.run = run
        self._then = self._fetched
        self._begin(_("Ophalen…"), 1, run.fetch)

    def _fetched(self, _result) -> None:
        try:
            self.run.merge()  # changes the project: on the GUI thread, one undo step
        except WorkbenchError as error:
            self._fail(str(error))
            return
        self._then = self._pushed
        self._begin(_("Versturen…"), 2, self.run.push)

    def _pushed(self, done) -> None:
        if not done:  # another laptop synced in between: again
            self._then = self._fetched
            self._begin(_("Ophalen…"), 1, self.run.fetch)
            return
        self._then = self._finished
        self._begin(_("Basiskaarten…"), 3, self.run.tiles)

    def _finished(self, tiles) -> None:
        self.progress.setValue(4)
        view = getattr(self.parent(), "map_view", None)
        if tiles[1] and view is not None:  # base-map tiles came in: the map shows them at once
            view.scene().basemap.reload()
            view.layersChanged.emit()
        qsettings().setValue(SETTING, self._url)
        self.summary = self.run.summary
        self._close_run()
        self.step_label.setText(self.summary.pushed_line())
        show_summary(self, self.summary, _("Sluiten"))
        self.ok_button.setEnabled(True)

    def _refused_after_merge(self, summary, message) -> None:
        """A read grant: what others changed is merged (shown), the laptop's own edits were not sent."""
        self._close_run()
        self.progress.hide()
        self.step_label.clear()
        self.summary = summary
        show_summary(self, summary, _("Sluiten"))
        self.error.show_error(message)
        self.ok_button.setEnabled(True)

    def _fail(self, message) -> None:
        self._close_run()
        self.progress.hide()
        self.step_label.clear()
        self.error.show_error(message)
        self.ok_button.setEnabled(True)
        self.address.setEnabled(True)

    def _close_run(self) -> None:
        if self.run is not None:
            self.run.close()
            self.run = None

    def reject(self) -> None:
        if self.busy():
            return  # a step is running; it ends on its own (a timeout at most)
        self._close_run()
        super().reject()
