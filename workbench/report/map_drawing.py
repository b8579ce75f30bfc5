"""The map, drawn as vector paths from shapely geometries with the shared map style.

Nothing here is a screenshot: the area, the wijken and every intervention become PDF
paths, so the map stays sharp at any zoom. Geometry is simplified to a quarter point
(invisible on paper) before drawing, so big projects stay small and fast.
"""

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from reportlab.lib.colors import HexColor
from shapely.geometry import box as shapely_box

from workbench import style
from workbench.geo.repair import repair
from workbench.i18n import _
from workbench.report import fonts, text
from workbench.report.labels import Disc, place_discs

SIMPLIFY_POINTS = 0.25  # simplification tolerance, in points on paper
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


@lru_cache(maxsize=256)
def color(value: str):
    return HexColor(safe_color(value))


def safe_color(value) -> str:
    """``value`` when it is a "#rrggbb" colour, else the colour for ideas without a theme.

    Theme colours are checked when typed in the app, but a file edited elsewhere may
    hold anything, and a colour also ends up inside Paragraph markup.
    """
    return value if isinstance(value, str) and _HEX.fullmatch(value) else style.UNTHEMED


def idea_color(project, item) -> str:
    """The colour of an idea on paper: its primary theme's colour, made safe."""
    return safe_color(project.primary_color(item))


@dataclass(frozen=True)
class MapStyle:
    """Sizes that differ between the handout, the report and the poster (points)."""

    label_size: float = 10
    wijk_label_size: float = 9
    scale_size: float = 9
    credit_size: float = 7.5
    line_scale: float = 1.0


class View:
    """Maps RD metres onto a page box, keeping the aspect ratio, centred."""

    def __init__(self, bounds, x, y, width, height):
        minx, miny, maxx, maxy = bounds
        span_x, span_y = max(maxx - minx, 1.0), max(maxy - miny, 1.0)
        self.scale = min(width / span_x, height / span_y)  # points per metre
        self.box = (x, y, width, height)
        self.origin_x = x + (width - span_x * self.scale) / 2 - minx * self.scale
        self.origin_y = y + (height - span_y * self.scale) / 2 - miny * self.scale
        # The visible world, for culling what falls outside the frame.
        self.world = shapely_box((x - self.origin_x) / self.scale, (y - self.origin_y) / self.scale,
                                 (x + width - self.origin_x) / self.scale, (y + height - self.origin_y) / self.scale)

    def points(self, coords) -> np.ndarray:
        coords = np.asarray(coords, dtype=float)[:, :2]
        return coords * self.scale + (self.origin_x, self.origin_y)

    def point(self, x, y) -> tuple:
        return x * self.scale + self.origin_x, y * self.scale + self.origin_y

    @property
    def tolerance(self) -> float:
        return SIMPLIFY_POINTS / self.scale


def map_extent(project, margin=0.04):
    """What the map shows: the area, else the interventions, else the reference layers."""
    for geometries in ([project.area.geometry] if project.area else [],
                       [i.geometry for i in project.interventions()],
                       [f.geometry for layer in project.reference_layers() for f in layer.features]):
        geometries = [g for g in geometries if g is not None and not g.is_empty]
        if geometries:
            minx, miny, maxx, maxy = shapely.total_bounds(geometries)
            pad = max(maxx - minx, maxy - miny, 200.0) * margin
            return (minx - pad, miny - pad, maxx + pad, maxy + pad)
    return None


def credit_line(project) -> str:
    """The credit for the reference data: the project's credits, else each layer's."""
    credits = [project.info.credits] if project.info.credits else [layer.credit for layer in project.reference_layers()]
    seen = []
    for credit in credits:
        credit = text.plain(credit, multiline=False)
        if credit and credit not in seen:
            seen.append(credit)
    return "; ".join(seen)


def legend_entries(project) -> list:
    """[(label, colour)] for the colours the map uses, in theme order."""
    primaries = {item.primary_theme_uuid for item in project.interventions()}
    entries = [(text.plain(t.name, multiline=False), safe_color(t.color)) for t in project.themes() if t.uuid in primaries]
    if any(not item.primary_theme_uuid or not project.get("theme", item.primary_theme_uuid)
           for item in project.interventions()):
        entries.append((_("Zonder thema"), style.UNTHEMED))
    return entries


