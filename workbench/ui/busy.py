"""Running one long step of a dialog (an import, a merge) behind a busy indicator."""

from qtpy.QtCore import Qt
from qtpy.QtWidgets import QApplication, QDialogButtonBox, QProgressDialog

from workbench.errors import WorkbenchError


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
