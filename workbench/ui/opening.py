"""Opening a project file from the app: in use or damaged gives a Dutch dialog that
offers read-only; what opening repaired is shown once."""

from pathlib import Path

from workbench.errors import ProjectFileError, ProjectInUseError, WorkbenchError
from workbench.i18n import _
from workbench.ui.messages import confirm, show_error, show_info
from workbench.store.errors import os_sentence


def open_interactive(parent, path):
    """The opened project, or None (the user was told why)."""
    from workbench.store import open_project

    path = Path(path)
    try:
        return open_project(path)
    except ProjectInUseError as error:
        question = _("{error}\n\nWilt u het alleen-lezen openen? U kunt dan kijken maar niets wijzigen.").format(
            error=error)
    except ProjectFileError as error:
        if not path.is_file():
            show_error(parent, str(error), _("Project openen"))
            return None
        question = _("{error}\n\nAlleen-lezen openen proberen?").format(error=error)
    except OSError as error:
        show_error(parent, os_sentence(error, path))
        return None
    if not confirm(parent, question, _("Project openen")):
        return None
    try:
        return open_project(path, read_only=True)
    except WorkbenchError as error:
        show_error(parent, str(error), _("Project openen"))
        return None


def show_warnings(parent, project) -> None:
    if project.warnings:
        text = _("Bij het openen is het volgende gerepareerd of overgeslagen:") + "\n\n" + \
            "\n".join(f"• {w}" for w in project.warnings)
        show_info(parent, text, _("Project geopend"))
