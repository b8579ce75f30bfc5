"""The status bar (session, RD coordinates, scale, the example's disclaimer) and the
window title."""

from pathlib import Path

from qtpy.QtCore import Qt
from qtpy.QtWidgets import QLabel

from workbench.geo.measure import format_number
from workbench.i18n import _
from workbench.ui.notices import ProjectNotice


class WindowStatus:
    """Mixed into :class:`MainWindow`: what the status bar and the title bar say."""

    def _build_status_bar(self) -> None:
        self.session_label, self.coords_label, self.scale_label = QLabel(), QLabel(), QLabel()
        self.disclaimer_label = QLabel()  # "Fictief voorbeeld, ...": always in sight while a sample is open
        self.disclaimer_label.setStyleSheet("color: #b00000; font-weight: bold;")
        for label in (self.disclaimer_label, self.session_label, self.coords_label, self.scale_label):
            label.setTextFormat(Qt.TextFormat.PlainText)  # the session title is typed by users
            self.statusBar().addPermanentWidget(label)
        self.notice = ProjectNotice(self)  # OneDrive, or the sample: see ui/notices.py
        self.statusBar().insertPermanentWidget(0, self.notice)

    def update_title(self) -> None:
        project = self.context.project
        self.disclaimer_label.setText(project.info.disclaimer if project is not None else "")
        self.disclaimer_label.setVisible(bool(self.disclaimer_label.text()))
        if project is None:
            self.setWindowTitle(_("Gebiedsvisie Werkbank"))
            return
        name = project.info.name or Path(project.path).stem
        suffix = " " + _("(alleen lezen)") if project.read_only else ""
        self.setWindowTitle(f"{name}{suffix} — {_('Gebiedsvisie Werkbank')}")

    def _show_session(self) -> None:
        project = self.context.project
        session = project.get("session", project.current_session_uuid) if project and project.current_session_uuid else None
        self.session_label.setText(_("Bijeenkomst: {title}").format(title=session.title) if session
                                   else _("Geen bijeenkomst gekozen"))

    def _show_scale(self, denominator=None) -> None:
        if denominator is not None:
            self._scale = denominator
        if getattr(self, "_scale", None):
            self.scale_label.setText(_("Schaal 1:{n}").format(n=format_number(self._scale)))

    def _show_coords(self, x: float, y: float) -> None:
        self.coords_label.setText(_("RD x {x}  y {y}").format(x=format_number(x), y=format_number(y)))

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)
        self.presentation.show_message(text)  # the status bar is hidden there
