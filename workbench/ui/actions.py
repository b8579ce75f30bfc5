"""The window's actions, menus and toolbars, with standard shortcuts. Texts are set in
``retranslate`` so a language switch relabels everything in place."""

import importlib.util
import sys

from qtpy.QtCore import Qt
from qtpy.QtGui import QAction, QActionGroup, QKeySequence
from qtpy.QtWidgets import QMenu, QToolBar

from workbench.canvas.tools import MODE_LABELS, MODE_SHORTCUTS, Mode
from workbench.ui.icons import icon
from workbench.i18n import _

DRAW_MODES = (Mode.POINT, Mode.LINE, Mode.POLYGON, Mode.FREEHAND)

PLATFORM = sys.platform  # the tests set it to check the keys of another platform
# Keys the operating system takes before the app sees them: Windows switches the keyboard
# layout with Ctrl+Shift+0, macOS shows the desktop with F11.
RESERVED_BY_SYSTEM = {"win32": ("Ctrl+Shift+0",), "darwin": ("F11",)}


def presentation_keys(platform=None) -> list:
    """Full screen as each platform has it: F11, or Cmd+Ctrl+F on macOS (Qt's Ctrl is
    Cmd there and Meta is Control)."""
    return ["Ctrl+Meta+F"] if (platform or PLATFORM) == "darwin" else ["F11"]


def tool_available(mode) -> bool:
    """The canvas adds tools one file at a time; offer only the ones present."""
    from workbench.canvas.tools import _MODULES

    module = _MODULES[mode].split(":")[0]
    return importlib.util.find_spec(f"workbench.canvas.tools.{module}") is not None


def _basemap_dialog():
    from workbench.ui import basemap_dialog  # a dialog: loaded when chosen, not at start

    return basemap_dialog


def _basemap_files():
    from workbench.ui import basemap_files

    return basemap_files


