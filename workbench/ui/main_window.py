"""The main window: the map in the centre, movable docks around it, menus, toolbars and
a status bar. It wires widgets to the :class:`ProjectContext`; the widgets themselves
mirror the model and change it only through commands.

Each of its other jobs lives in a module of its own, mixed in here: the docks and their
layout (window_docks), the status bar and title (window_status), the file actions
(window_files), dropped files (window_drop) and the help menu (window_help)."""

from qtpy.QtCore import QEvent, Qt, QTimer
from qtpy.QtWidgets import QApplication, QDockWidget, QMainWindow, QToolBar, QWidget

from workbench.canvas.tools import Mode
from workbench.canvas.view import MapView
from workbench.core.commands import DeleteInterventions
from workbench.i18n import _
from workbench.ui import heap, settings
from workbench.ui.actions import WindowActions
from workbench.ui.capture_title import link_title_fields
from workbench.ui.context import ProjectContext
from workbench.ui.i18n_qt import connect_retranslate, follow_language_with_qt
from workbench.ui.messages import show_error
from workbench.ui.presentation import PresentationMode
from workbench.ui.quick_capture import QuickCaptureBar
from workbench.ui.start_screen import SampleBanner
from workbench.ui.window_docks import WindowDocks, dock_titles
from workbench.ui.window_drop import DropFilter, WindowDrops
from workbench.ui.window_files import WindowFiles
from workbench.ui.window_help import WindowHelp
from workbench.ui.window_status import WindowStatus


class MainWindow(WindowFiles, WindowDocks, WindowStatus, WindowDrops, WindowHelp, QMainWindow):
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
        self._close_refused = False  # a close was refused for typing a form could not keep
        self.open_dialogs = []  # non-modal dialogs kept alive while shown
        self._build_docks()
        self._build_toolbars()
        self._build_status_bar()
        self._connect()
        self.setAcceptDrops(True)
        self._drop_filter = DropFilter(self)
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

    # -- the project --------------------------------------------------------------------

    def set_project(self, project) -> None:
        """Show ``project``; the previous one is closed (its edits are already in its file)."""
        old = self.context.project
        if old is not None and old is not project:
            self.commit_typing()
            heap.release()
        self.map_view.set_project(project)
        self.context.set_project(project)
        if old is not None and old is not project:
            old.close()
        if project is not None and project.path:
            self.remember_recent(project.path)
        self.set_mode(Mode.SELECT)
        self.actions_.update_undo()
        self.update_title()
        self._show_session()
        self._update_actions()
        # once this call has returned: until then ``old`` still holds the closed project
        QTimer.singleShot(0, self, heap.settle)
        notice = self.notice.show_for(project)
        if notice:
            self.show_message(notice)
        if self.isVisible():
            self.map_view.zoom_to_area(step=False)  # a project opening: the map first

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

    def _on_changed(self, event) -> None:
        self._close_refused = False  # work went on since: a refusal is said again at the next close
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

    def commit_typing(self) -> bool:
        """A field still being typed in commits when it loses focus: do that while the
        project is open, so closing the window or opening another project (from a menu,
        which takes no focus) keeps what was typed. False when a form refused what was
        typed (its reason shows): a closing window stays open."""
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()
        self.quick_capture.commit_title(refocus=False)
        kept = [self.panels[key].keep_typing() for key in ("quotes", "toets", "project")  # forms with a button
                if key in self.panels]
        return all(kept)

    def closeEvent(self, event) -> None:
        if not self.commit_typing() and not self._close_refused:
            # what was typed stays, with the reason it was refused; closing again closes
            # (the reason was said: a window must not trap its user)
            self._close_refused = True
            event.ignore()
            return
        self.write_pending_recent()
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
