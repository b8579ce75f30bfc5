"""The one guarded writer: every file the workbench writes for the user (PNG, PDF,
GeoJSON, CSV, the flat GeoPackage, "Opslaan als") goes through here.

Example::

    write_bytes("kaart.png", data, project_path=project.path)
    with writing("handout.pdf", project_path=project.path) as temporary:
        build_pdf(temporary)  # a streaming writer fills the temporary file

What it promises:

- **Names Windows takes.** ``CON.pdf`` or ``a?b.csv`` is a fine file on Linux and macOS,
  and one nobody can open, copy or delete on the Windows laptops it travels to: refused
  everywhere, as project names are (``workbench/filenames.py``).
- **No project is ever replaced.** The target must be in an existing folder, must not
  be a folder, FIFO or device, must not be the open project (compared by file identity,
  so ``./x``, ``../dir/x``, a symlink, a hard link or a second mount of the same file are
  all the same file), must not be any workbench project, an SQLite file we cannot read,
  or a file that is open as a project anywhere (the project lock, probed without
  disturbing its holder).
- **No half files.** The output is written to ``.werkbank-*.part`` in the target's
  folder, fsynced, given the normal mode (0644 under umask 022), checked again, renamed
  over the target, and the folder is fsynced. On any failure the temporary file is
  removed and the old target is untouched; temporary files of killed runs are removed
  by the next write in that folder (``workbench/io/output_temp.py``).
- **Dutch messages** for what goes wrong: no permission, disk full, read-only disk,
  name too long, file held by another program (on Windows a rename onto a file that is
  open elsewhere, or briefly held by a virus scanner or OneDrive, is retried first).
"""

import errno
import os
import stat
import time
from contextlib import contextmanager
from pathlib import Path

from workbench.errors import ProjectInUseError, WorkbenchError
from workbench.filenames import name_problem
from workbench.i18n import _
from workbench.io import output_temp
from workbench.store import output_probe
from workbench.store.lock import ProjectLock, is_held
from workbench.store.errors import os_sentence

_WINDOWS_SHARING_ERRORS = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
_REPLACE_RETRIES = 8  # about 3 s in all


class OutputError(WorkbenchError):
    """An output file was refused or could not be written; nothing was changed."""


class FileInUseError(OutputError):
    """Another program (Acrobat, Excel, QGIS, a virus scanner) holds ``path``; the app
    offers another name (``workbench/ui/other_name.py``)."""

    def __init__(self, path):
        self.path = Path(path)
        super().__init__(_in_use_message(self.path))


def output_error(error: OSError, path: Path) -> OutputError:
    """The Dutch :class:`OutputError` for an OS error while writing ``path``."""
    if getattr(error, "winerror", None) in _WINDOWS_SHARING_ERRORS:
        return FileInUseError(path)
    return OutputError(os_error_message(error, path))


def _in_use_message(path: Path) -> str:
    return _("{name} is geopend in een ander programma (bijvoorbeeld Acrobat, Excel of QGIS); sluit het daar of "
             "kies een andere naam.").format(name=path.name)


def _open_as_project(path: Path) -> ProjectInUseError:
    return ProjectInUseError(_("{name} is al geopend in een ander venster of programma. "
                               "Sluit het daar eerst, of kies een andere naam.").format(name=path.name))


def os_error_message(error: OSError, path: Path) -> str:
    """A complete Dutch sentence for an OS error while writing ``path``: the errors where
    writing has its own advice (another folder, another name), else ``os_sentence``."""
    code = error.errno
    if getattr(error, "winerror", None) in _WINDOWS_SHARING_ERRORS:
        return _in_use_message(path)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return _("De schijf is vol: {path} is niet geschreven. Maak ruimte vrij of kies een andere plek.").format(
            path=path)
    if code == errno.EROFS:
        return _("De map {folder} is alleen-lezen; kies een andere map.").format(folder=path.parent)
    if code == errno.ENAMETOOLONG:
        return _("De naam {path} is te lang; kies een kortere naam of een andere map.").format(path=path)
    if code in (errno.EACCES, errno.EPERM):
        return _("Geen toestemming om {path} te schrijven; kies een andere map of naam.").format(path=path)
    return os_sentence(error, path)  # the store's sentence for the rest: one phrasing per error


def same_file(path, other) -> bool:
    """Whether two paths name one file: device and inode (on Windows the volume serial
    and file index, which ``os.stat`` reports as ``st_dev``/``st_ino``)."""
    try:
        first, second = os.stat(path), os.stat(other)
    except OSError:
        return False
    if first.st_ino and second.st_ino:
        return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)
    # some network file systems report no file index: fall back on the resolved names
    return os.path.normcase(os.path.realpath(path)) == os.path.normcase(os.path.realpath(other))


