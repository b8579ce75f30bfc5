"""The map canvas (Qt): the scene that mirrors the project, the view and its tools."""

from workbench.canvas.qt_guard import keep_none_alive

keep_none_alive()
