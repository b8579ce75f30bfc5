"""Events the project emits after a change is committed, so views can mirror it."""

import sys
from typing import Any

from workbench.core.frozen import frozen_dataclass

ADDED, CHANGED, REMOVED = "added", "changed", "removed"


@frozen_dataclass
class Event:
    """``kind`` is an entity kind ("intervention", ...), "info", "session_current",
    "undo_stack" or "reset"; ``entity`` is the new version (the old one when removed)."""

    kind: str
    action: str
    uuid: str | None = None
    entity: Any = None


class EventEmitter:
    """A plain-Python observer list; Qt adapters connect to it in ``ui``/``canvas``."""

    def __init__(self):
        self._listeners = []

    def subscribe(self, listener):
        """Call ``listener(event)`` after every committed change; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def listening(self) -> bool:
        """Whether anyone listens (a command-line import need not make ten thousand events)."""
        return bool(self._listeners)

    def emit(self, event: Event) -> None:
        """Tell every listener. One that fails does not stop the others, nor the command
        that emitted: the change is committed by then, and must stay undoable. Its error
        goes to ``sys.excepthook`` (a Dutch dialog in the app; a failure under pytest-qt)."""
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                sys.excepthook(*sys.exc_info())
