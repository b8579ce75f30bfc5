"""Opening, checking and "Opslaan als" of project files (creating: ``creation``).

Every open goes through :func:`file_access.prepare` (regular file, SQLite header, lock,
hot journal rolled back), then inspects the file through a read-only connection, so a
file that is refused (not a GeoPackage, not a workbench project, damaged, from a newer
version) is never written to, not even by a PRAGMA.
"""

import sqlite3
from pathlib import Path

from workbench.core.project import Project
from workbench.errors import ProjectFileError
from workbench.i18n import _
from workbench.store import migrations, replica
from workbench.store.errors import describe
from workbench.store.file_access import connect_checked, prepare
from workbench.store.output_probe import as_os_error
from workbench.store.repair import repair_foreign_edits
from workbench.store.repository import Repository
from workbench.store.seal import data_version, only_we_wrote
from workbench.store.schema import APPLICATION_ID


class LockedRepository(Repository):
    """A repository that holds the project's in-use lock until it is closed."""

    def __init__(self, conn, lock):
        super().__init__(conn)
        self.lock = lock
        # Held under the lock: the file's own replica id, unless it is a copy (store/replica.py).
        self.replica, self._replica_record = replica.claim(conn, lock.path)

    def close(self) -> None:
        super().close()
        self.lock.release()


def inspect(path) -> list:
    """Problems that make ``path`` unusable as a project, as Dutch sentences ([] = fine).

    Goes through :func:`file_access.prepare` (so a hot journal is rolled back first),
    then reads only; a file that is not SQLite is never touched.
    """
    try:
        prepare(path, keep_lock=False)
    except ProjectFileError as error:
        return [str(error)]
    return _inspect_path(Path(path))


def _inspect_path(path) -> list:
    try:
        conn = connect_checked(path, read_only=True)
    except ProjectFileError as error:
        return [str(error)]
    try:
        return _inspect_connection(conn, path.name)
    except (sqlite3.DatabaseError, ValueError, TypeError) as error:  # also a schema version that is no number
        return [_unusable(path.name, error)]
    finally:
        conn.close()


def _unusable(name, error) -> str:
    """Why a file could not be read: busy in another program (not damaged!), damaged, ..."""
    if isinstance(error, (ValueError, TypeError)):
        return _("{name} is beschadigd: de versie van het schema is onleesbaar.").format(name=name)
    return describe(error, name)


def _inspect_connection(conn, name) -> list:
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id != APPLICATION_ID:
        return [_("{name} is geen GeoPackage.").format(name=name)]
    integrity = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    if integrity != ["ok"]:
        return [_("{name} is beschadigd: de controle van de database vond fouten. Gebruik een reservekopie.")
                .format(name=name)]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "workbench_meta" not in tables:
        return [_("{name} is een GeoPackage, maar geen werkbankproject.").format(name=name)]
    version = migrations.schema_version(conn)
    if version > migrations.SCHEMA_VERSION:
        return [_("{name} is gemaakt met een nieuwere versie van de werkbank (schema {found}, "
                  "deze versie kent tot {known}). Werk de werkbank bij om het te openen.")
                .format(name=name, found=version, known=migrations.SCHEMA_VERSION)]
    # Every table of schema 1 (later ones are added by migrating); one deleted in QGIS
    # would otherwise fail the first edit that writes to it.
    required = {"gpkg_spatial_ref_sys", "gpkg_contents", "gpkg_geometry_columns", "interventions", "themes",
                "project_info", "quantity_kinds", "goals", "sessions", "area", "intervention_themes",
                "intervention_goals", "intervention_quantities", "votes", "quotes", "tombstones",
                "reference_layers"}
    missing = sorted(required - tables)
    if missing:
        return [_("{name} mist de tabellen {tables}.").format(name=name, tables=", ".join(missing))]
    return []


