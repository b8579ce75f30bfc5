"""A read-only view of a project limited to one session, for output about that session.

An idea belongs to a session when it was made there, or when it got votes or a quote
there (an idea brought in beforehand and discussed that evening). Votes, quotes,
verdicts and answers follow their ideas; the project's themes, goals, area and layers
stay whole.
"""

from workbench.core.model import ProjectState
from workbench.core.project import Project


class _Reading:
    """The project's repository for reading (base-map tiles); a view never writes."""

    read_only = True

    def __init__(self, repository):
        self._repository = repository

    def __getattr__(self, name):
        return getattr(self._repository, name)

    def apply(self, changes) -> None:
        raise RuntimeError("a session view of a project is read-only")


def session_idea_uuids(project, session_uuid) -> set:
    ideas = {i.uuid for i in project.all("intervention") if i.created_session_uuid == session_uuid}
    ideas |= {v.intervention_uuid for v in project.all("vote") if v.session_uuid == session_uuid and v.count > 0}
    ideas |= {q.intervention_uuid for q in project.all("quote") if q.session_uuid == session_uuid and q.intervention_uuid}
    return ideas


def session_scope(project, session_uuid) -> Project:
    """``project`` with only the ideas (and what hangs on them) of ``session_uuid``."""
    keep = session_idea_uuids(project, session_uuid)
    entities = {kind: dict(rows) for kind, rows in project.state.entities.items()}
    entities["intervention"] = {u: i for u, i in entities["intervention"].items() if u in keep}
    for kind in ("vote", "verdict", "answer"):
        entities[kind] = {u: e for u, e in entities[kind].items() if e.intervention_uuid in keep}
    entities["quote"] = {u: q for u, q in entities["quote"].items()
                         if q.intervention_uuid in keep or (q.intervention_uuid is None and q.session_uuid == session_uuid)}
    part = session_part(project, session_uuid)
    if part is not None:  # the session's own part of the area frames its map
        from workbench.core.model import Area

        session = project.get("session", session_uuid)
        entities["area"] = {session_uuid: Area(session_uuid, session.part, part)}
    return Project(ProjectState(project.info, entities), _Reading(project.repository), path=project.path,
                   current_session_uuid=session_uuid)


def session_part(project, session_uuid):
    """The union of the wijken named in the session's ``part`` (matched by label in the
    reference layers, "Heksenberg" also finds "Wijk 22 Heksenberg"), or None."""
    session = project.get("session", session_uuid)
    names = [n.casefold() for n in (session.part.split("; ") if session and session.part else ())]
    if not names:
        return None
    shapes = [f.geometry for layer in project.reference_layers() for f in layer.features
              if f.geometry is not None and any(f.label.casefold() == n or f.label.casefold().endswith(" " + n)
                                                for n in names)]
    if not shapes:
        return None
    from shapely.ops import unary_union

    return unary_union(shapes)
