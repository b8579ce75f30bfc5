"""The terugkoppeling for residents (A4 portrait): "Wat doen we met uw idee?".

For the next meeting: per idea its number (the same as on the map), its title, what
happens with it and why, in the words the planner wrote for the resident. Ideas not yet
answered say so; nothing is made up to fill the gap.
"""

from reportlab.lib.pagesizes import A4
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph, Spacer

from workbench.core.criteria import disposition_label
from workbench.core.model import answer_uuid
from workbench.i18n import _
from workbench.report import dates, fonts, text
from workbench.report.colors import idea_color
from workbench.report.crowded_handout import SKETCH, atlas
from workbench.report.document import Document
from workbench.report.flowables import Band, Legend, MapFlowable, Numbered
from workbench.report.handout import CROWDED, area_name, footer_text, municipality_name, pick_session
from workbench.report.map_drawing import MapStyle
from workbench.report.sections import heading, next_steps_section
from workbench.report.styles import ACCENT, INK, MUTED, make_styles
from workbench.report.textblock import TextBlock

def answer_block(project, item, styles):
    answer = project.get("answer", answer_uuid(item.uuid))
    size = styles.body.fontSize
    runs = [(text.plain(item.title, multiline=False) or _("(zonder titel)"), fonts.BOLD, size, INK),
            (disposition_label(answer, project.info.theme_set), fonts.BOLD, size, ACCENT)]
    if item.geometry is None:
        runs.insert(1, (_("Zonder plek op de kaart: voor het hele gebied of de hele stad."), fonts.REGULAR,
                        size - 1.5, MUTED))
    if answer is not None:
        runs.append((text.plain(answer.text), fonts.REGULAR, size, INK))
        who = text.plain(answer.answered_by, multiline=False)
        when = dates.long_date(answer.answered_on) if answer.answered_on else ""
        signed = (_("Antwoord van {who}, {date}").format(who=who, date=when) if who and when
                  else _("Antwoord van {who}").format(who=who) if who
                  else _("Beantwoord op {date}").format(date=when) if when else "")
        if signed:
            runs.append((signed, fonts.REGULAR, size - 1.5, MUTED))
    else:
        runs.append((_("We hebben over dit idee nog geen besluit genomen. U hoort het van ons."),
                     fonts.REGULAR, size, INK))
    return Numbered(item.number, idea_color(project, item), TextBlock(runs, styles.body), styles.size)


def build(project, out, session_uuid=None, progress=None):
    styles = make_styles(body_size=12)
    session = pick_session(project, session_uuid) if session_uuid else None
    name = text.plain(project.info.name, multiline=False) or area_name(project)
    doc = Document(out, A4, title=_("Wat doen we met uw idee? {name}").format(name=name),
                   subject=_("Terugkoppeling aan bewoners: wat er met elk idee gebeurt"),
                   author=municipality_name(project), footer_left=footer_text(project),
                   pdf_date=dates.project_date(project), progress=progress)
    width = doc.width
    title = text.shorten(_("Wat doen we met uw idee?"), (width - 28) * 2.5, styles.title.fontSize, bold=True)
    subtitle = text.shorten(name + (f" \u00b7 {text.plain(session.title, multiline=False)}" if session else ""),
                            (width - 28) * 2, styles.subtitle.fontSize)
    story = [Band([Paragraph(text.markup(title), styles.title), Paragraph(text.markup(subtitle), styles.subtitle)],
                  width, ACCENT, outline_text=title), Spacer(1, 10),
             Paragraph(_("U heeft ideeën gegeven voor {area}. Dank u wel. Hier leest u per idee wat de gemeente "
                         "ermee doet, en waarom. Het nummer is hetzelfde als op de kaart.")
                       .format(area=text.markup(area_name(project), multiline=False)), styles.body)]
    ideas = sorted(project.interventions(), key=lambda item: item.number)
    if len(ideas) > CROWDED:  # as the handout: one map numbering 2,000 ideas is a carpet of discs
        story += atlas(project, styles, width, doc.height) + [PageBreak()]
    else:
        story += [heading(_("De ideeën op de kaart"), styles.h1),
                  Paragraph(_(SKETCH), styles.small),
                  MapFlowable(project, width, None, MapStyle(label_size=10, wijk_label_size=9),
                              legend=Legend(project, width, size=11, columns=2)),
                  CondPageBreak(doc.height * 0.3)]
    story.append(heading(_("Wat gebeurt er met elk idee?"), styles.h1))
    if not ideas:
        story.append(Paragraph(_("Er zijn nog geen ideeën."), styles.body))
    for item in ideas:
        story.append(KeepTogether([answer_block(project, item, styles), Spacer(1, 4)]))
    story += next_steps_section(project, styles)
    doc.build(story)
