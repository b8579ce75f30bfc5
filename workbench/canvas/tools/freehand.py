"""Freehand: press, draw, release. The stroke is simplified to about a pixel and a half
at the current zoom and becomes a line, or a polygon when it ends near its start."""

import shapely
from qtpy.QtCore import Qt
from shapely.geometry import LineString

from workbench.canvas.tools.base import Tool
from workbench.canvas.tools.polygon import polygon_or_message
from workbench.i18n import _

SIMPLIFY_PIXELS = 1.5
CLOSE_PIXELS = 15  # an end this near the start closes the shape


class FreehandTool(Tool):
    cursor = Qt.CrossCursor

    def __init__(self, view):
        super().__init__(view)
        self.stroke = None

    def press(self, event, world) -> bool:
        if event.button() != Qt.LeftButton:
            return False
        xy, _snapped = self.view.snap(world)
        self.stroke = [xy]
        self.view.preview.set(coords=list(self.stroke), color=self.view.active_theme_color())
        return True

    def move(self, event, world) -> bool:
        if self.stroke is None or not event.buttons() & Qt.LeftButton:
            return False
        last = self.stroke[-1]
        if max(abs(world[0] - last[0]), abs(world[1] - last[1])) >= self.view.metres_per_pixel():
            self.stroke.append(world)
            self.view.preview.set(coords=list(self.stroke), text=_("Loslaten: klaar · Esc: stoppen"), text_at=world)
        return True

    def release(self, event, world) -> bool:
        if self.stroke is None or event.button() != Qt.LeftButton:
            return False
        stroke = self.stroke + [world]
        self.cancel()
        self.finish(stroke)
        return True

    def finish(self, stroke) -> None:
        mpp = self.view.metres_per_pixel()
        end, _snapped = self.view.snap(stroke[-1])
        stroke[-1] = end
        closes = len(stroke) >= 4 and LineString([stroke[0], stroke[-1]]).length <= CLOSE_PIXELS * mpp
        if closes:
            stroke[-1] = stroke[0]
        line = shapely.simplify(LineString(stroke), SIMPLIFY_PIXELS * mpp, preserve_topology=False)
        coords = [tuple(c) for c in line.coords]
        if closes and len(coords) >= 4:
            geometry, message = polygon_or_message(coords[:-1])
            if geometry is not None:
                self.view.add_intervention(geometry)
            if message:
                self.view.message.emit(message)
            return
        if len(coords) < 2 or line.length < 3 * mpp:
            self.view.message.emit(_("De streep was te kort om te bewaren."))
            return
        self.view.add_intervention(LineString(coords))

    def drawing(self) -> bool:
        return self.stroke is not None

    def cancel(self) -> None:
        self.stroke = None
        self.view.preview.clear()