def _rings(geometry):
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.geom_type == "Polygon" and not polygon.is_empty:
            yield polygon.exterior.coords
            for ring in polygon.interiors:
                yield ring.coords
        elif hasattr(polygon, "geoms"):
            yield from _rings(polygon)


def _lines(geometry):
    for line in getattr(geometry, "geoms", [geometry]):
        if line.geom_type in ("LineString", "LinearRing") and not line.is_empty:
            yield line.coords
        elif hasattr(line, "geoms"):
            yield from _lines(line)


def _add(path, coords, view, close):
    points = view.points(coords)
    if len(points) < 2:
        return
    path.moveTo(*points[0])
    for x, y in points[1:]:
        path.lineTo(x, y)
    if close:
        path.close()


def usable(geometry):
    """A valid version of ``geometry`` (None when empty): a file edited in QGIS can hold
    a bow tie, and GEOS refuses to intersect or subtract invalid shapes."""
    if geometry is None or geometry.is_empty:
        return None
    if geometry.is_valid:
        return geometry
    return repair(geometry) or shapely.make_valid(geometry)


def _visible(geometry, view):
    """The geometry, valid and simplified to the output resolution, or None when off the map."""
    geometry = usable(geometry)
    if geometry is None or not geometry.intersects(view.world):
        return None
    return shapely.simplify(geometry, view.tolerance, preserve_topology=True)


def _fill_polygons(canvas, geometries, view, fill, stroke, width, alpha=1.0):
    path = canvas.beginPath()
    for geometry in geometries:
        for ring in _rings(geometry):
            _add(path, ring, view, True)
    canvas.saveState()
    canvas.setLineJoin(1)
    if fill is not None:
        canvas.setFillAlpha(alpha)
        canvas.setFillColor(color(fill))
    if stroke is not None:
        canvas.setStrokeColor(color(stroke))
        canvas.setLineWidth(width)
    canvas.drawPath(path, stroke=stroke is not None, fill=fill is not None, fillMode=1)
    canvas.restoreState()


def _stroke_lines(canvas, geometries, view, stroke, width):
    path = canvas.beginPath()
    for geometry in geometries:
        for line in _lines(geometry):
            _add(path, line, view, False)
    canvas.saveState()
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    canvas.setStrokeColor(color(stroke))
    canvas.setLineWidth(width)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def _anchor(geometry):
    """Where an intervention's number belongs: on the point, mid-line, inside the polygon."""
    kind = geometry.geom_type
    if "Point" in kind:
        return geometry.centroid if kind == "MultiPoint" else geometry
    if "LineString" in kind:
        line = max(geometry.geoms, key=lambda g: g.length) if kind == "MultiLineString" else geometry
        return line.interpolate(0.5, normalized=True)
    return geometry.representative_point()


