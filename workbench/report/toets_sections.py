"""Report sections of the visie-toets: the process, the gaps, and the accountability
table (what happens with every idea, and how it weighs against the visie)."""

from reportlab.platypus import KeepTogether, Paragraph, Spacer

from workbench.analysis.gaps import crosswalk_counts, gap_view, number_ranges, toets_rows
from workbench.core.criteria import criteria_for, disposition_label, verdict_label
from workbench.core.model import answer_uuid
from workbench.core.scope import session_idea_uuids
from workbench.i18n import _
from workbench.report import dates
from workbench.report.sections import heading
from workbench.report.tables import cell, grid

METHOD_LABELS = {"bewonersavond": "bewonersavond", "straatgesprek": "straatgesprek",
                 "online-vragenlijst": "online vragenlijst", "stakeholdersessie": "stakeholdersessie",
                 "groepsgesprek": "groepsgesprek", "telefonisch": "telefonisch"}


def process_section(project, styles, width, session_uuid=None):
    """The participation as a process: who was reached how, like the visie's own table
    (seed L8604-8638)."""
    sessions = [s for s in project.sessions() if session_uuid in (None, s.uuid)]
    story = [heading(_("Het participatieproces"), styles.h1),
             Paragraph(_("Per bijeenkomst: de werkvorm, wie er meededen en hoeveel ideeën er kwamen."), styles.body)]
    if not sessions:
        return story + [Paragraph(_("Er zijn nog geen bijeenkomsten vastgelegd."), styles.body)]
    widths = [width * f for f in (0.26, 0.15, 0.17, 0.16, 0.14, 0.12)]
    labels = (_("Bijeenkomst"), _("Datum"), _("Werkvorm"), _("Doelgroep"), _("Deelnemers"), _("Ideeën"))
    rows = [[cell(label, styles.cell_bold, w) for label, w in zip(labels, widths)]]
    for s in sorted(sessions, key=lambda s: (s.date, s.title)):
        title = f"{s.title} ({s.part})" if s.part else s.title
        rows.append([cell(title, styles.cell, widths[0], lines=3), cell(dates.long_date(s.date) or "-", styles.cell, widths[1]),
                     cell(METHOD_LABELS.get(s.method, s.method) or "-", styles.cell, widths[2]),
                     cell(s.target_group or "-", styles.cell, widths[3]),
                     cell(str(s.participants or 0), styles.cell, widths[4]),
                     cell(str(len(session_idea_uuids(project, s.uuid))), styles.cell, widths[5])])
    return story + [grid(rows, widths, numeric_from=4)]


def gaps_section(project, styles, width, placements):
    view = gap_view(project, placements)
    story = [heading(_("Wat ontbreekt nog?"), styles.h1),
             Paragraph(_("Elk thema van de visie en elke wijk van het gebied, ook waar geen idee over ging. "
                         "Een nul is een uitkomst: daar zei niemand iets over."), styles.body)]
    widths = [width * 0.8, width * 0.2]
    rows = [[cell(_("Thema"), styles.cell_bold, widths[0]), cell(_("Ideeën"), styles.cell_bold, widths[1])]]
    for pillar in view.pillars:
        rows.append([cell(pillar.name, styles.cell_bold, widths[0], bold=True),
                     cell(str(pillar.count), styles.cell_bold, widths[1], bold=True)])
        rows += [[cell("\u2013 " + child.name, styles.cell, widths[0]), cell(str(child.count), styles.cell, widths[1])]
                 for child in pillar.children]
    story += [grid(rows, widths, numeric_from=1), Spacer(1, 8)]
    if view.wijken:
        rows = [[cell(_("Wijk"), styles.cell_bold, widths[0]), cell(_("Ideeën"), styles.cell_bold, widths[1])]]
        rows += [[cell(w.name, styles.cell, widths[0]), cell(str(w.count), styles.cell, widths[1])] for w in view.wijken]
        story += [grid(rows, widths, numeric_from=1), Spacer(1, 8)]
    lines = [(_("Doelen waar geen idee aan bijdraagt"), "; ".join(view.unserved_goals) or _("geen")),
             (_("Ideeën zonder eindoordeel"), number_ranges(view.not_weighed) or _("geen")),
             (_("Ideeën zonder antwoord aan de inwoner"), number_ranges(view.not_answered) or _("geen"))]
    story += [Paragraph(f"<b>{label}:</b> {cell(value, styles.body, width, lines=6).text}", styles.body)
              for label, value in lines]
    story.append(heading(_("Kernthema's in de thema's van de visie"), styles.h2, level=1))
    story.append(Paragraph(_("Welke kernthema's uit de participatie de visie zelf noemt bij haar thema's "
                             "(met de regels in de visie)."), styles.body))
    widths = [width * f for f in (0.25, 0.5, 0.15, 0.1)]
    rows = [[cell(label, styles.cell_bold, w) for label, w in zip(
        (_("Thema van de visie"), _("Kernthema's uit de participatie"), _("Visie"), _("Ideeën")), widths)]]
    rows += [[cell(sub, styles.cell, widths[0]), cell("; ".join(kern), styles.cell, widths[1], lines=4),
              cell(seed, styles.cell, widths[2]), cell("-" if ideas is None else str(ideas), styles.cell, widths[3])]
             for sub, kern, seed, ideas in crosswalk_counts(project)]
    story.append(grid(rows, widths))
    return story


def accountability_section(project, styles, width):
    """Per idea: the overall verdict, the conditions, and what happens with it."""
    labels = {c.key: c.label for c in criteria_for(project.info.theme_set)}
    story = [heading(_("Verantwoording: toets en terugkoppeling per idee"), styles.h1),
             Paragraph(_("Per idee het eindoordeel van de toets aan de omgevingsvisie ('Ja, mits'), de "
                         "criteria waarop het is getoetst, en wat er met het idee gebeurt."), styles.body)]
    widths = [width * f for f in (0.05, 0.22, 0.14, 0.29, 0.30)]
    header = (_("Nr."), _("Titel"), _("Eindoordeel"), _("Getoetst op"), _("Wat gebeurt ermee"))
    rows = [[cell(label, styles.cell_bold, w) for label, w in zip(header, widths)]]
    ideas = project.interventions()  # in number order, as toets_rows keeps them: a row is its idea's
    for item, row in zip(ideas, toets_rows(project, ideas)):
        verdicts = "; ".join(f"{labels.get(key, key)}: {verdict_label(verdict)}" + (f" ({condition})" if condition else "")
                             for key, verdict, condition, _reason in row.verdicts) or "-"
        answer = project.get("answer", answer_uuid(item.uuid))
        what = disposition_label(answer, project.info.theme_set)
        rows.append([cell(str(row.number), styles.cell, widths[0]), cell(row.title, styles.cell, widths[1], lines=3),
                     cell(verdict_label(row.overall) if row.overall else "-", styles.cell, widths[2]),
                     cell(verdicts, styles.cell, widths[3], lines=5), cell(what, styles.cell, widths[4], lines=4)])
    story.append(grid(rows, widths))
    return [KeepTogether(story[:2])] + story[2:]
