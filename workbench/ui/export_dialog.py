"""Ctrl+P: export the handout (or report, poster) as PDF, with a cancellable progress
dialog, then open it in the PDF viewer."""

from pathlib import Path

from qtpy.QtCore import Qt, QUrl
from qtpy.QtGui import QDesktopServices
from qtpy.QtWidgets import (QApplication, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                            QHBoxLayout, QLineEdit, QProgressDialog, QPushButton, QVBoxLayout)

from workbench.errors import WorkbenchError
from workbench.i18n import _
from workbench.io.output import FileInUseError
from workbench.ui.combos import EntityCombo
from workbench.ui.fields import ErrorLabel
from workbench.ui.labels import report_kind_label
from workbench.ui.other_name import ask_other_name
from workbench.store.errors import os_sentence


class ExportDialog(QDialog):
    KINDS = ("handout", "report", "poster", "terugkoppeling")

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        project = context.project
        self.kind = QComboBox()
        for kind in self.KINDS:
            self.kind.addItem(report_kind_label(kind), kind)
        self.session = EntityCombo(context, "session", lambda: _("Alle bijeenkomsten"))
        self.session.set_uuid(project.current_session_uuid)
        self.path = QLineEdit()
        self.browse = QPushButton(_("Bladeren…"))
        self.browse.clicked.connect(self._browse)
        self.kind.currentIndexChanged.connect(lambda _i: self._suggest_path())
        self._suggest_path()
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(_("Soort"), self.kind)
        form.addRow(_("Bijeenkomst"), self.session)
        form.addRow(_("Bestand"), where)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Exporteren"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setWindowTitle(_("Exporteer handout"))
        self.resize(520, 200)
        self.written = None

    def _suggest_path(self) -> None:
        project = self.context.project
        base = Path(project.path) if project and project.path else Path.home() / "project.gpkg"
        suffix = {"handout": "handout", "report": "rapport", "poster": "poster",
                  "terugkoppeling": "terugkoppeling"}[self.kind.currentData()]
        self.path.setText(str(base.with_name(f"{base.stem}-{suffix}.pdf")))

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("PDF opslaan als"), self.path.text(), _("PDF (*.pdf)"))
        if path:
            self.path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def export(self, open_after=True) -> bool:
        from workbench.report import export_pdf  # reportlab loads only when a PDF is made

        out = self.path.text().strip()
        if not out:
            self.error.show_error(_("Kies waar de PDF moet komen."))
            return False
        progress = QProgressDialog(_("PDF maken…"), _("Annuleren"), 0, 100, self)
        progress.setWindowTitle(_("Exporteer handout"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)  # no edits while the PDF is drawn
        progress.setMinimumDuration(300)
        progress.setValue(0)

        def report(fraction) -> bool:
            progress.setValue(int(max(0.0, min(1.0, fraction)) * 100))
            QApplication.processEvents()  # keep the window alive while the PDF is drawn
            return not progress.wasCanceled()

        def finish_progress():
            # close() on a QProgressDialog counts as "cancel"; hide it instead
            progress.hide()
            progress.deleteLater()

        try:
            export_pdf(self.context.project, out, kind=self.kind.currentData(),
                       session_uuid=self.session.currentData(), progress=report)
        except FileInUseError as error:  # open in Acrobat, say: offer "NAME (2).pdf"
            finish_progress()
            self.error.show_error(str(error))
            other = ask_other_name(self, error, _("PDF (*.pdf)"))
            if other is None:
                return False
            self.path.setText(other)
            return self.export(open_after)
        except WorkbenchError as error:  # includes the report's ExportCancelled
            finish_progress()
            self.error.show_error(str(error))
            return False
        except OSError as error:
            finish_progress()
            self.error.show_error(_("De PDF kan niet worden geschreven: {error}").format(error=os_sentence(error)))
            return False
        finish_progress()
        self.written = out
        self.context.message.emit(_("PDF bewaard: {path}").format(path=out))
        if open_after:
            QDesktopServices.openUrl(QUrl.fromLocalFile(out))
        self.accept()
        return True
