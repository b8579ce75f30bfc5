"""The compact list of a crowded handout: number, title and votes, in columns.

Hundreds of ideas in the handout's full layout (title, description, votes, one under
the other) made 37 pages; the handout lists each idea on a line or two, grouped by
theme, and the report keeps the full descriptions. The block splits across pages and
fills its columns top to bottom, a theme's heading never alone at a column's foot.

Each entry's lines and height are worked out once: a split hands the rest its share of
them (re-wrapping the rest at every page made 10,000 ideas take half a minute), and a
list that cannot fit even in perfectly balanced columns asks for a split without
trying heights.
"""

from reportlab.platypus import Flowable

from workbench.i18n import _
from workbench.report import fonts, text
from workbench.report.colors import color, idea_color, safe_color
from workbench.report.flowables import number_disc
from workbench.report.sections import ideas_by_primary_theme
from workbench.report.styles import INK, MUTED
from workbench.report.textblock import wrap_text

MAX_LINES = 4   # of a title in the list


def list_entries(project, session_uuid) -> list:
    """[("theme", name, colour) | ("idea", number, colour, title, votes)] in theme order."""
    entries = []
    for theme, members in ideas_by_primary_theme(project):
        name = text.plain(theme.name, multiline=False) if theme else _("Zonder thema")
        entries.append(("theme", name, safe_color(theme.color if theme else None)))
        for item in members:
            title = text.plain(item.title, multiline=False) or _("(zonder titel)")
            entries.append(("idea", item.number, idea_color(project, item), title,
                            project.votes(item.uuid, session_uuid)))
    return entries


class IdeaColumns(Flowable):
    """``entries`` (see list_entries) in ``columns`` balanced columns; splits over pages."""

    def __init__(self, entries, width, size=9, columns=2, gap=14, height=None, _laid_out=None):
        super().__init__()
        self.entries, self.list_width, self.size, self.columns, self.gap = entries, width, size, columns, gap
        self.fixed_height = height
        self.line = size * 1.25
        self.column_width = (width - gap * (columns - 1)) / columns
        self.indent = size * 2.7
        self.votes_width = fonts.string_width("9999", size, bold=True)
        if _laid_out is None:
            lines = [self._lines(entry) for entry in entries]
            _laid_out = lines, [self._height_of(entry, entry_lines) for entry, entry_lines in zip(entries, lines)]
        self.lines, self.heights = _laid_out

    def _lines(self, entry):
        if entry[0] == "theme":
            width, size, bold = self.column_width - self.size * 1.6, self.size + 1, True
            lines = wrap_text(entry[1], fonts.BOLD, size, width)
        else:
            width, size, bold = self.column_width - self.indent - self.votes_width - 4, self.size, False
            lines = wrap_text(entry[3], fonts.REGULAR, size, width)
        if len(lines) > MAX_LINES:  # a pasted essay as a title: the report has it whole
            lines = lines[:MAX_LINES - 1] + [text.shorten(" ".join(lines[MAX_LINES - 1:]), width, size, bold)]
        return lines

    def _height_of(self, entry, lines):
        if entry[0] == "theme":
            return len(lines) * (self.size + 1) * 1.25 + self.size * 0.9
        return max(len(lines) * self.line, self.size * 1.38) + self.size * 0.12

    def _layout(self, height):
        """[(index, column, top offset)] of the entries that fit in ``height``."""
        placed, column, used, heights = [], 0, 0.0, self.heights
        for index in range(len(self.entries)):
            need = heights[index]
            if self.entries[index][0] == "theme" and index + 1 < len(self.entries):
                need += heights[index + 1]  # a heading keeps its first idea
            if used + need > height and used > 0:
                column, used = column + 1, 0.0
                if column >= self.columns:
                    break
            if used + need > height:
                break
            placed.append((index, column, used))
            used += heights[index]
        return placed

    def _balanced_height(self, limit):
        total = sum(self.heights)
        if total > limit * self.columns:  # no column height within the limit holds them all
            return None
        low, high = max(self.heights, default=0) * 2, total + 1
        if len(self._layout(high)) < len(self.entries):
            return None
        while high - low > 2:
            middle = (low + high) / 2
            if len(self._layout(middle)) == len(self.entries):
                high = middle
            else:
                low = middle
        if high > limit and len(self._layout(limit)) == len(self.entries):
            return limit  # the search stops within 2 pt: all fit in the room there is
        return high if high <= limit else None

    def wrap(self, available_width, available_height):
        if self.fixed_height is not None:
            self.height = self.fixed_height
        else:
            balanced = self._balanced_height(available_height)
            self.height = balanced if balanced is not None else available_height + 1  # asks for a split
        return self.list_width, self.height

    def split(self, available_width, available_height):
        placed = self._layout(available_height)
        if not placed:
            return []
        count = len(placed)
        if self.entries[count - 1][0] == "theme":
            count -= 1
        if count <= 0 or count == len(self.entries):
            return []
        first = IdeaColumns(self.entries[:count], self.list_width, self.size, self.columns, self.gap,
                            height=available_height, _laid_out=(self.lines[:count], self.heights[:count]))
        rest = IdeaColumns(self.entries[count:], self.list_width, self.size, self.columns, self.gap,
                           _laid_out=(self.lines[count:], self.heights[count:]))
        return [first, rest]

    def draw(self):
        canvas, size = self.canv, self.size
        for index, column, offset in self._layout(self.height):
            entry, lines = self.entries[index], self.lines[index]
            x, top = column * (self.column_width + self.gap), self.height - offset
            if entry[0] == "theme":
                heading = size + 1
                canvas.setFillColor(color(entry[2]))
                canvas.rect(x, top - heading * 1.9, heading * 0.9, heading * 0.9, stroke=0, fill=1)
                canvas.setFillColor(color(INK))
                canvas.setFont(fonts.BOLD, heading)
                for number, line in enumerate(lines):
                    canvas.drawString(x + size * 1.6, top - heading * 1.9 - number * heading * 1.25, line)
                continue
            _kind, number, fill, _title, votes = entry
            baseline = top - size * 1.1
            number_disc(canvas, x + size * 1.1, baseline + size * 0.33, number, fill, size * 0.8)
            canvas.setFillColor(color(INK))
            canvas.setFont(fonts.REGULAR, size)
            for row, line in enumerate(lines):
                canvas.drawString(x + self.indent, baseline - row * self.line, line)
            canvas.setFillColor(color(MUTED))
            canvas.setFont(fonts.BOLD, size)
            canvas.drawRightString(x + self.column_width, baseline, str(votes))
