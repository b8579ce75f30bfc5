"""Opening the source files of a merge: read-only, WAL included, UUIDs checked.

A source is never written to (it may sit on a read-only stick, or still be open in
QGIS). When it must be changed before merging (an older schema to migrate, UUIDs in
upper case to normalise) a copy is made with SQLite's backup API, so edits that still
live in its ``-wal`` side file come along.
"""

from pathlib import Path

from workbench.errors import ValidationError
from workbench.i18n import _


class DifferentProjectError(ValidationError):
    """A source belongs to another project than the target (another project UUID).

    Merging it is allowed only when the user confirms (``--other-project`` in the CLI, a
    question in the app)."""

    def __init__(self, message, path):
        super().__init__(message)
        self.path = path


def open_source(path, folder) -> tuple:
    """(the source project, opened read-only or as a private copy in ``folder``, and
    [Dutch lines about what was normalised])."""
    from workbench.store import open_project
    from workbench.store.merge_source import backup_copy, normalise_uuids, uuid_report
    from workbench.store.migrations import SCHEMA_VERSION
    from workbench.store.project_file import inspect, schema_version_of

    name = Path(path).name
    problems = inspect(path)
    if problems:
        raise ValidationError(problems[0])
    duplicates, odd = uuid_report(path)
    if duplicates:
        table, uuid = next(iter(duplicates.items()))
        raise ValidationError(_("{name} kan niet worden samengevoegd: de tabel {table} bevat dezelfde UUID "
                                "meer dan eens ({uuid}).").format(name=name, table=table, uuid=uuid))
    notes = [_("{name}: {count} UUID's in de tabel {table} waren niet in standaardvorm (bijvoorbeeld "
               "hoofdletters) en zijn genormaliseerd.").format(name=name, count=count, table=table)
             for table, count in odd.items()]
    if schema_version_of(path) >= SCHEMA_VERSION and not odd:
        return open_project(path, read_only=True), notes
    copy = Path(folder) / f"{len(list(Path(folder).iterdir()))}-{name}"
    backup_copy(path, copy)
    if odd:
        normalise_uuids(copy)
    return open_project(copy), notes


def check_same_project(target, source, path) -> None:
    """Raise :class:`DifferentProjectError` when ``source`` is a copy of another project."""
    from workbench.store.merge_source import project_uuid

    ours, theirs = project_uuid(target.repository), project_uuid(source.repository)
    if ours is None or theirs is None or ours == theirs:
        return
    raise DifferentProjectError(
        _("{name} hoort bij een ander project ('{source}') dan het doelproject ('{target}').")
        .format(name=Path(path).name, source=source.info.name, target=target.info.name), path)
