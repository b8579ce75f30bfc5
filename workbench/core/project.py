"""The open project: the in-memory model, its persistence hook, events and undo stack.

A :class:`Project` never changes itself directly. Commands (``core.commands``) describe
a change as a list of :class:`Change` tuples; :meth:`Project.apply` commits them to the
repository in one transaction and only then updates memory and emits events. If the
commit fails, memory is untouched, so the model never shows what the file lacks.
"""

from typing import Any

from workbench.core.events import ADDED, CHANGED, REMOVED, Event, EventEmitter
from workbench.core.frozen import frozen_dataclass
from workbench.core.model import ProjectState
from workbench.core.undo import CommandStack
from workbench.style import UNTHEMED


@frozen_dataclass
class Change:
    """Replace ``before`` by ``after`` for one entity; None means absent.

    ``kind`` "info" carries a :class:`~workbench.core.model.ProjectInfo` (uuid "info").
    ``version``: for a change brought in from another replica (merge, sync), the version
    vector of what came in; the store joins it into the row's version instead of counting
    a local edit (core/versions.py). None for every local edit, undo included.
    """

    kind: str
    uuid: str
    before: Any
    after: Any
    version: Any = None

    def inverse(self) -> "Change":
        # Undoing is a new local edit: it gets a new version, never the old one back.
        return Change(self.kind, self.uuid, self.after, self.before)


class NullRepository:
    """Keeps nothing; for projects that live only in memory (tests, previews)."""

    read_only = False

    def apply(self, changes) -> None:
        pass

    def set_setting(self, key, value) -> None:
        pass

    def scratch_copy(self) -> "Project":
        """A copy that keeps nothing, to build several commands on (see ``Batch``)."""
        state = ProjectState(self.state.info, {k: dict(v) for k, v in self.state.entities.items()})
        return Project(state, NullRepository(), current_session_uuid=self.current_session_uuid)

    def close(self) -> None:
        pass


class Project:
    def __init__(self, state: ProjectState | None = None, repository=None, path=None,
                 current_session_uuid=None, warnings=()):
        self.state = state or ProjectState()
        self.repository = repository or NullRepository()
        self.path = path
        self.events = EventEmitter()
        self.undo_stack = CommandStack(self)
        self._vote_index, self._vote_version = None, 0
        self._current_session_uuid = current_session_uuid
        # What opening found and repaired or could not use (Dutch sentences).
        self.warnings = list(warnings)

    # -- queries -----------------------------------------------------------------

    @property
    def info(self):
        return self.state.info

    @property
    def read_only(self) -> bool:
        return bool(getattr(self.repository, "read_only", False))

    def get(self, kind: str, uuid: str):
        return self.state.entities[kind].get(uuid)

    def all(self, kind: str) -> list:
        return list(self.state.entities[kind].values())

    def themes(self) -> list:
        return sorted(self.all("theme"), key=lambda t: (t.sort_order, t.name.lower()))

    def theme_by_name(self, name: str):
        wanted = name.strip().casefold()
        return next((t for t in self.themes() if t.name.casefold() == wanted), None)

    def interventions(self) -> list:
        return sorted(self.all("intervention"), key=lambda i: i.number)

    def intervention_by_number(self, number: int):
        return next((i for i in self.all("intervention") if i.number == number), None)

    def sessions(self) -> list:
        return sorted(self.all("session"), key=lambda s: (s.date, s.title))

    def session_by_title(self, title: str):
        wanted = title.strip().casefold()
        return next((s for s in self.sessions() if s.title.casefold() == wanted), None)

    def goals(self) -> list:
        return sorted(self.all("goal"), key=lambda g: g.title.lower())

    def quotes(self) -> list:
        return self.all("quote")

    def quantity_kinds(self) -> list:
        return sorted(self.all("quantity_kind"), key=lambda q: (q.sort_order, q.label))

    def reference_layers(self) -> list:
        return sorted(self.all("reference_layer"), key=lambda r: r.name)

    @property
    def area(self):
        areas = self.all("area")
        return areas[0] if areas else None

    def vote_for(self, intervention_uuid: str, session_uuid: str):
        return next((v for v in self.all("vote") if v.intervention_uuid == intervention_uuid
                     and v.session_uuid == session_uuid), None)

    def votes(self, intervention_uuid: str, session_uuid: str | None = None) -> int:
        """Dot votes for an intervention, in one session or (None) in all."""
        return sum(v.count for v in self._votes_by_intervention().get(intervention_uuid, ())
                   if session_uuid is None or v.session_uuid == session_uuid)

    def _votes_by_intervention(self) -> dict:
        """{intervention uuid: [votes]}, rebuilt after a change to the votes: the ranking
        and the lists ask for every idea's votes, which scanned all votes per idea
        (minutes at 10,000 ideas)."""
        table = self.state.entities["vote"]
        key = (id(table), len(table), self._vote_version)
        if self._vote_index is None or self._vote_index[0] != key:
            index = {}
            for vote in table.values():
                index.setdefault(vote.intervention_uuid, []).append(vote)
            self._vote_index = (key, index)
        return self._vote_index[1]

    def primary_color(self, intervention) -> str:
        theme = self.get("theme", intervention.primary_theme_uuid) if intervention.primary_theme_uuid else None
        return theme.color if theme else UNTHEMED

    def next_number(self) -> int:
        return max((i.number for i in self.all("intervention")), default=0) + 1

    # -- current session (a setting, not an undoable edit) ----------------------

    @property
    def current_session_uuid(self):
        if self._current_session_uuid and self.get("session", self._current_session_uuid):
            return self._current_session_uuid
        return None

    def set_current_session(self, session_uuid) -> None:
        self.repository.set_setting("current_session", session_uuid or "")  # may refuse: then nothing changes
        self._current_session_uuid = session_uuid
        self.events.emit(Event("session_current", CHANGED, session_uuid))

    # -- changing ----------------------------------------------------------------

    def execute(self, command):
        """Run a command as one undo step; returns the command (for its results)."""
        self.undo_stack.push(command)
        return command

    def apply(self, changes) -> None:
        """Commit ``changes`` to the file, then to memory, then tell the listeners."""
        changes = list(changes)
        if not changes:
            return
        self.repository.apply(changes)
        for change in changes:
            if change.kind == "info":
                self.state.info = change.after
                continue
            table = self.state.entities[change.kind]
            if change.kind == "vote":
                self._vote_version += 1
            if change.after is None:
                table.pop(change.uuid, None)
            else:
                table[change.uuid] = change.after
        if not self.events.listening():
            return
        for change in changes:
            if change.before is None and change.after is None:
                continue  # only a version (a deletion another file made of a row never here)
            if change.kind == "info":
                action = CHANGED
            elif change.before is None:
                action = ADDED
            elif change.after is None:
                action = REMOVED
            else:
                action = CHANGED
            entity = change.after if change.after is not None else change.before
            self.events.emit(Event(change.kind, action, change.uuid, entity))

    def scratch_copy(self) -> "Project":
        """A copy that keeps nothing, to build several commands on (see ``Batch``)."""
        state = ProjectState(self.state.info, {k: dict(v) for k, v in self.state.entities.items()})
        return Project(state, NullRepository(), current_session_uuid=self.current_session_uuid)

    def close(self) -> None:
        self.repository.close()
