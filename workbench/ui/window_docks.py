"""The window's docks: which panel sits where on a first start, their titles, and the
layout (window size, dock places) kept between runs."""

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QDockWidget

from workbench.canvas.layer_list import LayerList
from workbench.i18n import _
from workbench.ui import settings
from workbench.ui.dock_tabs import DockTabStyler, first_start_widths
from workbench.ui.editor import InterventionEditor
from workbench.ui.interventions_dock import InterventionsPanel
from workbench.ui.project_panel import ProjectPanel
from workbench.ui.quotes import QuotesPanel
from workbench.ui.ranking import RankingPanel
from workbench.ui.sessions import SessionsPanel
from workbench.ui.themes import ThemesPanel
from workbench.ui.toets_dock import ToetsPanel
from workbench.ui.votes import VotesPanel


def dock_titles() -> dict:
    # short: five tabs share a dock of ~290 px on a 1366 px laptop (see ui/dock_tabs.py)
    return {"interventions": _("Ideeën"), "editor": _("Idee"), "sessions": _("Bijeenkomsten"),
            "votes": _("Stemmen"), "ranking": _("Ranglijst"), "quotes": _("Citaten"), "themes": _("Thema's"),
            "project": _("Project"), "layers": _("Lagen"), "toets": _("Toets")}


class WindowDocks:
    """Mixed into :class:`MainWindow`: builds the docks and keeps their layout."""

    def _build_docks(self) -> None:
        c = self.context
        self.panels = {"interventions": InterventionsPanel(c), "sessions": SessionsPanel(c),
                       "themes": ThemesPanel(c), "editor": InterventionEditor(c), "votes": VotesPanel(c),
                       "ranking": RankingPanel(c), "quotes": QuotesPanel(c), "project": ProjectPanel(c),
                       "toets": ToetsPanel(c)}
        self.panels["layers"] = LayerList(self.map_view)
        for key, panel in self.panels.items():
            dock = QDockWidget(self)
            dock.setObjectName(f"dock_{key}")
            dock.setWidget(panel)
            self.docks[key] = dock
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.addDockWidget(left, self.docks["interventions"])
        for key in ("sessions", "themes", "project"):
            self.addDockWidget(left, self.docks[key])
            self.tabifyDockWidget(self.docks["interventions"], self.docks[key])
        if "layers" in self.docks:  # short: below the list rather than a fifth tab
            self.addDockWidget(left, self.docks["layers"])
            self.resizeDocks([self.docks["interventions"], self.docks["layers"]], [700, 170], Qt.Orientation.Vertical)
        self.addDockWidget(right, self.docks["editor"])
        for key in ("votes", "ranking", "quotes", "toets"):
            self.addDockWidget(right, self.docks[key])
            self.tabifyDockWidget(self.docks["editor"], self.docks[key])
        self.docks["interventions"].raise_()
        self.docks["editor"].raise_()
        self.resizeDocks([self.docks["interventions"], self.docks["editor"]], [300, 290], Qt.Orientation.Horizontal)
        self._dock_tabs = DockTabStyler(self)  # titles readable, not "Ide...", at 1366 px
        view_menu = self.actions_.menus["view"]
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())

    def restore_layout(self) -> None:
        store = settings.qsettings()
        geometry, state = store.value("window/geometry"), store.value("window/state")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        self._narrow_docks = not (isinstance(state, QByteArray) and not state.isEmpty())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if getattr(self, "_narrow_docks", False):  # first start: the map gets most of the window
            self._narrow_docks = False
            docks = [self.docks["interventions"], self.docks["editor"]]
            self.resizeDocks(docks, first_start_widths(self, docks, [280, 260]), Qt.Orientation.Horizontal)

    def save_layout(self) -> None:
        if self.presentation.active:
            self.presentation.leave()
        store = settings.qsettings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState())
        store.sync()
