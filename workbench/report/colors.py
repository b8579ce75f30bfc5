"""Colours on paper: theme colours checked before use, and cached reportlab colour objects."""

import re
from functools import lru_cache

from reportlab.lib.colors import HexColor

from workbench import style

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


@lru_cache(maxsize=256)
def color(value: str):
    return HexColor(safe_color(value))


def safe_color(value) -> str:
    """``value`` when it is a "#rrggbb" colour, else the colour for ideas without a theme.

    Theme colours are checked when typed in the app, but a file edited elsewhere may
    hold anything, and a colour also ends up inside Paragraph markup.
    """
    return value if isinstance(value, str) and _HEX.fullmatch(value) else style.UNTHEMED


def idea_color(project, item) -> str:
    """The colour of an idea on paper: its primary theme's colour, made safe."""
    return safe_color(project.primary_color(item))
