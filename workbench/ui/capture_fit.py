"""The quick-capture bar never wider than the screen: on a 1366-pixel projector in
presentation mode the "Terug (Esc)" button at the end was cut off, and the bar's width
sets the window's smallest width. A mixin of :class:`QuickCaptureBar`."""

from qtpy.QtCore import QSize
from qtpy.QtWidgets import QWidget

from workbench.ui.theme_picker import key_for, swatch_icon


class FittingBar:
    """Smaller swatches, then no theme name, until the bar fits the screen."""

    def swatch_size(self) -> int:
        return 28 if self.large else 18

    def screen_width(self):
        """The width of the screen the window is on (None without a screen)."""
        screen = self.window().screen() if self.window() is not None else None
        return screen.geometry().width() if screen is not None else None

    def fit(self) -> None:
        """Smaller swatches (and no theme name) while the bar would be wider than the
        screen: on a 1366x768 laptop in presentation mode the "Terug" button at the end
        was cut off, and the bar's width sets the window's smallest width."""
        width = self.screen_width()
        for child in self.findChildren(QWidget):  # measure with the large font applied
            child.ensurePolished()
            child.updateGeometry()
        self.theme_name.setVisible(not self.large)
        size = self.swatch_size()
        if width:
            room = width - 48  # the toolbar's handle and margins
            self._set_swatch_size(size, draw=False)  # the widths only: the discs once, at the end
            while self.minimumSizeHint().width() > room and size > 12:
                size -= 2
                self._set_swatch_size(size, draw=False)
        self._set_swatch_size(size)
        if width and self.minimumSizeHint().width() > room:
            self.theme_name.hide()  # the ringed swatch still shows the active theme
        self.updateGeometry()

    def sizeHint(self):
        """No wider than the screen: the toolbar lays its widget out at its size hint, so
        the title field gives way (down to its minimum) before anything is cut off."""
        hint = super().sizeHint()
        width = self.screen_width() if hasattr(self, "swatches") else None
        if width:
            hint.setWidth(max(self.minimumSizeHint().width(), min(hint.width(), width - 48)))
        return hint

    def _set_swatch_size(self, size: int, draw: bool = True) -> None:
        """Swatches of ``size`` pixels; ``draw``: their discs drawn at that size too (the
        width the bar needs depends on the size alone)."""
        for button in self.swatches.buttons():
            if draw and button.icon().availableSizes() != [QSize(size, size)]:
                index = self.swatches.id(button)
                theme = self.context.project.get("theme", self._theme_uuids[index]) if self.context.project else None
                if theme is not None:
                    button.setIcon(swatch_icon(theme.color, size, key_for(index)))
            if button.iconSize().width() != size:
                button.setIconSize(QSize(size, size))
        self.swatch_box.invalidate()
        self.layout().invalidate()
