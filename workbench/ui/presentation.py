"""Presentation mode (F11): the map fills the screen with large labels; a slim bar keeps
the theme colours, the quick-capture tools and the vote counter."""

from workbench.i18n import _

LABEL_SCALE = 2.2


class PresentationMode:
    def __init__(self, window):
        self.window = window
        self.active = False
        self._state = None
        self._was_maximized = False
        self._geometry = None

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
        # the large bar changed the window's smallest size; settle that first, or the
        # stale, wider minimum keeps the window wider than the screen
        self._settle_layout()
        screen = window.screen()
        if screen is not None:  # without a window manager (kiosk, Xvfb) full screen is only a hint
            window.setGeometry(screen.geometry())
        window.showFullScreen()
        window.map_view.setFocus()
        window.map_view.message.emit(_("Presentatiemodus: F11 of Esc om terug te gaan."))

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
