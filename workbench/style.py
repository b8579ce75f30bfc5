"""How the map looks, shared by the Qt canvas and the PDF (no Qt, no reportlab here).

Colours are "#rrggbb"; widths in points at print scale (the canvas uses them as
cosmetic pixel widths). The canvas and the report read these, so the handout map and
the screen look alike.
"""

import functools

AREA_LINE = "#1b1b1b"
AREA_LINE_WIDTH = 2.2
AREA_FILL = None
OUTSIDE_DIM = "#ffffff"
OUTSIDE_DIM_OPACITY = 0.45       # the world outside the area is washed out this much

REFERENCE_LINE = "#8a8a8a"
REFERENCE_LINE_WIDTH = 0.7
BOUNDARY_LINE = "#4d4d4d"         # wijk borders: readable from the back of a room
BOUNDARY_LINE_WIDTH = 1.4
REFERENCE_FILL = "#f4f1ea"
REFERENCE_LABEL = "#6b6b6b"
REFERENCE_LABEL_SIZE = 8

BACKGROUND = "#fbfaf7"

INTERVENTION_LINE_WIDTH = 3.0
INTERVENTION_POLYGON_OPACITY = 0.45  # polygons are filled translucent, outlined opaque
INTERVENTION_OUTLINE_WIDTH = 1.6
POINT_RADIUS = 6.0
LABEL_SIZE = 9
LABEL_TEXT = "#ffffff"           # the number is white on a disc in the theme colour
LABEL_HALO = "#1b1b1b"

# A casing around every idea line, outline and point: black or white, whichever stands
# off the theme colour more, so yellow and cyan show on light paper and dark blue on a
# grey base map (WCAG 1.4.11: graphics at least 3:1 against what is next to them).
CASING_WIDTH = 2.5               # extra pixels, both sides together
MID_GREY_BASEMAP = "#808080"     # the mid-grey a base map or aerial photo averages to
MIN_GRAPHIC_CONTRAST = 3.0

SELECTION = "#0a84ff"
UNTHEMED = "#777777"


def hex_to_rgb(color: str) -> tuple:
    """"#1f77b4" -> (31, 119, 180)."""
    color = color.lstrip("#")
    return tuple(int(color[i:i + 2], 16) for i in (0, 2, 4))


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour, 0 (black) to 1 (white)."""
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in hex_to_rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio, 1 (none) to 21 (black on white)."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@functools.lru_cache(maxsize=256)  # a handful of theme colours, asked for by every idea
def readable_text_on(color: str) -> str:
    """Black or white, whichever has the higher contrast on ``color``.

    >>> readable_text_on("#59a14f"), readable_text_on("#1f77b4")
    ('#000000', '#ffffff')
    """
    black, white = "#000000", "#ffffff"
    return black if contrast_ratio(black, color) >= contrast_ratio(white, color) else white


def casing_for(color: str) -> str:
    """The casing colour for an idea drawn in ``color``: it contrasts at least 4.5:1
    with any colour (black or white always does)."""
    return readable_text_on(color)


def graphic_contrast(color: str, background: str) -> float:
    """How well an idea in ``color`` with its casing stands out on ``background``: the
    better of the colour itself and its casing next to the background."""
    return max(contrast_ratio(color, background), contrast_ratio(casing_for(color), background))


# Reference layers that read as a map (workbench.core.layer_style picks these by role).
ROAD_LINE = "#a3a3a3"
ROAD_LINE_WIDTH = 1.6
ROAD_FILL = "#e6e4df"            # road surfaces (BGT wegdeel polygons)
ROAD_LABEL = "#4d4d4d"
ROAD_LABEL_SIZE = 6.5
RAIL_LINE = "#6e6e6e"
RAIL_LINE_WIDTH = 1.2
BUILDING_FILL = "#ddd8d0"
BUILDING_LINE = "#b9b1a5"
BUILDING_LINE_WIDTH = 0.3
WATER_FILL = "#aad3ee"
WATER_LINE = "#5b9fd1"
WATER_LINE_WIDTH = 1.2
WATER_LABEL = "#2b6a9b"
GREEN_FILL = "#dcebcf"

# Base maps: faded by default (greyscale, then this much of the way to white), so the
# theme colours stand out; the canvas (canvas/basemap_layer.py) and the PDF agree.
BASEMAP_FADE_TO_WHITE = 0.45
