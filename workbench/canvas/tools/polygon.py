"""Draw polygon: click vertices; Enter or double-click stores the polygon. A shape
that crosses itself is repaired (a bow tie becomes two triangles) and the user is told;
what cannot be repaired is refused, never stored."""

from shapely.geometry import Polygon

from workbench.canvas.tools.sketch import SketchTool
from workbench.geo.repair import repair
from workbench.i18n import _


def polygon_or_message(coords):
    """(geometry, message): the valid polygon for ``coords``, repaired if needed."""
    if len(coords) < 3:
        return None, _("Een vlak heeft minstens drie punten nodig.")
    polygon = Polygon(coords)
    if polygon.is_valid and polygon.area > 0:
        return polygon, ""
    fixed = repair(polygon)
    if fixed is None or fixed.is_empty or fixed.area <= 0:
        return None, _("Deze vorm is geen geldig vlak en is niet bewaard.")
    return fixed, _("De vorm sneed zichzelf en is hersteld.")


class PolygonTool(SketchTool):
    closed = True

    def finished(self, coords) -> None:
        geometry, message = polygon_or_message(coords)
        if geometry is not None:
            self.view.add_intervention(geometry)
        if message:
            self.view.message.emit(message)
