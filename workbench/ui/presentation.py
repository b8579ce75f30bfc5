"""Presentation mode (F11, Cmd+Ctrl+F on macOS): the map fills the screen with large labels; a slim bar keeps
the theme colours, the quick-capture tools and the vote counter. The status bar is
hidden then, so messages show in a band over the map."""

from workbench.i18n import _

LABEL_SCALE = 2.2
MESSAGE_MS = 8000


class PresentationMode:
    def __init__(self, window):
        self.window = window
        self.active = False
        self._state = None
        self._was_maximized = False
        self._geometry = None
        self.message = None  # the band over the map, made when first needed
        self.legend = None  # the numbered list of titles for the room, made when first needed
        self._message_timer = None

    def show_message(self, text: str) -> None:
        """A message over the bottom of the map, for a few seconds: with the status bar
        hidden a refused title or a repaired drawing would otherwise say nothing."""
        from qtpy.QtCore import Qt, QTimer
        from qtpy.QtWidgets import QLabel

        if not self.active or not text:
            return
        view = self.window.map_view
        if self.message is None:
            self.message = QLabel(view)
            self.message.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what users typed
            self.message.setWordWrap(True)
            self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.message.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.message.setStyleSheet("background: rgba(20, 20, 20, 210); color: white; font-size: 20px; "
                                       "padding: 8px 16px; border-radius: 6px;")
            self._message_timer = QTimer(self.message)
            self._message_timer.setSingleShot(True)
            self._message_timer.timeout.connect(self.message.hide)
        self.message.setText(text)
        self._place_message()
        self.message.show()
        self.message.raise_()
        self._message_timer.start(MESSAGE_MS)
        QTimer.singleShot(0, self._place_message)  # again once full screen has its size

    def _place_message(self) -> None:
        view, label = self.window.map_view, self.message
        if label is None:
            return
        # over the map, not over the legend on its right
        room = view.width() - (self.legend.width() if self.legend is not None and self.legend.isVisible() else 0)
        width = max(200, min(room - 40, label.fontMetrics().horizontalAdvance(label.text()) + 60))
        label.setFixedWidth(width)
        label.adjustSize()
        label.move((room - width) // 2, view.height() - label.height() - 40)

    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def enter(self) -> None:
        window = self.window
        if self.active:
            return
        self.active = True
        self._state = window.saveState()
        self._was_maximized = window.isMaximized()
        self._geometry = window.geometry()  # before the large bar widens the window
        for dock in window.docks.values():
            dock.hide()
        for toolbar in window.toolbars.values():
            toolbar.setVisible(toolbar is window.toolbars["capture"])
        window.menuBar().hide()
        window.statusBar().hide()
        window.quick_capture.set_large(True)
        window.actions_.a["presentation"].setChecked(True)
        window.map_view.set_label_scale(LABEL_SCALE)
        self._show_legend()
        # the large bar changed the window's smallest size; settle that first, or the
        # stale, wider minimum keeps the window wider than the screen
        self._settle_layout()
        screen = window.screen()
        if screen is not None:  # without a window manager (kiosk, Xvfb) full screen is only a hint
            window.setGeometry(screen.geometry())
        window.showFullScreen()
        window.map_view.setFocus()
        from qtpy.QtGui import QKeySequence

        key = window.actions_.a["presentation"].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        window.map_view.message.emit(_("Presentatiemodus: {key} of Esc om terug te gaan.").format(key=key))

    def _show_legend(self) -> None:
        from qtpy.QtCore import QTimer

        from workbench.ui.room_legend import RoomLegend

        if self.legend is None:
            self.legend = RoomLegend(self.window.context, self.window.map_view)
        self.legend.show_over()
        QTimer.singleShot(0, lambda: self.active and self.legend.show_over())  # at the full-screen size

    def _settle_layout(self) -> None:
        """The quick-capture bar changed size (large or normal); let the window know its
        new smallest size now. Otherwise a stale, wider minimum from the other mode keeps
        the window wider than a 1366-pixel screen."""
        window = self.window
        window.quick_capture.updateGeometry()
        window.toolbars["capture"].layout().invalidate()
        window.layout().invalidate()
        window.layout().activate()

    def leave(self) -> None:
        window = self.window
        if not self.active:
            return
        self.active = False
        if self.message is not None:
            self.message.hide()  # the status bar says it from now on
        if self.legend is not None:
            self.legend.hide()  # the docks show all of it again
        window.menuBar().show()
        window.statusBar().show()
        window.quick_capture.set_large(False)
        self._settle_layout()
        window.map_view.set_label_scale(1.0)
        window.actions_.a["presentation"].setChecked(False)
        if self._was_maximized:
            window.showMaximized()
        else:
            window.showNormal()
            window.setGeometry(self._geometry)
        if self._state is not None:
            window.restoreState(self._state)
