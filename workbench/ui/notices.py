"""Non-blocking notices about the open project, in the status bar: the project lies in
OneDrive (work locally, share copies, merge), or it is the first-start sample, meant to
practise on. A short line with the whole advice as its tooltip; it stays while that
project is open, and the whole text is also shown once as a status message."""

from pathlib import Path

from qtpy.QtCore import Qt
from qtpy.QtWidgets import QLabel

from workbench.i18n import _
from workbench.locations import default_project_folder, onedrive_warning
from workbench.paths import same_file


def is_sample(path) -> bool:
    """Whether ``path`` is the first-start sample in the user's local data folder."""
    from workbench.ui.app import sample_path

    return path is not None and same_file(path, sample_path())


def project_notices(project) -> list:
    """[(short line, whole text)] for ``project`` (None: none)."""
    if project is None or project.path is None:
        return []
    notices = []
    if is_sample(project.path):
        notices.append((_("Voorbeeldproject om te oefenen"),
                        _("Dit is het voorbeeldproject Heerlerheide, om te oefenen; het staat in een verborgen "
                          "programmamap. Begin uw eigen project met Bestand > Nieuw project (Ctrl+N); dat komt "
                          "standaard in {folder}.").format(folder=default_project_folder())))
    warning = onedrive_warning(Path(project.path))
    if warning:
        notices.append((_("Dit project staat in OneDrive; werk liever lokaal"), warning))
    return notices


class ProjectNotice(QLabel):
    """The status-bar line; empty and hidden when there is nothing to say."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("project_notice")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.full_text = ""
        self.hide()

    def show_for(self, project) -> str:
        """Show the notices for ``project``; returns the whole text (empty when none)."""
        notices = project_notices(project)
        self.setText(" · ".join(f"⚠ {short}" for short, _whole in notices))
        self.full_text = "\n\n".join(whole for _short, whole in notices)
        self.setToolTip(self.full_text)
        self.setVisible(bool(notices))
        return self.full_text
