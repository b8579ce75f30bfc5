"""The poster (A3 landscape): one large map, the legend and the numbered list beside it,
for the wall of the next meeting."""

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A3, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from workbench.i18n import _
from workbench.report import dates, fonts, text
from workbench.report.document import Document
from workbench.report.flowables import Band, Legend, number_disc
from workbench.report.handout import area_name, footer_text, municipality_name, pick_session
from workbench.report.colors import idea_color
from workbench.report.map_drawing import MapStyle, credit_line, draw_map
from workbench.report.styles import ACCENT, make_styles
from workbench.report.textblock import wrap_text

# (type size, columns) from most to least readable: the list takes the first that fits.
# One column keeps titles whole; more columns only when one column at 8 pt is too long.
LIST_LAYOUTS = ((12, 1), (11, 1), (10, 1), (9, 1), (8, 1), (8, 2), (7, 2), (7, 3))
SIDE_SHARE = 0.36                     # share of the width for the legend and list
QUOTE_SIZE = 11
CLUSTER_DISTANCE = 44   # points: closer numbers share a count disc on a crowded poster map


class PosterBody(Flowable):
    """Map on the left; legend and the list of ideas (number, title, votes) on the right."""

    def __init__(self, project, session_uuid, width, height):
        super().__init__()
        self.project, self.session_uuid = project, session_uuid
        self.body_width, self.body_height = width, height
        self.credit = credit_line(project)

    def wrap(self, available_width, available_height):
        self.body_height = min(self.body_height, available_height)
        return self.body_width, self.body_height

    def draw(self):
        canvas = self.canv
        side = self.body_width * SIDE_SHARE
        map_width = self.body_width - side - 14
        credit = 12 if self.credit else 0
        draw_map(canvas, self.project, 0, credit, map_width, self.body_height - credit,
                 MapStyle(label_size=11, wijk_label_size=10, scale_size=10, credit_size=8, line_scale=1.2),
                 cluster_distance=CLUSTER_DISTANCE)  # only where the numbers do not fit one by one
        if self.credit:
            canvas.setFont(fonts.REGULAR, 8)
            canvas.setFillColor(HexColor("#555555"))
            canvas.drawRightString(map_width, 1, text.shorten(self.credit, map_width, 8))
        legend = Legend(self.project, side, size=10, columns=2, title=_("Thema's"))
        legend_height = legend.wrap(side, self.body_height)[1]
        legend.drawOn(canvas, map_width + 14, self.body_height - legend_height)
        height = self.body_height - legend_height - 14
        quotes, reserve = self._quotes_that_fit(side, height)
        canvas.saveState()
        canvas.translate(0, reserve)  # the list on top, the quotes in the space below it
        self._draw_list(map_width + 14, side, height - reserve)
        canvas.restoreState()
        if quotes:
            self._draw_quotes(map_width + 14, side, reserve - 10, quotes)

    @staticmethod
    def _list_layout(count, height):
        """(size, columns, rows that fit) of the first layout that holds ``count`` ideas."""
        for size, columns in LIST_LAYOUTS:
            fitting = int((height - size * 2.2) // (size * 1.7)) * columns
            if fitting >= count:
                break
        return size, columns, fitting

    def _quotes_that_fit(self, width, height, size=QUOTE_SIZE):
        """The quotes to show below the list and the height they take: as many as fit
        while the list keeps one column of at least 10 pt (the list comes first); otherwise
        none."""
        quotes = [q for q in self.project.quotes() if text.plain(q.text)
                  and (self.session_uuid is None or q.session_uuid in (None, self.session_uuid))]
        count = len(self.project.interventions())
        blocks = [self._quote_lines(quote, width, size) for quote in quotes]
        for shown in range(len(blocks), 0, -1):
            reserve = size * 2.4 + 10 + sum(len(lines) * size * 1.3 + size * 1.9 for lines, _s in blocks[:shown])
            list_size, columns, _fitting = self._list_layout(count, height - reserve)
            if columns == 1 and list_size >= 10 and _fitting >= count:
                return blocks[:shown], reserve
        return [], 0

    @staticmethod
    def _quote_lines(quote, width, size):
        lines = wrap_text(f"\u201c{text.plain(quote.text, multiline=False)}\u201d", fonts.REGULAR, size, width - 8)
        if len(lines) > 3:  # fixed space: three lines, then an ellipsis
            lines = lines[:2] + [text.shorten(" ".join(lines[2:]), width - 8, size)]
        speaker = "- " + (text.plain(quote.speaker, multiline=False) or _("Bewoner"))
        return lines, text.shorten(speaker, width - 8, size - 2)

    def _draw_list(self, x, width, height):
        canvas, project = self.canv, self.project
        items = project.interventions()
        size, columns, rows_fitting = self._list_layout(len(items), height)
        row = size * 1.7
        heading = _("De ideeën")
        if rows_fitting >= len(items):
            shown = items
        else:  # not all fit: the most voted, in number order
            ranked = sorted(items, key=lambda item: (-project.votes(item.uuid, self.session_uuid), item.number))
            shown = sorted(ranked[:max(rows_fitting - 1, 0)], key=lambda item: item.number)
            heading = _("De ideeën met de meeste stemmen")
        canvas.setFont(fonts.BOLD, size + 1)
        canvas.setFillColor(HexColor("#1b1b1b"))
        top = height - size * 1.2
        canvas.drawString(x, top, heading)
        canvas.setFont(fonts.REGULAR, size)
        canvas.setFillColor(HexColor("#555555"))
        label_width = fonts.string_width(_("stemmen"), size)
        for column in range(columns):
            right = x + (column + 1) * width / columns - 8
            if right - label_width > x + fonts.string_width(heading, size + 1, bold=True) + 8:  # never over the heading
                canvas.drawRightString(right, top, _("stemmen"))
        top -= size * 2.2
        column_width = width / columns
        per_column = max(int((height - size * 2.2) // row), 1)
        votes_width = fonts.string_width("999", size, bold=True)
        for index, item in enumerate(shown):
            column, line = divmod(index, per_column)
            left, y = x + column * column_width, top - line * row
            number_disc(canvas, left + size * 1.1, y + size * 0.3, item.number, idea_color(project, item), size * 0.9)
            title = text.plain(item.title, multiline=False) or _("(zonder titel)")
            space = column_width - size * 2.6 - votes_width - 10
            canvas.setFont(fonts.REGULAR, size)
            canvas.setFillColor(HexColor("#1b1b1b"))
            canvas.drawString(left + size * 2.6, y, text.shorten(title, space, size))
            canvas.setFont(fonts.BOLD, size)
            canvas.drawRightString(left + column_width - 8, y, str(project.votes(item.uuid, self.session_uuid)))
        if len(shown) < len(items):
            column, line = divmod(len(shown), per_column)
            canvas.setFont(fonts.REGULAR, size)
            canvas.drawString(x + column * column_width + size * 2.6, top - line * row,
                              _("en nog {count} ideeën (zie het rapport)").format(count=len(items) - len(shown)))

    def _draw_quotes(self, x, width, height, blocks, size=QUOTE_SIZE):
        """"Wat zeiden de bewoners?" with the quotes chosen by _quotes_that_fit."""
        canvas = self.canv
        canvas.setFont(fonts.BOLD, size + 1)
        canvas.setFillColor(HexColor("#1b1b1b"))
        y = height - size * 1.2
        canvas.drawString(x, y, _("Wat zeiden de bewoners?"))
        y -= size * 1.2
        for lines, speaker in blocks:
            canvas.setFont(fonts.REGULAR, size)
            canvas.setFillColor(HexColor("#1b1b1b"))
            for line in lines:
                y -= size * 1.3
                canvas.drawString(x, y, line)
            y -= size * 1.25
            canvas.setFont(fonts.REGULAR, size - 2)
            canvas.setFillColor(HexColor("#555555"))
            canvas.drawString(x, y, speaker)
            y -= size * 0.65


def session_line(session) -> str:
    """"Stadsdeelbijeenkomst Heerlerheide, 1 juni 2023, Gemeenschapshuis (14 deelnemers)"."""
    parts = [text.plain(session.title, multiline=False), dates.long_date(session.date),
             text.plain(session.place, multiline=False)]
    line = ", ".join(part for part in parts if part)
    if session.participants:
        line += " " + _("({count} deelnemers)").format(count=session.participants)
    return line


def build(project, out, session_uuid=None, progress=None):
    styles = make_styles(body_size=14)
    name = text.plain(project.info.name, multiline=False) or area_name(project)
    doc = Document(out, landscape(A3), title=_("Poster: {name}").format(name=name),
                   subject=_("Kaart met alle ideeën voor de volgende bijeenkomst"), author=municipality_name(project),
                   footer_left=footer_text(project), pdf_date=dates.project_date(project), margin=14 * mm,
                   progress=progress)
    width = doc.width
    title = text.shorten(name, (width - 28) * 1.5, styles.title.fontSize, bold=True)
    paragraphs = [Paragraph(text.markup(title), styles.title)]
    session = pick_session(project, session_uuid) if session_uuid else None
    sessions = [session] if session else project.sessions()
    meetings = "; ".join(session_line(s) for s in sessions) if len(sessions) <= 3 else \
        _("{count} bijeenkomsten, van {first} tot {last}").format(
            count=len(sessions), first=dates.long_date(sessions[0].date), last=dates.long_date(sessions[-1].date))
    if meetings:
        paragraphs.append(Paragraph(text.markup(text.shorten(meetings, (width - 28) * 2, styles.subtitle.fontSize)),
                                    styles.subtitle))
    paragraphs.append(Paragraph(_("Alle ideeën op de kaart. Het getal achter elk idee is het aantal stemmen."),
                                styles.subtitle))
    band = Band(paragraphs, width, ACCENT, outline_text=title)
    band_height = band.wrap(width, doc.height)[1]
    story = [band, Spacer(1, 10), PosterBody(project, session_uuid, width, doc.height - band_height - 12)]
    doc.build(story)
