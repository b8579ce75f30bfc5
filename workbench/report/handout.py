"""The handout for residents (A4 portrait): what the meeting produced, in plain Dutch."""

from reportlab.lib.pagesizes import A4
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table, TableStyle

from workbench.i18n import _
from workbench.report import dates, text
from workbench.report.crowded_handout import SKETCH, crowded_story
from workbench.report.document import Document
from workbench.report.flowables import Band, Legend, MapFlowable
from workbench.report.map_drawing import MapStyle
from workbench.report.sections import (chart_section, heading, ideas_section, next_steps_section,
                                       quotes_section)
from workbench.report.styles import ACCENT, make_styles, table_commands

QUOTES_ON_HANDOUT = 5
CROWDED = 40   # more ideas than this: overview, detail maps and a compact list
MAX_SESSION_LINES = 30  # more than fit on the cover page: the rest counted


def pick_session(project, session_uuid):
    """The session the handout is about: the one asked for, else the most recent one."""
    if session_uuid:
        return project.get("session", session_uuid)
    sessions = project.sessions()
    return sessions[-1] if sessions else None


def area_name(project) -> str:
    name = project.area.name if project.area else ""
    return text.plain(name, multiline=False) or text.plain(project.info.name, multiline=False)


def footer_text(project) -> list:
    """Footer lines: who to contact, and which version of the project this shows."""
    contact = text.plain(project.info.contact, multiline=False)
    version = _("Versie van {date}").format(date=dates.long_date(dates.project_date(project)))
    disclaimer = text.plain(project.info.disclaimer, multiline=False)
    if disclaimer:  # on every page: "Fictief voorbeeld" must not get lost when a page is copied alone
        version = f"{version} \u00b7 {disclaimer}"
    return [contact, version] if contact else [version]


def covered_sessions(project, session_uuid) -> list:
    """The sessions the handout is about: the one asked for, else all of them."""
    if session_uuid:
        return [project.get("session", session_uuid)]
    return project.sessions()


def sessions_facts(sessions) -> list:
    """Facts rows for a handout about several sessions: each one named, and the people."""
    lines = [", ".join(part for part in (text.plain(s.title, multiline=False), dates.long_date(s.date),
                                          text.plain(s.place, multiline=False)) if part) for s in sessions]
    if len(lines) > MAX_SESSION_LINES:  # a table row cannot split over pages
        rest = len(lines) - MAX_SESSION_LINES + 1
        lines = lines[:MAX_SESSION_LINES - 1] + [_("en nog {count} bijeenkomsten").format(count=rest)]
    people = sum(int(s.participants or 0) for s in sessions)
    return [(_("Bijeenkomsten"), lines), (_("Aantal deelnemers"), str(people) if people else "")]


def cover(project, session, styles, width, sessions=()):
    """Title band and the facts of the meeting: what, when, where, how many people; with
    ``sessions`` (more than one), the facts name every session the handout covers."""
    title = text.shorten(text.plain(project.info.name, multiline=False) or area_name(project),
                         (width - 28) * 2.5, styles.title.fontSize, bold=True)
    subtitle = text.shorten(_("Wat we samen bedachten voor {area}").format(area=area_name(project)),
                            (width - 28) * 2, styles.subtitle.fontSize)
    story = [Band([Paragraph(text.markup(title), styles.title), Paragraph(text.markup(subtitle), styles.subtitle)],
                  width, ACCENT, outline_text=title), Spacer(1, 10)]
    if len(sessions) > 1:
        facts = [(_("Gebied"), area_name(project))] + sessions_facts(sessions)
    elif session is not None:
        facts = [(_("Bijeenkomst"), text.plain(session.title, multiline=False)),
                 (_("Datum"), dates.long_date(session.date, weekday=True)),
                 (_("Plaats"), text.plain(session.place, multiline=False)),
                 (_("Aantal deelnemers"), str(session.participants) if session.participants else "")]
        facts.insert(1, (_("Gebied"), area_name(project)))
    if len(sessions) > 1 or session is not None:
        # At most about three lines each (a table row cannot be split over pages); a list
        # of sessions gives each session a line.
        rows = [[Paragraph(f"<b>{label}</b>", styles.body), Paragraph(_fact_markup(value, width, styles), styles.body)]
                for label, value in facts if value]
        table = Table(rows, colWidths=[width * 0.32, width * 0.68])
        table.setStyle(TableStyle(table_commands()))
        story.append(table)
    description = text.markup(project.info.description)
    if description:
        story.append(Paragraph(description, styles.body))
    return story


def _fact_markup(value, width, styles) -> str:
    if isinstance(value, list):
        return "<br/>".join(text.markup(text.shorten(line, width * 0.6, styles.body.fontSize)) for line in value)
    return text.markup(text.shorten(value, width * 0.6 * 3, styles.body.fontSize))


def map_section(project, styles, width):
    return [heading(_("Alle ideeën op de kaart"), styles.h1),
            Paragraph(_("Elk idee heeft een nummer. De kleur laat zien bij welk thema het idee hoort."), styles.body),
            Paragraph(_(SKETCH), styles.small),
            MapFlowable(project, width, None, MapStyle(label_size=10, wijk_label_size=9),
                        legend=Legend(project, width, size=11, columns=2))]


def build(project, out, session_uuid=None, progress=None):
    styles = make_styles(body_size=12)
    session = pick_session(project, session_uuid)
    sessions = covered_sessions(project, session_uuid)
    # About one session: its votes; about all of them: all votes.
    session_uuid = session.uuid if session and len(sessions) <= 1 else None
    name = text.plain(project.info.name, multiline=False) or area_name(project)
    doc = Document(out, A4, title=_("Handout: {name}").format(name=name),
                   subject=_("Samenvatting van de bijeenkomst voor bewoners"),
                   author=municipality_name(project),
                   footer_left=footer_text(project), pdf_date=dates.project_date(project), progress=progress)
    width = doc.width
    story = cover(project, session, styles, width, sessions)
    if len(project.interventions()) > CROWDED:
        # Many numbers: an overview with counts, detail maps per wijk, a compact list.
        story += chart_section(project, styles, session_uuid, width)
        story += crowded_story(project, styles, width, doc.height, session_uuid)
    else:
        story += map_section(project, styles, width)
        story.append(CondPageBreak(doc.height))
        story += ideas_section(project, styles, session_uuid)
        story += chart_section(project, styles, session_uuid, width)
    story += quotes_section(project, styles, session_uuid, limit=QUOTES_ON_HANDOUT)
    story += next_steps_section(project, styles)
    doc.build(story)


def municipality_name(project) -> str:
    """"Heerlen" -> "Gemeente Heerlen", for the PDF author field."""
    name = text.plain(project.info.municipality, multiline=False)
    if not name:
        return _("Gemeente")
    return name if name.casefold().startswith("gemeente") else _("Gemeente {name}").format(name=name)
