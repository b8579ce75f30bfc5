"""Idea numbers after a merge or sync: unique, and the same on every replica.

Two laptops that each add an idea both call it 23; residents see that number on printed
handouts, so a merge settles it, without a clock:

- in a sync, an idea the shared database already holds keeps its number: the laptop's
  new idea moves (syncs take turns through the database, so every laptop ends alike, and
  a number printed from the database never changes again);
- in a merge of files, an idea both sides already knew keeps its number before one only
  one side knew; among equals the idea of the session begun first keeps it (a session's
  start: the earliest ``created_at`` of its ideas, in UTC; then the session's UUID), and
  within one session the ideas of the side begun first in it (the target's own ideas,
  or those one file brought in: the numbering its handout was printed from; then the
  idea's own ``created_at`` and UUID): values every replica holds alike, so laptops that
  merge each other's files end with the same numbers. A session's ideas thus keep their numbers
  together or move together, also when two tables worked at the same time, and one
  table's laptop's ideas too when two laptops recorded under one session prepared on the
  hub: the UUID alone, the rule before, moved a random half of each evening's clashing
  ideas, and both evenings' printed handouts went wrong;
- every other idea with that number moves above the highest number, side by side in
  the same order, all of one side by one offset: "your number + 400" holds for every idea of
  that table that moved (numbers more than ``FAR_APART`` apart: per stretch, so no
  hundreds of numbers stay unused), also when its sessions' numbers interleave (numbering them on
  from the highest, the rule until 30 Nov, gave 1, 8, 15 the numbers 401, 402, 403,
  which no resident could work out). The summary says so, a run of them in one line
  ("Ideeën 1–40 van Bijeenkomst oost heten nu 41–80."), numbers with gaps as the offset
  ("57 ideeën van Avond 1 (b.gpkg) heten nu 400 hoger (1 → 401, 8 → 408, …)."); two
  ideas of one laptop with one number (renumbered apart elsewhere) take the next free;
- a renumbering is an edit of the idea (a version newer than both sides), so it travels
  to every replica like any other edit; a replica that takes a newer version of an idea
  takes its number (``merge_versioned.py``).

Numbers therefore only change where two ideas share one.
"""

from dataclasses import replace
from datetime import datetime, timezone

from workbench.core.merge_commands import PutEntity
from workbench.i18n import _

# A laptop's moving ideas whose numbers lie further apart than this move as separate
# stretches, each by its own offset: one offset would leave the numbers between unused.
FAR_APART = 50


def known_ideas(project, rows) -> set:
    """The UUIDs ``project`` knows of ideas: alive, deleted, or with a version (``rows``: its
    {uuid: (kind, vector, alive)}, as the merge read them)."""
    known = {i.uuid for i in project.all("intervention")}
    known |= {s.uuid for s in project.all("tombstone") if s.kind == "intervention"}
    return known | {uuid for uuid, (kind, _vector, _alive) in rows.items() if kind == "intervention"}


def reconcile_numbers(plan, shared: set, provenance: dict, first=frozenset(), sides=None, before=None) -> None:
    """Give every idea of ``plan.target`` that shares its number with another a new one.

    ``shared``: the ideas both sides knew before the merge; ``provenance``: {uuid: [file,
    session title]} of the ideas this merge brought in, to name where an idea came from;
    ``first``: ideas whose number stands before all others' (the database's in a sync);
    ``sides``: {uuid: the number of the source file} of each idea this merge brought in
    (the target's own: 0): the numbering a handout was printed from, so one file's ideas
    move together; ``before``: {uuid: number} of the target's ideas before the merge, so
    the summary tells a change from the number the user knew (the merge may already have
    taken the lower of two renumberings made apart, which is a change too).
    """
    ideas = list(plan.target.all("intervention"))
    made = {i.uuid: _moment(i.created_at) for i in ideas}
    side = {i.uuid: (sides or {}).get(i.uuid, 0) for i in ideas}
    start = {}  # (session,) and (session, side) -> (the moment of its first idea, that idea's UUID)
    for item in ideas:
        session, mark = item.created_session_uuid, (made[item.uuid], item.uuid)
        for key in ((session,), (session, side[item.uuid])) if session else ():
            start[key] = min(start.get(key, mark), mark)

    def session_order(item):
        """Sessions by their first idea, within one the files by theirs (not by the file's
        name, which differs between replicas: laptop a calls b's file b.gpkg, b its own
        ideas its own); an idea without a session as a session of its own."""
        session, mark = item.created_session_uuid, (made[item.uuid], item.uuid)
        if not session:
            return (mark, "", mark, mark)
        return (start[(session,)], session, start[(session, side[item.uuid])], mark)

    ideas.sort(key=lambda i: (i.number, i.uuid not in first, i.uuid not in shared, session_order(i), i.uuid))
    taken, clashing = set(), []
    for item in ideas:
        if item.number in taken:
            clashing.append(item)
        taken.add(item.number)
    top = max(taken, default=0)
    groups = {}  # the file they came from (the target's own: 0) -> its ideas that move
    for item in clashing:
        groups.setdefault(side[item.uuid], []).append(item)
    for members in sorted(groups.values(), key=lambda group: min(session_order(i) for i in group)):
        members.sort(key=lambda i: (i.number, session_order(i), i.uuid))
        # two of one file with one number (renumbered apart elsewhere): the second after
        again = [item for index, item in enumerate(members) if index and members[index - 1].number == item.number]
        members = [item for index, item in enumerate(members) if not index or members[index - 1].number != item.number]
        label = _group_origin(plan.target, members, provenance)
        for index, item in enumerate(members):
            if not index or item.number - members[index - 1].number > FAR_APART:
                offset = top + 1 - item.number  # one offset per stretch: "your number + 400"
            top = item.number + offset
            _renumber(plan, item, top, label)
        for item in again:  # named by its own session: "Idee 5 van X" must say which idea 5
            top += 1
            _renumber(plan, item, top, _origin(plan.target, item, provenance))
    _report(plan, before or {}, provenance)


def _renumber(plan, item, number, label) -> None:
    plan.run(PutEntity("intervention", replace(item, number=number), plan.fresh(item.uuid)))
    plan.summary.renumbered.append((item.number, label, number, item.uuid))


def _report(plan, before: dict, provenance: dict) -> None:
    """The summary's renumbered ideas from the numbers the target's user knew: one moved
    back to the number it had is no change; one the merge gave the lower of two numbers
    (two replicas renumbered it apart) is."""
    final = {item.uuid: item for item in plan.target.all("intervention")}
    moved = {entry[3] for entry in plan.summary.renumbered if len(entry) > 3}
    entries = []
    for old, label, new, *uuid in plan.summary.renumbered:
        known = before.get(uuid[0], old) if uuid else old
        if known != new:
            entries.append((known, label, new))
    for uuid, number in before.items():
        item = final.get(uuid)
        if item is not None and uuid not in moved and item.number != number:
            entries.append((number, _origin(plan.target, item, provenance), item.number))
    plan.summary.renumbered = entries


def _group_origin(project, items, provenance) -> str:
    """Where the ideas of one laptop that move were made, as people know it: the session
    and file when they share one; else the file; else up to three sessions."""
    origins = list(dict.fromkeys(_origin(project, item, provenance) for item in items))
    if len(origins) == 1:
        return origins[0]
    files = {provenance.get(item.uuid, [None])[0] for item in items}
    if len(files) == 1 and None not in files:
        return files.pop()
    if len(origins) <= 3:
        return ", ".join(origins)
    return _("{first} en {count} andere").format(first=", ".join(origins[:2]), count=len(origins) - 2)


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
