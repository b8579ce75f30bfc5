"""Idea numbers after a merge or sync: unique, and the same on every replica.

Two laptops that each add an idea both call it 23; residents see that number on printed
handouts, so a merge settles it, without a clock:

- in a sync, an idea the shared database already holds keeps its number: the laptop's
  new idea moves (syncs take turns through the database, so every laptop ends alike, and
  a number printed from the database never changes again);
- in a merge of files, an idea both sides already knew keeps its number before one only
  one side knew; among equals the idea of the session begun first keeps it (a session's
  start: the earliest ``created_at`` of its ideas, in UTC; then the session's UUID), and
  within one session the ideas of the laptop begun first in it (the replica that made
  the idea: the one entry of its version vector, store/replica.py; then the idea's own
  ``created_at`` and UUID): values every replica holds alike, so laptops that merge each
  other's files end with the same numbers. A session's ideas thus keep their numbers
  together or move together, also when two tables worked at the same time, and one
  table's laptop's ideas too when two laptops recorded under one session prepared on the
  hub: the UUID alone, the rule before, moved a random half of each evening's clashing
  ideas, and both evenings' printed handouts went wrong;
- every other idea with that number gets the next free number above the highest, session
  by session in the same order and within one in the order of their old numbers, and the
  summary says so ("Idee 23 van Bijeenkomst oost heet nu 41.", a run of them in one
  line: "Ideeën 1–40 van Bijeenkomst oost heten nu 41–80.");
- a renumbering is an edit of the idea (a version newer than both sides), so it travels
  to every replica like any other edit; a replica that takes a newer version of an idea
  takes its number (``merge_versioned.py``).

Numbers therefore only change where two ideas share one.
"""

from dataclasses import replace
from datetime import datetime, timezone

from workbench.core.merge_commands import PutEntity
from workbench.i18n import _


def known_ideas(project, rows) -> set:
    """The UUIDs ``project`` knows of ideas: alive, deleted, or with a version (``rows``: its
    {uuid: (kind, vector, alive)}, as the merge read them)."""
    known = {i.uuid for i in project.all("intervention")}
    known |= {s.uuid for s in project.all("tombstone") if s.kind == "intervention"}
    return known | {uuid for uuid, (kind, _vector, _alive) in rows.items() if kind == "intervention"}


def reconcile_numbers(plan, shared: set, provenance: dict, first=frozenset(), vectors=None) -> None:
    """Give every idea of ``plan.target`` that shares its number with another a new one.

    ``shared``: the ideas both sides knew before the merge; ``provenance``: {uuid: [file,
    session title]} of the ideas this merge brought in, to name where an idea came from;
    ``first``: ideas whose number stands before all others' (the database's in a sync);
    ``vectors``: {uuid: version vector} of the ideas as the merge found them, to tell
    which laptop made an idea.
    """
    ideas = list(plan.target.all("intervention"))
    made = {i.uuid: _moment(i.created_at) for i in ideas}
    maker = {i.uuid: _maker((vectors or {}).get(i.uuid)) for i in ideas}
    start = {}  # (session,) and (session, maker) -> the moment of its first idea
    for item in ideas:
        session = item.created_session_uuid
        for key in ((session,), (session, maker[item.uuid])) if session else ():
            start[key] = min(start.get(key, made[item.uuid]), made[item.uuid])

    def session_order(item):
        """Sessions by their first idea, within one its laptops by theirs; an idea without a
        session as a session of its own."""
        session, by = item.created_session_uuid, maker[item.uuid]
        if not session:
            return (made[item.uuid], "", made[item.uuid], "", made[item.uuid])
        return (start[(session,)], session, start[(session, by)], by, made[item.uuid])

    ideas.sort(key=lambda i: (i.number, i.uuid not in first, i.uuid not in shared, session_order(i), i.uuid))
    taken, clashing = set(), []
    for item in ideas:
        if item.number in taken:
            clashing.append(item)
        taken.add(item.number)
    top = max(taken, default=0)
    for item in sorted(clashing, key=lambda i: (session_order(i), i.number, i.uuid)):
        top += 1
        plan.run(PutEntity("intervention", replace(item, number=top),
                           plan.fresh(item.uuid)))
        plan.summary.renumbered.append((item.number, _origin(plan.target, item, provenance), top))


def _maker(vector) -> str:
    """The replica that made an idea: the one entry of a vector no other replica has
    counted up yet (every idea that clashes is new to one side, so nearly always); of a
    vector with more entries, the first (a choice every replica makes alike)."""
    return min(vector) if vector else ""


def _moment(stamp: str) -> tuple:
    """A ``created_at`` as something to order by: the moment in UTC when it reads as one
    (QGIS and scripts write other forms and zones than ours: "...+01:00", "...Z", a space
    for the "T", no zone, which counts as UTC), else the text after every moment, an empty
    one last."""
    try:
        moment = datetime.fromisoformat(stamp.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except (ValueError, AttributeError):
        return (1, stamp) if stamp else (2, "")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return (0, moment.astimezone(timezone.utc).isoformat())


def _origin(project, item, provenance) -> str:
    """Where an idea was made, as people know it: the session, and the file it came from."""
    session = project.get("session", item.created_session_uuid) if item.created_session_uuid else None
    source = provenance.get(item.uuid, [None])[0]
    if session is not None and source:
        return f"{session.title} ({source})"
    if session is not None:
        return session.title
    return source or _("dit project")
