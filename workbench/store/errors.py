"""Dutch sentences for the operating-system and SQLite errors a user can run into.

One place maps ``OSError.errno`` and ``sqlite3.Error.sqlite_errorname`` to a complete
Dutch sentence, so the store and the CLI's last-resort handler say the same thing and
no refusal ends in English library text.
"""

import contextlib
import errno
import sqlite3
from pathlib import Path

from workbench.errors import ProjectFileError
from workbench.i18n import _

# errno -> sentence; {name} is the file (or folder) concerned.
_OS_MESSAGES = [
    ((errno.EACCES, errno.EPERM),
     lambda: _("Geen toegang tot {name}: u mag dit bestand of deze map niet lezen of wijzigen.")),
    ((errno.ENOENT,), lambda: _("{name} bestaat niet (meer).")),
    ((errno.EISDIR,), lambda: _("{name} is een map, geen bestand.")),
    ((errno.ENOTDIR,), lambda: _("Een deel van het pad naar {name} is geen map.")),
    ((errno.ENAMETOOLONG,),
     lambda: _("De naam {name} is te lang. Kies een kortere bestandsnaam of een map dichter bij de schijf.")),
    ((errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)),
     lambda: _("De schijf is vol: {name} kan niet worden geschreven. Maak ruimte vrij en probeer het opnieuw.")),
    ((errno.EROFS,), lambda: _("{name} staat op een schijf die alleen gelezen kan worden.")),
    ((errno.EBUSY, errno.ETXTBSY, errno.EAGAIN),
     lambda: _("{name} is bezet door een ander programma. Probeer het zo opnieuw.")),
    ((errno.EIO,), lambda: _("Lees- of schrijffout bij {name}: de schijf, stick of netwerkverbinding gaf een fout.")),
    ((errno.EINVAL, errno.ELOOP, errno.EILSEQ), lambda: _("De naam {name} is hier niet toegestaan.")),
    ((errno.EMFILE, errno.ENFILE),
     lambda: _("Er zijn te veel bestanden tegelijk open om {name} te openen. Sluit andere programma's.")),
]

# SQLite primary result code (prefix of sqlite_errorname) -> sentence.
_SQLITE_MESSAGES = [
    ("SQLITE_READONLY_ROLLBACK",
     lambda: _("{name} heeft een onafgemaakte wijziging (het programma stopte plotseling), maar die kan niet "
               "worden teruggedraaid omdat het bestand alleen gelezen kan worden. Maak het bestand schrijfbaar "
               "of kopieer het naar een andere map, en open het opnieuw.")),
    ("SQLITE_CORRUPT", lambda: _("{name} is beschadigd. Gebruik een reservekopie.")),
    ("SQLITE_NOTADB", lambda: _("{name} is beschadigd of geen GeoPackage (geen SQLite-database).")),
    ("SQLITE_READONLY",
     lambda: _("{name} kan niet worden gewijzigd: het bestand, de map of de schijf is alleen-lezen.")),
    ("SQLITE_BUSY",
     lambda: _("{name} is even bezet door een ander programma (bijvoorbeeld QGIS). Probeer het zo opnieuw.")),
    ("SQLITE_LOCKED",
     lambda: _("{name} is even bezet door een ander programma (bijvoorbeeld QGIS). Probeer het zo opnieuw.")),
    ("SQLITE_FULL",
     lambda: _("De schijf is vol: {name} kan niet worden geschreven. Maak ruimte vrij en probeer het opnieuw.")),
    ("SQLITE_CANTOPEN",
     lambda: _("{name} kan niet worden geopend: het bestaat niet meer, de naam is te lang, of u heeft geen toegang "
               "tot de map.")),
    ("SQLITE_IOERR",
     lambda: _("Lees- of schrijffout bij {name}: de schijf, stick of netwerkverbinding gaf een fout, of de schijf "
               "is vol.")),
    ("SQLITE_PERM", lambda: _("Geen toegang tot {name}.")),
    ("SQLITE_AUTH", lambda: _("Geen toegang tot {name}.")),
    ("SQLITE_TOOBIG", lambda: _("Een waarde is te groot om in {name} te bewaren.")),
    ("SQLITE_NOMEM", lambda: _("Er is te weinig geheugen om {name} te verwerken.")),
    ("SQLITE_SCHEMA", lambda: _("{name} werd tegelijk door een ander programma gewijzigd. Probeer het opnieuw.")),
    ("SQLITE_CONSTRAINT",
     lambda: _("{name} bevat gegevens die elkaar tegenspreken (een dubbele of ontbrekende verwijzing).")),
    ("SQLITE_ERROR",
     lambda: _("{name} is beschadigd of anders opgebouwd dan de werkbank verwacht (een tabel of kolom "
               "ontbreekt, is anders of bestaat al).")),
]


def describe(error, path=None) -> str | None:
    """A Dutch sentence for an OS or SQLite error, or None for any other exception.

    ``path`` names the file when the error does not (SQLite errors never do).
    """
    name = _name(getattr(error, "filename", None) or path)
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorname", "") or ""
        for prefix, message in _SQLITE_MESSAGES:
            if code.startswith(prefix):
                return message().format(name=name)
        return _("{name} kan niet worden gelezen of geschreven (SQLite-fout {code}).").format(
            name=name, code=code or type(error).__name__)
    if isinstance(error, OSError):
        for numbers, message in _OS_MESSAGES:
            if error.errno in numbers:
                return message().format(name=name)
        return _("Het besturingssysteem weigerde {name} (foutcode {code}).").format(
            name=name, code=error.errno if error.errno is not None else type(error).__name__)
    return None


def os_sentence(error, path=None) -> str:
    """A Dutch sentence for an OSError, never the system's English (strerror); one
    without an errno (raised by the workbench itself) says what it says."""
    return describe(error, path) if getattr(error, "errno", None) is not None else str(error)


def file_error(error, path=None) -> ProjectFileError:
    """``error`` (an OS or SQLite error) as a :class:`ProjectFileError` to raise."""
    return ProjectFileError(describe(error, path) or str(error))


def _name(path) -> str:
    if path is None:
        return _("het bestand")
    if isinstance(path, bytes):
        path = path.decode("utf-8", "replace")
    return Path(str(path)).name or str(path)


@contextlib.contextmanager
def refused_commits(conn):
    """A commit the file refuses (another program such as QGIS holds it longer than the
    busy timeout, a full disk, a file made read-only) is rolled back by ``transaction``;
    the user gets a Dutch sentence, and memory stays as it was (Project.apply)."""
    try:
        yield
    except sqlite3.Error as error:
        if getattr(error, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            raise ProjectFileError(_("Het project is even bezet door een ander programma (bijvoorbeeld QGIS); "
                                     "de wijziging is niet bewaard. Probeer het zo opnieuw.")) from None
        raise ProjectFileError(_("De wijziging kon niet worden bewaard. {reason}").format(
            reason=describe(error, _database_name(conn)))) from None


def _database_name(conn) -> str:
    try:
        return conn.execute("PRAGMA database_list").fetchone()[2]
    except Exception:  # noqa: BLE001 - only for a message; the connection may be broken
        return _("Het project")
