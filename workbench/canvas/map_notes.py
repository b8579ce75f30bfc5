"""Short notes drawn on the map in a corner, on a band so they read over any map: the
base map's attribution (bottom right) and an example's disclaimer (top left). Used by
the view and by ``export png`` alike."""

from qtpy.QtCore import QRectF, Qt
from qtpy.QtGui import QColor, QFont, QFontMetricsF

DISCLAIMER_BAND = "#fff3cd"  # the same light yellow as the app's "voorbeeldproject" band


def draw_note(painter, rect, text: str, top_left: bool, size: float, bold: bool, fill, border, ink) -> None:
    """``text`` on a band in the top-left or bottom-right corner of ``rect`` (device
    pixels), cut with an ellipsis where the map is too narrow."""
    if not text:
        return
    painter.save()
    font = QFont(painter.font())
    font.setPointSizeF(size)
    font.setBold(bold)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    padding = 8 if bold else 5
    width = min(metrics.horizontalAdvance(text) + 2 * padding, rect.width() - 8)
    height = metrics.height() + (8 if bold else 4)
    left = rect.left() + 4 if top_left else rect.right() - width - 4
    top = rect.top() + 4 if top_left else rect.bottom() - height - 4
    box = QRectF(left, top, width, height)
    painter.setPen(QColor(border) if border else Qt.NoPen)
    painter.setBrush(QColor(fill))
    painter.drawRect(box)
    painter.setPen(QColor(ink))
    align = Qt.AlignVCenter | (Qt.AlignLeft if top_left else Qt.AlignRight)
    elide = Qt.ElideRight if top_left else Qt.ElideLeft
    painter.drawText(box.adjusted(padding, 0, -padding, 0), align,
                     metrics.elidedText(text, elide, box.width() - 2 * padding))
    painter.restore()


def draw_attribution(painter, rect, text: str) -> None:
    """The base map's attribution, small, in the bottom-right corner."""
    draw_note(painter, rect, text, top_left=False, size=8.0, bold=False,
              fill=QColor(255, 255, 255, 210), border=None, ink="#333333")


def draw_disclaimer(painter, rect, text: str) -> None:
    """The project's disclaimer ("Fictief voorbeeld, geen echte inbreng" for the samples),
    top left: a PNG of an example travels without the app around it, so it must say
    itself that it is not real input."""
    draw_note(painter, rect, text, top_left=True, size=10.0, bold=True,
              fill=DISCLAIMER_BAND, border="#8a6d00", ink="#5c4a00")
