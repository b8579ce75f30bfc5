"""Kaart > Basiskaart downloaden: choose a source (from resources/basemaps.json, or a
typed URL template), the levels and a margin; see how many tiles and MB that is before
anything is fetched; then a cancellable progress dialog while a worker thread downloads
into the project (workbench.io.basemap_fetch, no Qt there). The window never freezes.

Example::

    dialog = open_for(window)   # Kaart > Basiskaart downloaden
"""

import threading
import time

from qtpy.QtCore import QObject, Qt, QTimer, Signal
from qtpy.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                            QProgressDialog, QSpinBox, QVBoxLayout)

from workbench.errors import WorkbenchError
from workbench.i18n import _
from workbench.ui.fields import ErrorLabel
from workbench.ui.messages import confirm

OWN = "__own__"          # the choice "Eigen adres": a URL template the user types
PROGRESS_EVERY = 0.1     # seconds between progress signals (a tile can take 1 ms)


def megabytes(count: int) -> str:
    return f"{count / 1024 ** 2:.1f}".replace(".", ",")


def duration(seconds: float) -> str:
    """"12 s", "3 min": how long is left, roughly."""
    if seconds < 60:
        return _("{n} s").format(n=max(1, round(seconds)))
    return _("{n} min").format(n=round(seconds / 60))


class FetchWorker(QObject):
    """Runs ``fetch`` in a plain thread; its signals arrive queued in the GUI thread."""

    progressed = Signal(int, int, int, float)   # done, total, bytes, seconds left
    succeeded = Signal(object)                  # FetchResult
    failed = Signal(str)                        # one Dutch sentence

    def __init__(self, project, plan, client=None):
        super().__init__()
        self.project, self.plan, self.client = project, plan, client
        self._cancel = threading.Event()
        self._last = 0.0
        self.thread = threading.Thread(target=self._run, name="basemap-fetch", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout=None) -> bool:
        self.thread.join(timeout)
        return not self.thread.is_alive()

    def _progress(self, done, total, size, left) -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_EVERY or done == total:
            self._last = now
            self.progressed.emit(done, total, size, left)

    def _run(self) -> None:
        from workbench.io.basemap_fetch import fetch

        try:
            result = fetch(self.project, self.plan, progress=self._progress, cancelled=self._cancel.is_set,
                           **({"client": self.client} if self.client is not None else {}))
        except WorkbenchError as error:
            self.failed.emit(str(error))
            return
        except Exception as error:  # never a traceback in a thread nobody watches
            self.failed.emit(_("De download is mislukt: {error}").format(error=error))
            return
        self.succeeded.emit(result)


