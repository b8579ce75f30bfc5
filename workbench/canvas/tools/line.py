"""Draw line: click vertices; Enter or double-click stores the line."""

from shapely.geometry import LineString

from workbench.canvas.tools.sketch import SketchTool
from workbench.i18n import _


class LineTool(SketchTool):
    def finished(self, coords) -> None:
        if len(coords) < 2:
            self.view.message.emit(_("Een lijn heeft minstens twee punten nodig."))
            return
        self.view.add_intervention(LineString(coords))
