"""Small input widgets shared by the editors: text that commits when focus leaves,
numbers typed the Dutch way, and the inline error line."""

from qtpy.QtCore import Qt, Signal
from qtpy.QtWidgets import QLabel, QPlainTextEdit

from workbench.i18n import _


class CommitTextEdit(QPlainTextEdit):
    """A multi-line text whose ``editingFinished`` fires when focus leaves and the text
    changed, like QLineEdit's: one edit, one command, one undo step."""

    editingFinished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._committed = ""
        self.setTabChangesFocus(True)

    def set_committed_text(self, text: str) -> None:
        self._committed = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if self.toPlainText() != self._committed:
            self.editingFinished.emit()


class ErrorLabel(QLabel):
    """A red line under a form; empty and hidden when there is nothing wrong."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what users typed
        self.setStyleSheet("color: #b00020; font-weight: bold;")
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_error(self) -> None:
        self.show_error("")


def parse_number(text: str, what: str):
    """"12,5" or "1.250" -> float; "" -> None; anything else -> ValueError with a Dutch message.

    A dot followed by exactly three digits is a thousands separator in Dutch ("1.250");
    a comma is the decimal sign. A plain "12.5" is accepted as a decimal too.
    """
    text = text.strip().replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") == 1 and len(text.split(".")[1]) == 3 and text.split(".")[0].lstrip("-").isdigit():
        text = text.replace(".", "")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(_("{what} moet een getal zijn, bijvoorbeeld 12 of 2,5.").format(what=what)) from None
    if value != value or abs(value) == float("inf"):
        raise ValueError(_("{what} moet een getal zijn, bijvoorbeeld 12 of 2,5.").format(what=what))
    return value


def format_plain_number(value) -> str:
    """12.0 -> "12", 2.5 -> "2,5" (for an editable field: no thousands dots)."""
    if value is None:
        return ""
    if float(value).is_integer() and abs(value) < 1e15:  # 1e308 from a foreign edit: not 309 digits
        return str(int(value))
    return f"{value:.6g}".replace(".", ",")
