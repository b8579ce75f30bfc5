"""Import a GeoJSON, GeoPackage, shapefile or CSV file: a preview of the first features,
which property becomes what, as ideas or as a reference layer, then a summary.

The file is read and checked in a background thread (no frozen window for large files;
Cancel stops waiting and imports nothing); the import itself is one command, run on
the GUI thread like every change to the project. Self-contained: the main window only
has to create ``ImportDialog(project, path, parent)`` and ``exec()`` it, also for files
dropped on the map.
"""

import threading
from pathlib import Path

from qtpy.QtCore import QSize, Qt, QTimer
from qtpy.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                            QLineEdit, QProgressDialog, QRadioButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from workbench.errors import WorkbenchError
from workbench.i18n import _
from workbench.io import mapping as mapping_mod
from workbench.io.import_features import apply_source
from workbench.io.mapping import text_value
from workbench.ui.busy import add_result_and_buttons, run_busy, show_summary

PREVIEW_ROWS = 20
PREVIEW_COLUMN_MAX = 260  # a long description does not push the other properties out of sight
COMBO_MAX = 420  # a property name longer than this is cut (its whole name is in the tooltip)
IMPORTABLE = "*.geojson *.json *.gpkg *.shp *.zip *.csv"


def key_label(key: str) -> str:
    return {"title": _("Titel"), "description": _("Omschrijving"), "theme": _("Thema('s)"),
            "primary_theme": _("Hoofdthema"), "session": _("Bijeenkomst"), "votes": _("Stemmen"),
            "status": _("Status"), "horizon": _("Horizon")}[key]


class _ReadJob:
    """Reads and checks a file on a worker thread; the result is picked up by polling."""

    def __init__(self, path, layer):
        self.result, self.error, self.done = None, None, False
        self.thread = threading.Thread(target=self._run, args=(path, layer), daemon=True)
        self.thread.start()

    def _run(self, path, layer):
        from workbench.io.readers import read

        try:
            self.result = read(path, layer)
        except WorkbenchError as error:
            self.error = str(error)
        except Exception as error:  # shown as a message, never a traceback in the user's face
            self.error = _("Het bestand kan niet worden gelezen ({kind}: {error}).").format(
                kind=type(error).__name__, error=str(error)[:200])
        self.done = True


