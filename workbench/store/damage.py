"""Damage ``PRAGMA integrity_check`` does not see, for ``workbench check``.

A file cut short (a copy to a stick pulled out too early, a sync that stopped) can keep
a sound structure: SQLite reads the missing end of the last page as zero bytes, so a
timestamp or a title then holds NUL characters and the integrity check says "ok". So
``check`` also looks at the file size and at the text itself.
"""

import os
import re
from pathlib import Path

from workbench.i18n import _

# C0 control characters other than tab, newline and carriage return: never typed, and
# removed by the app before storing; in a file they mean damage (or a foreign writer).
_GARBAGE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# ISO 8601 as the app writes it, and the looser forms QGIS or a script may write.
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?")
TIMESTAMP_COLUMNS = ("created_at", "changed_at", "deleted_at")


def _has_garbage(value) -> int:
    return 1 if isinstance(value, str) and _GARBAGE.search(value) else 0


def _bad_timestamp(value) -> int:
    if value is None or value == "":
        return 0  # rows QGIS added get their timestamps when the project is opened
    return 0 if isinstance(value, str) and _TIMESTAMP.fullmatch(value) else 1


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(conn) -> list:
    return [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'gpkg_%' AND name NOT LIKE 'rtree_%' ORDER BY name")]


def damage_problems(conn, path) -> list:
    """Dutch sentences about a cut-off file and NUL or other garbage in text and
    timestamps; [] when none is found. Reads only."""
    problems = []
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    size = os.path.getsize(path)
    if page_size and size % page_size:
        problems.append(_("{name} is afgekapt: de grootte ({size} bytes) is geen veelvoud van de paginagrootte "
                          "({page} bytes), dus het einde ontbreekt. Gebruik zo mogelijk een eerdere kopie.")
                        .format(name=Path(path).name, size=size, page=page_size))
    conn.create_function("wb_garbage", 1, _has_garbage, deterministic=True)
    conn.create_function("wb_bad_timestamp", 1, _bad_timestamp, deterministic=True)
    for table in _tables(conn):
        columns = [(row[1], (row[2] or "").upper()) for row in conn.execute(f"PRAGMA table_info({_quoted(table)})")]
        for column, declared in columns:
            if column in TIMESTAMP_COLUMNS:
                count = conn.execute(f"SELECT COUNT(*) FROM {_quoted(table)} "
                                     f"WHERE wb_bad_timestamp({_quoted(column)})").fetchone()[0]
                if count:
                    problems.append(_("Tabel {table}, kolom {column}: {count} ongeldige tijdstempel(s) (bijvoorbeeld "
                                      "NUL-tekens); het bestand is waarschijnlijk beschadigd of afgekapt.")
                                    .format(table=table, column=column, count=count))
                continue
            if declared not in ("TEXT", ""):
                continue
            count = conn.execute(f"SELECT COUNT(*) FROM {_quoted(table)} "
                                 f"WHERE wb_garbage({_quoted(column)})").fetchone()[0]
            if count:
                problems.append(_("Tabel {table}, kolom {column}: {count} tekst(en) met onleesbare tekens (zoals "
                                  "NUL); het bestand is waarschijnlijk beschadigd of afgekapt.")
                                .format(table=table, column=column, count=count))
    return problems
