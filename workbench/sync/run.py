"""``workbench sync``: push this laptop's changes to the database and pull the others', in one go.

1. Read the database's version of every row of the project (uuid and vector only: a
   no-op sync reads no entity).
2. Rows the database holds in a version this file has not seen are fetched and merged
   into the file exactly like a laptop's file (``io.merge.merge_projects``): same
   decisions, same listed conflicts, one transaction, one undo step.
3. Rows this file holds in a version the database has not seen are written in one
   database transaction, each only if the database still holds the version read in 1;
   if another laptop synced in between, start again from 1.

Either side may be killed at any moment: each step is one transaction on its side, and
the next sync starts from what both hold. A second sync changes nothing.
"""

from workbench.core import versions as vv
from workbench.core.model import ENTITY_KINDS
from workbench.i18n import _
from workbench.io.merge import KEEP_BOTH, merge_projects
from workbench.io.merge_summary import MergeSummary
from workbench.store import postgis
from workbench.store.merge_source import project_uuid
from workbench.store.postgis_errors import ReadOnlyRefusal
from workbench.store.versions import UNVERSIONED
from workbench.sync.rows import snapshot, to_rows

ATTEMPTS = 5  # syncs of others in between before giving up


def local_rows(project) -> dict:
    """{uuid: (kind, version, alive)} of every row the file exchanges, also those from
    before versions (a migrated file: the empty version), so that they travel too."""
    rows = project.repository.versions()
    for kind in ENTITY_KINDS:
        if kind in UNVERSIONED:
            continue
        for uuid in project.state.entities[kind]:
            rows.setdefault(uuid, (kind, {}, True))
    rows.setdefault("info", ("info", {}, True))  # the project's metadata, one row
    for stone in project.all("tombstone"):
        if stone.kind in ENTITY_KINDS and stone.kind not in UNVERSIONED:
            rows.setdefault(stone.uuid, (stone.kind, {}, False))
    return rows


def sync_project(project, url, rule=KEEP_BOTH, progress=None) -> MergeSummary:
    """Sync the open ``project`` with the database at ``url``; returns what the pull merged."""
    run = SyncRun(project, url, rule)
    run.reuse_local = True  # nothing else edits the project meanwhile (the app's dialog may)
    try:
        while True:
            run.fetch()
            run.merge()
            if run.push():
                run.tiles()
                return run.summary
    finally:
        run.close()


class SyncRun:
    """One sync in three steps, so an app can run the network steps (``fetch``, ``push``)
    on a worker thread and the step that changes the project (``merge``) on its own.
    ``push`` returns False when another laptop synced in between: start again at ``fetch``."""

    def __init__(self, project, url, rule=KEEP_BOTH):
        self.project, self.rule = project, rule
        self.uuid = project_uuid(project.repository)
        if not self.uuid:
            raise postgis.DatabaseError(_("Dit project heeft geen project-UUID en kan niet worden "
                                          "gesynchroniseerd."))
        self.conn = postgis.connect(url)
        try:
            postgis.check_schema(self.conn)
            self.access = postgis.access(self.conn, self.uuid)
        except BaseException:
            self.conn.close()
            raise
        if self.access is None:
            self.conn.close()
            raise postgis.DatabaseError(_("De database weigert: u heeft geen toegang tot dit project, lezen noch "
                                          "schrijven. Vraag de beheerder om toegang (workbench db grant)."))
        self.attempts, self.remote, self.incoming, self.local, self.checked = 0, {}, None, None, []
        self.reuse_local = False  # push reads the file's versions again unless told nothing changed them
        self.summary = MergeSummary()

    def fetch(self) -> None:
        """Read the database's versions and the rows this file has not seen (network only)."""
        self.attempts += 1
        if self.attempts > ATTEMPTS:
            raise postgis.DatabaseError(_("De database veranderde steeds tijdens het synchroniseren; probeer het "
                                          "zo nog eens."))
        self.remote = postgis.versions_of(self.conn, self.uuid)
        local = self.local = local_rows(self.project)
        wanted = [u for u, version in self.remote.items() if u not in local
                  or vv.compare(version, local[u][1]) in (vv.NEWER, vv.CONCURRENT)]
        self.checked = []  # Dutch lines on rows from the database that were not usable as they were
        self.incoming = snapshot(postgis.rows(self.conn, self.uuid, wanted), self.checked) if wanted else None

    def merge(self) -> None:
        """Merge what came in into the project, like a laptop's file (one undo step)."""
        label = _("de database")
        if self.incoming is not None:
            # The database's ideas keep their numbers; a laptop's new idea with a taken number moves.
            self.summary = merge_projects(self.project, [self.incoming], self.rule, [label],
                                          numbered_first=frozenset(self.remote))
            self.local = None  # the merge changed versions: push reads them again
            self.summary.notes += self.checked
        self.summary.sources = [label]

    def push(self) -> bool:
        """Write the rows the database has not seen; False if it changed meanwhile."""
        local = self.local if self.reuse_local and self.local is not None else local_rows(self.project)
        outgoing = to_rows(self.project, [
            (u, kind, version, alive) for u, (kind, version, alive) in local.items()
            if u not in self.remote or vv.compare(version, self.remote[u]) in (vv.NEWER, vv.CONCURRENT)])
        if outgoing and self.access == postgis.READ:
            self.tiles()  # a read grant still brings the base maps in
            rows = (_("1 rij") if len(outgoing) == 1 else _("{count} rijen")).format(count=len(outgoing))
            raise ReadOnlyRefusal(_("U mag dit project in de database alleen lezen: wat anderen veranderden is "
                                    "binnengehaald, maar uw eigen wijzigingen ({rows}) zijn niet verstuurd. Vraag "
                                    "de beheerder om schrijfrechten.").format(rows=rows), self.summary)
        if outgoing:
            try:
                postgis.push(self.conn, self.uuid, self.project.info.name,
                             {r[0]: self.remote[r[0]] for r in outgoing if r[0] in self.remote}, outgoing)
            except postgis.ChangedMeanwhile:
                return False
        self.summary.pushed = len(outgoing)
        return True

    def tiles(self) -> tuple:
        """Send the base-map tiles the database lacks and fetch those the file lacks
        (network and the file's own connection: fine on a worker thread); (sent, fetched)."""
        from workbench.sync.tiles import sync_tiles

        sent, fetched, refused = sync_tiles(self.conn, self.uuid, self.project.path, self.access)
        if sent or fetched:
            self.summary.notes.append(_("Basiskaarten: {sent} tegels verstuurd, {fetched} opgehaald.").format(
                sent=sent, fetched=fetched))
        if refused:
            self.summary.notes.append(_("Basiskaarten: {count} tegels of kaarten uit de database niet overgenomen: "
                                        "geen bruikbare afbeelding of naam.").format(count=refused))
        return sent, fetched

    def close(self) -> None:
        self.conn.close()
