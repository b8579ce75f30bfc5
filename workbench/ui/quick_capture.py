"""Quick capture for the room: pick a theme colour, draw, type a title, Enter, done.

The map creates the idea ("Idee N", in the active theme, in the current session) the
moment a drawing is finished; this bar then asks for the title and gives focus back to
the map. The drawing tool hands back to selection after each idea, as in uMap and Google
My Maps: a click on an existing idea (to discuss it) then selects it and never adds a
new idea on top of it. Choosing a theme colour (a swatch or 1-9) arms the drawing tool
used last again, so a series of ideas costs a key, the drawing and the title.
"""

from qtpy.QtCore import QSize, Qt, Signal
from qtpy.QtGui import QAction, QKeySequence
from qtpy.QtWidgets import QAbstractSpinBox, QButtonGroup, QHBoxLayout, QToolButton, QWidget

from workbench.canvas.tools import MODE_LABELS, MODE_SHORTCUTS, Mode
from workbench.core.commands import EditIntervention
from workbench.i18n import N_, _
from workbench.ui.fields import TextField
from workbench.ui.capture_fit import FittingBar
from workbench.ui.i18n_qt import connect_retranslate
from workbench.ui.labels import escaped
from workbench.ui.theme_picker import (KEYS, default_theme, key_for, starts_group, swatch_icon, theme_index_of,
                                       theme_menu)
from workbench.ui.vote_counter import VoteCounter


def short_mode_label(mode) -> str:
    return {Mode.POINT: _("Punt"), Mode.LINE: _("Lijn"), Mode.POLYGON: _("Vlak"),
            Mode.FREEHAND: _("Vrije hand")}.get(mode, MODE_LABELS[mode])


