"""What merging needs to read from a source file without ever writing to it.

A source often comes straight from QGIS or a laptop that was switched off: in WAL mode,
with recent edits still in its ``-wal`` side file. Copying the main file's bytes would
lose them, so a copy is made with SQLite's backup API from a read-only connection, which
sees the WAL. The UUID checks run on that same read-only view.
"""

import contextlib
import sqlite3
import uuid as uuid_mod
from pathlib import Path

from workbench.errors import ProjectFileError
from workbench.i18n import _
from workbench.store.connection import connect, transaction


@contextlib.contextmanager
def _readable(path):
    """A source another program holds (QGIS writing), or one that breaks while being
    read, is one Dutch sentence instead of a traceback."""
    try:
        yield
    except sqlite3.Error as error:
        raise ProjectFileError(_("{name} kon niet worden gelezen ({error}). Sluit het in andere programma's en "
                                 "probeer het opnieuw.").format(name=Path(path).name, error=error)) from None


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def backup_copy(path, destination) -> None:
    """Copy the project at ``path``, including what only its ``-wal`` file holds, to
    ``destination`` (a new file); ``path`` is opened read-only."""
    with _readable(path):
        source = connect(path, read_only=True)
        try:
            target = sqlite3.connect(str(destination))
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()


def project_uuid(repository):
    """The UUID of the project a file belongs to (copies of one project share it); None
    when the file has none (an old or hand-made file)."""
    row = repository.conn.execute("SELECT uuid FROM project_info ORDER BY id LIMIT 1").fetchone()
    return row[0] if row and row[0] else None


def _uuid_tables(conn) -> list:
    """[(table, [columns holding UUIDs])] of the tables that have a ``uuid`` column."""
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'gpkg_%' AND name NOT LIKE 'rtree_%' ORDER BY name")]
    found = []
    for table in tables:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({_quoted(table)})")]
        if "uuid" in columns:
            found.append((table, [c for c in columns if c == "uuid" or c.endswith("_uuid")]))
    return found


def canonical_uuid(value):
    """``value`` as a canonical (lower-case, hyphenated) UUID; unchanged when it is none."""
    if not isinstance(value, str):
        return value
    try:
        return str(uuid_mod.UUID(value.strip()))
    except ValueError:
        return value


def uuid_report(path) -> tuple:
    """({table: duplicated uuid}, {table: number of non-canonical uuids}) of a source;
    a duplicate counts after normalising, so 'ABC…' and 'abc…' are the same."""
    with _readable(path):
        conn = connect(path, read_only=True)
        conn.create_function("canonical_uuid", 1, canonical_uuid, deterministic=True)
        try:
            duplicates, odd = {}, {}
            for table, _columns in _uuid_tables(conn):
                name = _quoted(table)
                row = conn.execute(f"SELECT canonical_uuid(uuid) FROM {name} WHERE uuid IS NOT NULL "
                                   f"GROUP BY canonical_uuid(uuid) HAVING COUNT(*) > 1 LIMIT 1").fetchone()
                if row:
                    duplicates[table] = row[0]
                count = conn.execute(f"SELECT COUNT(*) FROM {name} WHERE uuid != canonical_uuid(uuid)").fetchone()[0]
                if count:
                    odd[table] = count
            return duplicates, odd
        finally:
            conn.close()


def normalise_uuids(path) -> None:
    """Rewrite every UUID (and every reference to one) in the copy at ``path`` in
    canonical form, so that it matches the same row in another file."""
    conn = connect(path)
    conn.create_function("canonical_uuid", 1, canonical_uuid, deterministic=True)
    try:
        with transaction(conn):
            for table, columns in _uuid_tables(conn):
                for column in map(_quoted, columns):
                    conn.execute(f"UPDATE {_quoted(table)} SET {column} = canonical_uuid({column}) "
                                 f"WHERE {column} != canonical_uuid({column})")
    finally:
        conn.close()
