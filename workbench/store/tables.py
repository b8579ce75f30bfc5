"""The project file's tables as the store maps them to entities, and the stable UUIDs of
link rows: shared by reading (``store/reading.py``) and writing (``store/repository.py``)."""

import sqlite3
import uuid as uuid_mod
from dataclasses import fields
from itertools import chain

from workbench.core.model import (
    Answer, Goal, ProjectInfo, QuantityKind, Quote, Session, Theme, Tombstone, Underlay, Verdict, Vote, uuid_text,
    uuid_texts)

# Attribute tables whose columns are exactly the entity's fields (besides ``id``).
SIMPLE_TABLES = {
    "theme": ("themes", Theme),
    "quantity_kind": ("quantity_kinds", QuantityKind),
    "goal": ("goals", Goal),
    "session": ("sessions", Session),
    "vote": ("votes", Vote),
    "quote": ("quotes", Quote),
    "tombstone": ("tombstones", Tombstone),
    "underlay": ("underlays", Underlay),
    "verdict": ("verdicts", Verdict),
    "answer": ("answers", Answer),
}

# Columns a later migration added to an existing table (see store/migrations.py).
LATER_COLUMNS = {"sessions": {"method", "target_group", "part"}, "project_info": {"disclaimer"}, "quotes": {"theme_uuid"}}

INFO_COLUMNS = tuple(f.name for f in fields(ProjectInfo))

_URL_NAMESPACE = uuid_mod.NAMESPACE_URL.bytes


def _sha1(data: bytes):
    """hashlib's SHA-1, imported on first use: loading OpenSSL costs ~3 ms, and opening
    a project rarely needs it (issue 14: not at every start)."""
    global _sha1
    from hashlib import sha1

    _sha1 = sha1  # later calls go straight to it
    return sha1(data)


def link_uuid(a: str, b: str) -> str:
    """A stable UUID for a link row, so copies of a file agree on it when merged:
    ``str(uuid.uuid5(uuid.NAMESPACE_URL, f"{a}/{b}"))``, without the UUID object."""
    return uuid_text(_sha1(_URL_NAMESPACE + f"{a}/{b}".encode()).digest(), 5)


def link_uuids(pairs) -> list:
    """:func:`link_uuid` of many (a, b) pairs, formatted at once (an import's links)."""
    from hashlib import sha1

    namespace = _URL_NAMESPACE
    return uuid_texts(b"".join([sha1(namespace + f"{a}/{b}".encode()).digest()[:16] for a, b in pairs]), 5)


def columns_of(entity_class):
    return tuple(f.name for f in fields(entity_class))


def _parameter_limit(conn) -> int:
    """How many ``?`` one statement may hold. ``Connection.getlimit`` is Python 3.11+;
    on 3.10 (which pyproject allows) the smallest limit any SQLite build has had, 999."""
    getlimit = getattr(conn, "getlimit", None)
    return getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if getlimit else 999


def insert_many(conn, head: str, row: str, rows: list, shared=()) -> None:
    """``conn.executemany(head + row, rows)`` as multi-row ``VALUES`` statements of up to
    500 rows: per row, executemany's statement reset, binding and step cost about as much
    as SQLite storing it (an import's 10,000 ideas: 30 -> 20 ms). ``row`` is the
    parenthesised values of one row: first ``?1`` .. ``?k`` for the ``shared`` values, the
    same in every row and bound once per statement, then plain ``?`` (SQLite numbers a
    plain ``?`` after the highest so far) for each row's tuple. A statement stays within
    the connection's parameter limit."""
    if not rows:
        return
    width, shared = len(rows[0]), list(shared)
    size = max(1, min(500, (_parameter_limit(conn) - len(shared)) // width))
    statement = None
    for start in range(0, len(rows), size):
        part = rows[start:start + size]
        if statement is None or len(part) != size:
            statement = head + ",".join([row] * len(part))
        conn.execute(statement, shared + list(chain.from_iterable(part)))
