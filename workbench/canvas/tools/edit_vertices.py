"""Edit vertices of one idea: drag a vertex, click on an edge to add one, click a
vertex and press Delete (or right-click it) to remove it. A result that crosses itself
is refused with a message; the stored shape stays as it was."""

import shapely
from qtpy.QtCore import Qt

from workbench.canvas import vertices
from workbench.canvas.tools.base import Tool
from workbench.core.commands import EditIntervention
from workbench.errors import ValidationError
from workbench.i18n import N_, _

HANDLE_PIXELS = 8
EDGE_PIXELS = 6
MAX_HANDLES = 5000  # beyond this (an imported survey line) handles would drown the map


class EditVerticesTool(Tool):
    cursor = Qt.PointingHandCursor

    def __init__(self, view):
        super().__init__(view)
        self.target = None       # uuid of the idea being edited
        self.active = None       # address of the chosen vertex
        self._drag = None        # address being dragged
        self._drag_to = None
        self._unsubscribe = None

    def start(self) -> None:
        selected = self.view.selected()
        self.target = selected[0] if selected else None
        self.active = None
        self.view.selectionChanged.connect(self._on_selection)
        self._tell_if_too_many()
        self._refresh()

    def end(self) -> None:
        self.cancel()
        try:
            self.view.selectionChanged.disconnect(self._on_selection)
        except (RuntimeError, TypeError):
            pass
        self.target = None
        self.view.preview.clear()

    def _on_selection(self, uuids) -> None:
        if self.target not in uuids:
            self.target = uuids[0] if uuids else None
            self.active = None
            self._tell_if_too_many()
        self._refresh()

    def _shape(self):
        project = self.project
        intervention = project.get("intervention", self.target) if self.target and project else None
        if intervention is None or shapely.get_num_coordinates(intervention.geometry) > MAX_HANDLES:
            return None
        return vertices.decompose(intervention.geometry)

    def _tell_if_too_many(self) -> None:
        intervention = self.project.get("intervention", self.target) if self.target and self.project else None
        if intervention is not None and shapely.get_num_coordinates(intervention.geometry) > MAX_HANDLES:
            self.view.message.emit(_("Deze vorm heeft te veel hoekpunten om ze hier te bewerken."))

    def model_changed(self) -> None:
        if self.target is not None and (self.project is None or self.project.get("intervention", self.target) is None):
            self.target = self.active = None
        if self._drag is None:
            self._refresh()

    def _refresh(self, dragged=None) -> None:
        """Handles on the target; ``dragged`` is the shape under a drag, whose ring
        being changed is drawn as a rubber line."""
        shape = dragged or self._shape()
        if shape is None:
            self.view.preview.clear()
            return
        found = vertices.handles(shape)
        addresses = [address for address, _xy in found]
        active = addresses.index(self.active) if self.active in addresses else None
        ring = []
        if dragged is not None:
            p, r, _i = self._drag
            ring = list(shape[1][p][r])
        self.view.preview.set(handles=[xy for _a, xy in found], active_handle=active, coords=ring,
                              closed=shape[0] == "Polygon")

    def _handle_at(self, shape, world):
        tolerance = HANDLE_PIXELS * self.view.metres_per_pixel()
        best = None
        for address, (x, y) in vertices.handles(shape):
            distance = ((x - world[0]) ** 2 + (y - world[1]) ** 2) ** 0.5
            if distance <= tolerance and (best is None or distance < best[0]):
                best = (distance, address)
        return best[1] if best else None

    def _edge_at(self, shape, world):
        from shapely.geometry import LineString, Point

        tolerance = EDGE_PIXELS * self.view.metres_per_pixel()
        point = Point(world)
        best = None
        for address, (a, b) in vertices.segments(shape):
            segment = LineString([a, b])
            distance = segment.distance(point)
            if distance <= tolerance and (best is None or distance < best[0]):
                on = segment.interpolate(segment.project(point))
                best = (distance, address, (on.x, on.y))
        return best[1:] if best else None

    def press(self, event, world) -> bool:
        shape = self._shape()
        if shape is not None:
            handle = self._handle_at(shape, world)
            if handle is not None:
                self.active = handle
                if event.button() == Qt.RightButton:
                    self.delete_active()
                elif event.button() == Qt.LeftButton:
                    self._drag, self._drag_to = handle, None
                self._refresh()
                return True
            edge = self._edge_at(shape, world) if event.button() == Qt.LeftButton else None
            if edge is not None:
                address, xy = edge
                self._store(vertices.inserted(shape, address, xy))
                self.active = (address[0], address[1], address[2] + 1)
                self._refresh()
                return True
        if event.button() == Qt.LeftButton:
            hit = self.view.intervention_at(world)
            self.view.select([hit] if hit else [])
        return True

    def move(self, event, world) -> bool:
        if self._drag is None:
            return False
        xy, snapped = self.view.snap(world, exclude=(self.target,))
        self._drag_to = xy
        shape = vertices.moved(self._shape(), self._drag, xy)
        self._refresh(shape)
        self.view.preview.set(snap=xy if snapped else None)
        return True

    def release(self, event, world) -> bool:
        if self._drag is None or event.button() != Qt.LeftButton:
            return False
        address, to = self._drag, self._drag_to
        self._drag = self._drag_to = None
        if to is not None:
            self._store(vertices.moved(self._shape(), address, to))
        self._refresh()
        return True

    def key(self, event) -> bool:
        if event.key() in (Qt.Key_Delete, Qt.Key_Backspace) and self.active is not None:
            self.delete_active()
            return True
        return False

    def delete_active(self) -> None:
        try:
            shape = vertices.deleted(self._shape(), self.active)
        except ValidationError as error:
            self.view.message.emit(str(error))
            return
        if self._store(shape):
            self.active = None
        self._refresh()

    def _store(self, shape) -> bool:
        try:
            geometry = vertices.checked(shape)
        except ValidationError as error:
            self.view.message.emit(str(error))
            self._refresh()
            return False
        return self.view.execute(EditIntervention(self.target, text=N_("Hoekpunten bewerken"), geometry=geometry))

    def cancel(self) -> None:
        if self._drag is not None:
            self._drag = self._drag_to = None
        self.active = None
        if self.target is not None:
            self._refresh()