def draw_map(canvas, project, x, y, width, height, map_style=MapStyle()):
    """Draw the map of ``project`` into the page box; returns the View (or None)."""
    bounds = map_extent(project)
    canvas.saveState()
    canvas.setFillColor(color(style.BACKGROUND))
    canvas.rect(x, y, width, height, stroke=0, fill=1)
    if bounds is None:
        canvas.setFillColor(color(style.REFERENCE_LABEL))
        canvas.setFont(fonts.REGULAR, 12)
        canvas.drawCentredString(x + width / 2, y + height / 2, _("Nog niets op de kaart."))
        canvas.restoreState()
        return None
    view = View(bounds, x, y, width, height)
    clip = canvas.beginPath()
    clip.rect(x, y, width, height)
    canvas.clipPath(clip, stroke=0, fill=0)
    scale_lines = map_style.line_scale

    wijken = []
    for layer in project.reference_layers():
        for feature in layer.features:
            shown = _visible(feature.geometry, view)
            if shown is not None:
                wijken.append((feature, shown))
    items = [(item, _visible(item.geometry, view)) for item in project.interventions()]
    items = [(item, shown) for item, shown in items if shown is not None]
    # Place the numbers first, so that the wijk names can keep clear of them.
    obstacles = [_north_arrow_box(view), _scale_bar_box(view, map_style)]
    discs = []
    for item, shown in items:
        anchor = _anchor(shown)
        ax, ay = view.point(anchor.x, anchor.y)
        discs.append(Disc(str(item.number), ax, ay, idea_color(project, item)))
    placed, label_size = _place_with_shrinking(discs, (x, y, width, height), map_style.label_size, obstacles)

    polygons = [g for _f, g in wijken if "Polygon" in g.geom_type]
    if polygons:
        _fill_polygons(canvas, polygons, view, style.REFERENCE_FILL, style.REFERENCE_LINE,
                       style.REFERENCE_LINE_WIDTH * scale_lines)
    lines = [g for _f, g in wijken if "LineString" in g.geom_type]
    if lines:
        _stroke_lines(canvas, lines, view, style.REFERENCE_LINE, style.REFERENCE_LINE_WIDTH * scale_lines)

    area = usable(project.area.geometry) if project.area else None
    if area is not None:
        # Wash out the world outside the area: the frame with the area cut out.
        outside = shapely.simplify(view.world.difference(area), view.tolerance)
        _fill_polygons(canvas, [outside], view, style.OUTSIDE_DIM, None, 0, style.OUTSIDE_DIM_OPACITY)
    # Names also keep off the ideas and the area's outline, where they can.
    keep_off = [shown for _item, shown in items] + ([area.boundary] if area is not None else [])
    draw_wijk_labels(canvas, wijken, view, map_style, placed, obstacles, keep_off, area)
    if area is not None:
        _fill_polygons(canvas, [shapely.simplify(area, view.tolerance)], view, None, style.AREA_LINE,
                       style.AREA_LINE_WIDTH * scale_lines)
    _draw_interventions(canvas, project, items, view, scale_lines)
    _draw_discs(canvas, placed, label_size)
    _north_arrow(canvas, view, map_style)
    _scale_bar(canvas, view, map_style)
    canvas.restoreState()
    canvas.saveState()
    canvas.setStrokeColor(color(style.REFERENCE_LINE))
    canvas.setLineWidth(0.8)
    canvas.rect(x, y, width, height, stroke=1, fill=0)
    canvas.restoreState()
    return view


def _draw_interventions(canvas, project, items, view, scale_lines):
    by_color = {}
    for item, shown in items:
        # A collection (possible after an edit in QGIS) is drawn part by part.
        parts = list(shapely.get_parts(shown)) if shown.geom_type == "GeometryCollection" else [shown]
        by_color.setdefault(idea_color(project, item), []).extend(parts)
        for part in parts:
            if "Point" in part.geom_type and (len(parts) > 1 or part.geom_type == "MultiPoint"):
                _mark_points(canvas, part, view, idea_color(project, item))
    for kind in ("Polygon", "LineString"):
        for fill, geometries in sorted(by_color.items()):
            chosen = [g for g in geometries if kind in g.geom_type]
            if not chosen:
                continue
            if kind == "Polygon":
                _fill_polygons(canvas, chosen, view, fill, None, 0, style.INTERVENTION_POLYGON_OPACITY)
                _fill_polygons(canvas, chosen, view, None, fill, style.INTERVENTION_OUTLINE_WIDTH * scale_lines)
            else:
                _stroke_lines(canvas, chosen, view, fill, style.INTERVENTION_LINE_WIDTH * scale_lines)


MIN_LABEL_SIZE = 7


def _place_with_shrinking(discs, frame, size, obstacles):
    """Place the discs; when some find no free spot, try smaller numbers (down to 7 pt)
    before letting discs overlap. Returns (placed discs, type size used)."""
    best = None
    while True:
        placed = place_discs(discs, frame, size, obstacles)
        stuck = sum(disc.stuck for disc in placed)
        if best is None or stuck < best[0]:
            best = (stuck, placed, size)
        if stuck == 0 or size <= MIN_LABEL_SIZE:
            return best[1], best[2]
        size = max(size - 1.5, MIN_LABEL_SIZE)


