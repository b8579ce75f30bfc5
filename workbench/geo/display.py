"""What a map can show of many shapes at one resolution, as QGIS draws a layer zoomed
out (no Qt here; the canvas turns the results into paths):

- ``display_detail``: lines and polygons simplified to a tolerance (about a screen
  pixel), and shapes too small to see reduced to the centre of a dot, so nothing
  disappears. The stored geometries are never changed.
- ``grid_clusters``: points grouped per grid cell, like QGIS's point cluster renderer.
- ``label_anchor`` / ``shape_facts``: where an idea's number goes, and (for a whole
  project at once) each shape's dimension, bounds and that anchor.
"""

import math

import numpy
import shapely


def display_detail(geometries, pixels_per_metre: float, tolerance: float, *, dot_pixels: float,
                   min_vertices: int, keep_fraction: float) -> list:
    """For each geometry: ``(x, y)``, the centre of a dot, when it is less than
    ``dot_pixels`` wide and high on screen; a simplified geometry when it has at least
    ``min_vertices`` and simplifying at ``tolerance`` (metres) keeps at most
    ``keep_fraction`` of them; otherwise None (draw it as it is)."""
    result = [None] * len(geometries)
    if not geometries:
        return result
    array = numpy.asarray(geometries, dtype=object)
    bounds = shapely.bounds(array)
    extent = numpy.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1])
    small = extent * pixels_per_metre < dot_pixels
    for index in numpy.flatnonzero(small):
        minx, miny, maxx, maxy = bounds[index]
        result[index] = ((minx + maxx) / 2, (miny + maxy) / 2)
    counts = shapely.get_num_coordinates(array)
    many = numpy.flatnonzero(~small & (counts >= min_vertices))
    if len(many):
        simplified = shapely.simplify(array[many], tolerance, preserve_topology=True)
        kept = shapely.get_num_coordinates(simplified)
        for index, geometry, count in zip(many, simplified, kept):
            if count <= keep_fraction * counts[index]:
                result[index] = geometry
    return result


def grid_clusters(xy, cell: float, min_count: int, members: bool = False):
    """For points ``xy`` (n x 2): (a mask of the points in a cell of at least
    ``min_count``, and per such cell (mean x, mean y, count)). Cells are ``cell`` wide,
    aligned on the origin, so a point's cell does not depend on the others. With
    ``members``, a third value: per point the index of its cell's disc, or -1."""
    xy = numpy.asarray(xy, dtype=float).reshape(-1, 2)
    if len(xy) == 0:
        empty = numpy.zeros(0, dtype=bool), []
        return (*empty, numpy.zeros(0, dtype=numpy.int64)) if members else empty
    keys = numpy.floor(xy / cell).astype(numpy.int64)
    # one integer per cell, in the order of (column, row): unique() on rows of two
    # sorts them as raw bytes, five times slower at 10,000 ideas
    rows = keys[:, 1] - keys[:, 1].min()
    _cells, inverse, counts = numpy.unique(keys[:, 0] * (int(rows.max()) + 1) + rows, return_inverse=True,
                                           return_counts=True)
    inverse = inverse.reshape(-1)
    clustered = counts[inverse] >= min_count
    sum_x = numpy.bincount(inverse, weights=xy[:, 0], minlength=len(counts))
    sum_y = numpy.bincount(inverse, weights=xy[:, 1], minlength=len(counts))
    big = numpy.flatnonzero(counts >= min_count)
    discs = list(zip((sum_x[big] / counts[big]).tolist(), (sum_y[big] / counts[big]).tolist(),
                     counts[big].tolist()))
    if not members:
        return clustered, discs
    disc_of_cell = numpy.full(len(counts), -1, dtype=numpy.int64)
    disc_of_cell[big] = numpy.arange(len(big))
    return clustered, discs, disc_of_cell[inverse]


