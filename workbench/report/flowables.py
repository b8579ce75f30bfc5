"""Flowables drawn by hand: the map, its legend, numbered ideas, the vote chart, the cover band."""

from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable

from workbench import style
from workbench.report import circles, fonts, text
from workbench.report.colors import color as pdf_color
from workbench.report.colors import safe_color
from workbench.report.map_drawing import MapStyle, credit_line, draw_map, legend_entries, map_extent

KEEP_WHOLE = 260   # points; ideas up to this height move to the next page whole


def number_disc(canvas, x, y, number, color, size):
    """A theme-coloured disc with the idea's number, centred on (x, y)."""
    label = str(number)
    radius = max(size * 0.85, fonts.string_width(label, size, bold=True) / 2 + size * 0.35)
    canvas.setFillColor(pdf_color(color))
    circles.circle(canvas, x, y, radius, stroke=0, fill=1)
    canvas.setFillColor(pdf_color(style.readable_text_on(safe_color(color))))
    canvas.setFont(fonts.BOLD, size)
    canvas.drawCentredString(x, y - size * 0.36, label)
    return radius


class MapFlowable(Flowable):
    """The map, the credit line for the reference data, and optionally a legend below.

    Without a fixed ``height`` the map takes the height left on the page, but never more
    than the area needs (no empty bands above and below it).
    """

    def __init__(self, project, width, height=None, map_style=MapStyle(), legend=None, min_height=180,
                 options=None):
        super().__init__()
        self.project, self.map_width, self.fixed_height, self.map_style = project, width, height, map_style
        self.legend, self.min_height = legend, min_height
        self.options = options or {}  # passed on to draw_map: clusters, frames
        self.credit = credit_line(project)
        extent = map_extent(project)
        self.aspect = (extent[3] - extent[1]) / max(extent[2] - extent[0], 1.0) if extent else 0.75

    def _parts(self, available_height):
        legend = self.legend.wrap(self.map_width, available_height)[1] + 8 if self.legend else 0
        credit = self.map_style.credit_size + 6 if self.credit else 0
        if self.fixed_height:
            height = self.fixed_height
        else:
            height = max(min(available_height - legend - credit - 2, self.map_width * self.aspect), self.min_height)
        return height, credit, legend

    def wrap(self, available_width, available_height):
        self.map_height, self.credit_height, self.legend_height = self._parts(available_height)
        return self.map_width, self.map_height + self.credit_height + self.legend_height

    def draw(self):
        base = self.legend_height
        if self.legend:
            self.legend.drawOn(self.canv, 0, 0)
        draw_map(self.canv, self.project, 0, base + self.credit_height, self.map_width, self.map_height,
                 self.map_style, **self.options)
        if self.credit:
            size = self.map_style.credit_size
            self.canv.setFont(fonts.REGULAR, size)
            self.canv.setFillColor(pdf_color("#555555"))
            self.canv.drawRightString(self.map_width, base + 1, text.shorten(self.credit, self.map_width, size))


class Legend(Flowable):
    """Theme colours in columns, row by row: a swatch and the theme name (up to two lines)."""

    def __init__(self, project, width, size=11, columns=2, title=""):
        super().__init__()
        self.entries = legend_entries(project)
        self.legend_width, self.size, self.columns, self.title = width, size, columns, title
        self.line = size * 1.25
        self.text_width = width / columns - size * 2.6
        self.lines = []
        for label, _color in self.entries:
            lines = simpleSplit(label, fonts.REGULAR, size, self.text_width) or [""]
            if len(lines) > 2:
                lines = [lines[0], text.shorten(" ".join(lines[1:]), self.text_width, size)]
            self.lines.append(lines)

    def _row_heights(self):
        heights = []
        for start in range(0, len(self.entries), self.columns):
            most = max(len(lines) for lines in self.lines[start:start + self.columns])
            heights.append(most * self.line + self.size * 0.45)
        return heights

    def wrap(self, available_width, available_height):
        title = self.line * 1.3 if self.title else 0
        return self.legend_width, title + sum(self._row_heights())

    def draw(self):
        canvas, size = self.canv, self.size
        top = self.wrap(0, 0)[1]
        if self.title:
            canvas.setFont(fonts.BOLD, size)
            canvas.setFillColor(pdf_color("#1b1b1b"))
            canvas.drawString(0, top - size, self.title)
            top -= self.line * 1.3
        column_width = self.legend_width / self.columns
        for row, height in enumerate(self._row_heights()):
            for column in range(self.columns):
                index = row * self.columns + column
                if index >= len(self.entries):
                    break
                _label, color = self.entries[index]
                x, y = column * column_width, top - size
                canvas.setFillColor(pdf_color(color))
                canvas.roundRect(x, y - size * 0.15, size * 1.6, size * 0.95, size * 0.2, stroke=0, fill=1)
                canvas.setFillColor(pdf_color("#1b1b1b"))
                canvas.setFont(fonts.REGULAR, size)
                for number, line in enumerate(self.lines[index]):
                    canvas.drawString(x + size * 2.1, y - number * self.line, line)
            top -= height


