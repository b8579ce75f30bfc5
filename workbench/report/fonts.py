"""The bundled TrueType fonts (DejaVu Sans), registered once with reportlab.

A TrueType font is embedded (as a subset) in every PDF, so Dutch text (ë, é, ï, €,
curly quotes, dashes) looks the same on every computer. reportlab's built-in Helvetica
is never used: it is not embedded and cannot show most of these characters.
"""

from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from workbench.paths import resource

REGULAR = "WerkbankSans"
BOLD = "WerkbankSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


@lru_cache(maxsize=None)
def register() -> tuple:
    """Register the fonts (idempotent); returns (regular, bold) font names."""
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
    # So that <b> in a Paragraph switches to the bold face instead of failing.
    for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
        addMapping(REGULAR, bold, italic, face)
    return REGULAR, BOLD


@lru_cache(maxsize=None)
def covered_characters() -> frozenset:
    """Code points both faces can draw; anything else is replaced before rendering."""
    register()
    regular = pdfmetrics.getFont(REGULAR).face.charToGlyph
    bold = pdfmetrics.getFont(BOLD).face.charToGlyph
    # charToGlyph maps code points (ints); callers test characters.
    return frozenset(chr(c) for c in set(regular) & set(bold))


def string_width(text: str, size: float, bold: bool = False) -> float:
    register()
    return pdfmetrics.stringWidth(text, BOLD if bold else REGULAR, size)
