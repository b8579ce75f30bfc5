"""The scale bar drawn on the map, in viewport pixels, with a round length."""

import math

from qtpy.QtCore import QPointF, QRectF, Qt
from qtpy.QtGui import QColor, QPen

from workbench.geo.measure import format_length, format_number


def nice_length(metres: float) -> float:
    """The largest 1, 2 or 5 x 10^n not above ``metres``."""
    if metres <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(metres))
    for step in (5, 2, 1):
        if step * power <= metres:
            return step * power
    return power


def bar_text(metres: float) -> str:
    """"500 m", "1 km", "2,5 km": round lengths read without needless decimals."""
    if metres >= 1000:
        km = metres / 1000
        return f"{format_number(km, 0 if km == int(km) else 1)} km"
    return format_length(metres)


def draw_scale_bar(painter, viewport_rect, metres_per_pixel: float, target_px: float = 120) -> None:
    length = nice_length(target_px * metres_per_pixel)
    pixels = length / metres_per_pixel
    x0 = viewport_rect.left() + 16
    y0 = viewport_rect.bottom() - 18
    painter.setRenderHint(painter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.NoPen)
    painter.setBrush(QColor(255, 255, 255, 200))
    painter.drawRect(QRectF(x0 - 6, y0 - 22, pixels + 12, 30))
    painter.setPen(QPen(QColor("#1b1b1b"), 2))
    painter.drawLine(QPointF(x0, y0), QPointF(x0 + pixels, y0))
    painter.drawLine(QPointF(x0, y0 - 5), QPointF(x0, y0 + 3))
    painter.drawLine(QPointF(x0 + pixels, y0 - 5), QPointF(x0 + pixels, y0 + 3))
    painter.setPen(QColor("#1b1b1b"))
    painter.drawText(QRectF(x0, y0 - 22, pixels, 16), Qt.AlignCenter, bar_text(length))
