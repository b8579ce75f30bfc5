"""The window's docks: which panel sits where on a first start, their titles, and the
layout (window size, dock places) kept between runs.

Only the panels in sight at the start are built with the window: the ideas list, the
editor and the layers. Those behind another tab are built when first needed (their tab
is chosen, code asks for them) and otherwise right after the first painted map, so the
map appears sooner (issue 14) and every dock is there a moment later as before.
"""

import importlib

from qtpy.QtCore import QByteArray, Qt, QTimer
from qtpy.QtWidgets import QDockWidget

from workbench.canvas.layer_list import LayerList
from workbench.i18n import _
from workbench.ui import heap, settings
from workbench.ui.dock_tabs import DockTabStyler, first_start_widths
from workbench.ui.editor import InterventionEditor
from workbench.ui.interventions_dock import InterventionsPanel

DOCK_ORDER = ("interventions", "sessions", "themes", "editor", "votes", "ranking", "quotes", "project", "toets",
              "layers")
# behind another tab on a first start: built when first needed
LATER = {"sessions": "workbench.ui.sessions:SessionsPanel", "themes": "workbench.ui.themes:ThemesPanel",
         "votes": "workbench.ui.votes:VotesPanel", "ranking": "workbench.ui.ranking:RankingPanel",
         "quotes": "workbench.ui.quotes:QuotesPanel", "project": "workbench.ui.project_panel:ProjectPanel",
         "toets": "workbench.ui.toets_dock:ToetsPanel"}


def dock_titles() -> dict:
    # short: five tabs share a dock of ~290 px on a 1366 px laptop (see ui/dock_tabs.py)
    return {"interventions": _("Ideeën"), "editor": _("Idee"), "sessions": _("Bijeenkomsten"),
            "votes": _("Stemmen"), "ranking": _("Ranglijst"), "quotes": _("Citaten"), "themes": _("Thema's"),
            "project": _("Project"), "layers": _("Lagen"), "toets": _("Toets")}


class Panels(dict):
    """The docks' panels by key. Asking for one not built yet (``panels["votes"]``)
    builds it; ``get``, ``values`` and ``in`` see only the panels built so far."""

    def __init__(self, build):
        super().__init__()
        self._build = build

    def __missing__(self, key):
        if key not in LATER:
            raise KeyError(key)
        return self._build(key)

    def pending(self) -> list:
        return [key for key in LATER if key not in self]


class WindowDocks:
    """Mixed into :class:`MainWindow`: builds the docks and keeps their layout."""

    def _build_docks(self) -> None:
        c = self.context
        self.panels = Panels(self._build_panel)
        self.panels.update({"interventions": InterventionsPanel(c), "editor": InterventionEditor(c),
                            "layers": LayerList(self.map_view)})
        for key in DOCK_ORDER:
            dock = QDockWidget(self)
            dock.setObjectName(f"dock_{key}")
            if key in self.panels:
                dock.setWidget(self.panels[key])
            else:  # built once its tab is chosen
                dock.visibilityChanged.connect(lambda shown, k=key: shown and self.panels[k])
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
        self.map_view.painted.connect(self._build_pending_panels_soon)

    def _build_panel(self, key):
        module, name = LATER[key].split(":")
        panel_class = getattr(importlib.import_module(module), name)
        panel = panel_class(self.context)  # it shows the project open already (ProjectContext.on_project)
        self.panels[key] = panel
        panel.setEnabled(self.context.project is not None)
        self.docks[key].setWidget(panel)
        return panel

    def _build_pending_panels_soon(self) -> None:
        """After the first painted map (not inside its paint): the docks behind other
        tabs, one per turn of the event loop so the window keeps answering."""
        QTimer.singleShot(0, self, self._build_pending_panels)

    def _build_pending_panels(self) -> None:
        pending = self.panels.pending()
        if pending:
            self._build_panel(pending[0])
            self._build_pending_panels_soon()
        else:
            heap.settle()  # the docks' rows live as long as the project (see ui/heap.py)

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
