"""Wijk names on the map, for orientation, placed where they hide nothing important."""

import numpy as np
import shapely
from shapely.geometry import box as shapely_box

from workbench.report import fonts, text
from workbench.report.colors import color


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


def label_guard(view, placed_discs, ideas=()):
    """``free(box)``: whether a page box keeps clear of the number discs and of the ideas."""
    discs = np.array([(d.x, d.y, d.radius) for d in placed_discs]).reshape(-1, 3)
    ideas_tree = shapely.STRtree(list(ideas)) if ideas else None

    def free(box) -> bool:
        if not _box_free(box, discs, ()):
            return False
        if ideas_tree is None:
            return True
        bx, by, bw, bh = box
        corner_x, corner_y = (bx - view.origin_x) / view.scale, (by - view.origin_y) / view.scale
        world_box = shapely_box(corner_x, corner_y, corner_x + bw / view.scale, corner_y + bh / view.scale)
        return len(ideas_tree.query(world_box, predicate="intersects")) == 0

    return free


def draw_wijk_labels(canvas, wijken, view, placed_discs, obstacles, ideas=(), area=None, plates=False) -> list:
    """Names of polygons for orientation (wijken, a lake), where they cover no number, no
    other name, no idea and not the area's outline. A wijk around the area without such a
    spot stays unnamed (a name across the ideas would hide more than it explains).

    ``wijken`` holds (label, shape, colour, size); returns the boxes of the obstacles and
    of the names placed, for the names placed after these. ``plates``: each name on a light
    plate, to stay readable over a base map or an aerial photo."""
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
    for name, shown, fill, size in wijken:
        if not name or "Polygon" not in shown.geom_type:
            continue
        inside = shown.intersection(view.world)
        if inside.is_empty or inside.area * view.scale ** 2 < (size * 6) ** 2:
            continue  # too little of this wijk on the map to name it
        label = text.shorten(text.plain(name, multiline=False), width * 0.3, size)
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
            if plates:
                canvas.setFillColor(color("#ffffff"))
                canvas.setFillAlpha(0.7)
                canvas.roundRect(*box, size * 0.3, stroke=0, fill=1)
                canvas.setFillAlpha(1)
            canvas.setFont(fonts.REGULAR, size)
            canvas.setFillColor(color(fill))
            canvas.drawCentredString(px, py - size * 0.3, label)
    canvas.restoreState()
    return taken