class QuickCaptureBar(FittingBar, QWidget):
    #: the "Terug" button of presentation mode
    exitRequested = Signal()

    """Theme swatches, the drawing tools, the title field and the vote counter.

    ``draw_actions`` maps drawing modes (point, line, polygon, ...) to the window's
    actions, shared with the menu so that both show the same checked tool.
    """

    def __init__(self, context, map_view, draw_actions: dict, parent=None, modes=None):
        super().__init__(parent)
        self.context, self.map_view = context, map_view
        modes = modes or {}
        self.select_action = modes.get(Mode.SELECT)  # the tools hand back to it after each idea
        self.last_mode = next(iter(draw_actions), None)  # armed again by a theme choice
        self.pending_uuid = None
        self.large = False
        self.swatches = QButtonGroup(self)
        self.swatches.setExclusive(True)
        self.swatches.idClicked.connect(self._swatch_clicked)
        self.swatch_box = QHBoxLayout()
        self.swatch_box.setSpacing(2)
        self.theme_name = QToolButton()  # the active theme's name; opens the named, grouped list
        self.theme_name.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.theme_name.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.theme_name.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.theme_name.clicked.connect(self.show_theme_menu)
        # the name of the active theme may be long; it must not widen the window
        self.theme_name.setMaximumWidth(130)

        self.tool_buttons = {}
        tools = QHBoxLayout()
        tools.setSpacing(2)
        for mode, action in draw_actions.items():
            button = self._tool_button(action)
            action.triggered.connect(lambda _c=False, m=mode: setattr(self, "last_mode", m))
            self.tool_buttons[mode] = button
            tools.addWidget(button)
        self.title = TextField()
        self.title.setMinimumWidth(160)
        self.title.setEnabled(False)
        # Enter, or leaving the field (clicking the map for the next idea), keeps the title
        self.title.editingFinished.connect(self._title_finished)
        self.title.installEventFilter(self)
        self.votes = VoteCounter(context)
        # a count typed here and Enter: back to the map, where 1-9 pick colours again
        self.votes.spin.lineEdit().returnPressed.connect(lambda: self.map_view.setFocus())
        self.count_button = self._tool_button(modes[Mode.COUNT_VOTES]) if Mode.COUNT_VOTES in modes else None
        self.exit_button = QToolButton()  # only in presentation mode
        self.exit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.exit_button.clicked.connect(self.exitRequested.emit)
        self.exit_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(self.swatch_box)
        layout.addWidget(self.theme_name)
        layout.addSpacing(8)
        layout.addLayout(tools)
        layout.addSpacing(8)
        layout.addWidget(self.title, 1)
        layout.addSpacing(8)
        layout.addWidget(self.votes)
        if self.count_button is not None:
            layout.addWidget(self.count_button)
            self.count_button.hide()  # presentation mode only
        layout.addWidget(self.exit_button)
        self._theme_uuids = []
        # 1-9, 0 and Alt+1-9 pick a theme while the map has focus: no mouse trip to the bar
        for index, key in enumerate(KEYS):
            action = QAction(map_view)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _c=False, i=index: self.pick_theme(i))
            map_view.addAction(action)
        map_view.interventionCreated.connect(self.on_created)
        # the vote label names the selected idea ("Stemmen voor 23"): measure again
        context.selectionChanged.connect(lambda _u: self.large and self.fit())
        context.changed.connect(lambda e: e.kind == "theme" and self.rebuild_swatches())
        context.changed.connect(self._forget_removed)
        connect_retranslate(self)
        context.on_project(self.rebuild_swatches)
        context.on_project(lambda: self._done(False))  # the idea being titled is in the other project

    @staticmethod
    def _tool_button(action):
        """Own buttons with short labels ("Punt", "Lijn"): the bar must fit a projector
        screen in presentation mode; the shared action keeps tool and toolbar in step."""
        button = QToolButton()
        button.setCheckable(True)
        button.setIcon(action.icon())
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(action.trigger)
        button.clicked.connect(lambda _c=False, a=action, b=button: b.setChecked(a.isChecked()))
        action.toggled.connect(button.setChecked)
        action.changed.connect(lambda a=action, b=button: b.setEnabled(a.isEnabled()))
        return button

    def retranslate(self) -> None:
        if self.count_button is not None:
            # on the projector bar the short form: room for the "Terug (Esc)" button
            self.count_button.setText("+1" if self.large else _("+1 per sticker"))
            self.count_button.setToolTip(f"{MODE_LABELS[Mode.COUNT_VOTES]} ({MODE_SHORTCUTS[Mode.COUNT_VOTES]})")
        self.title.setPlaceholderText(_("Teken een idee; typ dan hier de titel en druk op Enter"))
        self.exit_button.setText(_("Terug (Esc)"))
        self.exit_button.setToolTip(_("Presentatiemodus verlaten"))
        for mode, button in self.tool_buttons.items():
            button.setText(short_mode_label(mode))
            button.setToolTip(f"{MODE_LABELS[mode]} ({MODE_SHORTCUTS[mode]})")
        self._show_theme_name()
        self.fit()  # the words of the other language are longer or shorter

    # -- themes ----------------------------------------------------------------------

    def rebuild_swatches(self) -> None:
        project = self.context.project
        active = self.active_theme()
        for button in self.swatches.buttons():
            self.swatches.removeButton(button)
            # out of the layout at once: deleteLater waits for the top-level event loop
            self.swatch_box.removeWidget(button)
            button.hide()
            button.deleteLater()
        themes = project.themes() if project else []
        self._theme_uuids = [t.uuid for t in themes]
        size = self.swatch_size()
        for index, theme in enumerate(themes):
            button = QToolButton()
            button.setCheckable(True)
            button.setIcon(swatch_icon(theme.color, size, key_for(index)))
            button.setIconSize(QSize(size, size))
            key = key_for(index)
            button.setToolTip(escaped(f"{theme.name} ({key})" if key else theme.name))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoRaise(True)
            # a gap before each main theme: the swatches read as groups, one per pillar
            gap = "margin-left: 6px;" if starts_group(themes, index) else ""
            button.setStyleSheet(f"QToolButton {{ {gap} }} "
                                 "QToolButton:checked { border: 3px solid #0a84ff; border-radius: 4px; }")
            self.swatches.addButton(button, index)
            self.swatch_box.addWidget(button)
            button.show()  # now, not queued by the layout: fit() measures it
        if active in self._theme_uuids:
            self.set_active_theme(active)
        else:  # a project just opened: the theme used last, or a specific one
            self.set_active_theme(default_theme(project))
        self.fit()

    def active_theme(self):
        index = self.swatches.checkedId()
        return self._theme_uuids[index] if 0 <= index < len(self._theme_uuids) else None

    def set_active_theme(self, theme_uuid) -> None:
        if theme_uuid in self._theme_uuids:
            self.swatches.button(self._theme_uuids.index(theme_uuid)).setChecked(True)
        self.map_view.set_active_theme(theme_uuid)
        self._show_theme_name()

    def pick_theme(self, index: int) -> None:
        """Choose the colour at ``index`` as if its swatch was clicked."""
        if 0 <= index < len(self._theme_uuids):
            self._swatch_clicked(index)

    def _swatch_clicked(self, index: int) -> None:
        self.set_active_theme(self._theme_uuids[index])
        # Choosing a colour means "I am about to draw": arm the drawing tool used last.
        if self.tool_buttons and not any(b.isChecked() for b in self.tool_buttons.values()):
            self.tool_buttons.get(self.last_mode, next(iter(self.tool_buttons.values()))).click()
        self.map_view.setFocus()

    def show_theme_menu(self):
        """The themes by name, grouped by pillar (from the button with the active name)."""
        themes = self.context.project.themes() if self.context.project else []
        menu = theme_menu(themes, self.active_theme(), self.pick_theme, self)
        menu.popup(self.theme_name.mapToGlobal(self.theme_name.rect().bottomLeft()))
        return menu

    def _show_theme_name(self) -> None:
        theme_uuid = self.active_theme()
        theme = self.context.project.get("theme", theme_uuid) if theme_uuid and self.context.project else None
        name = theme.name if theme else _("(geen thema)")
        metrics = self.theme_name.fontMetrics()
        text = metrics.elidedText(name, Qt.TextElideMode.ElideRight, self.theme_name.maximumWidth() - 24)
        self.theme_name.setText(text.replace("&", "&&") + " ▾")
        self.theme_name.setToolTip(escaped(name))

    # -- the title of the idea just drawn ------------------------------------------------

    def on_created(self, uuid: str) -> None:
        item = self.context.project.get("intervention", uuid) if self.context.project else None
        if item is None:
            return
        if self.pending_uuid and self.pending_uuid != uuid:
            self.commit_title(refocus=False)
        self.pending_uuid = uuid
        if self.select_action is not None and self.select_action.isEnabled():
            # hand back to selection: the next click on an idea selects it
            self.select_action.trigger()
        self.title.setEnabled(True)
        self.title.setText(item.title)
        self.title.selectAll()
        self.title.setFocus()

    def _title_finished(self) -> None:
        # focus already moved elsewhere (a click on the list): leave it there
        self.commit_title(refocus=self.title.hasFocus())

    def commit_title(self, refocus=True) -> bool:
        uuid = self.pending_uuid
        if uuid is None:
            return False
        item = self.context.project.get("intervention", uuid)
        text = self.title.text()
        if item is not None and text.strip() != item.title:
            if not text.strip():
                self.context.message.emit(_("Geef het idee een titel."))
                return False
            if not self.context.run(EditIntervention(uuid, title=text)):
                return False
        self._done(refocus)
        return True

    def cancel_title(self) -> None:
        """Esc: keep the title the map gave ("Idee N") and go on drawing."""
        self._done(True)

    def _done(self, refocus) -> None:
        self.pending_uuid = None
        self.title.clear()
        self.title.setEnabled(False)
        if refocus:
            self.map_view.setFocus()

    def _forget_removed(self, event) -> None:
        if event.kind == "intervention" and event.action == "removed" and event.uuid == self.pending_uuid:
            self._done(False)

    def eventFilter(self, watched, event) -> bool:
        from qtpy.QtCore import QEvent

        if watched is self.title and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.cancel_title()
            return True
        if watched is self.title and event.type() == QEvent.Type.KeyPress and self._theme_key(event):
            return True
        if watched is self.title and event.type() == QEvent.Type.KeyPress \
                and event.matches(QKeySequence.StandardKey.Undo) and not self.title.isUndoAvailable():
            # nothing typed to undo: Ctrl+Z right after drawing means "not that drawing"
            # (the field would swallow it and do nothing)
            self._done(True)
            self.context.undo()
            return True
        return super().eventFilter(watched, event)

    def _theme_key(self, event) -> bool:
        """A theme key in the title field of the idea just drawn: see theme_index_of."""
        index = theme_index_of(event, bool(self.pending_uuid) and not self.title.isUndoAvailable())
        if index is None:
            return False
        if index >= len(self._theme_uuids):
            return True  # no such theme: still never a title
        theme_uuid = self._theme_uuids[index]
        self.set_active_theme(theme_uuid)
        item = self.context.project.get("intervention", self.pending_uuid) if self.pending_uuid else None
        if item is not None and item.primary_theme_uuid != theme_uuid:
            self.context.run(EditIntervention(self.pending_uuid, text=N_("Thema van het idee kiezen"),
                                              theme_uuids=[theme_uuid]))
        self.title.selectAll()
        return True

    # -- presentation ------------------------------------------------------------------

    def set_large(self, large: bool) -> None:
        """Bigger swatches and text, readable from the back of the room."""
        self.large = large
        self.theme_name.setVisible(not large)  # the ringed swatch shows it; room is short
        self.exit_button.setVisible(large)  # fit() keeps it on the screen
        self.title.setMinimumWidth(120 if large else 160)
        if self.count_button is not None:  # the map toolbar has it, but is hidden there
            self.count_button.setVisible(large)
        # on the projector the tools are large icons (their names in the tooltips)
        for button in list(self.tool_buttons.values()) + [b for b in (self.count_button,) if b is not None]:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly if large
                                      else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setIconSize(QSize(30, 30) if large else QSize(16, 16))
        # the - and + buttons are there already; the spin box's own arrows cost room
        self.votes.spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons if large
                                         else QAbstractSpinBox.ButtonSymbols.UpDownArrows)
        self.setStyleSheet("QWidget { font-size: 20px; } QLineEdit { min-height: 36px; }" if large else "")
        self.retranslate()  # the shorter labels of the large bar
        self.rebuild_swatches()
        self._show_theme_name()
