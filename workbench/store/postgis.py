"""The shared PostGIS database: connecting, access, migrations run, and the rows replicas exchange.

The sync's SQL lives here and beside it (``postgis_schema``: the migrations and views;
``postgis_tiles``: base-map tiles; ``postgis_errors``: the Dutch messages); every value
is a query parameter (no SQL is built from user text). One table ``werkbank.rijen``
holds every exchanged row of every project (kind, version vector, alive, the entity as
JSON, the geometry in EPSG:28992 with a GiST index); views for QGIS present them. Passwords never pass through here:
the connection string names host/db/user, libpq finds the password (PGPASSFILE,
~/.pgpass, a service file, PGPASSWORD).
"""

import contextlib

from workbench.core import versions
from workbench.i18n import _
from workbench.store import postgis_errors
from workbench.store.postgis_errors import DatabaseError, first_line as _first_line
from workbench.store.postgis_schema import FACILITATOR, MIGRATIONS, SCHEMA, VIEWER  # noqa: F401


def connect(url):
    """A psycopg connection; libpq supplies the password (never part of our messages)."""
    try:
        import psycopg
    except ImportError as error:
        raise DatabaseError(_("Synchroniseren met een database vraagt het pakket psycopg; installeer de "
                              "werkbank met de extra 'sync'.")) from error
    import logging

    # psycopg warns on stderr when it cleans up after a lost connection; the user gets
    # our one Dutch sentence instead (an app that sets up logging still sees these).
    logger = logging.getLogger("psycopg")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    try:
        parts = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error as error:
        raise DatabaseError(_("Het databaseadres is onleesbaar; gebruik de vorm postgresql://gebruiker@server/"
                              "database.")) from error
    if parts.get("password"):
        # It would end up in shell history, recent-file lists and logs: refused, not used.
        raise DatabaseError(_("Zet geen wachtwoord in het databaseadres; gebruik een wachtwoordbestand "
                              "(PGPASSFILE of ~/.pgpass), een servicebestand of de omgevingsvariabele PGPASSWORD."))
    try:
        return psycopg.connect(url, connect_timeout=10, autocommit=True)  # transactions are explicit
    except psycopg.Error as error:
        raise postgis_errors.connect_failure(error, parts) from error


def init(conn) -> list:
    """Create or upgrade the schema; returns the migration numbers run."""
    with conn.transaction():
        with conn.cursor() as cur:
            cur.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
            cur.execute(f"CREATE TABLE IF NOT EXISTS {SCHEMA}.schema_versie (versie int NOT NULL)")
            cur.execute("SELECT pg_advisory_xact_lock(hashtext('werkbank-init'))")
            cur.execute(f"SELECT max(versie) FROM {SCHEMA}.schema_versie")
            current = cur.fetchone()[0] or 0
            if current > len(MIGRATIONS):
                raise postgis_errors.schema_newer(current, len(MIGRATIONS))
            done = []
            for number in range(current + 1, len(MIGRATIONS) + 1):
                MIGRATIONS[number - 1](cur)
                cur.execute(f"INSERT INTO {SCHEMA}.schema_versie VALUES (%s)", (number,))
                done.append(number)
    return done


def check_schema(conn) -> None:
    """Refuse, in Dutch, a database without the schema, or with one older or newer than this app's."""
    import psycopg

    with talking():
        if conn.execute(f"SELECT to_regclass('{SCHEMA}.schema_versie')").fetchone()[0] is None:
            raise postgis_errors.schema_missing()
        try:
            found = conn.execute(f"SELECT max(versie) FROM {SCHEMA}.schema_versie").fetchone()[0] or 0
        except psycopg.errors.InsufficientPrivilege:
            found = 1  # the first schema did not let facilitators read its version
    if found > len(MIGRATIONS):
        raise postgis_errors.schema_newer(found, len(MIGRATIONS))
    if found < len(MIGRATIONS):
        raise postgis_errors.schema_older(found, len(MIGRATIONS))


def grant(conn, project_uuid, role, write=True) -> None:
    """Let ``role`` read (and with ``write``, write) the project; a second grant replaces the first."""
    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
        raise DatabaseError(_("De rol {role} bestaat niet in de database; maak hem eerst aan (CREATE ROLE {role} "
                              "LOGIN IN ROLE werkbank_facilitator).").format(role=role))
    with conn.transaction():
        conn.execute(f"INSERT INTO {SCHEMA}.toegang (project_uuid, rol, schrijven) VALUES (%s, %s, %s) "
                     "ON CONFLICT (project_uuid, rol) DO UPDATE SET schrijven = EXCLUDED.schrijven",
                     (project_uuid, role, write))


READ, WRITE = "lezen", "schrijven"


