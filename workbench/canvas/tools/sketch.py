"""Shared by the click-vertex tools (line, polygon, measure): click to add a vertex,
Backspace removes the last, Enter or double-click finishes, Esc cancels; a rubber line
follows the cursor."""

from qtpy.QtCore import Qt

from workbench.canvas.tools.base import Tool


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
                              snap=cursor if snapped else None, text=self.describe(coords), text_at=cursor)

    def describe(self, coords) -> str:
        return ""