def open_project(path, read_only: bool = False) -> Project:
    """Open a project; raises :class:`ProjectFileError` or :class:`ProjectInUseError`.

    Older schemas are migrated; rows QGIS added without our bookkeeping are repaired,
    and what was repaired or skipped is in ``project.warnings``.
    """
    path = Path(path)
    lock = prepare(path, keep_lock=not read_only)
    try:
        problems = _inspect_path(path)
        if problems:
            raise ProjectFileError(problems[0])
        if read_only:
            repository = Repository(connect_checked(path, read_only=True), read_only=True)
        else:
            repository = LockedRepository(connect_checked(path, read_only=False), lock)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    # Whatever fails from here on closes the connection and releases the lock, so the
    # same file can be opened again (a leaked lock said "in use" until the app quit).
    try:
        warnings, state = [], None
        if not read_only:
            migrations.migrate(repository.conn)
            state = _load_trusted(repository)
        if state is None:  # another program wrote since we last checked (or read-only): check all
            before = data_version(repository.conn)
            if not read_only:
                warnings = repair_foreign_edits(repository.conn)
            state = repository.load()
            # Checked, nothing unusable left, no other program wrote meanwhile: our next
            # commit may seal. (Opening itself writes nothing: a merge source, a file in
            # a synced folder stay as they are.)
            repository.clean = (not read_only and not warnings and not repository.warnings
                                and data_version(repository.conn) == before)
        repository.data_version = data_version(repository.conn)
        current = repository.setting("current_session") or None
    except sqlite3.Error as error:  # a table or column the project needs was removed
        repository.close()
        raise ProjectFileError(_unusable(path.name, error)) from None
    except BaseException:
        repository.close()
        raise
    return Project(state, repository, path=path, current_session_uuid=current,
                   warnings=warnings + repository.warnings)


def _load_trusted(repository):
    """The state without the checks for foreign edits when only the workbench wrote the
    file since it last checked it (``store/seal.py``), else None. Under a write lock: no
    other program can commit between the comparison and the reading (and one that is
    writing right now makes the open say "busy", as the repairs did)."""
    conn = repository.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not only_we_wrote(conn):
            return None
        state = repository.load(trusted=True)
        repository.clean = True
        return state
    finally:
        conn.execute("ROLLBACK")  # nothing was written


def copy_into(project: Project, temporary) -> None:
    """A complete copy of the open project in the file ``temporary`` (SQLite's backup
    API, consistent while the project stays open); for "Opslaan als" in io/save_as.py.
    A full disk or a read-only folder is raised as the OSError the writer words in Dutch."""
    try:
        destination = sqlite3.connect(temporary)
        try:
            project.repository.conn.backup(destination)
        finally:
            destination.close()
    except sqlite3.Error as error:
        raise as_os_error(error) from None


def check_project(path) -> list:
    """Everything wrong with a project file, as Dutch sentences; reads only."""
    problems = inspect(path)
    if problems:
        return problems
    from workbench.store.damage import damage_problems

    try:
        conn = connect_checked(path, read_only=True)
    except ProjectFileError as error:
        return [str(error)]
    try:
        return damage_problems(conn, path) + _check_connection(conn, problems)
    except sqlite3.Error as error:  # a table or column the project needs was removed
        return problems + [_unusable(Path(path).name, error)]
    finally:
        conn.close()


def _check_connection(conn, problems) -> list:
    integrity = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
    if integrity != ["ok"]:
        problems.append(_("Beschadigd: de volledige controle van de database vond {count} fout(en). "
                          "Gebruik een reservekopie.").format(count=len(integrity)))
    adopt = conn.execute("SELECT COUNT(*) FROM interventions WHERE uuid IS NULL OR number IS NULL").fetchone()[0]
    if adopt:
        problems.append(_("{count} idee(ën) zijn buiten de werkbank toegevoegd en worden bij openen "
                          "opgenomen.").format(count=adopt))
    dangling = len(conn.execute("PRAGMA foreign_key_check").fetchall())
    if dangling:
        problems.append(_("{count} verwijzing(en) naar verwijderde rijen.").format(count=dangling))
    if migrations.schema_version(conn) < migrations.SCHEMA_VERSION:
        problems.append(_("Het schema is ouder en wordt bij openen bijgewerkt."))
    repository = Repository(conn, read_only=True)
    repository.load()
    problems.extend(repository.warnings)
    return problems


def schema_version_of(path) -> int:
    prepare(path, keep_lock=False)
    conn = connect_checked(path, read_only=True)
    try:
        return migrations.schema_version(conn)
    finally:
        conn.close()
