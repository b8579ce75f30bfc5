"""Dock tabs that stay readable on a 1366x768 laptop.

Five docks share each side of the map in tabs. With the style's usual room around each
title (24 px in Fusion) they need about 320 and 400 px, and the docks get about 290:
Qt then elides the titles to "Ide...", "The...", "T...". Tighter tabs (and the short
title "Idee" for the editor) fit them; only the dock tab bars of the main window change,
tabs in dialogs keep the style's spacing.
"""

from qtpy.QtCore import QEvent, QObject
from qtpy.QtWidgets import QMainWindow, QProxyStyle, QStyle, QTabBar

DOCK_TAB_SPACE = 12  # px around a dock tab's title, both sides together


class CompactDockTabStyle(QProxyStyle):
    """The application's style, with less room around the titles of dock tabs."""

    def pixelMetric(self, metric, option=None, widget=None) -> int:
        if metric == QStyle.PixelMetric.PM_TabBarTabHSpace and is_dock_tab_bar(widget):
            return DOCK_TAB_SPACE
        return super().pixelMetric(metric, option, widget)


def is_dock_tab_bar(widget) -> bool:
    return isinstance(widget, QTabBar) and isinstance(widget.parent(), QMainWindow)


class DockTabStyler(QObject):
    """Gives every dock tab bar of ``window`` the compact style, also the bars Qt makes
    later when someone drags docks into new tab groups."""

    def __init__(self, window):
        super().__init__(window)
        self.style = CompactDockTabStyle()
        self.style.setParent(self)
        window.installEventFilter(self)
        for bar in window.findChildren(QTabBar):
            self._adopt(bar)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.ChildPolished:
            self._adopt(event.child())
        return False

    def _adopt(self, child) -> None:
        if is_dock_tab_bar(child) and child.style() is not self.style:
            child.setStyle(self.style)


def width_for_titles(window, dock) -> int:
    """The width the tab titles of ``dock``'s tab group need, 0 when it has no tabs."""
    titles = sorted(d.windowTitle() for d in [dock, *window.tabifiedDockWidgets(dock)])
    for bar in window.findChildren(QTabBar):
        if is_dock_tab_bar(bar) and sorted(bar.tabText(i) for i in range(bar.count())) == titles:
            return sum(bar.tabSizeHint(i).width() for i in range(bar.count())) + 4  # the bar's frame
    return 0


def first_start_widths(window, docks, narrow, share=0.5) -> list:
    """Dock widths for a first start: ``narrow`` (the map gets most of the window), or
    wider where the tab titles would be elided, together at most ``share`` of the window."""
    widths = [max(width, width_for_titles(window, dock)) for dock, width in zip(docks, narrow)]
    room = int(window.width() * share)
    if sum(widths) > room:
        return [max(n, w * room // sum(widths)) for n, w in zip(narrow, widths)]
    return widths
