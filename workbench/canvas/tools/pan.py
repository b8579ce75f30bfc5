"""Pan: drag with the left button to move the map (the middle button pans in every tool);
a double-click on a cluster disc zooms to its ideas."""

from qtpy.QtCore import Qt

from workbench.canvas.tools.base import Tool


class PanTool(Tool):
    cursor = Qt.OpenHandCursor

    def press(self, event, world) -> bool:
        if event.button() == Qt.LeftButton:
            self.view.begin_pan(event.position().toPoint())
            return True
        return False

    def double_click(self, event, world) -> bool:
        """On a cluster disc: zoom to its ideas."""
        return event.button() == Qt.LeftButton and self.view.zoom_into_cluster(world)
