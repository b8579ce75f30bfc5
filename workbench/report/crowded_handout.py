"""The handout's pages for a crowded evening (more ideas than one map can number).

An overview map where close ideas share a count disc and the detail maps show as
lettered frames; the detail maps (small multiples, per wijk) where every idea has its
number; and the compact list in columns. About 8 pages for 400 ideas.
"""

from reportlab.platypus import PageBreak, Paragraph, Spacer

from workbench.i18n import _
from workbench.report.detail_maps import DetailMapRow, plan_detail_maps
from workbench.report.flowables import Legend, MapFlowable
from workbench.report.idea_list import IdeaColumns, list_entries
from workbench.report.map_drawing import MapStyle
from workbench.report.sections import heading

SKETCH = "Deze kaart is een schets, geen omgevingsplankaart."  # the visie's own framing, seed L7782-7792
CLUSTER_DISTANCE = 40   # points: numbers closer than this share a count disc on the overview
ROWS_PER_PAGE = 3
GAP = 12


def overview_section(project, styles, width, maps):
    frames = [(detail.letter, detail.bounds) for detail in maps]
    return [heading(_("Alle ideeën op de kaart"), styles.h1),
            Paragraph(_("Waar veel ideeën dicht bij elkaar liggen, staat een cirkel met een dubbele rand en het "
                        "aantal ideeën. De kaders met een letter zijn de kaarten op de volgende bladzijden: "
                        "daar heeft elk idee zijn nummer."), styles.body),
            Paragraph(_(SKETCH), styles.small),
            MapFlowable(project, width, None, MapStyle(label_size=10, wijk_label_size=9),
                        legend=Legend(project, width, size=10, columns=2),
                        options=dict(cluster_distance=CLUSTER_DISTANCE, frames=frames))]


def detail_section(project, styles, width, height, maps):
    map_height = (height - styles.h1.fontSize * 4) / ROWS_PER_PAGE - 40
    story = [PageBreak(), heading(_("De ideeën per deel van het gebied"), styles.h1)]
    for start in range(0, len(maps), 2):
        story += [DetailMapRow(project, maps[start:start + 2], width, map_height, gap=GAP), Spacer(1, 6)]
    return story


def list_section(project, styles, width, session_uuid):
    return [heading(_("De ideeën"), styles.h1),
            Paragraph(_("Alle ideeën per thema, met hun nummer op de kaart. Het getal rechts is het aantal "
                        "stemmen. De volledige beschrijving van elk idee staat in het rapport."), styles.body),
            IdeaColumns(list_entries(project, session_uuid), width, size=9)]


def atlas(project, styles, width, height):
    """The overview with counts and the detail maps where every idea has its number: also
    the planners' report's map pages for a crowded project (one map numbering 2,000 ideas
    was a carpet of discs and leader lines)."""
    maps = plan_detail_maps(project, aspect=_map_aspect(width, height, styles))
    return overview_section(project, styles, width, maps) + detail_section(project, styles, width, height, maps)


def crowded_story(project, styles, width, height, session_uuid):
    # The list first: it fills the cover page below the chart, so 400 ideas take 8 pages.
    story = list_section(project, styles, width, session_uuid)
    return story + [PageBreak()] + atlas(project, styles, width, height)


def _map_aspect(width, height, styles):
    map_height = (height - styles.h1.fontSize * 4) / ROWS_PER_PAGE - 40
    return map_height / ((width - GAP) / 2)
