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
from workbench.i18n import _
from workbench.io.merge import KEEP_BOTH, merge_projects
from workbench.io.merge_summary import MergeSummary
from workbench.store import postgis
from workbench.store.merge_source import project_uuid
from workbench.sync.rows import snapshot, to_row

ATTEMPTS = 5


def sync_project(project, url, rule=KEEP_BOTH, progress=None) -> MergeSummary:
    """Sync the open ``project`` with the database at ``url``; returns what the pull merged."""
    uuid = project_uuid(project.repository)
    if not uuid:
        raise postgis.DatabaseError(_("Dit project heeft geen project-UUID en kan niet worden gesynchroniseerd."))
    conn = postgis.connect(url)
    try:
        for _attempt in range(ATTEMPTS):
            summary = _once(conn, project, uuid, rule, progress or (lambda step: None))
            if summary is not None:
                return summary
        raise postgis.DatabaseError(_("De database veranderde steeds tijdens het synchroniseren; probeer het "
                                      "zo nog eens."))
    finally:
        conn.close()


def _once(conn, project, uuid, rule, progress):
    progress(_("Versies lezen"))
    remote = postgis.versions_of(conn, uuid)
    local = project.repository.versions()
    incoming = [u for u, version in remote.items()
                if vv.compare(version, local.get(u, (None, {}, None))[1]) in (vv.NEWER, vv.CONCURRENT)]
    summary = MergeSummary()
    label = _("de database")
    if incoming:
        progress(_("Ophalen"))
        summary = merge_projects(project, [snapshot(postgis.rows(conn, uuid, incoming))], rule, [label])
        local = project.repository.versions()
    summary.sources = [label]
    outgoing = [to_row(project, u, kind, version, alive) for u, (kind, version, alive) in local.items()
                if vv.compare(version, remote.get(u, {})) in (vv.NEWER, vv.CONCURRENT)]
    if outgoing:
        progress(_("Versturen"))
        try:
            postgis.push(conn, uuid, project.info.name, {r[0]: remote[r[0]] for r in outgoing if r[0] in remote},
                         outgoing)
        except postgis.ChangedMeanwhile:
            return None
    summary.pushed = len(outgoing)
    return summary
