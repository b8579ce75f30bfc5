"""Move: drag selected ideas (pressing on an unselected idea selects it first).
The items follow the cursor as a preview; one MoveInterventions on release."""

from qtpy.QtCore import Qt

from workbench.canvas.tools.base import Tool
from workbench.core.commands import MoveInterventions


class MoveTool(Tool):
    cursor = Qt.SizeAllCursor

    def __init__(self, view):
        super().__init__(view)
        self._from = None
        self._uuids = []

    def press(self, event, world) -> bool:
        if event.button() != Qt.LeftButton:
            return False
        hit = self.view.intervention_at(world)
        if hit is None:
            self.view.select([])
            return True
        if hit not in self.view.selected():
            self.view.select([hit])
        self._from = world
        self._uuids = self.view.selected()
        return True

    def move(self, event, world) -> bool:
        if self._from is None:
            self.view.set_hovered(self.view.intervention_at(world))
            return False
        dx, dy = world[0] - self._from[0], world[1] - self._from[1]
        scene = self.view.scene()
        for uuid in self._uuids:  # a preview only: the model moves on release
            scene.items_by_uuid[uuid].setPos(dx, -dy)
            label = scene.labels_by_uuid.get(uuid)
            if label is not None:
                label.setPos(label.anchor.x() + dx, label.anchor.y() - dy)  # anchor kept
        return True

    def release(self, event, world) -> bool:
        if self._from is None or event.button() != Qt.LeftButton:
            return False
        dx, dy = world[0] - self._from[0], world[1] - self._from[1]
        uuids = self._uuids
        self.cancel()
        if (dx * dx + dy * dy) ** 0.5 >= self.view.metres_per_pixel():
            self.view.execute(MoveInterventions(uuids, dx, dy))
        return True

    def cancel(self) -> None:
        for uuid in self._uuids:
            item = self.view.scene().items_by_uuid.get(uuid)
            if item is not None:
                item.setPos(0, 0)
            label = self.view.scene().labels_by_uuid.get(uuid)
            if label is not None:
                label.setPos(label.anchor)
        self._from = None
        self._uuids = []
