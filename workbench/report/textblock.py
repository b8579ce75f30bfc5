"""A light, splittable block of plain text lines, for the long lists of ideas.

reportlab's Paragraph parses markup and measures word fragments one by one; for a list
of hundreds of ideas that is most of the time a handout takes. The ideas only need a
few runs of plain text, each starting on its own line (bold title, description, votes),
so this block wraps them with ``simpleSplit`` and draws them with ``drawString``. Being
plain text, nothing in it is ever parsed as markup.
"""

from workbench.report.colors import color as pdf_color
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable

from workbench.report import fonts


def wrap_text(text, font, size, width) -> list:
    """Lines of ``text`` no wider than ``width``; words longer than a line are cut."""
    lines = []
    for line in simpleSplit(text, font, size, width) or [""]:
        # simpleSplit breaks at spaces, so only a line without one can be too wide.
        while " " not in line and len(line) > 1 and fonts.string_width(line, size, font == fonts.BOLD) > width:
            low, high = 1, len(line) - 1
            while low < high:  # the longest prefix that fits
                middle = (low + high + 1) // 2
                if fonts.string_width(line[:middle], size, font == fonts.BOLD) <= width:
                    low = middle
                else:
                    high = middle - 1
            lines.append(line[:low])
            line = line[low:]
        lines.append(line)
    return lines


class TextBlock(Flowable):
    """Runs of (text, font, size, colour); every run starts on a new line."""

    def __init__(self, runs, style, lines=None):
        super().__init__()
        self.runs, self.style = runs, style
        self._lines = lines          # [(text, font, size, colour)] once wrapped
        self._wrapped_width = None

    def _layout(self, width):
        if self._lines is not None and (self._wrapped_width in (None, width)):
            return self._lines
        self._lines = [(line, font, size, color) for text, font, size, color in self.runs
                       for line in wrap_text(text, font, size, width)]
        self._wrapped_width = width
        return self._lines

    def _line_height(self, size):
        return self.style.leading * size / self.style.fontSize

    def wrap(self, available_width, available_height):
        lines = self._layout(available_width)
        self.width = available_width
        self.height = sum(self._line_height(size) for _text, _font, size, _color in lines)
        return self.width, self.height

    def getSpaceAfter(self):
        return self.style.spaceAfter

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def split(self, available_width, available_height):
        lines = self._layout(available_width)
        used, count = 0.0, 0
        for _text, _font, size, _color in lines:
            if used + self._line_height(size) > available_height:
                break
            used += self._line_height(size)
            count += 1
        if count == 0 or count == len(lines):
            return []
        first = TextBlock(self.runs, self.style, lines[:count])
        rest = TextBlock(self.runs, self.style, lines[count:])
        first._wrapped_width = rest._wrapped_width = available_width
        return [first, rest]

    def draw(self):
        y = self.height
        lines = self.canv.beginText()
        font_now = color_now = None
        for text, font, size, color in self._lines:
            height = self._line_height(size)
            y -= height
            # Only state changes are written, which keeps long lists small and fast.
            if (font, size) != font_now:
                lines.setFont(font, size)
                font_now = (font, size)
            if color != color_now:
                lines.setFillColor(pdf_color(color))
                color_now = color
            # Baseline as a Paragraph would put it: a fifth of the line above the bottom.
            lines.setTextOrigin(0, y + height * 0.22)
            lines.textOut(text)
        self.canv.drawText(lines)