class BaseMapDialog(QDialog):
    def __init__(self, project, view, parent=None):
        super().__init__(parent)
        from workbench.io.basemap_sources import available

        self.project, self.view = project, view
        self.worker = None
        self.progress = None
        self.result = None
        self.sources = available()
        self.source = QComboBox()
        for name, source in self.sources.items():
            self.source.addItem(source.title, name)
        self.source.addItem(_("Eigen adres (XYZ of WMTS)…"), OWN)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://…/{z}/{x}/{y}.png")
        self.tiling = QComboBox()
        self.tiling.addItem(_("Nederlandse tegelindeling (RD, EPSG:28992)"), "rd")
        self.tiling.addItem(_("Web Mercator (EPSG:3857, zoals OpenStreetMap)"), "webmercator")
        self.attribution = QLineEdit()
        self.attribution.setPlaceholderText(_("Bijvoorbeeld: © OpenStreetMap-bijdragers"))
        self.first, self.last, self.margin = QSpinBox(), QSpinBox(), QSpinBox()
        for box in (self.first, self.last):
            box.setRange(0, 20)
        self.margin.setRange(0, 20000)
        self.margin.setSingleStep(50)
        self.margin.setSuffix(" m")
        self.margin.setValue(250)
        levels = QHBoxLayout()
        levels.addWidget(self.first)
        levels.addWidget(QLabel(_("tot en met")))
        levels.addWidget(self.last)
        levels.addStretch(1)
        self.form = QFormLayout()
        self.form.addRow(_("Bron"), self.source)
        self.form.addRow(_("Tegeladres"), self.url)
        self.form.addRow(_("Tegelindeling"), self.tiling)
        self.form.addRow(_("Bronvermelding"), self.attribution)
        self.form.addRow(_("Niveaus"), levels)
        self.form.addRow(_("Marge rond het gebied"), self.margin)
        self.estimate = QLabel()
        self.estimate.setTextFormat(Qt.TextFormat.PlainText)
        self.estimate.setWordWrap(True)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox()
        # own buttons: a standard Ok's text is reset to "OK" on a language change
        self.download = self.buttons.addButton(_("Downloaden"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(_("Sluiten"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.estimate)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setWindowTitle(_("Basiskaart downloaden"))
        self.resize(560, 320)
        # the estimate follows the choices, once typing rests
        self._replan = QTimer(self)
        self._replan.setSingleShot(True)
        self._replan.setInterval(250)
        self._replan.timeout.connect(self.update_plan)
        self.source.currentIndexChanged.connect(self._source_changed)
        for signal in (self.url.textChanged, self.tiling.currentIndexChanged, self.attribution.textChanged,
                       self.first.valueChanged, self.last.valueChanged, self.margin.valueChanged):
            signal.connect(lambda *_a: self._replan.start())
        self.plan = None
        self._source_changed()

    # -- choosing -------------------------------------------------------------------------

    def _source_changed(self, *_args) -> None:
        own = self.source.currentData() == OWN
        source = self.sources.get(self.source.currentData())
        for widget in (self.url, self.tiling, self.attribution):
            widget.blockSignals(True)
            widget.setEnabled(own)
        # a named source shows what it is (read-only); one's own address starts empty
        self.url.setText(source.url if source is not None else "")
        self.attribution.setText(source.attribution if source is not None else "")
        self.tiling.setCurrentIndex(max(0, self.tiling.findData(source.tiling if source is not None else "rd")))
        for widget in (self.url, self.tiling, self.attribution):
            widget.blockSignals(False)
        if source is not None:
            for box in (self.first, self.last):
                box.blockSignals(True)
                box.setRange(*source.levels)
            self.first.setValue(source.default_levels[0])
            self.last.setValue(source.default_levels[1])
            for box in (self.first, self.last):
                box.blockSignals(False)
        else:
            for box in (self.first, self.last):
                box.setRange(0, 20)
        self.update_plan()

    def chosen_source(self):
        from workbench.io.basemap_sources import from_template

        if self.source.currentData() != OWN:
            return self.sources[self.source.currentData()]
        url = self.url.text().strip()
        if not url:
            raise WorkbenchError(_("Typ het adres van de tegels, met {z}, {x} en {y} erin."))
        return from_template(url, self.tiling.currentData(), self.attribution.text().strip() or None)

    def update_plan(self) -> None:
        """Work out (without any network) how many tiles and MB the choice means."""
        from workbench.io.basemap_fetch import plan

        self._replan.stop()
        self.plan = None
        self.download.setEnabled(False)
        try:
            if self.first.value() > self.last.value():
                raise WorkbenchError(_("Het eerste niveau moet grover (lager) zijn dan het laatste."))
            self.plan = plan(self.project, self.chosen_source(), (self.first.value(), self.last.value()),
                             float(self.margin.value()))
        except WorkbenchError as error:
            self.estimate.setText("")
            self.error.show_error(str(error))
            return
        self.error.show_error("")
        p = self.plan
        if p.tile_count == 0:
            self.estimate.setText(_("Alle {stored} tegels staan al in het project.").format(stored=p.stored_count))
            return
        text = _("{count} tegels te downloaden, ongeveer {mb} MB.").format(count=p.tile_count,
                                                                         mb=megabytes(p.estimated_bytes))
        if p.stored_count:
            text += " " + _("{stored} tegels staan al in het project.").format(stored=p.stored_count)
        self.estimate.setText(text)
        self.download.setEnabled(not self.project.read_only)

    # -- downloading ----------------------------------------------------------------------

    def start(self, client=None) -> bool:
        """Ask first when it is a lot, then download in a worker thread behind a
        cancellable progress dialog. Returns False when nothing was started."""
        if self._replan.isActive() or self.plan is None:
            self.update_plan()
        if self.plan is None or self.plan.tile_count == 0 or self.worker is not None:
            return False
        if self.plan.needs_confirmation and not confirm(self, _(
                "Dit zijn {count} tegels (ongeveer {mb} MB). Dat kan lang duren en maakt het projectbestand groot. "
                "Toch downloaden?").format(count=self.plan.tile_count, mb=megabytes(self.plan.estimated_bytes))):
            return False
        self.progress = QProgressDialog(_("Verbinden…"), _("Annuleren"), 0, self.plan.tile_count, self)
        self.progress.setWindowTitle(_("Basiskaart downloaden"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumDuration(0)
        self.progress.setValue(0)
        self.worker = FetchWorker(self.project, self.plan, client)
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.progress.canceled.connect(self.cancel)
        self.worker.start()
        return True

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            if self.progress is not None:
                self.progress.setLabelText(_("Stoppen…"))

    def _progressed(self, done, total, size, left) -> None:
        progress = self.progress
        if progress is None:
            return
        progress.setLabelText(_("{done} van {total} tegels, {mb} MB, nog ongeveer {left}").format(
            done=done, total=total, mb=megabytes(size), left=duration(left)))
        progress.setMaximum(max(total, 1))
        # last: a window-modal progress dialog runs the event loop in setValue, where
        # the download may finish and this dialog be put away
        progress.setValue(done)

    def _finish(self, text: str, failed: bool) -> None:
        self.worker = None
        if self.progress is not None:
            self.progress.hide()
            self.progress.deleteLater()
            self.progress = None
        # what was stored (all, or the batches before a cancel or failure) shows at once
        self.view.scene().basemap.reload()
        self.view.layersChanged.emit()
        self.update_plan()
        if failed:
            self.error.show_error(text)
        else:
            self.estimate.setText(text)

    def _succeeded(self, result) -> None:
        self.result = result
        if result.cancelled:
            text = _("Gestopt. {stored} tegels zijn bewaard; downloaden gaat verder waar het bleef.").format(
                stored=result.stored)
        else:
            text = _("Klaar: {stored} tegels ({mb} MB) staan in het project.").format(
                stored=result.stored, mb=megabytes(result.bytes))
            if result.missing:
                text += " " + _("{missing} tegels heeft de server niet.").format(missing=result.missing)
        self._finish(text, False)

    def _failed(self, text: str) -> None:
        self._finish(text, True)

    def done(self, code) -> None:
        """Closing while downloading stops the download first (what came in is kept)."""
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait(60)
            self.worker = None
        super().done(code)


def open_for(window):
    """Kaart > Basiskaart downloaden for the window's project (a writable one)."""
    project = window.context.project
    if project is None or project.read_only:
        return None
    return window._keep(BaseMapDialog(project, window.map_view, window))
