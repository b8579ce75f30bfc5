"""Geometry onto the page: the RD-to-page transform of a map frame and shapely shapes as
reportlab paths, simplified to what paper can show."""

import numpy as np
import shapely
from shapely.geometry import box as shapely_box

from workbench.geo.repair import repair
from workbench.report.colors import color

SIMPLIFY_POINTS = 0.25  # simplification tolerance, in points on paper


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


def rings(geometry):
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.geom_type == "Polygon" and not polygon.is_empty:
            yield polygon.exterior.coords
            for ring in polygon.interiors:
                yield ring.coords
        elif hasattr(polygon, "geoms"):
            yield from rings(polygon)


def lines(geometry):
    for line in getattr(geometry, "geoms", [geometry]):
        if line.geom_type in ("LineString", "LinearRing") and not line.is_empty:
            yield line.coords
        elif hasattr(line, "geoms"):
            yield from lines(line)


def add_path(path, coords, view, close):
    """One ring or line into a reportlab path. The line-tos are written as PDF operators
    directly: reportlab's lineTo formats each number in Python (its C accelerator is an
    optional package), which made 5,000 building outlines cost a second."""
    points = view.points(coords)
    if len(points) < 2:
        return
    path.moveTo(*points[0])
    path._code.extend([f"{x:.2f} {y:.2f} l" for x, y in points[1:].tolist()])
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


def visible(geometry, view):
    """The geometry, valid and simplified to the output resolution, or None when off the map."""
    geometry = usable(geometry)
    if geometry is None or not geometry.intersects(view.world):
        return None
    return shapely.simplify(geometry, view.tolerance, preserve_topology=True)


def fill_polygons(canvas, geometries, view, fill, stroke, width, alpha=1.0, stroke_alpha=1.0):
    path = canvas.beginPath()
    for geometry in geometries:
        for ring in rings(geometry):
            add_path(path, ring, view, True)
    canvas.saveState()
    canvas.setLineJoin(1)
    # The colour first: reportlab's setFillColor resets the alpha to the colour's own (1).
    if fill is not None:
        canvas.setFillColor(color(fill))
        canvas.setFillAlpha(alpha)
    if stroke is not None:
        canvas.setStrokeColor(color(stroke))
        if stroke_alpha != 1.0:
            canvas.setStrokeAlpha(stroke_alpha)
        canvas.setLineWidth(width)
    canvas.drawPath(path, stroke=stroke is not None, fill=fill is not None, fillMode=1)
    canvas.restoreState()


def stroke_lines(canvas, geometries, view, stroke, width, alpha=1.0):
    path = canvas.beginPath()
    for geometry in geometries:
        for line in lines(geometry):
            add_path(path, line, view, False)
    canvas.saveState()
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    canvas.setStrokeColor(color(stroke))
    if alpha != 1.0:
        canvas.setStrokeAlpha(alpha)
    canvas.setLineWidth(width)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()
