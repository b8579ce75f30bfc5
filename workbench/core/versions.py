"""Version vectors: how merges and syncs tell "changed on one side" from "on both sides".

Every row the replicas exchange (ideas, themes, goals, sessions, votes, quotes, and
whatever row kinds come later) carries a version vector: ``{replica id: counter}``. A
*replica* is one project file (the store keeps its id while it is the same file and
mints a new one for a copy, so a copied file never continues another file's counters:
store/replica.py), or the shared database. A local edit of a row adds one to the row's counter of the editing replica; a
row brought in from elsewhere gets the join (per-replica maximum) of both vectors.
Deleting a row is an edit too: the vector stays, marked as not alive.

Comparing two vectors needs no clock: ``a`` is *older* than ``b`` when every counter of
``a`` is at most ``b``'s. If neither is older than the other, both sides changed the row
since they last met: a conflict. The empty vector is the row as it was before versions
existed (a migrated file): older than every edit made since.

This module is pure Python (no SQL, no Qt); the store writes vectors, ``io/merge.py``
and ``sync/`` read them.
"""

import json

SAME, OLDER, NEWER, CONCURRENT = "same", "older", "newer", "concurrent"


def parse(text) -> dict:
    """A stored vector (JSON text) as a dict; anything unreadable counts as empty."""
    if isinstance(text, dict):
        return dict(text)
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): int(v) for k, v in value.items() if isinstance(v, int) and v > 0}


def dumps(vector: dict) -> str:
    return json.dumps(dict(sorted(vector.items())), separators=(",", ":"))


def compare(a: dict, b: dict) -> str:
    """How ``a`` relates to ``b``: SAME, OLDER (b descends from a), NEWER or CONCURRENT."""
    a_le = all(v <= b.get(k, 0) for k, v in a.items())
    b_le = all(v <= a.get(k, 0) for k, v in b.items())
    if a_le and b_le:
        return SAME
    if a_le:
        return OLDER
    if b_le:
        return NEWER
    return CONCURRENT


def join(*vectors) -> dict:
    """The smallest vector that has seen all of ``vectors``."""
    result = {}
    for vector in vectors:
        for key, value in (vector or {}).items():
            if value > result.get(key, 0):
                result[key] = value
    return result


def tick(vector: dict, replica: str) -> dict:
    """``vector`` after one more local edit by ``replica``."""
    return {**vector, replica: vector.get(replica, 0) + 1}
