"""Icons for the tools and actions: Tabler Icons (MIT, resources/icons/tools/LICENSE),
one SVG per action, named after the action (``icon("point")``)."""

from functools import lru_cache

from qtpy.QtGui import QIcon

from workbench.paths import resource


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    """The icon for action or mode ``name``; an empty icon when there is none."""
    path = resource("icons", "tools", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()
