"""Between shapely geometries in RD metres and Qt scene coordinates.

The scene uses metres too, with y flipped (scene y = -RD y), so that north is up on
screen without a view transform that would mirror text and handles.
"""

import shapely
from qtpy.QtCore import QPointF, Qt
from qtpy.QtGui import QPainterPath, QPolygonF


def to_scene(x: float, y: float) -> QPointF:
    return QPointF(x, -y)


def to_world(point) -> tuple:
    return (point.x(), -point.y())


def _polygon(coords) -> QPolygonF:
    # via numpy's tolist: much quicker than iterating shapely's coordinate sequence
    return QPolygonF([QPointF(x, -y) for x, y in shapely.get_coordinates(coords).tolist()])


def _add(path: QPainterPath, geometry) -> None:
    kind = geometry.geom_type
    if kind == "Polygon":
        path.addPolygon(_polygon(geometry.exterior))
        path.closeSubpath()
        for ring in geometry.interiors:
            path.addPolygon(_polygon(ring))
            path.closeSubpath()
    elif kind in ("LineString", "LinearRing"):
        path.addPolygon(_polygon(geometry))
    elif kind == "Point":
        path.addEllipse(QPointF(geometry.x, -geometry.y), 0.5, 0.5)
    else:  # multi-geometries and collections
        for part in geometry.geoms:
            _add(path, part)


def path_for(geometry) -> QPainterPath:
    """A QPainterPath in scene coordinates; polygons use the odd-even rule for holes."""
    path = QPainterPath()
    path.setFillRule(Qt.OddEvenFill)
    if geometry is not None and not geometry.is_empty:
        _add(path, geometry)
    return path


def dimension(geometry) -> int:
    """0 for points, 1 for lines, 2 for polygons."""
    return int(shapely.get_dimensions(geometry))
