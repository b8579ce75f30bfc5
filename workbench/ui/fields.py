"""Small input widgets shared by the editors: text that commits when focus leaves,
numbers typed the Dutch way, and the inline error line."""

from qtpy.QtCore import QEvent, Qt, Signal
from qtpy.QtGui import QColor, QPalette
from qtpy.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

from workbench.i18n import _


class TextField(QLineEdit):
    """A one-line field for text the project stores: as long as the stored text. A
    QLineEdit holds at most 32,767 characters and cuts a longer text it is given, so a
    longer title (an import, the command line) was cut and saved the moment focus merely
    passed through its field. Like ``CommitTextEdit``: ``set_committed_text`` shows the
    stored text and ``changed`` tells typing from how Qt shows it."""

    def __init__(self, text="", parent=None):
        super().__init__(text, parent)
        self.setMaxLength(2**31 - 1)
        self._shown = self.text()

    def set_committed_text(self, text: str) -> None:
        """Show the stored ``text``; ``changed`` compares with it as shown."""
        self.setText(text)
        self._shown = self.text()

    def value(self) -> str:
        return self.text()

    def changed(self) -> bool:
        """Typed in: other than it was shown. Qt drops a leading byte-order mark it is
        given, which is no edit: leaving the field must then change nothing."""
        return self.text() != self._shown


class CommitTextEdit(QPlainTextEdit):
    """A multi-line text whose ``editingFinished`` fires when focus leaves and the text
    changed, like QLineEdit's: one edit, one command, one undo step. Changed means
    other than it was shown: Qt hands some characters back otherwise than it got them
    (a no-break space as a space, a line separator as a newline), which is no edit."""

    editingFinished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._committed = self._shown = ""
        self.setTabChangesFocus(True)

    def set_committed_text(self, text: str) -> None:
        self._committed = text
        if self.toPlainText() != text:
            self.setPlainText(text)
        self._shown = self.toPlainText()

    def value(self) -> str:
        return self.toPlainText()

    def changed(self) -> bool:
        return self.toPlainText() not in (self._committed, self._shown)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if self.changed():
            self.editingFinished.emit()


# Reds from dark to light; the first readable on the background is used (WCAG AA: 4.5:1).
ERROR_REDS = ("#b00020", "#d32f2f", "#ff8a80", "#ffb4ab")
MINIMUM_CONTRAST = 4.5


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio, 1 to 21."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_error_colour(background: QColor) -> QColor:
    """A red with at least 4.5:1 contrast on ``background`` (dark mode too), else the
    plainest text colour."""
    for name in ERROR_REDS:
        if contrast_ratio(QColor(name), background) >= MINIMUM_CONTRAST:
            return QColor(name)
    black, white = QColor("black"), QColor("white")
    return black if contrast_ratio(black, background) >= contrast_ratio(white, background) else white


def error_border(widget) -> str:
    """The style sheet of a field with a wrong value: a red border readable on its base."""
    colour = readable_error_colour(widget.palette().color(QPalette.ColorRole.Base))
    return f"border: 2px solid {colour.name()};"


class ErrorLabel(QLabel):
    """A red line under a form; empty and hidden when there is nothing wrong. Its red
    follows the palette (light or dark mode), always readable on the background."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what users typed
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self._follow_palette()
        self.hide()

    def _follow_palette(self) -> None:
        palette = self.palette()
        colour = readable_error_colour(palette.color(QPalette.ColorRole.Window))
        if palette.color(QPalette.ColorRole.WindowText) != colour:  # our own change comes back here
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.setPalette(palette)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ParentChange):
            self._follow_palette()

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
    # the shortest text that reads back as the same number: six digits ("12345,7" for
    # 12345.678) was read back and saved the moment focus passed through the field
    return repr(float(value)).replace(".", ",")
