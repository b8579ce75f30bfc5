"""The discs of the handout are drawn from a path made once per radius; on the page they
are the circles reportlab draws (same curves, same paint)."""

import io
import re

from reportlab.pdfgen.canvas import Canvas

from workbench.report import circles

NUMBER = r"-?\d*\.?\d+"


def _content(draw) -> str:
    canvas = Canvas(io.BytesIO(), pageCompression=0)
    before = len(canvas._code)
    draw(canvas)
    return " ".join(canvas._code[before:])  # the operators the call appended


def _curves(code):
    """(points of the path as absolute coordinates, paint operator)."""
    numbers = [float(n) for n in re.findall(NUMBER, code.split(" cm ")[-1])]
    dx, dy = (0.0, 0.0)
    if " cm " in code:
        dx, dy = [float(n) for n in re.findall(NUMBER, code.split(" cm ")[0])][-2:]
    points = [(x + dx, y + dy) for x, y in zip(numbers[0::2], numbers[1::2])]
    return points, code.split()[-2] if code.endswith(" Q") else code.split()[-1]


def test_a_disc_is_the_circle_reportlab_draws():
    for x, y, radius, stroke, fill in ((120.5, 300.25, 9.35, 1, 1), (0, 0, 1.8, 0, 1), (55, 66.6, 11.55, 1, 0)):
        ours, our_paint = _curves(_content(lambda c: circles.circle(c, x, y, radius, stroke, fill)))
        theirs, their_paint = _curves(_content(lambda c: c.circle(x, y, radius, stroke, fill)))
        assert our_paint == their_paint
        assert len(ours) == len(theirs) == 13  # a start and four curves of three points
        assert all(abs(a - b) < 0.01 for p, q in zip(ours, theirs) for a, b in zip(p, q))
