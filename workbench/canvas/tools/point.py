"""Draw point: one click (snapped when near a vertex or edge) places an idea."""

from qtpy.QtCore import Qt
from shapely.geometry import Point

from workbench.canvas.tools.base import Tool


class PointTool(Tool):
    cursor = Qt.CrossCursor

    def press(self, event, world) -> bool:
        if event.button() != Qt.LeftButton:
            return False
        xy, _snapped = self.view.snap(world)
        self.view.add_intervention(Point(xy))
        return True

    def move(self, event, world) -> bool:
        xy, snapped = self.view.snap(world)
        self.view.preview.set(snap=xy if snapped else None)
        return True

    def cancel(self) -> None:
        self.view.preview.set(snap=None)