def _label_spots(polygon, count=6):
    """Candidate label points inside ``polygon``: its representative point, then a grid."""
    yield polygon.representative_point()
    minx, miny, maxx, maxy = polygon.bounds
    grid = [shapely.Point(minx + (maxx - minx) * (i + 0.5) / count, miny + (maxy - miny) * (j + 0.5) / count)
            for j in range(count) for i in range(count)]
    centre = polygon.centroid
    for point in sorted(grid, key=lambda p: (p.distance(centre), p.x, p.y)):
        if polygon.contains(point):
            yield point


def _box_free(box, discs, boxes):
    """Whether ``box`` keeps clear of the discs (an array of x, y, radius) and the boxes."""
    bx, by, bw, bh = box
    if len(discs):
        nearest_x = np.clip(discs[:, 0], bx, bx + bw)
        nearest_y = np.clip(discs[:, 1], by, by + bh)
        if ((discs[:, 0] - nearest_x) ** 2 + (discs[:, 1] - nearest_y) ** 2 < (discs[:, 2] + 1) ** 2).any():
            return False
    return all(bx + bw < ox or ox + ow < bx or by + bh < oy or oy + oh < by for ox, oy, ow, oh in boxes)


def draw_wijk_labels(canvas, wijken, view, map_style, placed_discs, obstacles, ideas=(), area=None):
    """Wijk names for orientation, where they cover no number, no other name, no idea
    and not the area's outline. A wijk around the area without such a spot stays
    unnamed (a name across the ideas would hide more than it explains)."""
    size = map_style.wijk_label_size
    x, y, width, height = view.box
    taken = list(obstacles)
    discs = np.array([(d.x, d.y, d.radius) for d in placed_discs]).reshape(-1, 3)
    ideas_tree = shapely.STRtree(list(ideas)) if ideas else None

    def ideas_covered(box):
        if ideas_tree is None:
            return 0
        bx, by, bw, bh = box
        corner_x, corner_y = (bx - view.origin_x) / view.scale, (by - view.origin_y) / view.scale
        world_box = shapely_box(corner_x, corner_y, corner_x + bw / view.scale, corner_y + bh / view.scale)
        return len(ideas_tree.query(world_box, predicate="intersects"))

    canvas.saveState()
    canvas.setFont(fonts.REGULAR, size)
    canvas.setFillColor(color(style.REFERENCE_LABEL))
    for feature, shown in wijken:
        if not feature.label or "Polygon" not in shown.geom_type:
            continue
        inside = shown.intersection(view.world)
        if inside.is_empty or inside.area * view.scale ** 2 < (size * 6) ** 2:
            continue  # too little of this wijk on the map to name it
        label = text.shorten(text.plain(feature.label, multiline=False), width * 0.3, size)
        label_width = fonts.string_width(label, size)
        # The wijken of the area itself matter most for orientation: they get a name
        # even when no spot is clear of the ideas, on the spot that covers the fewest
        # (but always clear of the numbers).
        own = area is not None and inside.intersection(area).area > 0.5 * inside.area
        best = None
        for point in _label_spots(inside):
            px, py = view.point(point.x, point.y)
            box = (px - label_width / 2 - 2, py - size * 0.45, label_width + 4, size * 1.1)
            if box[0] < x + 2 or box[0] + box[2] > x + width - 2 or box[1] < y + 2 or box[1] + box[3] > y + height - 2:
                continue
            if not _box_free(box, discs, taken):
                continue
            covered = ideas_covered(box)
            if covered == 0:
                best = (0, px, py, box)
                break
            if own and (best is None or covered < best[0]):
                best = (covered, px, py, box)
        if best is not None:
            _covered, px, py, box = best
            taken.append(box)
            canvas.drawCentredString(px, py - size * 0.3, label)
    canvas.restoreState()


