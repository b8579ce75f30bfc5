"""``workbench export pdf PATH OUT [--kind handout|report|poster] [--session TITLE]``."""

from workbench.i18n import _
from workbench.report import ExportError, export_pdf


def cmd_export_pdf(args):
    from workbench.store import open_project

    project = open_project(args.path, read_only=True)
    try:
        session_uuid = None
        if args.session:
            session = project.session_by_title(args.session)
            if session is None:
                titles = ", ".join(f"'{s.title}'" for s in project.sessions()) or _("(geen)")
                raise ExportError(_("Onbekende bijeenkomst '{title}'. Bijeenkomsten in dit project: {titles}.")
                                  .format(title=args.session, titles=titles))
            session_uuid = session.uuid
        out = export_pdf(project, args.out, kind=args.kind or "handout", session_uuid=session_uuid)
    finally:
        project.close()
    print(_("PDF geschreven naar {path}.").format(path=out))
    return 0
