"""Interaction tools, one object per tool and one file each, named by :class:`Mode`.

The view offers mouse and key events to the active tool first. A tool changes the
project only through commands, pushed when a gesture ends (one gesture, one undo step).
"""

import importlib

from workbench.canvas.tools.modes import MODE_LABELS, MODE_SHORTCUTS, Mode

_MODULES = {
    Mode.PAN: "pan:PanTool",
    Mode.SELECT: "select:SelectTool",
    Mode.POINT: "point:PointTool",
    Mode.LINE: "line:LineTool",
    Mode.POLYGON: "polygon:PolygonTool",
    Mode.FREEHAND: "freehand:FreehandTool",
    Mode.EDIT_VERTICES: "edit_vertices:EditVerticesTool",
    Mode.MOVE: "move:MoveTool",
    Mode.MEASURE: "measure:MeasureTool",
    Mode.COUNT_VOTES: "count_votes:CountVotesTool",
}


def tool_class(mode: Mode):
    module, name = _MODULES[mode].split(":")
    return getattr(importlib.import_module(f"workbench.canvas.tools.{module}"), name)


__all__ = ["Mode", "MODE_LABELS", "MODE_SHORTCUTS", "tool_class"]