def _draw_discs(canvas, placed, size):
    for disc in placed:
        if disc.moved:
            canvas.setStrokeColor(color(style.LABEL_HALO))
            canvas.setLineWidth(0.8)
            canvas.line(disc.anchor_x, disc.anchor_y, disc.x, disc.y)
            canvas.setFillColor(color(style.LABEL_HALO))
            canvas.circle(disc.anchor_x, disc.anchor_y, 1.8, stroke=0, fill=1)
    for disc in placed:
        canvas.setFillColor(color(disc.color))
        canvas.setStrokeColor(color("#ffffff"))
        canvas.setLineWidth(1.2)
        canvas.circle(disc.x, disc.y, disc.radius, stroke=1, fill=1)
        canvas.setFillColor(color(style.readable_text_on(safe_color(disc.color))))
        canvas.setFont(fonts.BOLD, size)
        canvas.drawCentredString(disc.x, disc.y - size * 0.36, disc.label)


def _mark_points(canvas, geometry, view, fill):
    """Small dots for the points of a multi-part idea; its number sits on one of them."""
    canvas.saveState()
    canvas.setFillColor(color(fill))
    for point in getattr(geometry, "geoms", [geometry]):
        canvas.circle(*view.point(point.x, point.y), 3, stroke=0, fill=1)
    canvas.restoreState()


def nice_length(max_metres: float) -> float:
    """The largest 1, 2 or 5 x 10^n metres not above ``max_metres``."""
    exponent = math.floor(math.log10(max(max_metres, 1e-9)))
    for step in (5, 2, 1):
        if step * 10 ** exponent <= max_metres:
            return step * 10 ** exponent
    return 10 ** exponent


def _scale_bar_spec(view, map_style):
    x, y, width, _height = view.box
    size = map_style.scale_size
    metres = nice_length(width * 0.25 / view.scale)
    label = f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"
    length = metres * view.scale
    plate = (x + 6, y + 6, length + fonts.string_width(label, size) / 2 + 20, size * 2 + 14)
    return plate, length, label


def _scale_bar_box(view, map_style):
    return _scale_bar_spec(view, map_style)[0]


def _scale_bar(canvas, view, map_style):
    """Scale bar in the lower left corner on a white plate."""
    x, y, _width, _height = view.box
    size = map_style.scale_size
    plate, length, label = _scale_bar_spec(view, map_style)
    canvas.saveState()
    canvas.setFillColor(color("#ffffff"))
    canvas.setFillAlpha(0.85)
    canvas.rect(*plate, stroke=0, fill=1)
    canvas.setFillAlpha(1)
    bar_x, bar_y = x + 14, y + 12
    canvas.setStrokeColor(color(style.AREA_LINE))
    canvas.setLineWidth(0.6)
    for index in range(4):
        canvas.setFillColor(color(style.AREA_LINE if index % 2 == 0 else "#ffffff"))
        canvas.rect(bar_x + index * length / 4, bar_y, length / 4, 4, stroke=1, fill=1)
    canvas.setFillColor(color(style.AREA_LINE))
    canvas.setFont(fonts.REGULAR, size)
    canvas.drawCentredString(bar_x, bar_y + 8, "0")
    canvas.drawCentredString(bar_x + length, bar_y + 8, label.replace(".", ","))
    canvas.restoreState()


def _north_arrow_box(view):
    x, y, width, height = view.box
    return (x + width - 32, y + height - 46, 26, 40)


def _north_arrow(canvas, view, map_style):
    """North arrow in the upper right corner (RD grid north; within a degree of true north)."""
    size = map_style.scale_size + 2
    plate = _north_arrow_box(view)
    cx, top = plate[0] + 13, plate[1] + 36
    canvas.saveState()
    canvas.setFillColor(color("#ffffff"))
    canvas.setFillAlpha(0.85)
    canvas.rect(*plate, stroke=0, fill=1)
    canvas.setFillAlpha(1)
    canvas.setFillColor(color(style.AREA_LINE))
    arrow = canvas.beginPath()
    arrow.moveTo(cx, top)
    arrow.lineTo(cx + 7, top - 18)
    arrow.lineTo(cx, top - 13)
    arrow.lineTo(cx - 7, top - 18)
    arrow.close()
    canvas.drawPath(arrow, stroke=0, fill=1)
    canvas.setFont(fonts.BOLD, size)
    canvas.drawCentredString(cx, plate[1] + 5, "N")
    canvas.restoreState()
