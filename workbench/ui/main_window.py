"""The main window: the map in the centre, movable docks around it, menus, toolbars and
a status bar. It wires widgets to the :class:`ProjectContext`; the widgets themselves
mirror the model and change it only through commands."""

from pathlib import Path

from qtpy.QtCore import QByteArray, QEvent, QObject, Qt
from qtpy.QtWidgets import QApplication, QDockWidget, QFileDialog, QLabel, QMainWindow, QToolBar, QWidget

from workbench.canvas.layer_list import LayerList
from workbench.canvas.tools import Mode
from workbench.canvas.view import MapView
from workbench.core.commands import DeleteInterventions
from workbench.filenames import with_project_suffix
from workbench.geo.measure import format_number
from workbench.i18n import _
from workbench.ui import settings
from workbench.ui.actions import WindowActions
from workbench.ui.capture_title import link_title_fields
from workbench.ui.context import ProjectContext
from workbench.ui.editor import InterventionEditor
from workbench.ui.i18n_qt import connect_retranslate, follow_language_with_qt
from workbench.ui.interventions_dock import InterventionsPanel
from workbench.ui.labels import escaped
from workbench.ui.messages import show_error, show_info
from workbench.ui.notices import ProjectNotice
from workbench.ui.opening import open_interactive, show_warnings
from workbench.ui.presentation import PresentationMode
from workbench.ui.project_panel import ProjectPanel
from workbench.ui.quick_capture import QuickCaptureBar
from workbench.ui.quotes import QuotesPanel
from workbench.ui.ranking import RankingPanel
from workbench.ui.sessions import SessionsPanel
from workbench.ui.start_screen import SampleBanner
from workbench.ui.themes import ThemesPanel
from workbench.ui.toets_dock import ToetsPanel
from workbench.ui.votes import VotesPanel

# what the import reads (a shapefile also zipped, as the README promises), then base maps
DROP_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".zip", ".csv", ".mbtiles", ".tif", ".tiff")


def dock_titles() -> dict:
    return {"interventions": _("Ideeën"), "editor": _("Idee bewerken"), "sessions": _("Bijeenkomsten"),
            "votes": _("Stemmen"), "ranking": _("Ranglijst"), "quotes": _("Citaten"), "themes": _("Thema's"),
            "project": _("Project"), "layers": _("Lagen"), "toets": _("Toets")}


