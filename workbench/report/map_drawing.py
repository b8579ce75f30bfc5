"""The map, drawn as vector paths from shapely geometries with the shared map style.

Nothing here is a screenshot: the area, the wijken and every intervention become PDF
paths, so the map stays sharp at any zoom. Geometry is simplified to a quarter point
(invisible on paper) before drawing, so big projects stay small and fast.
"""

from dataclasses import dataclass

import shapely

from workbench import style
from workbench.geo.display import label_anchor
from workbench.i18n import _
from workbench.report import circles, fonts, text
from workbench.report.colors import color, idea_color, safe_color
from workbench.report.clusters import cluster_discs, draw_frames
from workbench.report.labels import Disc, place_discs
from workbench.report.map_paths import View, fill_polygons, stroke_lines, usable, visible
from workbench.report.map_furniture import north_arrow, north_arrow_box, scale_bar, scale_bar_box
from workbench.report.raster_layers import attribution_box, draw_attribution, raster_layers
from workbench.report.reference_drawing import draw_layer, draw_line_labels, polygon_labels, styled_layers
from workbench.report.wijk_labels import draw_wijk_labels, label_guard

@dataclass(frozen=True)
class MapStyle:
    """Sizes that differ between the handout, the report and the poster (points)."""

    label_size: float = 10
    wijk_label_size: float = 9
    scale_size: float = 9
    credit_size: float = 7.5
    line_scale: float = 1.0


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
    """The credit for the reference data: the project's credits, then each layer's that
    they do not already name (an imported OSM layer's licence asks for its credit)."""
    seen = []
    for credit in [project.info.credits] + [layer.credit for layer in project.reference_layers()]:
        credit = text.plain(credit, multiline=False)
        if credit and not any(credit in earlier for earlier in seen):
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


def draw_map(canvas, project, x, y, width, height, map_style=MapStyle(), extent=None, items=None,
             cluster_distance=0.0, frames=()):
    """Draw the map of ``project`` into the page box; returns the View (or None).

    ``extent`` (RD bounds) zooms in, ``items`` limits the ideas drawn (a detail map),
    ``cluster_distance`` (points) groups numbers closer than that into one disc with a
    count (an overview of a crowded evening), ``frames`` is [(letter, bounds)] of the
    detail maps, drawn as lettered rectangles.
    """
    bounds = extent or map_extent(project)
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

    items = [(item, visible(item.geometry, view)) for item in (project.interventions() if items is None else items)]
    items = [(item, shown) for item, shown in items if shown is not None]
    rasters = raster_layers(project, view)
    # Place the numbers first, so that the wijk names can keep clear of them.
    obstacles = [north_arrow_box(view), scale_bar_box(view, map_style)]
    obstacles += [plate for plate in (attribution_box(canvas, view, rasters.attribution, map_style),) if plate]
    discs = []
    for item, shown in items:
        ax, ay = view.point(*label_anchor(shown))  # where the screen puts the number
        discs.append(Disc(str(item.number), ax, ay, idea_color(project, item)))
    frame = (x, y, width, height)
    placed, label_size = _place_with_shrinking(discs, frame, map_style.label_size, obstacles)
    if cluster_distance and _crowded(placed):
        # Like QGIS's cluster renderer, but only where the numbers do not fit one by one.
        placed, label_size = _place_with_shrinking(cluster_discs(discs, cluster_distance), frame,
                                                   map_style.label_size, obstacles)

    rasters.draw(canvas, view)
    layers = styled_layers(project, view, over_raster=rasters.any)
    for layer in layers:
        draw_layer(canvas, layer, view, scale_lines)

    area = usable(project.area.geometry) if project.area else None
    if area is not None:
        # Wash out the world outside the area: the frame with the area cut out.
        outside = shapely.simplify(view.world.difference(area), view.tolerance)
        fill_polygons(canvas, [outside], view, style.OUTSIDE_DIM, None, 0, style.OUTSIDE_DIM_OPACITY)
    # Names also keep off the ideas and the area's outline, where they can.
    keep_off = [shown for _item, shown in items] + ([area.boundary] if area is not None else [])
    # Label sizes follow the document (the poster's are larger), in the styles' proportions.
    label_scale = map_style.wijk_label_size / style.REFERENCE_LABEL_SIZE
    names = [(label, shape, fill, size * label_scale) for label, shape, fill, size in polygon_labels(layers)]
    taken = draw_wijk_labels(canvas, names, view, placed, obstacles, keep_off, area, plates=rasters.any)
    # Street names may cross an idea's translucent area, never its line, point or number.
    thin = [shape for shape in keep_off if "Polygon" not in shape.geom_type]
    draw_line_labels(canvas, layers, view, label_guard(view, placed, thin), taken, label_scale)
    if area is not None:
        fill_polygons(canvas, [shapely.simplify(area, view.tolerance)], view, None, style.AREA_LINE,
                       style.AREA_LINE_WIDTH * scale_lines)
    _draw_interventions(canvas, project, items, view, scale_lines)
    draw_frames(canvas, view, frames, map_style.label_size)
    _draw_discs(canvas, placed, label_size)
    north_arrow(canvas, view, map_style)
    scale_bar(canvas, view, map_style)
    draw_attribution(canvas, view, rasters.attribution, map_style)
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
                fill_polygons(canvas, chosen, view, fill, None, 0, style.INTERVENTION_POLYGON_OPACITY)
                fill_polygons(canvas, chosen, view, None, fill, style.INTERVENTION_OUTLINE_WIDTH * scale_lines)
            else:
                stroke_lines(canvas, chosen, view, fill, style.INTERVENTION_LINE_WIDTH * scale_lines)


MIN_LABEL_SIZE = 7
CROWDED_SHARE = 0.1   # moved (with a leader line) or overlapping: more than this share clusters


def _crowded(placed) -> bool:
    return any(disc.stuck for disc in placed) or sum(disc.moved for disc in placed) > CROWDED_SHARE * len(placed)


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
            circles.circle(canvas, disc.anchor_x, disc.anchor_y, 1.8, stroke=0, fill=1)
    for disc in placed:
        canvas.setFillColor(color(disc.color))
        canvas.setStrokeColor(color("#ffffff"))
        canvas.setLineWidth(1.2)
        circles.circle(canvas, disc.x, disc.y, disc.radius, stroke=1, fill=1)
        if disc.cluster:  # a second ring: a count of ideas, not an idea's number
            canvas.setStrokeColor(color(disc.color))
            circles.circle(canvas, disc.x, disc.y, disc.radius + 2.2, stroke=1, fill=0)
        canvas.setFillColor(color(style.readable_text_on(safe_color(disc.color))))
        canvas.setFont(fonts.BOLD, size)
        canvas.drawCentredString(disc.x, disc.y - size * 0.36, disc.label)


def _mark_points(canvas, geometry, view, fill):
    """Small dots for the points of a multi-part idea; its number sits on one of them."""
    canvas.saveState()
    canvas.setFillColor(color(fill))
    for point in getattr(geometry, "geoms", [geometry]):
        circles.circle(canvas, *view.point(point.x, point.y), 3, stroke=0, fill=1)
    canvas.restoreState()


