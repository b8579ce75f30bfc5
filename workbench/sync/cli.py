"""``workbench db init --db URL``, ``workbench db grant``, ``workbench sync PATH --db URL``."""

from workbench.i18n import _


def add_parser(sub) -> None:
    p = sub.add_parser("db", help=_("gedeelde PostGIS-database beheren"))
    actions = p.add_subparsers(dest="db_command", required=True)
    q = actions.add_parser("init", help=_("schema aanmaken of bijwerken"))
    q.add_argument("--db", required=True)
    q.set_defaults(run=cmd_db_init)
    q = actions.add_parser("grant", help=_("een rol een project laten lezen en schrijven"))
    q.add_argument("--db", required=True)
    q.add_argument("--project", required=True, help=_("project-UUID of projectbestand"))
    q.add_argument("--role", required=True)
    q.add_argument("--read-only", action="store_true", help=_("alleen lezen, niet schrijven"))
    q.set_defaults(run=cmd_db_grant)
    p = sub.add_parser("sync", help=_("project synchroniseren met de gedeelde database"))
    p.add_argument("path")
    p.add_argument("--db", required=True)
    p.add_argument("--newest-wins", action="store_true")
    p.set_defaults(run=cmd_sync)


def cmd_db_init(args):
    from workbench.store import postgis

    conn = postgis.connect(args.db)
    try:
        done = postgis.init(conn)
    finally:
        conn.close()
    print(_("Databaseschema bijgewerkt (migraties: {numbers}).").format(numbers=", ".join(map(str, done)) or "-"))
    return 0


def cmd_db_grant(args):
    import os

    from workbench.store import open_project, postgis
    from workbench.store.merge_source import project_uuid

    project_id = args.project
    if os.path.exists(project_id):
        project = open_project(project_id, read_only=True)
        try:
            project_id = project_uuid(project.repository)
        finally:
            project.close()
    else:
        project_id = _project_uuid_text(project_id)
    conn = postgis.connect(args.db)
    try:
        postgis.grant(conn, project_id, args.role, write=not args.read_only)
    finally:
        conn.close()
    if args.read_only:
        text = _("Rol {role} mag project {project} nu lezen, niet schrijven.")
    else:
        text = _("Rol {role} mag project {project} nu lezen en schrijven.")
    print(text.format(role=args.role, project=project_id))
    return 0


def _project_uuid_text(text) -> str:
    """A project UUID typed on the command line, normalised; a mistyped file name is not
    granted as if it were one (the grants table would take any text)."""
    import uuid

    from workbench.errors import ValidationError

    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        raise ValidationError(_("'{text}' is geen bestaand projectbestand en ook geen project-UUID; geef het pad "
                                "van het project of de UUID die 'workbench info --json' noemt.")
                              .format(text=text)) from None


def cmd_sync(args):
    from workbench.io.merge import KEEP_BOTH, NEWEST_WINS
    from workbench.store import open_project
    from workbench.sync.run import sync_project

    from workbench.store.postgis_errors import ReadOnlyRefusal

    project = open_project(args.path)
    try:
        summary = sync_project(project, args.db, NEWEST_WINS if args.newest_wins else KEEP_BOTH)
    except ReadOnlyRefusal as refusal:  # what was fetched and merged is reported before the refusal
        for line in refusal.summary.lines():
            print(line)
        raise
    finally:
        project.close()
    for line in summary.lines():
        print(line)
    print(summary.pushed_line())
    return 0