class _DropFilter(QObject):
    """Lets files dropped on the map reach the window's import."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if self.window.dropped_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif event.type() == QEvent.Type.Drop:
            paths = self.window.dropped_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.window.import_paths(paths)
                return True
        return False


class MainWindow(QMainWindow):
    def __init__(self, parent=None):
        super().__init__(parent)
        follow_language_with_qt()
        self.setObjectName("main_window")
        self.context = ProjectContext(self)
        self.map_view = MapView(None)
        self.setCentralWidget(self.map_view)
        self.presentation = PresentationMode(self)
        self.actions_ = WindowActions(self)  # not "actions": QWidget.actions() exists
        self.panels, self.docks, self.toolbars = {}, {}, {}
        self.open_dialogs = []  # non-modal dialogs kept alive while shown
        self._build_docks()
        self._build_toolbars()
        self._build_status_bar()
        self._connect()
        self.setAcceptDrops(True)
        self._drop_filter = _DropFilter(self)
        self.map_view.viewport().installEventFilter(self._drop_filter)
        self.resize(self.default_size())
        self._update_actions()
        self.sample_banner = SampleBanner(self)  # "this is an example" while the sample is open
        connect_retranslate(self)
        self.restore_layout()

    def default_size(self):
        """1400x900, or less on a smaller screen (a 1366x768 laptop): the window must
        not start with its bottom, status bar included, below the screen."""
        from qtpy.QtCore import QSize

        size = QSize(1400, 900)
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry().size()
            # leave room for the frame and title bar the window manager adds
            size = size.boundedTo(QSize(available.width() - 16, available.height() - 40))
        return size

    # -- building ----------------------------------------------------------------------

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
        view_menu = self.actions_.menus["view"]
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())

    def _build_toolbars(self) -> None:
        self.toolbars["map"] = self.actions_.map_toolbar
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbars["map"])
        self.quick_capture = QuickCaptureBar(self.context, self.map_view, self.actions_.draw_modes,
                                             modes=self.actions_.modes)
        self.quick_capture.exitRequested.connect(self.presentation.leave)
        link_title_fields(self.quick_capture, self.panels["editor"])
        capture = QToolBar(self)
        capture.setObjectName("toolbar_capture")
        capture.addWidget(self.quick_capture)
        self.toolbars["capture"] = capture
        self.addToolBarBreak()
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, capture)
        for toolbar in self.toolbars.values():
            self.actions_.menus["view"].insertAction(self.actions_.dock_separator, toolbar.toggleViewAction())

    def _build_status_bar(self) -> None:
        self.session_label, self.coords_label, self.scale_label = QLabel(), QLabel(), QLabel()
        self.disclaimer_label = QLabel()  # "Fictief voorbeeld, ...": always in sight while a sample is open
        self.disclaimer_label.setStyleSheet("color: #b00000; font-weight: bold;")
        for label in (self.disclaimer_label, self.session_label, self.coords_label, self.scale_label):
            label.setTextFormat(Qt.TextFormat.PlainText)  # the session title is typed by users
            self.statusBar().addPermanentWidget(label)
        self.notice = ProjectNotice(self)  # OneDrive, or the sample: see ui/notices.py
        self.statusBar().insertPermanentWidget(0, self.notice)

    def _connect(self) -> None:
        c, view = self.context, self.map_view
        view.selectionChanged.connect(c.select)
        c.selectionChanged.connect(self._select_on_map)
        c.sessionFilterChanged.connect(view.set_session_filter)
        view.message.connect(self.show_message)
        c.message.connect(self.show_message)
        c.error.connect(lambda text: show_error(self, text))
        view.cursorMoved.connect(self._show_coords)
        view.scaleChanged.connect(self._show_scale)
        c.changed.connect(self._on_changed)
        self.panels["interventions"].zoomRequested.connect(view.zoom_to_selection)

    # -- texts -------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.actions_.retranslate()
        if hasattr(self.panels.get("layers"), "retranslate"):  # the canvas has no language signal
            self.panels["layers"].retranslate()
        for key, title in dock_titles().items():
            if key in self.docks:
                self.docks[key].setWindowTitle(title)
        self.toolbars["capture"].setWindowTitle(_("Snel vastleggen"))
        self.update_title()
        self._show_session()
        self._show_scale()
        self.notice.show_for(self.context.project)

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

    # -- the project --------------------------------------------------------------------

    def set_project(self, project) -> None:
        """Show ``project``; the previous one is closed (its edits are already in its file)."""
        old = self.context.project
        if old is not None and old is not project:
            self.commit_typing()
        self.map_view.set_project(project)
        self.context.set_project(project)
        if old is not None and old is not project:
            old.close()
        if project is not None and project.path:
            settings.add_recent_file(project.path)
        self.set_mode(Mode.SELECT)
        self.actions_.update_undo()
        self.update_title()
        self._show_session()
        self._update_actions()
        notice = self.notice.show_for(project)
        if notice:
            self.show_message(notice)
        if self.isVisible():
            self.map_view.zoom_to_area()

    def _update_actions(self) -> None:
        """What needs a project, or a project that may be changed, is greyed out without."""
        project = self.context.project
        writable = project is not None and not project.read_only
        for key in ("import", "merge", "sync", "delete", "new_session", "add_quote", "basemap",
                    "basemap_file"):
            self.actions_.a[key].setEnabled(writable)
        for key in ("save_as", "export", "zoom_area", "zoom_all", "zoom_selection"):
            self.actions_.a[key].setEnabled(project is not None)
        for action in self.actions_.draw_actions:
            action.setEnabled(writable)
        for mode in (Mode.MOVE, Mode.EDIT_VERTICES, Mode.COUNT_VOTES):  # each would end in "alleen-lezen"
            if mode in self.actions_.modes:
                self.actions_.modes[mode].setEnabled(writable)
        for panel in self.panels.values():
            panel.setEnabled(project is not None)
        self.quick_capture.setEnabled(project is not None)

    def open_path(self, path) -> bool:
        project = open_interactive(self, path)
        if project is None:
            if not Path(path).exists():
                settings.remove_recent_file(path)
            return False
        self.set_project(project)
        show_warnings(self, project)
        return True

    def _on_changed(self, event) -> None:
        if event.kind == "undo_stack":
            self.actions_.update_undo()
        elif event.kind == "info":
            self.update_title()
        elif event.kind in ("session", "session_current"):
            self._show_session()

    def _select_on_map(self, uuids) -> None:
        if self.map_view.selected() != list(uuids):
            self.map_view.select(uuids)

    def send_key_to_map(self, key) -> None:
        """Enter / Esc from the menu or shortcut: what the map does with that key."""
        from qtpy.QtGui import QKeyEvent

        self.map_view.setFocus()  # first: finishing may hand focus on to the title field
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)
        if key == Qt.Key.Key_Escape and self.presentation.active and not self.map_view.tool().drawing():
            # nothing being drawn: one Esc leaves full screen, as people expect (a
            # selection is not something to cancel first)
            self.presentation.leave()
            return
        # straight to the handler: posting the event would hit the shortcut again
        self.map_view.keyPressEvent(event)

    def set_mode(self, mode) -> None:
        self.map_view.set_mode(mode)
        action = self.actions_.modes.get(Mode(mode))
        if action is not None:
            action.setChecked(True)
        self.map_view.setFocus()

    # -- actions -------------------------------------------------------------------------

    def _keep(self, dialog):
        """Show a dialog without blocking; keep a reference while it is open."""
        self.open_dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: d in self.open_dialogs and self.open_dialogs.remove(d))
        dialog.open()
        return dialog

    def new_project(self):
        from workbench.ui.wizard import NewProjectWizard

        wizard = NewProjectWizard(self)
        wizard.accepted.connect(lambda: wizard.project is not None and self.set_project(wizard.project))
        return self._keep(wizard)

    def open_dialog(self) -> None:
        start = str(Path(self.context.project.path).parent) if self.context.project else ""
        path, _filter = QFileDialog.getOpenFileName(self, _("Project openen"), start, _("Projectbestand (*.gpkg)"))
        if path:
            self.open_path(path)

    def fill_recent_menu(self) -> None:
        menu = self.actions_.menus["recent"]
        menu.clear()
        files = settings.recent_files()
        for number, path in enumerate(files, 1):
            action = menu.addAction(f"&{number} {Path(path).name}")
            action.setToolTip(escaped(path))
            action.setStatusTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if not files:
            menu.addAction(_("(nog geen)")).setEnabled(False)

    def fill_current_session_menu(self) -> None:
        """One checkable item per session; choosing one makes it current."""
        from qtpy.QtGui import QActionGroup

        menu = self.actions_.menus["current"]
        menu.clear()
        project = self.context.project
        group = QActionGroup(menu)
        for session in (project.sessions() if project else []):
            action = menu.addAction(session.title)
            action.setCheckable(True)
            action.setChecked(session.uuid == project.current_session_uuid)
            action.setActionGroup(group)
            action.triggered.connect(lambda _c=False, u=session.uuid: self.context.project.set_current_session(u))
        if not menu.actions():
            menu.addAction(_("(nog geen)")).setEnabled(False)

    def save_as(self) -> None:
        project = self.context.project
        if project is None:
            return
        path, _filter = QFileDialog.getSaveFileName(self, _("Opslaan als"), str(project.path),
                                                    _("Projectbestand (*.gpkg)"))
        if path:
            self.save_as_to(path)

    def save_as_to(self, path) -> None:
        from workbench.errors import WorkbenchError
        from workbench.io.output import FileInUseError
        from workbench.io.save_as import save_as
        from workbench.ui.other_name import ask_other_name

        project = self.context.project
        path = with_project_suffix(path)
        try:
            save_as(project, path)
        except FileInUseError as error:  # on Windows: open in QGIS, say; offer "NAME (2).gpkg"
            path = ask_other_name(self, error, _("Projectbestand (*.gpkg)"))
            if path is not None:
                self.save_as_to(path)
            return
        except WorkbenchError as error:
            show_error(self, str(error))
            return
        except OSError as error:
            show_error(self, _("Opslaan mislukt: {error}").format(error=error.strerror or error))
            return
        # save_as already continues in the new file (and holds its lock): adopt it here,
        # do not open it a second time (that tripped over our own lock: "al geopend").
        settings.add_recent_file(project.path)
        self.update_title()
        notice = self.notice.show_for(project)  # e.g. saved into OneDrive
        self.show_message(" ".join([_("Opgeslagen als {name}; u werkt nu verder in dit bestand.").format(
            name=Path(project.path).name), notice]).strip())

    def delete_selected(self) -> None:
        focused = QApplication.focusWidget()
        for key in ("sessions", "themes", "quotes", "project", "votes", "ranking", "layers"):
            panel = self.panels.get(key)
            if panel is None or focused is None or not (focused is panel or panel.isAncestorOf(focused)):
                continue
            # Delete in a list of sessions, themes or quotes is about that list (each asks
            # or can be undone), never about the idea selected on the map, out of sight
            if focused is getattr(panel, "list", None):
                {"sessions": lambda: panel.delete_session(), "themes": lambda: panel.delete_theme(),
                 "quotes": lambda: panel.delete()}.get(key, lambda: None)()
            return
        uuids = self.context.selection()
        if uuids and self.context.run(DeleteInterventions(uuids)):
            self.show_message(_("{count} idee(ën) verwijderd; Ctrl+Z maakt dit ongedaan.").format(count=len(uuids)))

    def new_session(self):
        if self.context.project is not None:
            return self.panels["sessions"].add_session()
        return None

    def add_quote(self) -> None:
        self.docks["quotes"].show()
        self.docks["quotes"].raise_()
        self.panels["quotes"].new_quote()
        self.panels["quotes"].text.setFocus()

    def settings_dialog(self):
        from workbench.ui.settings import SettingsDialog

        return self._keep(SettingsDialog(self))

    def export_dialog(self):
        from workbench.ui.export_dialog import ExportDialog

        if self.context.project is None:
            return None
        return self._keep(ExportDialog(self.context, self))

    def _data_dialog(self, dialog_class, *args):
        return self._keep(dialog_class(self.context.project, *args, parent=self))

    def underlay_dialog(self) -> bool:
        """Kaart > Ondergrond laden: a scan or aerial photo under the map. With a world
        file it is placed at once; otherwise the map asks for two points on the image
        and two on the map (its messages guide the facilitator)."""
        if self.context.project is None or self.context.project.read_only:
            return False
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Ondergrond laden"), str(Path(self.context.project.path).parent),
            _("Afbeeldingen (*.png *.jpg *.jpeg);;Alle bestanden (*)"))
        return bool(path) and self.map_view.load_underlay(path)

    def import_dialog(self):
        if self.context.project is None:
            return None
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Importeren"), str(Path(self.context.project.path).parent),
            _("Geodata (*.geojson *.json *.gpkg *.shp *.zip *.csv);;Alle bestanden (*)"))
        return self.import_paths([path]) if path else None

    def import_paths(self, paths):
        if self.context.project is None or self.context.project.read_only:
            show_error(self, _("Open eerst een project dat u mag wijzigen."))
            return None
        from workbench.ui.basemap_files import import_basemap_file, is_basemap_file

        if is_basemap_file(paths[0]):  # MBTiles, GeoTIFF, a GeoPackage of tiles
            return import_basemap_file(self, paths[0])
        from workbench.ui.import_dialog import ImportDialog

        return self._data_dialog(ImportDialog, paths[0])

    def merge_dialog(self):
        if self.context.project is None:
            return None
        from workbench.ui.merge_dialog import MergeDialog

        return self._data_dialog(MergeDialog)

    def sync_dialog(self):
        if self.context.project is None:
            return None
        from workbench.ui.sync_dialog import SyncDialog

        return self._data_dialog(SyncDialog)

    def shortcut_lines(self) -> list:
        """"Ctrl+Z  Ongedaan maken", ... for every action with a key, plus the map's keys."""
        from qtpy.QtGui import QKeySequence

        lines = []
        for action in self.actions_.a.values():  # the map modes are in there too
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            if keys:
                lines.append(f"{keys}\t{action.text().split(chr(9))[0].replace('&', '').split(':')[0]}")
        lines += [f"Enter\t{_('Lijn of vlak afronden')}", f"Esc\t{_('Tekening annuleren')}",
                  f"1 – 9\t{_('Themakleur kiezen (op de kaart)')}", f"+ / −\t{_('In- en uitzoomen')}"]
        return lines

    def show_shortcuts(self) -> None:
        import html

        from qtpy.QtWidgets import QMessageBox

        rows = "".join("<tr><td><b>{}</b></td><td>&nbsp;&nbsp;{}</td></tr>".format(
            *(html.escape(part) for part in line.split("\t", 1))) for line in self.shortcut_lines())
        QMessageBox.information(self, _("Sneltoetsen"), f"<table>{rows}</table>")

    def about(self) -> None:
        from workbench import __version__

        show_info(self, _("Gebiedsvisie Werkbank {version}\n\nIdeeën van bewoners op de kaart, gelabeld met de "
                          "thema's van de omgevingsvisie.").format(version=__version__))

    # -- drag and drop --------------------------------------------------------------------

    @staticmethod
    def dropped_paths(mime) -> list:
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile().lower().endswith(DROP_SUFFIXES)]

    def dragEnterEvent(self, event) -> None:
        if self.dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = self.dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- layout between runs -----------------------------------------------------------------

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
            self.resizeDocks([self.docks["interventions"], self.docks["editor"]], [280, 260],
                             Qt.Orientation.Horizontal)

    def save_layout(self) -> None:
        if self.presentation.active:
            self.presentation.leave()
        store = settings.qsettings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState())
        store.sync()

    def commit_typing(self) -> None:
        """A field still being typed in commits when it loses focus: do that while the
        project is open, so closing the window or opening another project (from a menu,
        which takes no focus) keeps what was typed."""
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()
        self.quick_capture.commit_title(refocus=False)

    def closeEvent(self, event) -> None:
        self.commit_typing()
        for child in self.findChildren(QWidget):  # e.g. the large ranking on the projector
            if child.isWindow() and child.isVisible() and not isinstance(child, QDockWidget):
                child.close()
        self.save_layout()
        project = self.context.project
        self.context.set_project(None)
        self.map_view.set_project(None)
        if project is not None:
            project.close()
        super().closeEvent(event)
