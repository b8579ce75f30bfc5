"""The report for planners (A4): the handout's content for all sessions, plus details per
idea, goals against their targets, theme coverage by session and wijk, and an appendix."""

import math

from reportlab.lib.pagesizes import A4
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from workbench.analysis.coverage import themes_by_session, themes_by_wijk
from workbench.analysis.goals import goal_progress
from workbench.analysis.wijken import place_interventions
from workbench.geo.measure import describe, format_area, format_length, format_number
from workbench.i18n import _
from workbench.report import dates, text
from workbench.report.document import Document
from workbench.report.crowded_handout import atlas
from workbench.report.flowables import Band, Legend, MapFlowable
from workbench.report.handout import CROWDED, area_name, footer_text, municipality_name
from workbench.report.map_drawing import MapStyle
from workbench.report.sections import (chart_section, heading, ideas_section, next_steps_section,
                                       quotes_section)
from workbench.report.styles import ACCENT, make_styles
from workbench.report.tables import cell, grid
from workbench.report.toets_sections import accountability_section, gaps_section, process_section

TABLE_COLUMNS = 8  # wider coverage tables are split into several tables


def status_label(value):
    return {"idee": _("idee"), "voorstel": _("voorstel"), "uitgewerkt": _("uitgewerkt"),
            "besloten": _("besloten")}.get(value, text.plain(value, multiline=False))


def horizon_label(value):
    return {"kort": _("korte termijn"), "": "-"}.get(value, text.plain(value, multiline=False))


