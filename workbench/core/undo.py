"""The undo/redo stack of commands (cf. glue's CommandStack)."""

from workbench.core.events import CHANGED, Event
from workbench.i18n import N_, _


class Command:
    """A change to the project, undoable.

    Subclasses implement :meth:`build` which, given the project, returns the list of
    :class:`~workbench.core.project.Change` to apply, raising
    :class:`~workbench.errors.ValidationError` when the input is refused. The changes
    are built once, at the first :meth:`do`; redo re-applies the very same changes, and
    undo applies their inverses in reverse order, which restores the exact old state.
    """

    text = N_("Wijziging")  # Dutch source text, translated when shown

    def __init__(self):
        self.changes = None

    def build(self, project) -> list:
        raise NotImplementedError

    def do(self, project) -> None:
        if self.changes is None:
            self.changes = list(self.build(project))
        project.apply(self.changes)

    def undo(self, project) -> None:
        project.apply([c.inverse() for c in reversed(self.changes)])


class CommandStack:
    def __init__(self, project):
        self._project = project
        self._done = []
        self._undone = []

    def push(self, command: Command) -> None:
        command.do(self._project)
        if not command.changes:
            # Nothing changed (an editor closed with OK, a merge with nothing new): no
            # empty undo step, and the redo history is not thrown away for it.
            return
        self._done.append(command)
        self._undone.clear()
        self._notify()

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo_text(self) -> str:
        """The next undo step's name in the active language (commands keep the source)."""
        return _(self._done[-1].text) if self._done else ""

    def redo_text(self) -> str:
        return _(self._undone[-1].text) if self._undone else ""

    def undo(self) -> None:
        if not self._done:
            return
        command = self._done[-1]
        command.undo(self._project)  # raises (and keeps the stack) if the file refuses
        self._undone.append(self._done.pop())
        self._notify()

    def redo(self) -> None:
        if not self._undone:
            return
        command = self._undone[-1]
        command.do(self._project)
        self._done.append(self._undone.pop())
        self._notify()

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._notify()

    def _notify(self) -> None:
        self._project.events.emit(Event("undo_stack", CHANGED))