def _stat(path: Path):
    """os.stat of ``path``, None when nothing is there; other errors in Dutch."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise output_error(error, path) from None


def _on_read_only_file_system(folder: Path) -> bool:
    try:
        return bool(hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def check_target(target, project_path=None, replace_project: bool = False, lock: bool = True) -> Path:
    """Raise :class:`OutputError` (or ProjectInUseError) unless ``target`` may be written.

    ``replace_project=True`` ("Opslaan als") allows replacing a workbench project that is
    not open anywhere; ``lock=False`` is for a caller that holds the target's lock itself.
    """
    target = Path(target)
    problem = name_problem(target)  # CON.pdf, a?b.pdf: fine here, unusable on the Windows laptops it travels to
    if problem:
        raise OutputError(problem)
    folder = _stat(target.parent)
    if folder is None or not stat.S_ISDIR(folder.st_mode):
        raise OutputError(_("De map {path} bestaat niet.").format(path=target.parent))
    info = _stat(target)
    if info is None:
        return target
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(_("{path} is een map, geen bestand.").format(path=target))
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(_("{path} is geen gewoon bestand (maar bijvoorbeeld een apparaat of pipe); kies een ander "
                            "bestand.").format(path=target))
    if project_path is not None and same_file(target, project_path):
        raise OutputError(_("Kies een ander bestand om naar te exporteren dan het project zelf."))
    if not os.access(target, os.W_OK):
        if _on_read_only_file_system(target.parent):
            raise OutputError(os_error_message(OSError(errno.EROFS, os.strerror(errno.EROFS)), target))
        # protected by its owner (on Windows: the read-only attribute)
        raise OutputError(_("{name} is alleen-lezen; kies een andere naam.").format(name=target.name))
    try:
        kind = output_probe.probe(target, lock=lock)
    except OSError as error:
        raise output_error(error, target) from None
    if kind == output_probe.IN_USE:
        raise _open_as_project(target)
    if kind == output_probe.UNREADABLE:
        raise OutputError(_("{name} is een database die niet te lezen is (misschien een beschadigd "
                            "werkbankproject); kies een ander bestand.").format(name=target.name))
    if kind == output_probe.PROJECT and not replace_project:
        raise OutputError(_("{name} is een werkbankproject; kies een ander bestand.").format(name=target.name))
    return target


# Windows refuses to replace a file while any handle to it (our lock's included) lacks
# delete sharing; tests emulating those rules on Linux turn this off with them.
HOLD_LOCK_WHILE_REPLACING = os.name != "nt"


@contextmanager
def _target_locked(target: Path):
    """Hold the target's project lock while it is checked a last time and replaced, so
    no one opens it as a project in between. Not on Windows: there a file we hold open
    cannot be replaced, and the probe in :func:`check_target` has to do."""
    if not HOLD_LOCK_WHILE_REPLACING or not target.exists():
        yield True
        return
    lock = ProjectLock(target)
    try:
        held = lock.acquire()
    except OSError as error:
        raise output_error(error, target) from None
    try:
        # not taken, yet not held by anyone: a file system without locks; go on unguarded
        yield held or not is_held(target)
    finally:
        lock.release()


# On Windows a refused rename onto an existing file means another program holds it
# (tests emulating Windows' sharing rules on Linux turn this on with them).
RETRY_REFUSED_REPLACE = os.name == "nt"


def _replace(temporary: Path, target: Path) -> None:
    for attempt in range(_REPLACE_RETRIES):
        try:
            os.replace(temporary, target)
            return
        except PermissionError:
            if not RETRY_REFUSED_REPLACE:
                raise
            if attempt == _REPLACE_RETRIES - 1:
                raise FileInUseError(target) from None
            time.sleep(0.025 * 2 ** attempt)  # a virus scanner or OneDrive lets go soon


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - folders cannot be opened for fsync there
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:  # some network file systems refuse it; the file itself is already durable
        pass


@contextmanager
def writing(target, project_path=None, replace_project: bool = False):
    """Yield a temporary path beside ``target``; when the block ends without an error
    the file written there replaces ``target``. See the module docstring."""
    target = check_target(target, project_path, replace_project)
    output_temp.remove_stale(target.parent)
    try:
        temporary, held = output_temp.create(target.parent)
    except OSError as error:
        raise output_error(error, target) from None
    try:
        yield temporary
        descriptor, held = held, None  # finish() closes it, also when it fails
        output_temp.finish(descriptor, temporary)
        with _target_locked(target) as free:
            if not free:
                raise _open_as_project(target)
            check_target(target, project_path, replace_project, lock=False)  # it may have changed meanwhile
            _replace(temporary, target)
        _fsync_folder(target.parent)
    except OSError as error:
        raise output_error(error, target) from None
    finally:
        if held is not None:
            os.close(held)
        output_temp.discard(temporary)


def write_bytes(target, data: bytes, project_path=None) -> Path:
    """Write ``data`` to ``target`` through :func:`writing`; returns the target."""
    with writing(target, project_path) as temporary:
        with open(temporary, "wb") as handle:
            handle.write(data)
    return Path(target)