def access(conn, project_uuid):
    """WRITE, READ or None: what the connected role may do with the project. Superusers,
    roles that bypass row-level security and the schema's owner may do everything."""
    with talking():
        everything, granted = conn.execute(
            f"SELECT (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) "
            f"OR pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = '{SCHEMA}.rijen'::regclass), "
            "'MEMBER'), (SELECT bool_or(g.schrijven) FROM " + SCHEMA + ".toegang g "
            "JOIN pg_roles r ON r.rolname = g.rol "
            "WHERE g.project_uuid = %s AND pg_has_role(current_user, r.oid, 'MEMBER'))", (project_uuid,)).fetchone()
    if everything or granted:
        return WRITE
    return READ if granted is False else None


@contextlib.contextmanager
def talking():
    """A connection lost midway (a dropped network, a restarted or killed server) or a
    refusal becomes one Dutch sentence; the transaction on the server is rolled back."""
    import psycopg

    try:
        yield
    except psycopg.errors.InsufficientPrivilege as error:
        raise DatabaseError(_("De database weigert: u mag niet schrijven in dit project ({reason}). Vraag de "
                              "beheerder om toegang.").format(reason=_first_line(error))) from error
    except psycopg.OperationalError as error:
        raise DatabaseError(_("De verbinding met de database is verbroken ({reason}); er is niets half "
                              "bewaard. Synchroniseer opnieuw als de verbinding terug is.").format(
                                  reason=_first_line(error))) from error


def versions_of(conn, project_uuid) -> dict:
    """{uuid: version vector} of a project's rows in the database."""
    with talking():
        cur = conn.execute(f"SELECT uuid, versie FROM {SCHEMA}.rijen WHERE project_uuid = %s", (project_uuid,))
        return {uuid: versions.parse(vector) for uuid, vector in cur}


def rows(conn, project_uuid, uuids) -> list:
    """[(uuid, kind, version, alive, data, geometry WKB)] of the given rows."""
    with talking():
        cur = conn.execute(f"SELECT uuid, soort, versie, levend, gegevens, ST_AsBinary(geom) FROM {SCHEMA}.rijen "
                           "WHERE project_uuid = %s AND (uuid = ANY(%s) OR soort = 'theme')",
                           (project_uuid, list(uuids)))
        return [(u, k, versions.parse(v), a, d, bytes(g) if g is not None else None) for u, k, v, a, d, g in cur]


def push(conn, project_uuid, project_name, expected, outgoing) -> None:
    """Write ``outgoing`` [(uuid, kind, version, alive, data, wkb)] in one transaction,
    each only if the database still holds the ``expected`` version of it (else someone
    synced in between: :class:`ChangedMeanwhile`, and nothing is written)."""
    import psycopg

    with talking():
        try:
            with conn.transaction():
                _push(conn, project_uuid, project_name, expected, outgoing)
        except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure,
                psycopg.errors.TransactionRollback) as error:  # SQLSTATE class 40 (not one hierarchy)
            # a deadlock with, or a serialization failure against, another writer: nothing
            # was written; the sync reads again and retries (never shown raw)
            raise ChangedMeanwhile() from error


def _push(conn, project_uuid, project_name, expected, outgoing) -> None:
    from psycopg.types.json import Jsonb

    # Syncs of one project write one after the other (a second waits here for the
    # first's commit, then finds the versions changed and reads again): two syncs
    # never lock the same rows in a different order, so they cannot deadlock.
    conn.execute("SELECT pg_advisory_xact_lock(hashtext('werkbank-push'), hashtext(%s))", (project_uuid,))
    conn.execute(f"INSERT INTO {SCHEMA}.projecten (uuid, naam) VALUES (%s, %s) "
                 "ON CONFLICT (uuid) DO NOTHING", (project_uuid, project_name))
    with conn.cursor() as cur:
        cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS binnen (uuid text, soort text, versie jsonb, "
                    "levend boolean, gegevens jsonb, geom bytea, verwacht jsonb) ON COMMIT DELETE ROWS")
        with cur.copy("COPY binnen FROM STDIN") as copy:
            for uuid, kind, version, alive, data, wkb in outgoing:
                old = expected.get(uuid)
                copy.write_row((uuid, kind, Jsonb(version), alive, Jsonb(data), wkb,
                                None if old is None else Jsonb(old)))
        cur.execute(f"""
            INSERT INTO {SCHEMA}.rijen AS r (project_uuid, uuid, soort, versie, levend, gegevens, geom)
            SELECT %s, uuid, soort, versie, levend, gegevens, ST_GeomFromWKB(geom, 28992) FROM binnen
            WHERE verwacht IS NULL
            ON CONFLICT (project_uuid, uuid) DO NOTHING""", (project_uuid,))
        inserted = cur.rowcount
        cur.execute(f"""
            UPDATE {SCHEMA}.rijen r SET versie = b.versie, levend = b.levend, gegevens = b.gegevens,
              geom = ST_GeomFromWKB(b.geom, 28992), gewijzigd = now()
            FROM binnen b WHERE r.project_uuid = %s AND r.uuid = b.uuid AND b.verwacht IS NOT NULL
              AND r.versie = b.verwacht""", (project_uuid,))
        if inserted + cur.rowcount != len(outgoing):
            raise ChangedMeanwhile()


class ChangedMeanwhile(Exception):
    """Another laptop synced the same rows between our read and our write."""
