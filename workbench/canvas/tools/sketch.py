"""Shared by the click-vertex tools (line, polygon, measure): click to add a vertex,
Backspace removes the last, Enter or double-click finishes, Esc cancels; a rubber line
follows the cursor."""

from qtpy.QtCore import Qt

from workbench.canvas.tools.base import Tool
from workbench.i18n import _


def area_text(coords) -> str:
    from shapely.geometry import Polygon

    from workbench.geo.measure import area_m2, format_area, format_length, length_m

    polygon = Polygon(coords)
    text = _("Omtrek {value}").format(value=format_length(length_m(polygon.exterior)))
    if polygon.is_valid:
        text += "  " + _("Oppervlakte {value}").format(value=format_area(area_m2(polygon)))
    return text


class SketchTool(Tool):
    cursor = Qt.CrossCursor
    closed = False  # draw the preview as a polygon

    def __init__(self, view):
        super().__init__(view)
        self.coords = []
        self._cursor = None

    def press(self, event, world) -> bool:
        if event.button() != Qt.LeftButton:
            return False
        xy, _snapped = self.view.snap(world)
        # the second press of a double-click lands on the vertex just placed
        if not self.coords or self._pixels(self.coords[-1], xy) > 2:
            self.coords.append(xy)
        self._update(xy)
        return True

    def move(self, event, world) -> bool:
        xy, snapped = self.view.snap(world)
        self._cursor = xy
        self._update(xy, snapped)
        return True

    def double_click(self, event, world) -> bool:
        if event.button() != Qt.LeftButton:
            return False
        self.finish()
        return True

    def key(self, event) -> bool:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.finish()
            return True
        if event.key() == Qt.Key_Backspace and self.coords:
            self.coords.pop()
            self._update(self._cursor)
            return True
        if event.key() == Qt.Key_Escape and self.coords:
            self.cancel()
            return True
        return False

    def drawing(self) -> bool:
        return bool(self.coords)

    def cancel(self) -> None:
        self.coords = []
        self.view.preview.clear()

    def finish(self) -> None:
        coords = self.coords
        self.cancel()
        if coords:
            self.finished(coords)

    def finished(self, coords) -> None:
        raise NotImplementedError

    def _pixels(self, a, b) -> float:
        return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 / self.view.metres_per_pixel()

    def _update(self, cursor, snapped=False) -> None:
        coords = list(self.coords) + ([cursor] if cursor and self.coords else [])
        self.view.preview.set(coords=coords, closed=self.closed, handles=list(self.coords),
                              snap=cursor if snapped else None, text=self.describe(coords), text_at=cursor,
                              color=self.view.active_theme_color())

    def describe(self, coords) -> str:
        """The running length (and area of a shape), then how to finish."""
        from workbench.canvas.tools.measure import measurement

        if not coords:
            return ""
        if not self.closed:
            text = measurement(coords)
        else:
            text = measurement(coords[:2]) if len(coords) < 3 else area_text(coords)
        hint = _("Enter of dubbelklik: klaar · Backspace: punt terug · Esc: stoppen")
        return f"{text}\n{hint}" if text else hint
