"""PDF output: the handout for residents, the report for planners, the poster.

Drawn with reportlab from the core model (no Qt, no screenshots)::

    from workbench.report import export_pdf
    export_pdf(project, "handout.pdf", kind="handout", session_uuid=None,
               progress=lambda fraction: True)

``progress(fraction)`` is called as pages are laid out; returning False cancels (the
export then raises :class:`ExportCancelled` and leaves no file behind).
"""

from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.i18n import _

KINDS = ("handout", "report", "poster", "terugkoppeling")


class ExportError(WorkbenchError):
    """The PDF cannot be made as asked (bad kind, unknown session); where it may be written
    is for the guarded writer (``workbench.io.output.OutputError``)."""


class ExportCancelled(WorkbenchError):
    """The user cancelled the export; nothing was written."""


def _builder(kind):
    if kind == "handout":
        from workbench.report import handout as module
    elif kind == "report":
        from workbench.report import planner_report as module
    elif kind == "poster":
        from workbench.report import poster as module
    elif kind == "terugkoppeling":
        from workbench.report import terugkoppeling as module
    else:
        raise ExportError(_("Onbekende soort PDF '{kind}'. Kies handout, report, poster of terugkoppeling.")
                          .format(kind=kind))
    return module.build


def export_pdf(project, out, kind="handout", session_uuid=None, progress=None) -> Path:
    """Write the PDF of ``kind`` for ``project`` to ``out``; returns the path.

    The file is written through the guarded writer (``workbench/io/output.py``): never
    over a project, and a failed or cancelled export leaves no half PDF.
    """
    build = _builder(kind)
    if session_uuid is not None and project.get("session", session_uuid) is None:
        raise ExportError(_("Deze bijeenkomst bestaat niet (meer) in het project."))
    from workbench.io.output import writing

    def report_progress(fraction):
        if progress is not None and progress(fraction) is False:
            raise ExportCancelled(_("Het maken van de PDF is afgebroken."))

    if session_uuid is not None:  # only that session's ideas, their votes, quotes and answers
        from workbench.core.scope import session_scope

        project = session_scope(project, session_uuid)
    with writing(out, project.path) as temporary:  # the one guarded writer: see workbench/io/output.py
        report_progress(0.0)
        build(project, str(temporary), session_uuid=session_uuid, progress=report_progress)
        report_progress(1.0)
    return Path(out)
