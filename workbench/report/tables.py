"""Table helpers for the planners' report: cells whose size is fixed get shortened text."""

from reportlab.lib.colors import HexColor
from reportlab.platypus import Paragraph, Table, TableStyle

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
    """A table with a tinted header row that repeats on every page, light rules between rows."""
    table = Table(rows, colWidths=widths, repeatRows=header_rows)
    commands = table_commands(padding=2) + [
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HexColor(ACCENT_LIGHT)),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, HexColor("#c8c8c8")),
    ]
    if numeric_from is not None:
        commands.append(("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"))
    table.setStyle(TableStyle(commands))
    return table
