"""Dialogs that run one long step (an import, a merge): their result area and
buttons, the busy indicator while the step runs, and the summary afterwards."""

from qtpy.QtCore import Qt
from qtpy.QtWidgets import QApplication, QDialogButtonBox, QPlainTextEdit, QProgressDialog

from workbench.errors import WorkbenchError
from workbench.i18n import _
from workbench.ui.fields import ErrorLabel


def add_result_and_buttons(dialog, ok_text, on_ok) -> None:
    """Give ``dialog`` the parts :func:`show_summary` uses: an error line, a hidden
    read-only result box and OK (named ``ok_text``) / Annuleren buttons."""
    dialog.error = ErrorLabel()
    dialog.result = QPlainTextEdit()
    dialog.result.setReadOnly(True)
    dialog.result.hide()
    dialog.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    dialog.ok_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.ok_button.setText(ok_text)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
    dialog.buttons.accepted.connect(on_ok)
    dialog.buttons.rejected.connect(dialog.reject)


def run_busy(parent, text, work, error_label):
    """``work()`` behind a modal busy indicator; its result, or None after showing a
    Dutch refusal in ``error_label`` (the project is unchanged then)."""
    busy = QProgressDialog(text, None, 0, 0, parent)
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.setMinimumDuration(0)
    busy.show()
    QApplication.processEvents()
    try:
        return work()
    except WorkbenchError as error:
        error_label.show_error(str(error))
        return None
    finally:
        busy.hide()
        busy.deleteLater()


def show_summary(dialog, summary, close_text) -> None:
    """Turn a finished dialog into its summary: the lines, one Close button."""
    dialog.error.clear_error()
    dialog.result.setPlainText("\n".join(summary.lines()))
    dialog.result.show()
    dialog.ok_button.setText(close_text)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
