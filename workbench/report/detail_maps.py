"""Small multiples for a crowded evening: the ideas split over zoomed maps.

As few maps as keep every map readable (at most PER_MAP numbers): the ideas are cut
across the longer side of their spread, at the share of the maps on each side, and
each side again (a k-d tree), so nearby ideas stay on the same map. Each map is named
after the wijk most of its ideas lie in (the report's wijk rule). Every idea is on
exactly one detail map, so its number can always be found.
"""

from dataclasses import dataclass

import shapely
from reportlab.platypus import Flowable

from workbench.analysis.wijken import place_interventions, wijken_layer
from workbench.geo.display import label_anchor
from workbench.i18n import _
from workbench.report import fonts, text
from workbench.report.colors import color
from workbench.report.map_drawing import MapStyle, draw_map
from workbench.report.map_paths import usable
from workbench.report.styles import INK

PER_MAP = 40          # numbers a half-page map keeps readable
MIN_PER_MAP = 12
MAPS_PER_PAGE = 6
MIN_SPAN = 250.0      # metres: a detail map never zooms in further than this


@dataclass(frozen=True)
class DetailMap:
    letter: str
    title: str
    items: tuple
    bounds: tuple     # RD bounds shown, in the aspect of the map box


def letter(index: int) -> str:
    """A, B, ..., Z, AA, AB, ...: the key from the overview to the detail maps."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _split(members, limit):
    """``members`` [(item, x, y)] in parts of at most ``limit``: cut across the longer side
    of their spread near the share of the maps on each side, at the widest gap there (so
    a cut runs between hot spots, not through one), then cut each side again."""
    parts = -(-len(members) // limit)
    if parts <= 1:
        return [members]
    xs, ys = [m[1] for m in members], [m[2] for m in members]
    axis = 1 if max(xs) - min(xs) >= max(ys) - min(ys) else 2
    ordered = sorted(members, key=lambda m: (m[axis], m[0].number))
    target = round(len(ordered) * (parts // 2) / parts)
    reach = max(1, len(ordered) // (4 * parts))
    # Only cuts that need no more maps than ``parts`` in all.
    cuts = [i for i in range(max(1, target - reach), min(len(ordered) - 1, target + reach) + 1)
            if -(-i // limit) + -(-(len(ordered) - i) // limit) <= parts] or [target]
    cut = max(cuts, key=lambda i: (ordered[i][axis] - ordered[i - 1][axis], -abs(i - target)))
    return _split(ordered[:cut], limit) + _split(ordered[cut:], limit)


def _bounds(items, aspect):
    """The members' bounds, padded and widened to ``aspect`` (height / width)."""
    minx, miny, maxx, maxy = shapely.total_bounds([item.geometry for item in items])
    span = max(maxx - minx, maxy - miny, MIN_SPAN)
    pad = span * 0.08
    minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad
    width, height = maxx - minx, maxy - miny
    if height / width < aspect:
        grow = (width * aspect - height) / 2
        miny, maxy = miny - grow, maxy + grow
    else:
        grow = (height / aspect - width) / 2
        minx, maxx = minx - grow, maxx + grow
    return (minx, miny, maxx, maxy)


def plan_detail_maps(project, aspect, limit=None) -> list:
    """[DetailMap] covering every idea with a usable geometry exactly once, as few maps as
    keep at most ``limit`` numbers each; each is named after the wijk most of its ideas lie in.

    By default a page of maps (MAPS_PER_PAGE) shares the ideas out, with at most PER_MAP
    on each map: fewer ideas get roomier maps at no extra page."""
    items = [item for item in project.interventions() if usable(item.geometry) is not None]
    if not items:
        return []
    if limit is None:
        # Four-digit numbers make wider discs: fewer fit.
        most = PER_MAP if max(item.number for item in items) < 1000 else PER_MAP * 3 // 4
        limit = max(MIN_PER_MAP, min(most, -(-len(items) // MAPS_PER_PAGE)))
    members = []
    for item in items:
        members.append((item, *label_anchor(usable(item.geometry))))
    parts = _split(members, limit)
    names = _wijk_names(project, items)
    maps = []
    for part in parts:
        chosen = tuple(sorted((m[0] for m in part), key=lambda item: item.number))
        maps.append((_title(chosen, names), chosen))
    maps = [DetailMap(letter(index), title, chosen, _bounds(chosen, aspect))
            for index, (title, chosen) in enumerate(maps)]
    return maps


def _wijk_names(project, items) -> dict:
    if wijken_layer(project) is None:
        return {}
    placements = place_interventions(project)
    return {item.uuid: placements[item.uuid].main for item in items}


def _title(items, names) -> str:
    """"Heerlerheide" or "Heerlerheide en omgeving" (most ideas there), else "Deel van het gebied"."""
    counts = {}
    for item in items:
        name = text.plain(names.get(item.uuid, ""), multiline=False)
        if name:
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return _("Deel van het gebied")
    name = max(sorted(counts), key=counts.get)
    return name if counts[name] == len(items) else _("{name} en omgeving").format(name=name)


class DetailMapRow(Flowable):
    """Up to ``columns`` detail maps side by side, each with its letter and title above."""

    def __init__(self, project, maps, width, map_height, columns=2, gap=12, map_style=MapStyle(label_size=8)):
        super().__init__()
        self.project, self.maps, self.row_width, self.map_height = project, maps, width, map_height
        self.columns, self.gap, self.map_style = columns, gap, map_style
        self.title_size = 10

    @property
    def cell_width(self):
        return (self.row_width - self.gap * (self.columns - 1)) / self.columns

    def wrap(self, available_width, available_height):
        return self.row_width, self.map_height + self.title_size * 1.6

    def draw(self):
        canvas, size = self.canv, self.title_size
        for column, detail in enumerate(self.maps):
            x = column * (self.cell_width + self.gap)
            caption = _("{letter}: {title} ({count})").format(letter=detail.letter, title=detail.title,
                                                               count=len(detail.items))
            canvas.setFont(fonts.BOLD, size)
            canvas.setFillColor(color(INK))
            canvas.drawString(x, self.map_height + size * 0.5, text.shorten(caption, self.cell_width, size, bold=True))
            draw_map(canvas, self.project, x, 0, self.cell_width, self.map_height, self.map_style,
                     extent=detail.bounds, items=detail.items)
