"""Table helpers for the planners' report: cells whose size is fixed get shortened text."""

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from workbench.report import text
from workbench.report.styles import ACCENT_LIGHT, table_commands


def cell(value, style, width, lines=2, bold=False):
    """A table cell with user text, cut with an ellipsis to about ``lines`` lines.

    Table rows cannot break across pages, so text in a cell must have a bounded size.
    """
    plain = text.plain(value, multiline=False)
    budget = max(width - 4, 10) * lines * 0.92
    shortened = text.shorten(plain, budget, style.fontSize, bold=bold)
    markup = text.markup(shortened, multiline=False)
    return Paragraph(f"<b>{markup}</b>" if bold else markup, style)


def grid(rows, widths, header_rows=1, numeric_from=None):
    """A table with a tinted header row that repeats on every page, light rules between rows.

    A long one (an appendix of thousands of ideas) is laid out a page at a time by
    :class:`LongGrid`, which looks the same."""
    if len(rows) - header_rows > LongGrid.WINDOW:
        return LongGrid(rows[:header_rows], rows[header_rows:], widths, numeric_from)
    return _table(rows, widths, header_rows, numeric_from)


def _table(rows, widths, header_rows, numeric_from):
    table = Table(rows, colWidths=widths, repeatRows=header_rows)
    commands = table_commands(padding=2) + [
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HexColor(ACCENT_LIGHT)),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, HexColor("#c8c8c8")),
    ]
    if numeric_from is not None:
        commands.append(("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"))
    table.setStyle(TableStyle(commands))
    return table


class LongGrid(Flowable):
    """A grid of many rows that gives each page a table of only the rows near it.

    reportlab's Table looks for its next row to measure with a scan of all its rows
    (``H.index(None)``), styles and measures every cell it holds and splits by copying
    all rows past the page, so a table of 10,000 rows took most of a minute. Here each
    page gets a table of a window of rows a little larger than the previous page took
    (grown when it all fits), the header repeated at its top as before. It is drawn
    by a frame (which wraps it first), as tables in the report are.
    """

    WINDOW = 150  # rows: larger than this, a grid is laid out a page at a time

    def __init__(self, header, body, widths, numeric_from=None, guess=40):
        super().__init__()
        self.hAlign = "CENTER"  # as a Table is placed (Flowable's default is LEFT)
        self.header, self.body, self.widths, self.numeric_from = header, body, widths, numeric_from
        self.guess = guess
        self._whole = None

    def _window(self, count):
        return _table(self.header + self.body[:count], self.widths, len(self.header), self.numeric_from)

    def wrap(self, available_width, available_height):
        if len(self.body) <= self.guess:
            self._whole = self._whole or self._window(len(self.body))
            self.width, self.height = self._whole.wrap(available_width, available_height)
        else:  # more rows than the last page took: ask the frame to split
            self.width, self.height = sum(self.widths), available_height + 1
        return self.width, self.height

    def split(self, available_width, available_height):
        count = self.guess
        while True:
            window = self._window(count)
            parts = window.split(available_width, available_height)
            if not parts:
                return []
            used = len(parts[0]._cellvalues) - len(self.header)
            if used < count or count >= len(self.body):
                break
            count *= 2  # the whole window fitted: the page holds more
        if used >= len(self.body):
            return [parts[0]]
        rest = LongGrid(self.header, self.body[used:], self.widths, self.numeric_from, guess=used + 8)
        return [parts[0], rest]

    def draw(self):
        self._whole.drawOn(self.canv, 0, 0)
