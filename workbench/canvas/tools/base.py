"""The interface every tool implements; the defaults do nothing and decline events."""

from qtpy.QtCore import Qt


class Tool:
    """``start`` when chosen, ``end`` when another tool is chosen, ``cancel`` on Esc.

    Mouse handlers get the Qt event and the RD position (x, y) under the cursor and
    return True when they used the event.
    """

    cursor = Qt.ArrowCursor

    def __init__(self, view):
        self.view = view

    @property
    def project(self):
        return self.view.project

    def start(self) -> None:
        pass

    def end(self) -> None:
        self.cancel()

    def cancel(self) -> None:
        pass

    def press(self, event, world) -> bool:
        return False

    def move(self, event, world) -> bool:
        return False

    def release(self, event, world) -> bool:
        return False

    def double_click(self, event, world) -> bool:
        return False

    def key(self, event) -> bool:
        return False

    def drawing(self) -> bool:
        """True while a shape is half drawn (Esc then cancels it, nothing else)."""
        return False

    def model_changed(self) -> None:
        """The project changed (an edit, undo, redo); refresh what the tool shows."""
