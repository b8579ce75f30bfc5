"""Circles (the numbered discs, point marks) drawn from a path made once per radius.

``canvas.circle`` computes four Bézier curves and formats 26 numbers for every circle;
a handout draws a thousand discs (overview, detail maps, the list), and that number
formatting was a tenth of its time. Here the outline around (0, 0) is made once per
radius by reportlab itself and each circle moves it into place (``q 1 0 0 1 x y cm ...
Q``): the same shape on the page.
"""

from functools import lru_cache

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import FILL_EVEN_ODD, PATH_OPS
from reportlab.pdfgen.pathobject import PDFPathObject


@lru_cache(maxsize=512)
def _outline(radius: float) -> str:
    code = []
    PDFPathObject(code=code).circle(0, 0, radius)
    return " ".join(code)


def circle(canvas, x, y, radius, stroke=1, fill=0) -> None:
    """What ``canvas.circle(x, y, radius, stroke, fill)`` draws, in the current colours
    and line width."""
    paint = PATH_OPS[int(bool(stroke)), int(bool(fill)), getattr(canvas, "_fillMode", FILL_EVEN_ODD)]
    canvas.addLiteral(f"q 1 0 0 1 {fp_str(x, y)} cm {_outline(radius)} {paint} Q")
