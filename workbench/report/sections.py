"""Story sections shared by the handout and the report."""

from reportlab.platypus import KeepTogether, Paragraph, Spacer

from workbench.analysis import ranking
from workbench.i18n import _
from workbench.report import fonts, text
from workbench.report.document import Heading
from workbench.report.flowables import Numbered, VoteChart
from workbench.report.colors import idea_color, safe_color
from workbench.report.styles import INK, MUTED
from workbench.report.textblock import TextBlock

CHART_ROWS = 10


def heading(label, style, level=0):
    return Heading(text.markup(label, multiline=False), style, text.plain(label, multiline=False), level)


def votes_label(count: int) -> str:
    return _("1 stem") if count == 1 else _("{count} stemmen").format(count=count)


def ideas_by_primary_theme(project) -> list:
    """[(theme or None, [interventions])] in theme order; ideas without a theme last."""
    groups = []
    items = project.interventions()
    for theme in project.themes():
        members = [item for item in items if item.primary_theme_uuid == theme.uuid]
        if members:
            groups.append((theme, members))
    known = {theme.uuid for theme in project.themes()}
    loose = [item for item in items if item.primary_theme_uuid not in known]
    if loose:
        groups.append((None, loose))
    return groups


def theme_heading(theme, styles, level=1):
    """Theme name with a swatch in the theme colour (the same colour as on the map)."""
    name = text.plain(theme.name, multiline=False) if theme else _("Zonder thema")
    color = safe_color(theme.color if theme else None)
    markup = f'<font color="{color}">\u25a0</font> {text.markup(name, multiline=False)}'
    return Heading(markup, styles.h2, name, level)


def same_text(first: str, second: str) -> bool:
    """Equal but for case, spacing and a final full stop: an import that copied the title."""
    def normal(value):
        return " ".join(value.split()).rstrip(".").casefold()
    return normal(first) == normal(second)


def idea_paragraph(project, item, styles, votes, extra_lines=()):
    """Number disc, bold title (in full), description, votes; ``extra_lines`` are plain
    (text, colour) runs in a smaller size."""
    size = styles.body.fontSize
    title = text.plain(item.title, multiline=False) or _("(zonder titel)")
    runs = [(title, fonts.BOLD, size, INK)]
    description = text.plain(item.description)
    if description and not same_text(description, title):  # repeated text is printed once
        runs.append((description, fonts.REGULAR, size, INK))
    if item.geometry is None:
        runs.append((_("Zonder plek op de kaart: voor het hele gebied of de hele stad."), fonts.REGULAR, size - 1.5,
                     MUTED))
    runs.extend((line, fonts.REGULAR, size - 1.5, color) for line, color in extra_lines)
    runs.append((votes_label(votes), fonts.REGULAR, size, MUTED))
    return Numbered(item.number, idea_color(project, item), TextBlock(runs, styles.body), styles.size)


def ideas_section(project, styles, session_uuid, details=None):
    """"De ideeën": every idea, grouped by its main theme."""
    story = [heading(_("De ideeën"), styles.h1),
             Paragraph(_("Hier staan alle ideeën, per thema. Het nummer is hetzelfde als op de kaart. "
                         "U ziet ook hoeveel stemmen elk idee kreeg."), styles.body)]
    for theme, members in ideas_by_primary_theme(project):
        first = True
        for item in members:
            extra = details(item) if details else ()
            block = idea_paragraph(project, item, styles, project.votes(item.uuid, session_uuid), extra)
            # The theme heading (and what the theme means, in plain words) stays with its first idea.
            about = [Paragraph(text.markup(theme.description), styles.small)] if theme and \
                text.plain(theme.description) else []
            story.append(KeepTogether([theme_heading(theme, styles), *about, block]) if first else block)
            first = False
    return story


def chart_rows(project, session_uuid, limit=CHART_ROWS):
    rows = [(item.number, text.plain(item.title, multiline=False) or _("(zonder titel)"),
             idea_color(project, item), votes)
            for item, votes in ranking.by_intervention(project, session_uuid) if votes > 0]
    return rows[:limit]


def chart_section(project, styles, session_uuid, width):
    """"Wat vonden de bewoners het belangrijkst?": the most voted ideas as bars."""
    rows = chart_rows(project, session_uuid)
    title = heading(_("Wat vonden de bewoners het belangrijkst?"), styles.h1)
    if not rows:
        return [title, Paragraph(_("Er is nog niet gestemd."), styles.body)]
    intro = Paragraph(_("Iedereen kon stemmen op de ideeën die hij of zij het belangrijkst vond. "
                        "Dit zijn de ideeën met de meeste stemmen."), styles.body)
    return [KeepTogether([title, intro, Spacer(1, 4), VoteChart(rows, width, styles.size - 1)])]


def quote_flowables(quote, styles, project=None):
    speaker = text.plain(quote.speaker, multiline=False) or _("Bewoner")
    theme = project.get("theme", quote.theme_uuid) if project is not None and quote.theme_uuid else None
    if theme is not None:  # input about a theme, reported under it as the visie does
        speaker += " \u00b7 " + _("over {theme}").format(theme=text.plain(theme.name, multiline=False))
    return [Paragraph(f"\u201c{text.markup(quote.text)}\u201d", styles.quote),
            Paragraph(f"- {text.markup(speaker, multiline=False)}", styles.speaker)]


def quotes_section(project, styles, session_uuid, limit=None):
    """"Wat zeiden de bewoners?": quotes as the visie reports them."""
    quotes = [q for q in project.quotes()
              if text.plain(q.text) and (session_uuid is None or q.session_uuid in (None, session_uuid))]
    if limit is not None:
        quotes = quotes[:limit]
    if not quotes:
        return []
    title = heading(_("Wat zeiden de bewoners?"), styles.h1)
    story = []
    for index, quote in enumerate(quotes):
        # The heading travels with the first quote, never alone at the bottom of a page;
        # KeepTogether lets go by itself when a quote is longer than a page.
        story.append(KeepTogether(([title] if index == 0 else []) + quote_flowables(quote, styles, project)))
    return story


def next_steps_section(project, styles):
    """"Wat gebeurt er nu?" and who to contact."""
    steps = text.markup(project.info.next_steps) or text.markup(
        _("De gemeente verwerkt alle ideeën. Daarna hoort u van ons hoe het verder gaat."))
    story = [heading(_("Wat gebeurt er nu?"), styles.h1), Paragraph(steps, styles.body)]
    contact = text.markup(project.info.contact)
    if contact:
        story.append(Paragraph(f"<b>{_('Vragen?')}</b> {_('Neem contact op met:')} {contact}", styles.body))
    return [KeepTogether(story)]
