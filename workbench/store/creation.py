"""Creating a project file so that an interrupted ``new`` leaves no half project.

The project is built completely (schema, theme set, info, area, whatever the caller's
``build`` adds) in a hidden temporary file in the target folder, fsynced, and only then
given its name with ``os.link``, which refuses when a file of that name appeared in the
meantime (never a blind replace). A kill -9, a full disk or a refusal halfway leaves
either no file at the target or the complete project, and a retried ``new`` succeeds.

The temporary file is locked while it is built; a later ``new`` in the same folder
removes temporaries whose lock is free (a killed build) once they are a minute old.
"""

import errno
import os
import sqlite3
import tempfile
import time
from pathlib import Path

from workbench.core.project import Change, Project
from workbench.errors import ProjectFileError
from workbench.filenames import name_problem
from workbench.i18n import _
from workbench.store import migrations
from workbench.store.connection import connect
from workbench.store.errors import file_error
from workbench.store.lock import ProjectLock
from workbench.store.repository import Repository
from workbench.store.seal import data_version
from workbench.store.schema import APPLICATION_ID, GPKG_USER_VERSION

TEMP_PREFIX = ".werkbank-nieuw-"


def _current_umask() -> int:
    mask = os.umask(0o022)  # read once, at import, before the app starts threads
    os.umask(mask)
    return mask


# mkstemp makes 0600 files; a project gets the permissions any new file would get.
_NEW_FILE_MODE = 0o666 & ~_current_umask()
STALE_AFTER_SECONDS = 60
# errno values of file systems without hard links (FAT/exFAT sticks, some shares).
_NO_HARD_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS,
                  getattr(errno, "ENOTSUP", -1), getattr(errno, "EOPNOTSUPP", -1)}


def create_project(path, info=None, build=None) -> Project:
    """Create a complete project at ``path`` (refusing to overwrite) and open it.

    ``build(project)`` fills the project before it gets its name; what it raises is
    raised here, and no file is left.
    """
    path = Path(path)
    folder = path.parent
    _check_target(path)
    _remove_stale_temporaries(folder)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".gpkg", dir=folder)
    except OSError as error:  # it names the hidden temporary; the user chose the folder
        raise file_error(_renamed(error, folder), folder) from None
    temp = Path(temp_name)
    lock = ProjectLock(temp)
    lock.acquire_descriptor(fd)  # a brand-new file: nobody else holds it
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, _NEW_FILE_MODE)
            _fill(temp, info, build)
            os.fsync(fd)
        finally:
            lock.release()
        _publish(temp, path)
    except (sqlite3.Error, OSError) as error:
        raise file_error(_renamed(error, path), path) from None
    finally:
        for leftover in (temp, Path(str(temp) + "-journal")):
            _remove(leftover)
    _fsync_directory(folder)
    from workbench.store.project_file import open_project

    return open_project(path)


def _renamed(error, path):
    """``error`` naming ``path`` instead of the hidden temporary the user never chose."""
    if isinstance(error, OSError) and error.filename is not None:
        return OSError(error.errno, error.strerror, str(path))
    return error


def _check_target(path) -> None:
    if name_problem(path):  # e.g. CON.gpkg: fine here, unusable on the Windows laptops it travels to
        raise ProjectFileError(name_problem(path))
    if os.path.lexists(path):
        raise ProjectFileError(_("Het bestand {path} bestaat al.").format(path=path))
    if not path.parent.is_dir():
        raise ProjectFileError(_("De map {path} bestaat niet.").format(path=path.parent))
    longest = _longest_name(path.parent) - len("-journal")  # SQLite needs room for its journal's name
    encoded = os.fsencode(path.name)
    if len(encoded) > longest:
        # the limit is in bytes: an é takes two, so say how many of this name's characters fit
        fitting = len(encoded[:longest].decode("utf-8", "ignore"))
        raise ProjectFileError(_("De naam {name} is te lang. Kies een bestandsnaam van hoogstens {count} tekens.")
                               .format(name=path.name[:40] + "…", count=fitting))


def _longest_name(folder) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):  # Windows has no pathconf; NTFS allows 255
        return 255


def _fill(temp, info, build) -> None:
    conn = connect(temp)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
        migrations.migrate(conn)
        repository = Repository(conn)
        project = Project(repository.load(), repository, path=temp)
        # Written by us alone from the first byte: its commits may seal (store/seal.py).
        repository.clean, repository.data_version = True, data_version(conn)
        if info is not None:
            project.apply([Change("info", "info", project.info, info)])
        if build is not None:
            build(project)
    finally:
        conn.close()


def _publish(temp, path) -> None:
    """Give the finished file its name; refuse if that name was taken meanwhile."""
    try:
        os.link(temp, path)
        return
    except FileExistsError:
        raise ProjectFileError(_("Het bestand {path} bestaat al.").format(path=path)) from None
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
    # No hard links here. Windows' rename refuses an existing target by itself; on
    # POSIX a file created between this check and the rename would be replaced.
    if os.path.lexists(path):
        raise ProjectFileError(_("Het bestand {path} bestaat al.").format(path=path))
    try:
        os.rename(temp, path)
    except FileExistsError:
        raise ProjectFileError(_("Het bestand {path} bestaat al.").format(path=path)) from None


def _remove_stale_temporaries(folder) -> None:
    try:
        candidates = list(Path(folder).glob(TEMP_PREFIX + "*.gpkg"))
    except OSError:
        return
    for candidate in candidates:
        try:
            if time.time() - candidate.stat().st_mtime < STALE_AFTER_SECONDS:
                continue
            lock = ProjectLock(candidate)
            if not lock.acquire():
                continue  # another `new` is building it
            lock.release()
        except OSError:
            continue
        _remove(candidate)
        _remove(Path(str(candidate) + "-journal"))


def _remove(path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_directory(folder) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