class Numbered(Flowable):
    """A paragraph with a number disc in front, that can split across pages."""

    def __init__(self, number, color, paragraph, size, first=True):
        super().__init__()
        self.number, self.color, self.paragraph, self.size, self.first = number, color, paragraph, size, first
        self.indent = size * 2.8

    def wrap(self, available_width, available_height):
        self.width = available_width
        _w, height = self.paragraph.wrap(available_width - self.indent, available_height)
        self.height = max(height, self.size * 1.9) if self.first else height
        return available_width, self.height

    def getSpaceAfter(self):
        return self.paragraph.getSpaceAfter()

    def getSpaceBefore(self):
        return self.paragraph.getSpaceBefore()

    def split(self, available_width, available_height):
        if self.first and available_height < self.size * 1.9:
            return []  # not even the number disc fits: the whole idea moves on
        _w, whole = self.paragraph.wrap(available_width - self.indent, available_height)
        if whole <= KEEP_WHOLE:
            return []  # an idea of normal length is never torn across two pages
        parts = self.paragraph.split(available_width - self.indent, available_height)
        if not parts:
            return []
        return [Numbered(self.number, self.color, parts[0], self.size, self.first)] + [
            Numbered(self.number, self.color, part, self.size, first=False) for part in parts[1:]]

    def draw(self):
        if self.first:
            leading = self.paragraph.style.leading
            number_disc(self.canv, self.size * 1.1, self.height - leading * 0.55, self.number, self.color,
                        self.size * 0.95)
        self.paragraph.drawOn(self.canv, self.indent, self.height - self.paragraph.height)


class VoteChart(Flowable):
    """Horizontal bars for the most voted ideas: number, title (up to two lines), bar, count."""

    def __init__(self, rows, width, size=11):
        """``rows`` is [(number, title, color, votes)], most votes first."""
        super().__init__()
        self.rows, self.chart_width, self.size = rows, width, size
        self.label_x = size * 2.6
        self.label_width = width * 0.5
        self.lines = [self._title_lines(title) for _number, title, _color, _votes in rows]

    def _title_lines(self, title):
        lines = simpleSplit(title, fonts.REGULAR, self.size, self.label_width)
        if len(lines) > 2:  # fixed space: two lines, then an ellipsis
            lines = [lines[0], text.shorten(" ".join(lines[1:]), self.label_width, self.size)]
        return lines or [""]

    def _row_height(self, lines):
        return self.size * (1.25 * len(lines) + 1.0)

    def wrap(self, available_width, available_height):
        return self.chart_width, sum(self._row_height(lines) for lines in self.lines)

    def draw(self):
        canvas, size = self.canv, self.size
        count_width = fonts.string_width("9999", size, bold=True) + 8
        bar_x = self.label_x + self.label_width + 8
        bar_space = self.chart_width - bar_x - count_width
        most = max((votes for *_rest, votes in self.rows), default=1) or 1
        top = self.wrap(0, 0)[1]
        for (number, _title, color, votes), lines in zip(self.rows, self.lines):
            height = self._row_height(lines)
            y = top - height / 2
            top -= height
            number_disc(canvas, size * 1.1, y, number, color, size * 0.9)
            canvas.setFillColor(pdf_color("#1b1b1b"))
            canvas.setFont(fonts.REGULAR, size)
            first = y + (len(lines) - 1) * size * 0.625 - size * 0.35
            for index, line in enumerate(lines):
                canvas.drawString(self.label_x, first - index * size * 1.25, line)
            length = max(bar_space * votes / most, 2)
            canvas.setFillColor(pdf_color(color))
            canvas.rect(bar_x, y - size * 0.65, length, size * 1.3, stroke=0, fill=1)
            canvas.setFillColor(pdf_color("#1b1b1b"))
            canvas.setFont(fonts.BOLD, size)
            canvas.drawString(bar_x + length + 5, y - size * 0.35, str(votes))


class Band(Flowable):
    """A full-width coloured band holding the title and subtitle paragraphs."""

    def __init__(self, paragraphs, width, color, padding=14, outline_text=""):
        super().__init__()
        self.paragraphs, self.band_width, self.color, self.padding = paragraphs, width, color, padding
        self.outline_text, self.outline_level = outline_text, 0

    def wrap(self, available_width, available_height):
        inner = self.band_width - 2 * self.padding
        self.heights = [p.wrap(inner, available_height)[1] for p in self.paragraphs]
        self.height = sum(self.heights) + 2 * self.padding + 4 * (len(self.paragraphs) - 1)
        return self.band_width, self.height

    def draw(self):
        self.canv.setFillColor(pdf_color(self.color))
        self.canv.roundRect(0, 0, self.band_width, self.height, 6, stroke=0, fill=1)
        y = self.height - self.padding
        for paragraph, height in zip(self.paragraphs, self.heights):
            y -= height
            paragraph.drawOn(self.canv, self.padding, y)
            y -= 4