class ImportDialog(QDialog):
    def __init__(self, project, path, parent=None):
        super().__init__(parent)
        self.project, self.path = project, Path(path)
        self.source, self.summary, self._job = None, None, None
        self.setWindowTitle(_("Importeren: {name}").format(name=self.path.name))

        self.layer = QComboBox()
        self.layer_label = QLabel(_("Laag"))
        self.preview = QTableWidget(0, 0)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(False)  # one line per object; the whole value is in the tooltip
        rows = self.preview.verticalHeader().defaultSectionSize()
        self.preview.setMinimumHeight(6 * rows)  # a few objects even in the smallest dialog
        self.file_messages = QLabel()
        self.file_messages.setWordWrap(True)
        self.file_messages.setTextFormat(Qt.TextFormat.PlainText)  # file text is never markup
        self.as_ideas = QRadioButton(_("Als ideeën"))
        self.as_reference = QRadioButton(_("Als referentielaag"))
        self.as_ideas.setChecked(True)
        self.layer_name = QLineEdit(self.path.stem)
        self.create_themes = QCheckBox(_("Ontbrekende thema's en bijeenkomsten aanmaken"))
        self.combos = {key: QComboBox() for key in mapping_mod.KEYS}
        for combo in self.combos.values():
            # as wide as its longest entry: filled after the first show, so the default
            # (measured once, when still empty) cut "(niet gebruiken)" to "(niet gebrui"
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMaximumWidth(COMBO_MAX)
            combo.currentTextChanged.connect(lambda text, c=combo: c.setToolTip(text))
        add_result_and_buttons(self, _("Importeren"), self.do_import)
        self.ok_button.setEnabled(False)
        self._layout()
        self.as_reference.toggled.connect(self._kind_changed)
        self._kind_changed()
        self._fill_layers()
        self.resize(760, 620)
        self.load()

    def _layout(self):
        top = QHBoxLayout()
        top.addWidget(self.layer_label)
        top.addWidget(self.layer, 1)
        kind = QGroupBox(_("Importeren"))
        kind_layout = QFormLayout(kind)
        radios = QHBoxLayout()
        radios.addWidget(self.as_ideas)
        radios.addWidget(self.as_reference)
        kind_layout.addRow(radios)
        kind_layout.addRow(_("Naam van de laag"), self.layer_name)
        kind_layout.addRow(self.create_themes)
        mapping = QGroupBox(_("Welke eigenschap wordt wat?"))
        mapping_layout = QFormLayout(mapping)
        for key, combo in self.combos.items():
            mapping_layout.addRow(key_label(key), combo)
        columns = QHBoxLayout()
        columns.addWidget(kind, 1)  # the mapping keeps the width its combos need
        columns.addWidget(mapping)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(_("De eerste objecten in het bestand:")))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.file_messages)
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addWidget(self.result, 1)
        layout.addWidget(self.buttons)

    def _fill_layers(self):
        from workbench.io.readers import layers

        try:
            found = layers(self.path)
        except WorkbenchError:
            found = []  # the read itself will say what is wrong
        for name, description in found:
            self.layer.addItem(description, name)
        preferred = self.layer.findData("interventions")
        if preferred >= 0:
            self.layer.setCurrentIndex(preferred)
        visible = len(found) > 1
        self.layer.setVisible(visible)
        self.layer_label.setVisible(visible)
        self.layer.currentIndexChanged.connect(lambda _index: self.load())

    def _kind_changed(self):
        reference = self.as_reference.isChecked()
        self.layer_name.setEnabled(reference)
        self.create_themes.setEnabled(not reference)
        for key, combo in self.combos.items():
            combo.setEnabled(key == "title" or not reference)

    # -- reading -------------------------------------------------------------------------

    def load(self):
        """Read the file (chosen layer) in the background, with a cancellable progress dialog."""
        self.ok_button.setEnabled(False)
        self.error.clear_error()
        if getattr(self, "_timer", None) is not None:
            self._timer.stop()  # a layer chosen while another was still being read
            self._progress.hide()
            self._progress.deleteLater()
        self._job = _ReadJob(self.path, self.layer.currentData())
        self._progress = QProgressDialog(_("{name} lezen…").format(name=self.path.name), _("Annuleren"), 0, 0, self)
        self._progress.setWindowTitle(_("Importeren"))
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.setMinimumDuration(400)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._poll)
        self._timer.start(50)

    def is_loading(self) -> bool:
        return self._job is not None and not self._job.done

    def _poll(self):
        job = self._job
        if self._progress.wasCanceled():
            self._timer.stop()
            self._progress.hide()
            self._job = None  # the thread finishes unseen; nothing was imported
            self.reject()
            return
        if not job.done:
            return
        self._timer.stop()
        self._progress.hide()
        if job.error:
            self.source = None
            self.error.show_error(job.error)
            return
        self._show_source(job.result)

    def _show_source(self, source):
        self.source = source
        fields = list(source.fields)
        self.preview.clear()
        self.preview.setColumnCount(len(fields) + 1)
        self.preview.setHorizontalHeaderLabels([_("Vorm")] + fields)
        rows = source.first(PREVIEW_ROWS)
        self.preview.setRowCount(len(rows))
        for row, feature in enumerate(rows):
            self.preview.setItem(row, 0, QTableWidgetItem(
                feature.geometry.geom_type if feature.geometry is not None else _("geen plek")))
            for column, name in enumerate(fields, start=1):
                cell = QTableWidgetItem(text_value(feature.properties.get(name))[:200])
                cell.setToolTip(cell.text())
                self.preview.setItem(row, column, cell)
        self.preview.resizeColumnsToContents()
        for column in range(self.preview.columnCount()):
            self.preview.setColumnWidth(column, min(self.preview.columnWidth(column), PREVIEW_COLUMN_MAX))
        guessed = mapping_mod.guess(fields)
        for key, combo in self.combos.items():
            combo.clear()
            combo.addItem(_("(niet gebruiken)"), None)
            for name in fields:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(guessed[key])) if guessed[key] else 0)
            # a smaller dialog must not squeeze it either (its minimum stays the empty one's);
            # on a small screen a long property name is cut rather than the dialog pushed off it
            combo.setMinimumWidth(min(combo.sizeHint().width(), COMBO_MAX, self._combo_cap()))
        self._fit_to_screen()
        counts = _("{usable} bruikbare objecten van {total}; {repaired} hersteld, {skipped} overgeslagen.").format(
            usable=len(source), total=source.total, repaired=len(source.repaired), skipped=len(source.skipped))
        details = source.repaired + source.skipped
        shown = details[:5] + ([_("... en nog {count} meldingen.").format(count=len(details) - 5)] if len(details) > 5 else [])
        self.file_messages.setText("\n".join([counts] + source.warnings + shown))
        self.ok_button.setEnabled(len(source) > 0)
        if not len(source):
            self.error.show_error(_("Er staan geen bruikbare objecten in {name}.").format(name=self.path.name))

    def _fit_to_screen(self) -> None:
        """Wide enough for the mapping's combos (their width follows the file's property
        names), never wider or higher than the screen: a 1280x800 laptop shows it whole."""
        self.layout().activate()
        wanted = self.size().expandedTo(self.sizeHint())
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry().size()
            wanted = wanted.boundedTo(QSize(available.width() - 16, available.height() - 40))
        self.resize(wanted)
        if screen is not None:  # grown after it was shown: keep the whole frame on the screen
            area, frame = screen.availableGeometry(), self.frameGeometry()
            self.move(max(area.left(), min(frame.left(), area.right() - frame.width() + 1)) + self.x() - frame.x(),
                      max(area.top(), min(frame.top(), area.bottom() - frame.height() + 1)) + self.y() - frame.y())

    def _combo_cap(self) -> int:
        """The widest a mapping combo may insist on: a third of the screen."""
        screen = self.screen()
        return screen.availableGeometry().width() // 3 if screen is not None else COMBO_MAX

    # -- importing -----------------------------------------------------------------------

    def mapping(self) -> dict:
        return {key: combo.currentData() for key, combo in self.combos.items()}

    def do_import(self) -> bool:
        if self.summary is not None:  # the summary is showing: OK closes
            self.accept()
            return True
        if self.source is None:
            return False
        self.summary = run_busy(self, _("Importeren…"), lambda: apply_source(
            self.project, self.source, self.as_reference.isChecked(), create_missing=self.create_themes.isChecked(),
            layer_name=self.layer_name.text(), mapping=self.mapping()), self.error)
        if self.summary is None:
            return False
        show_summary(self, self.summary, _("Sluiten"))
        return True