def amount(value, unit="") -> str:
    """"1.300 m", "47,5 %"; a value that is not a finite number (an edit outside the app)
    is shown as "?" rather than breaking the report."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return "?"
    if not math.isfinite(value):
        return "?"
    number = format_number(value, 0 if value == int(value) else 1)
    return f"{number} {text.plain(unit, multiline=False)}".strip()


def quantities_text(project, item):
    kinds = {kind.key: kind for kind in project.quantity_kinds()}
    parts = []
    for key, value in item.quantities:
        kind = kinds.get(key)
        label = kind.label if kind else key
        unit = kind.unit if kind else ""
        parts.append(f"{text.plain(label, multiline=False)} {amount(value, unit)}".strip())
    return "; ".join(parts)


def breakable(name: str) -> str:
    """"Heerlerheide-Passart" -> "Heerlerheide- Passart": a narrow cell breaks the name
    after the hyphen instead of in the middle of a word."""
    return text.plain(name, multiline=False).replace("-", "- ")


def size_text(geometry):
    """"1,2 ha" / "340 m" / "punt": the computed size, short enough for a table cell."""
    if geometry is None:
        return _("zonder plek")
    if "Polygon" in geometry.geom_type:
        return format_area(geometry.area)
    if "LineString" in geometry.geom_type:
        return format_length(geometry.length)
    return _("punt")


class _Details:
    """The extra lines under each idea in the report."""

    def __init__(self, project, placements, session_uuid):
        self.project, self.placements, self.session_uuid = project, placements, session_uuid
        self.themes = {theme.uuid: theme for theme in project.themes()}

    def __call__(self, item):
        project = self.project
        themes = ", ".join(text.label(self.themes[u].name) for u in item.theme_uuids if u in self.themes) or "-"
        sessions = [s for s in project.sessions() if self.session_uuid in (None, s.uuid)]
        votes = "; ".join(f"{text.label(s.title)}: {project.votes(item.uuid, s.uuid)}" for s in sessions) or "-"
        placement = self.placements.get(item.uuid)
        wijk = placement.main if placement and placement.main else _("buiten de wijken")
        if placement and len(placement.touched) > 1:
            wijk += " (" + _("ook: {others}").format(others=", ".join(placement.touched[1:])) + ")"
        rows = [(_("Thema's"), themes),
                (_("Status"), status_label(item.status)),
                (_("Termijn"), horizon_label(item.horizon)),
                (_("Omvang"), describe(item.geometry)),
                (_("Hoeveelheden"), quantities_text(project, item) or "-"),
                (_("Wijk"), wijk),
                (_("Stemmen per bijeenkomst"), votes)]
        return [(f"{label}: {text.plain(value, multiline=False)}", "#444444") for label, value in rows]


def overview(project, styles, width, session_uuid):
    sessions = [s for s in project.sessions() if session_uuid in (None, s.uuid)]
    votes = sum(v.count for v in project.all("vote") if session_uuid in (None, v.session_uuid))
    area = project.area
    facts = [(_("Gebied"), area_name(project)),
             (_("Oppervlakte gebied"), format_area(area.geometry.area) if area else "-"),
             (_("Aantal ideeën"), str(len(project.interventions()))),
             (_("Bijeenkomsten"), str(len(sessions))),
             (_("Deelnemers"), str(sum(int(s.participants or 0) for s in sessions))),
             (_("Stemmen"), str(votes))]
    rows = [[cell(label, styles.cell_bold, width * 0.3), cell(value, styles.cell, width * 0.7)]
            for label, value in facts]
    story = [grid(rows, [width * 0.3, width * 0.7], header_rows=0)]
    if sessions:
        widths = [width * f for f in (0.28, 0.14, 0.25, 0.18, 0.15)]
        header = [cell(label, styles.cell_bold, w) for label, w in
                  zip((_("Bijeenkomst"), _("Datum"), _("Plaats"), _("Begeleiding"), _("Deelnemers")), widths)]
        rows = [header] + [[cell(s.title, styles.cell, widths[0]), cell(dates.long_date(s.date), styles.cell, widths[1]),
                            cell(s.place, styles.cell, widths[2]), cell(s.facilitator, styles.cell, widths[3]),
                            cell(str(s.participants), styles.cell, widths[4])] for s in sessions]
        story += [Spacer(1, 10), grid(rows, widths, numeric_from=4)]
    return story


def goals_section(project, styles, width):
    progress = goal_progress(project)
    story = [heading(_("Doelen en indicatoren"), styles.h1),
             Paragraph(_("Per doel: de som van de gekoppelde hoeveelheden van de ideeën, tegenover de "
                         "streefwaarde. Zonder hoeveelheid kan de bijdrage niet worden opgeteld."), styles.body)]
    if not progress:
        return story + [Paragraph(_("Dit project heeft nog geen doelen."), styles.body)]
    widths = [width * f for f in (0.25, 0.22, 0.14, 0.15, 0.08, 0.16)]
    header = [cell(label, styles.cell_bold, w) for label, w in zip(
        (_("Doel"), _("Indicator"), _("Bijdrage ideeën"), _("Streefwaarde"), "%", _("Ideeën")), widths)]
    rows = [header]
    for row in progress:
        goal = row.goal
        unit = text.plain(goal.unit, multiline=False)
        total = amount(row.total, unit) if row.total is not None else _("niet opgeteld")
        target = amount(row.target, unit) if row.target is not None else "-"
        share = f"{format_number(row.fraction * 100)}%" if row.fraction is not None and math.isfinite(row.fraction) \
            else "-"
        numbers = ", ".join(str(item.number) for item in row.interventions) or "-"
        rows.append([cell(goal.title, styles.cell, widths[0], lines=3), cell(goal.indicator, styles.cell, widths[1], lines=3),
                     cell(total, styles.cell, widths[2]), cell(target, styles.cell, widths[3]),
                     cell(share, styles.cell, widths[4]), cell(numbers, styles.cell, widths[5], lines=3)])
    story.append(grid(rows, widths))
    return story


def coverage_table(table, styles, width, corner):
    """A themes x columns table of counts, split into chunks of TABLE_COLUMNS columns."""
    story = []
    for start in range(0, max(len(table.column_labels), 1), TABLE_COLUMNS):
        labels = table.column_labels[start:start + TABLE_COLUMNS]
        first = width * 0.34
        column = (width - first) / max(len(labels), 1)
        # Names like "Heerlerheide-Passart" may break after the hyphen, not mid-word.
        header = [cell(corner, styles.cell_bold, first)] + [
            cell(breakable(label), styles.cell_bold, column, lines=3)
            for label in labels]
        rows = [header] + [[cell(name, styles.cell, first)] + [cell(str(count), styles.cell, column)
                                                             for count in counts[start:start + TABLE_COLUMNS]]
                           for name, counts in zip(table.row_labels, table.cells)]
        story += [grid(rows, [first] + [column] * len(labels), numeric_from=1), Spacer(1, 8)]
    return story


def coverage_section(project, styles, width, placements):
    by_session = themes_by_session(project)
    # The heading and its explanation stay with the first table.
    story = [KeepTogether([heading(_("Thema's per bijeenkomst en per wijk"), styles.h1),
                           Paragraph(_("Aantal ideeën per thema. Een idee telt mee bij elk thema waarmee het is "
                                       "gelabeld. De wijk is de wijk waarin het grootste deel van het idee ligt."),
                                     styles.body),
                           heading(_("Per bijeenkomst"), styles.h2, level=1)]
                          + coverage_table(by_session, styles, width, _("Thema")))]
    by_wijk = themes_by_wijk(project, placements)
    story += [heading(_("Per wijk"), styles.h2, level=1)]
    if by_wijk.column_labels:
        story += coverage_table(by_wijk, styles, width, _("Thema"))
    else:
        story.append(Paragraph(_("Het project heeft geen wijkenlaag, of geen idee ligt in een wijk."), styles.body))
    return story


def appendix(project, styles, width, placements, session_uuid):
    widths = [width * f for f in (0.05, 0.22, 0.16, 0.1, 0.1, 0.1, 0.1)]
    widths.append(width - sum(widths))
    labels = (_("Nr."), _("Titel"), _("Hoofdthema"), _("Status"), _("Termijn"), _("Omvang"), _("Stemmen"), _("Wijk"))
    rows = [[cell(label, styles.cell_bold, w) for label, w in zip(labels, widths)]]
    for item in project.interventions():
        theme = project.get("theme", item.primary_theme_uuid) if item.primary_theme_uuid else None
        rows.append([cell(str(item.number), styles.cell, widths[0]), cell(item.title, styles.cell, widths[1]),
                     cell(theme.name if theme else "-", styles.cell, widths[2]),
                     cell(status_label(item.status), styles.cell, widths[3]),
                     cell(horizon_label(item.horizon), styles.cell, widths[4]),
                     cell(size_text(item.geometry), styles.cell, widths[5]),
                     cell(str(project.votes(item.uuid, session_uuid)), styles.cell, widths[6]),
                     cell(breakable(placements[item.uuid].main) if item.uuid in placements else "-",
                          styles.cell, widths[7])])
    return [PageBreak(), heading(_("Bijlage: alle ideeën"), styles.h1), grid(rows, widths)]


def build(project, out, session_uuid=None, progress=None):
    styles = make_styles(body_size=10, cell_size=8)
    name = text.plain(project.info.name, multiline=False) or area_name(project)
    doc = Document(out, A4, title=_("Rapport: {name}").format(name=name),
                   subject=_("Resultaten van de bijeenkomsten voor planners"), author=municipality_name(project),
                   footer_left=footer_text(project), pdf_date=dates.project_date(project), progress=progress)
    width = doc.width
    placements = place_interventions(project)
    if progress:
        progress(0.1)
    session = project.get("session", session_uuid) if session_uuid else None
    subtitle = _("Rapport voor planners") + (f" \u00b7 {text.plain(session.title, multiline=False)}" if session else "")
    subtitle = text.shorten(subtitle, (width - 28) * 2, styles.subtitle.fontSize)
    title = text.shorten(name, (width - 28) * 2.5, styles.title.fontSize, bold=True)
    story = [Band([Paragraph(text.markup(title), styles.title), Paragraph(text.markup(subtitle), styles.subtitle)],
                  width, ACCENT, outline_text=title), Spacer(1, 10)]
    story += overview(project, styles, width, session_uuid)
    description = text.markup(project.info.description)
    if description:
        story += [Spacer(1, 8), Paragraph(description, styles.body)]
    if len(project.interventions()) > CROWDED:  # as the handout: counts, and detail maps that number each idea
        story += [PageBreak()] + atlas(project, styles, width, doc.height) + [PageBreak()]
    else:
        story += [PageBreak(), heading(_("Kaart"), styles.h1),
                  MapFlowable(project, width, None, MapStyle(label_size=9, wijk_label_size=8),
                              legend=Legend(project, width, size=9, columns=2)), PageBreak()]
    story += ideas_section(project, styles, session_uuid, details=_Details(project, placements, session_uuid))
    story += chart_section(project, styles, session_uuid, width)
    story += goals_section(project, styles, width)
    story += coverage_section(project, styles, width, placements)
    story += gaps_section(project, styles, width, placements)
    story += process_section(project, styles, width, session_uuid)
    story += accountability_section(project, styles, width)
    story += quotes_section(project, styles, session_uuid)
    story += next_steps_section(project, styles)
    story += appendix(project, styles, width, placements, session_uuid)
    doc.build(story)
