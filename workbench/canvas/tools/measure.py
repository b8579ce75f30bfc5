"""Measure: click points to read length (and area, from three points); nothing is
stored. Enter or double-click keeps the result on screen, Esc clears it."""

from shapely.geometry import LineString, Polygon

from workbench.canvas.tools.sketch import SketchTool
from workbench.geo.measure import area_m2, format_area, format_length, length_m
from workbench.i18n import _


def measurement(coords) -> str:
    if len(coords) < 2:
        return ""
    text = _("Lengte {value}").format(value=format_length(length_m(LineString(coords))))
    if len(coords) >= 3:
        polygon = Polygon(coords)
        if polygon.is_valid:
            text += "  " + _("Oppervlakte {value}").format(value=format_area(area_m2(polygon)))
    return text


class MeasureTool(SketchTool):
    def __init__(self, view):
        super().__init__(view)
        self.result = ""

    def press(self, event, world) -> bool:
        if self.result:  # a new measurement after a finished one
            self.result = ""
            self.view.preview.clear()
        return super().press(event, world)

    def describe(self, coords) -> str:
        return measurement(coords)

    def finished(self, coords) -> None:
        self.result = measurement(coords)
        if self.result:
            self.view.preview.set(coords=coords, closed=len(coords) >= 3, handles=list(coords),
                                  text=self.result, text_at=coords[-1])
            self.view.message.emit(self.result)

    def cancel(self) -> None:
        self.result = ""
        super().cancel()
