"""PDF output: the handout for residents, the report for planners, the poster.

Drawn with reportlab from the core model (no Qt, no screenshots)::

    from workbench.report import export_pdf
    export_pdf(project, "handout.pdf", kind="handout", session_uuid=None,
               progress=lambda fraction: True)

``progress(fraction)`` is called as pages are laid out; returning False cancels (the
export then raises :class:`ExportCancelled` and leaves no file behind).
"""

import os
import tempfile
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.i18n import _

KINDS = ("handout", "report", "poster")


class ExportError(WorkbenchError):
    """The PDF could not be written (bad kind, unknown session, unwritable place)."""


class ExportCancelled(WorkbenchError):
    """The user cancelled the export; nothing was written."""


def _builder(kind):
    if kind == "handout":
        from workbench.report import handout as module
    elif kind == "report":
        from workbench.report import planner_report as module
    elif kind == "poster":
        from workbench.report import poster as module
    else:
        raise ExportError(_("Onbekende soort PDF '{kind}'. Kies handout, report of poster.").format(kind=kind))
    return module.build


def export_pdf(project, out, kind="handout", session_uuid=None, progress=None) -> Path:
    """Write the PDF of ``kind`` for ``project`` to ``out``; returns the path.

    The file is written next to ``out`` under a temporary name and renamed when
    complete, so a failed or cancelled export never leaves half a PDF.
    """
    build = _builder(kind)
    if session_uuid is not None and project.get("session", session_uuid) is None:
        raise ExportError(_("Deze bijeenkomst bestaat niet (meer) in het project."))
    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(_("De map {folder} bestaat niet.").format(folder=folder))
    if out.is_dir():
        raise ExportError(_("{path} is een map; geef een bestandsnaam op.").format(path=out))
    if project.path is not None and out.resolve() == Path(project.path).resolve():
        # the rename would put the PDF in the project's place; later edits would be lost
        raise ExportError(_("Kies een ander bestand om naar te exporteren dan het project zelf."))

    def report_progress(fraction):
        if progress is not None and progress(fraction) is False:
            raise ExportCancelled(_("Het maken van de PDF is afgebroken."))

    report_progress(0.0)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".werkbank-", suffix=".pdf.part", dir=folder)
    except OSError as error:
        raise ExportError(_("Kan niet schrijven in {folder}: {reason}.")
                          .format(folder=folder, reason=error.strerror or error)) from None
    os.close(handle)
    try:
        build(project, temporary, session_uuid=session_uuid, progress=report_progress)
        report_progress(1.0)
        os.replace(temporary, out)
    except OSError as error:
        raise ExportError(_("Kan {path} niet schrijven: {reason}.")
                          .format(path=out, reason=error.strerror or error)) from None
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return out
