"""The Qt side of one open project: events as signals, selection, session filter.

The model (:class:`~workbench.core.project.Project`) stays plain Python. This adapter
turns its events into a Qt signal so widgets can mirror the model, and holds the small
bits of *view* state several widgets share (which interventions are selected, which
session the lists and the map show). Every change to the model goes through
:meth:`ProjectContext.run`, which turns a refused command into a Dutch message instead
of an exception.
"""

from qtpy.QtCore import QObject, Signal

from workbench.errors import WorkbenchError


class ProjectContext(QObject):
    #: a core ``Event`` after the project committed a change
    changed = Signal(object)
    #: another project was opened (or the first one, or None: closed); widgets rebuild
    #: completely. Widgets subscribe through :meth:`on_project`, which also catches up.
    projectReplaced = Signal()
    #: the selected intervention uuids
    selectionChanged = Signal(list)
    #: the session the lists and map are filtered by (None: all)
    sessionFilterChanged = Signal(object)
    #: a Dutch message for the status bar
    message = Signal(str)
    #: a refused command: Dutch message for a dialog or an inline label
    error = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project = None
        self._unsubscribe = None
        self._selection = []
        self._session_filter = None

    # -- project -------------------------------------------------------------------

    def set_project(self, project) -> None:
        if self._unsubscribe:
            self._unsubscribe()
            self._unsubscribe = None
        self.project = project
        self._selection = []
        self._session_filter = None
        if project is not None:
            self._unsubscribe = project.events.subscribe(self._forward)
        self.projectReplaced.emit()

    def on_project(self, slot) -> None:
        """Subscribe ``slot`` (no arguments) to every project opened (or closed: then
        ``project`` is None) from now on, and call it once now, project or not: a widget
        built while a project is open (a dock built when first shown) shows that
        project, and one built without shows the empty state, from the one call.

        The call is immediate, so subscribe at the end of ``__init__``, once everything
        the slot touches exists. Connected as to a signal: a bound method of a QObject
        is dropped with its object."""
        self.projectReplaced.connect(slot)
        slot()

    def _forward(self, event) -> None:
        if event.kind == "intervention" and event.action == "removed" and event.uuid in self._selection:
            self._selection = [u for u in self._selection if u != event.uuid]
            self.selectionChanged.emit(list(self._selection))
        if event.kind == "session" and event.action == "removed" and event.uuid == self._session_filter:
            self.set_session_filter(None)
        self.changed.emit(event)

    def run(self, command, quiet=False) -> bool:
        """Execute ``command`` as one undo step; False (and a Dutch message) if refused."""
        if self.project is None:
            return False
        try:
            self.project.execute(command)
        except WorkbenchError as error:
            if not quiet:
                self.error.emit(str(error))
            return False
        return True

    def undo(self) -> None:
        self._step(self.project.undo_stack.undo)

    def redo(self) -> None:
        self._step(self.project.undo_stack.redo)

    def _step(self, action) -> None:
        if self.project is None:
            return
        try:
            action()
        except WorkbenchError as error:
            self.error.emit(str(error))

    # -- selection -------------------------------------------------------------------

    def selection(self) -> list:
        return list(self._selection)

    def selected_intervention(self):
        """The one selected intervention, or None when none or several are selected."""
        if self.project is None or len(self._selection) != 1:
            return None
        return self.project.get("intervention", self._selection[0])

    def select(self, uuids) -> None:
        uuids = [u for u in dict.fromkeys(uuids or ()) if u]
        if uuids == self._selection:
            return
        self._selection = uuids
        self.selectionChanged.emit(list(uuids))

    # -- session filter --------------------------------------------------------------

    def session_filter(self):
        return self._session_filter

    def set_session_filter(self, session_uuid) -> None:
        session_uuid = session_uuid or None
        if session_uuid == self._session_filter:
            return
        self._session_filter = session_uuid
        self.sessionFilterChanged.emit(session_uuid)

    def in_session_filter(self, intervention) -> bool:
        """Whether the intervention was created in the filtered session (as the map shows)."""
        return self._session_filter is None or intervention.created_session_uuid == self._session_filter

