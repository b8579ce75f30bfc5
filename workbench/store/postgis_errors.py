"""What went wrong talking to the shared database, as one Dutch sentence each.

libpq reports a failed connection without an SQLSTATE, only as text (the client's part
in the client's language, the server's in the server's); the patterns below are libpq's
and the server's English words. PostgreSQL (15) has no Dutch translation of either (its
catalogues: de es fr it ja ka ko ru sv uk zh_CN, cs and el for libpq), so a Dutch
municipality's server and a Dutch laptop report in English. What matches none (a
server set to German, say) keeps libpq's first line as the reason, so the user still
reads what happened.
"""

from workbench.errors import WorkbenchError
from workbench.i18n import _


class DatabaseError(WorkbenchError):
    """The database could not be reached or refused the work; one Dutch sentence."""


class ReadOnlyRefusal(DatabaseError):
    """A read grant with edits of its own: what was fetched is merged, the edits not sent."""

    def __init__(self, message, summary):
        super().__init__(message)
        self.summary = summary  # what the sync merged before it refused to send


_UNREACHABLE = ("connection refused", "timeout expired", "could not translate host name", "failed to resolve host",
                "no route to host", "network is unreachable", "name or service not known", "host is down",
                "could not connect to server", "no such file or directory")
_PASSWORD = ("password authentication failed", "no password supplied", "authentication failed")


def first_line(error) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def connect_failure(error, parts) -> DatabaseError:
    """The Dutch sentence for a connection that failed; ``parts`` is the parsed address."""
    text = str(error).casefold()
    server = parts.get("host") or "localhost"
    if parts.get("port"):
        server = f"{server}:{parts['port']}"
    user = parts.get("user") or "?"
    if "no pg_hba.conf entry" in text or "pg_hba.conf rejects" in text:
        return DatabaseError(_("De database op {server} laat gebruiker {user} niet binnen vanaf deze computer (geen "
                               "regel in pg_hba.conf); vraag de beheerder van de database om toegang.").format(
                                   server=server, user=user))
    if any(pattern in text for pattern in _PASSWORD):
        return DatabaseError(_("De database op {server} weigert de aanmelding van {user}: het wachtwoord ontbreekt "
                               "of klopt niet. Zet het in een wachtwoordbestand (PGPASSFILE of ~/.pgpass), een "
                               "servicebestand of PGPASSWORD.").format(server=server, user=user))
    if "role" in text and "does not exist" in text:
        return DatabaseError(_("De database op {server} kent gebruiker {user} niet; vraag de beheerder om een "
                               "account.").format(server=server, user=user))
    if "database" in text and "does not exist" in text:
        return DatabaseError(_("Op {server} bestaat database {name} niet; controleer het databaseadres.").format(
            server=server, name=parts.get("dbname") or "?"))
    if any(pattern in text for pattern in _UNREACHABLE):
        return DatabaseError(_("De database is niet bereikbaar: server {server} antwoordt niet. Controleer het adres "
                               "en de netwerkverbinding; u kunt gewoon doorwerken en later synchroniseren.").format(
                                   server=server))
    return DatabaseError(_("De database is niet bereikbaar ({reason}).").format(reason=first_line(error)))


def schema_missing() -> DatabaseError:
    return DatabaseError(_("In deze database is de werkbank nog niet ingericht; laat de beheerder eerst "
                           "'workbench db init --db ...' uitvoeren."))


def schema_newer(found, known) -> DatabaseError:
    return DatabaseError(_("Deze database is ingericht door een nieuwere versie van de werkbank (schema {found}, deze "
                           "versie kent tot {known}); werk de werkbank bij voordat u synchroniseert.").format(
                               found=found, known=known))


def schema_older(found, known) -> DatabaseError:
    return DatabaseError(_("Het databaseschema is ouder dan deze versie van de werkbank (schema {found}, nodig "
                           "{known}); laat de beheerder 'workbench db init --db ...' uitvoeren.").format(
                               found=found, known=known))
