"""Select: click an idea, Shift/Ctrl-click to add or remove, drag a rubber band;
the idea under the cursor is highlighted; a double-click on a cluster disc zooms to
its ideas."""

import shapely
from qtpy.QtCore import Qt

from workbench.canvas.tools.base import Tool

CLICK_SLOP = 4  # pixels a click may wobble before it counts as a drag


class SelectTool(Tool):
    def __init__(self, view):
        super().__init__(view)
        self._start = None      # (view pos, world) of a press on empty map
        self._adding = False
        self._before = []       # the selection before the last press

    def press(self, event, world) -> bool:
        if event.button() != Qt.LeftButton:
            return False
        self._adding = bool(event.modifiers() & (Qt.ShiftModifier | Qt.ControlModifier))
        self._before = self.view.selected()  # a double-click's first press must not leave its pick
        hit = self.view.intervention_at(world)
        if hit is not None:
            if self._adding:
                current = self.view.selected()
                self.view.select([u for u in current if u != hit] if hit in current else current + [hit])
            else:
                self.view.select([hit])
            self._start = None
            return True
        self._start = (event.position(), world)
        return True

    def move(self, event, world) -> bool:
        if self._start is not None and event.buttons() & Qt.LeftButton:
            x0, y0 = self._start[1]
            self.view.preview.set(rect=(x0, y0, world[0], world[1]))
            return True
        self.view.set_hovered(self.view.intervention_at(world))
        return False

    def release(self, event, world) -> bool:
        if self._start is None or event.button() != Qt.LeftButton:
            return False
        start_pos, (x0, y0) = self._start
        self._start = None
        self.view.preview.set(rect=None)
        moved = (event.position() - start_pos).manhattanLength() > CLICK_SLOP
        current = self.view.selected() if self._adding else []
        if moved:
            box = shapely.box(min(x0, world[0]), min(y0, world[1]), max(x0, world[0]), max(y0, world[1]))
            found = self.view.scene().interventions_in(box)
            self.view.select(current + [u for u in found if u not in current])
        elif not self._adding:
            self.view.select([])
        return True

    def double_click(self, event, world) -> bool:
        """On a cluster disc: zoom to its ideas, the selection as before the first click
        (which picked whichever idea lay beneath the disc)."""
        if event.button() != Qt.LeftButton or not self.view.zoom_into_cluster(world):
            return False
        self.view.select(self._before)
        return True

    def key(self, event) -> bool:
        if event.key() == Qt.Key_Escape and self._start is None and self.view.selected():
            self.view.select([])
            return True
        return False

    def cancel(self) -> None:
        self._start = None
        self.view.preview.set(rect=None)
        self.view.set_hovered(None)
