"""The map, drawn as vector paths from shapely geometries with the shared map style.

Nothing here is a screenshot: the area, the wijken and every intervention become PDF
paths, so the map stays sharp at any zoom. Geometry is simplified to a quarter point
(invisible on paper) before drawing, so big projects stay small and fast.
"""

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import box as shapely_box

from workbench import style
from workbench.geo.repair import repair
from workbench.i18n import _
from workbench.report import fonts, text
from workbench.report.colors import color, idea_color, safe_color
from workbench.report.labels import Disc, place_discs
from workbench.report.map_furniture import north_arrow, north_arrow_box, scale_bar, scale_bar_box
from workbench.report.wijk_labels import draw_wijk_labels

SIMPLIFY_POINTS = 0.25  # simplification tolerance, in points on paper


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
    obstacles = [north_arrow_box(view), scale_bar_box(view, map_style)]
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
    north_arrow(canvas, view, map_style)
    scale_bar(canvas, view, map_style)
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


