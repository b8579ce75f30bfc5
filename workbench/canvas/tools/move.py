"""Move: drag selected ideas (pressing on an unselected idea selects it first).
The items follow the cursor as a preview; one MoveInterventions on release. When the
press lands near a vertex, that vertex snaps to other ideas and the area."""

import shapely
from qtpy.QtCore import Qt

from workbench.canvas.tools.base import Tool
from workbench.core.commands import MoveInterventions

GRIP_PIXELS = 10  # a press this near a vertex drags by that vertex


class MoveTool(Tool):
    cursor = Qt.SizeAllCursor

    def __init__(self, view):
        super().__init__(view)
        self._from = None
        self._grip = None
        self._uuids = []
        self._offset = (0.0, 0.0)

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
        self._grip = self._nearest_vertex(hit, world)
        self._offset = (0.0, 0.0)
        return True

    def _nearest_vertex(self, uuid, world):
        coords = shapely.get_coordinates(self.project.get("intervention", uuid).geometry)
        distances = ((coords[:, 0] - world[0]) ** 2 + (coords[:, 1] - world[1]) ** 2) ** 0.5
        index = int(distances.argmin())
        if distances[index] <= GRIP_PIXELS * self.view.metres_per_pixel():
            return float(coords[index, 0]), float(coords[index, 1])
        return world

    def move(self, event, world) -> bool:
        if self._from is None:
            self.view.set_hovered(self.view.intervention_at(world))
            return False
        dx, dy = world[0] - self._from[0], world[1] - self._from[1]
        target = (self._grip[0] + dx, self._grip[1] + dy)
        snapped_to, snapped = self.view.snap(target, exclude=tuple(self._uuids))
        if snapped:
            dx, dy = snapped_to[0] - self._grip[0], snapped_to[1] - self._grip[1]
        self._offset = (dx, dy)
        self.view.preview.set(snap=snapped_to if snapped else None)
        scene = self.view.scene()
        for uuid in self._uuids:  # a preview only: the model moves on release
            scene.items_by_uuid[uuid].setPos(dx, -dy)
            label = scene.labels_by_uuid.get(uuid)
            if label is not None:
                label.setPos(label.anchor.x() + dx, label.anchor.y() - dy)
        return True

    def release(self, event, world) -> bool:
        if self._from is None or event.button() != Qt.LeftButton:
            return False
        self.move(event, world)
        dx, dy = self._offset
        uuids = self._uuids
        self.cancel()
        if (dx * dx + dy * dy) ** 0.5 >= self.view.metres_per_pixel():
            self.view.execute(MoveInterventions(uuids, dx, dy))
        return True

    def cancel(self) -> None:
        scene = self.view.scene()
        for uuid in self._uuids:
            item = scene.items_by_uuid.get(uuid)
            if item is not None:
                item.setPos(0, 0)
            label = scene.labels_by_uuid.get(uuid)
            if label is not None:
                label.setPos(label.anchor)
        self._from = None
        self._uuids = []
        self.view.preview.set(snap=None)