class WindowActions:
    def __init__(self, window):
        self.window = window
        w = window
        self.a = {}

        def act(key, slot, shortcut=None, checkable=False):
            action = QAction(w)
            if shortcut is not None:
                shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
                action.setShortcuts([QKeySequence(s) for s in shortcuts])
            action.setCheckable(checkable)
            action.setIcon(icon(key.removeprefix("mode_")))
            action.triggered.connect(slot)
            self.a[key] = action
            w.addAction(action)  # shortcuts work while menus are hidden (presentation mode)
            return action

        act("new", w.new_project, QKeySequence.StandardKey.New)
        act("open", w.open_dialog, QKeySequence.StandardKey.Open)
        act("save_as", w.save_as, "Ctrl+Shift+S")
        act("import", w.import_dialog)
        act("merge", w.merge_dialog)
        act("sync", w.sync_dialog)
        act("export", w.export_dialog, "Ctrl+P")
        act("settings", w.settings_dialog)
        act("quit", w.close, QKeySequence.StandardKey.Quit)
        act("undo", w.context.undo, QKeySequence.StandardKey.Undo)
        act("redo", w.context.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        act("delete", w.delete_selected, QKeySequence.StandardKey.Delete)
        act("presentation", w.presentation.toggle, presentation_keys(), checkable=True)
        act("zoom_area", lambda: w.map_view.zoom_to_area(), "Ctrl+0")
        act("zoom_all", lambda: w.map_view.zoom_to_all())
        act("zoom_selection", lambda: w.map_view.zoom_to_selection(), "Ctrl+J")  # as in QGIS
        act("snapping", lambda on: w.map_view.set_snapping(on), checkable=True).setChecked(True)
        act("underlay", w.underlay_dialog)
        act("basemap", lambda: _basemap_dialog().open_for(w))
        act("basemap_file", lambda: _basemap_files().choose_and_import(w))
        act("new_session", w.new_session)
        act("add_quote", w.add_quote, "Ctrl+Shift+Q")
        act("about", w.about)
        act("shortcuts", w.show_shortcuts, QKeySequence.StandardKey.HelpContents)
        # Enter and Esc belong to the map while it has focus (finish / cancel a drawing);
        # a widget shortcut keeps them out of text fields and dialogs.
        # The menu items only show the key (after a tab); the shortcut itself lives on the
        # map alone, as a menu would make it window-wide.
        for key, shortcut in (("finish", Qt.Key.Key_Return), ("cancel", Qt.Key.Key_Escape)):
            act(key, lambda _c=False, k=shortcut: w.send_key_to_map(k))
            on_map = QAction(w.map_view)
            on_map.setShortcut(QKeySequence(shortcut))
            on_map.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            on_map.triggered.connect(lambda _c=False, k=shortcut: w.send_key_to_map(k))
            w.map_view.addAction(on_map)

        self.mode_group = QActionGroup(w)
        self.modes = {}
        for mode in Mode:
            if not tool_available(mode):
                continue
            action = act(f"mode_{mode.value}", lambda _c=False, m=mode: w.set_mode(m),
                         MODE_SHORTCUTS.get(mode), checkable=True)
            self.mode_group.addAction(action)
            self.modes[mode] = action
        if Mode.SELECT in self.modes:
            self.modes[Mode.SELECT].setChecked(True)
        self.draw_modes = {m: self.modes[m] for m in DRAW_MODES if m in self.modes}
        self.draw_actions = list(self.draw_modes.values())

        bar = w.menuBar()
        self.menus = {key: QMenu(w) for key in ("file", "recent", "edit", "view", "map", "session", "current",
                                                "help")}
        m = self.menus
        for key in ("new", "open"):
            m["file"].addAction(self.a[key])
        m["file"].addMenu(m["recent"])
        m["recent"].aboutToShow.connect(w.fill_recent_menu)
        m["file"].addAction(self.a["save_as"])
        m["file"].addSeparator()
        for key in ("import", "merge", "sync", "export"):
            m["file"].addAction(self.a[key])
        m["file"].addSeparator()
        m["file"].addAction(self.a["settings"])
        m["file"].addAction(self.a["quit"])
        for key in ("undo", "redo"):
            m["edit"].addAction(self.a[key])
        m["edit"].addSeparator()
        m["edit"].addAction(self.a["delete"])
        m["edit"].addAction(self.a["add_quote"])
        m["view"].addAction(self.a["presentation"])
        m["view"].addSeparator()
        self.dock_separator = m["view"].addSeparator()
        for action in self.modes.values():
            m["map"].addAction(action)
        m["map"].addSeparator()
        m["map"].addAction(self.a["finish"])
        m["map"].addAction(self.a["cancel"])
        m["map"].addSeparator()
        for key in ("zoom_area", "zoom_all", "zoom_selection", "snapping"):
            m["map"].addAction(self.a[key])
        m["map"].addSeparator()
        m["map"].addAction(self.a["underlay"])
        m["map"].addAction(self.a["basemap"])
        m["map"].addAction(self.a["basemap_file"])
        m["session"].addAction(self.a["new_session"])
        m["session"].addMenu(m["current"])
        m["current"].aboutToShow.connect(w.fill_current_session_menu)
        m["help"].addAction(self.a["shortcuts"])
        m["help"].addAction(self.a["about"])
        for key in ("file", "edit", "view", "map", "session", "help"):
            bar.addMenu(m[key])

        self.map_toolbar = QToolBar(w)
        self.map_toolbar.setObjectName("toolbar_map")
        # icons with their names as tooltips: the whole row fits a 1366-pixel laptop
        self.map_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for key in ("new", "open"):  # in sight, not only in the menu
            self.map_toolbar.addAction(self.a[key])
        self.map_toolbar.addSeparator()
        for mode in (Mode.PAN, Mode.SELECT, Mode.EDIT_VERTICES, Mode.MOVE, Mode.MEASURE, Mode.COUNT_VOTES):
            if mode in self.modes:
                self.map_toolbar.addAction(self.modes[mode])
        self.map_toolbar.addSeparator()
        for key in ("zoom_area", "zoom_selection", "snapping"):
            self.map_toolbar.addAction(self.a[key])
        self.map_toolbar.addSeparator()
        for key in ("undo", "redo"):
            self.map_toolbar.addAction(self.a[key])
        self.map_toolbar.addAction(self.a["presentation"])

    def retranslate(self) -> None:
        texts = {
            "new": _("&Nieuw project…"), "open": _("&Openen…"), "save_as": _("Opslaan &als…"),
            "import": _("&Importeren…"), "merge": _("Bijeenkomsten &samenvoegen…"),
            "sync": _("S&ynchroniseren…"),
            "export": _("Exporteer &handout…"), "settings": _("&Instellingen…"), "quit": _("&Afsluiten"),
            "undo": _("&Ongedaan maken"), "redo": _("&Opnieuw"), "delete": _("Idee &verwijderen"),
            "presentation": _("&Presentatiemodus"), "zoom_area": _("Zoom naar &gebied"),
            "zoom_all": _("Zoom naar &alles"), "zoom_selection": _("Zoom naar &selectie"),
            "snapping": _("&Kleven aan hoekpunten"), "underlay": _("&Ondergrond laden…"),
            "basemap": _("&Basiskaart downloaden…"), "basemap_file": _("Basiskaart &uit bestand…"),
            "new_session": _("&Nieuwe bijeenkomst…"),
            "add_quote": _("&Citaat toevoegen"), "about": _("&Over Gebiedsvisie Werkbank"),
            "finish": _("Tekening &afronden") + "\tEnter", "cancel": _("Tekening a&nnuleren") + "\tEsc",
            "shortcuts": _("&Sneltoetsen"),
        }
        for key, text in texts.items():
            self.a[key].setText(text)
        for mode, action in self.modes.items():
            action.setText(MODE_LABELS[mode])
            shortcut = MODE_SHORTCUTS.get(mode)
            action.setToolTip(f"{MODE_LABELS[mode]} ({shortcut})" if shortcut else MODE_LABELS[mode])
        titles = {"file": _("&Bestand"), "recent": _("&Recente bestanden"), "edit": _("Be&werken"),
                  "view": _("Beel&d"), "map": _("&Kaart"), "session": _("B&ijeenkomst"),
                  "current": _("&Huidige bijeenkomst"), "help": _("&Help")}
        for key, title in titles.items():
            self.menus[key].setTitle(title)
        self.map_toolbar.setWindowTitle(_("Kaart"))
        self.update_undo()

    def update_undo(self) -> None:
        project = self.window.context.project
        stack = project.undo_stack if project else None
        undo, redo = self.a["undo"], self.a["redo"]
        undo.setEnabled(bool(stack and stack.can_undo()))
        redo.setEnabled(bool(stack and stack.can_redo()))
        undo.setText(_("&Ongedaan maken: {what}").format(what=stack.undo_text())
                     if undo.isEnabled() else _("&Ongedaan maken"))
        redo.setText(_("&Opnieuw: {what}").format(what=stack.redo_text())
                     if redo.isEnabled() else _("&Opnieuw"))
        # the toolbar keeps a short label (its width must not jump); the tooltip says what
        for action, short in ((undo, _("Ongedaan maken")), (redo, _("Opnieuw"))):
            action.setIconText(short)
            action.setToolTip(action.text().replace("&", ""))
