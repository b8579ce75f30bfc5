"""Map furniture: the scale bar and the north arrow, each on a white plate.

The ``*_box`` functions give the plates' boxes before anything is drawn, so the number
discs and wijk names can keep clear of them.
"""

import math

from workbench import style
from workbench.report import fonts
from workbench.report.colors import color


def nice_length(max_metres: float) -> float:
    """The largest 1, 2 or 5 x 10^n metres not above ``max_metres``."""
    exponent = math.floor(math.log10(max(max_metres, 1e-9)))
    for step in (5, 2, 1):
        if step * 10 ** exponent <= max_metres:
            return step * 10 ** exponent
    return 10 ** exponent


def _scale_bar_spec(view, map_style):
    x, y, width, _height = view.box
    size = map_style.scale_size
    metres = nice_length(width * 0.25 / view.scale)
    label = f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"
    length = metres * view.scale
    plate = (x + 6, y + 6, length + fonts.string_width(label, size) / 2 + 20, size * 2 + 14)
    return plate, length, label


def scale_bar_box(view, map_style):
    return _scale_bar_spec(view, map_style)[0]


def scale_bar(canvas, view, map_style):
    """Scale bar in the lower left corner on a white plate."""
    x, y, _width, _height = view.box
    size = map_style.scale_size
    plate, length, label = _scale_bar_spec(view, map_style)
    canvas.saveState()
    canvas.setFillColor(color("#ffffff"))
    canvas.setFillAlpha(0.85)
    canvas.rect(*plate, stroke=0, fill=1)
    canvas.setFillAlpha(1)
    bar_x, bar_y = x + 14, y + 12
    canvas.setStrokeColor(color(style.AREA_LINE))
    canvas.setLineWidth(0.6)
    for index in range(4):
        canvas.setFillColor(color(style.AREA_LINE if index % 2 == 0 else "#ffffff"))
        canvas.rect(bar_x + index * length / 4, bar_y, length / 4, 4, stroke=1, fill=1)
    canvas.setFillColor(color(style.AREA_LINE))
    canvas.setFont(fonts.REGULAR, size)
    canvas.drawCentredString(bar_x, bar_y + 8, "0")
    canvas.drawCentredString(bar_x + length, bar_y + 8, label.replace(".", ","))
    canvas.restoreState()


def north_arrow_box(view):
    x, y, width, height = view.box
    return (x + width - 32, y + height - 46, 26, 40)


def north_arrow(canvas, view, map_style):
    """North arrow in the upper right corner (RD grid north; within a degree of true north)."""
    size = map_style.scale_size + 2
    plate = north_arrow_box(view)
    cx, top = plate[0] + 13, plate[1] + 36
    canvas.saveState()
    canvas.setFillColor(color("#ffffff"))
    canvas.setFillAlpha(0.85)
    canvas.rect(*plate, stroke=0, fill=1)
    canvas.setFillAlpha(1)
    canvas.setFillColor(color(style.AREA_LINE))
    arrow = canvas.beginPath()
    arrow.moveTo(cx, top)
    arrow.lineTo(cx + 7, top - 18)
    arrow.lineTo(cx, top - 13)
    arrow.lineTo(cx - 7, top - 18)
    arrow.close()
    canvas.drawPath(arrow, stroke=0, fill=1)
    canvas.setFont(fonts.BOLD, size)
    canvas.drawCentredString(cx, plate[1] + 5, "N")
    canvas.restoreState()