def merge_overlapping(discs, radius, reach: float) -> tuple:
    """``discs`` ((x, y, count)) with every two that would overlap made one, at their
    members' mean, with both counts: the discs sit at their cells' means, so two full
    cells whose ideas meet at the shared edge put one disc over the other's count.
    ``radius(count)``: a disc's radius in the discs' units, never more than ``reach``/2
    (so only discs within ``reach`` can overlap: a grid of that size finds them among
    thousands). Largest first, until none overlap (a merged disc is larger and may
    reach a third). Returns (the discs, per disc given the index of the one it is in)."""
    current = [(x, y, count, [index]) for index, (x, y, count) in enumerate(discs)]
    while True:
        kept, grid = [], {}
        for x, y, count, within in sorted(current, key=lambda disc: -disc[2]):
            cx, cy = math.floor(x / reach), math.floor(y / reach)
            near = (index for gx in (cx - 1, cx, cx + 1) for gy in (cy - 1, cy, cy + 1)
                    for index in grid.get((gx, gy), ()))
            for index in near:
                kx, ky, kcount, kwithin = kept[index]
                if math.hypot(x - kx, y - ky) < radius(count) + radius(kcount):
                    total = count + kcount  # stays in its grid cell: close enough for the next pass
                    kept[index] = ((kx * kcount + x * count) / total, (ky * kcount + y * count) / total, total,
                                   kwithin + within)
                    break
            else:
                grid.setdefault((cx, cy), []).append(len(kept))
                kept.append((x, y, count, within))
        if len(kept) == len(current):
            owner = [0] * len(discs)
            for index, (_x, _y, _count, within) in enumerate(kept):
                for given in within:
                    owner[given] = index
            return [(x, y, count) for x, y, count, _within in kept], owner
        current = kept


def label_anchor(geometry) -> tuple:
    """Where the number of an intervention goes: inside a polygon, halfway a line."""
    kind = geometry.geom_type
    if "Polygon" in kind:
        biggest = max(getattr(geometry, "geoms", [geometry]), key=lambda g: g.area)
        try:  # where shapely.ops has it from: shapely.ops itself costs ~1.5 ms more at the start
            from shapely.algorithms.polylabel import polylabel
        except ImportError:  # pragma: no cover - a later shapely may move it
            from shapely.ops import polylabel

        try:
            point = polylabel(biggest, tolerance=max(biggest.length / 400, 0.5))
        except Exception:  # degenerate shapes; representative_point always works
            point = biggest.representative_point()
    elif "LineString" in kind:
        longest = max(getattr(geometry, "geoms", [geometry]), key=lambda g: g.length)
        point = longest.interpolate(0.5, normalized=True)
    else:
        point = getattr(geometry, "geoms", [geometry])[0]
    return point.x, point.y


def shape_facts(geometries) -> tuple:
    """For a list of geometries at once: (dimensions, bounds, label anchors) as lists,
    the same as per geometry but on arrays where shapely can (points and simple lines,
    most of a project); polygons need ``polylabel`` one by one."""
    if not geometries:
        return [], [], []
    array = numpy.asarray(geometries, dtype=object)
    dimensions = shapely.get_dimensions(array)
    bounds = shapely.bounds(array)
    types = shapely.get_type_id(array)
    anchors = numpy.full((len(geometries), 2), numpy.nan)
    points = types == 0
    anchors[points, 0], anchors[points, 1] = shapely.get_x(array[points]), shapely.get_y(array[points])
    lines = types == 1
    middles = shapely.line_interpolate_point(array[lines], 0.5, normalized=True)
    anchors[lines, 0], anchors[lines, 1] = shapely.get_x(middles), shapely.get_y(middles)
    result = anchors.tolist()
    for index in numpy.flatnonzero(~(points | lines)).tolist():
        result[index] = label_anchor(geometries[index])
    return dimensions.tolist(), bounds.tolist(), [tuple(xy) for xy in result]
