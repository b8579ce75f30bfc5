"""Making user text safe for the PDF: clean, drop what the font cannot draw, escape, shorten.

Every string a user typed passes through :func:`plain` (for canvas drawing) or
:func:`markup` (for Paragraphs, which parse XML-like markup: an unescaped ``<b>`` or
``&`` would change the layout or raise).
"""

import re
import unicodedata
from xml.sax.saxutils import escape

from workbench.core.text import clean_text
from workbench.i18n import _
from workbench.report import fonts

ELLIPSIS = "\u2026"
# Bounds that keep the PDF's work bounded for any text a user (or a file) brings:
# reportlab measures and splits an unbroken word character by character, so a 1 MB
# "word" took minutes. Beyond these a text is cut with a visible note.
# A 10,000-character title (the hostile-input bar of DESIGN.md) still shows in full where text flows.
MAX_TEXT = 10_000
LONGEST_WORD = 80      # longer runs without a space are broken here (a long URL still fits)
_LONG_WORD = re.compile(r"\S{%d,}" % (LONGEST_WORD + 1))
# Marks that only modify a neighbouring emoji (skin tones, joiners, variation
# selectors); when the emoji goes, they go too instead of leaving a box behind.
_EMOJI_MODIFIERS = {"\u200d", "\ufe0e", "\ufe0f", "\u20e3"} | {chr(c) for c in range(0x1F3FB, 0x1F400)}


def _replacement(char: str) -> str:
    """What to print for a character the font lacks: a space for white space, nothing for
    symbols, '?' otherwise."""
    if char.isspace():
        return " "    # a tab or an exotic space: a plain space reads the same
    if char in _EMOJI_MODIFIERS:
        return ""
    category = unicodedata.category(char)
    if category in ("So", "Sk", "Cs", "Co", "Cn", "Cf", "Mn"):
        return ""
    return "?"


def bounded(value, limit: int) -> tuple:
    """(``value`` as text, at most about ``limit`` characters, words of at most
    :data:`LONGEST_WORD` characters; whether it was cut)."""
    raw = "" if value is None else str(value)
    cut = len(raw) > limit * 2  # cleaning removes little; never clean megabytes
    raw = raw[:limit * 2]
    return _LONG_WORD.sub(lambda m: " ".join(m[0][i:i + LONGEST_WORD] for i in range(0, len(m[0]), LONGEST_WORD)),
                          raw), cut


def plain(value, multiline: bool = True) -> str:
    """User text reduced to characters the embedded font can draw, and to a size the
    PDF can lay out quickly (see :data:`MAX_TEXT`, :data:`LONGEST_WORD`).

    >>> plain("Mooi plein \\U0001F333\\x07 ", multiline=False)
    'Mooi plein'
    """
    limit = MAX_TEXT
    raw, cut = bounded(value, limit)
    text = clean_text(raw, multiline=multiline)
    if cut or len(text) > limit:
        text = text[:limit].rstrip() + " " + _("\u2026 (ingekort, volledige tekst in het project)")
    covered = fonts.covered_characters()
    if all(c in covered or c == "\n" for c in text):
        return text
    kept = "".join(c if c in covered or c == "\n" else _replacement(c) for c in text)
    # Dropping a symbol can leave double spaces or a trailing space.
    lines = [" ".join(line.split()) for line in kept.split("\n")]
    return "\n".join(lines).strip()


def label(value, limit: int = 100) -> str:
    """A name repeated for every idea (a theme, a session): plain, on one line, and cut
    with an ellipsis after ``limit`` characters, so one pasted text does not fill pages."""
    name = plain(str(value or "")[:limit * 2], multiline=False)
    return name if len(name) <= limit else name[:limit].rstrip() + ELLIPSIS


def markup(value, multiline: bool = True) -> str:
    """User text escaped for a reportlab Paragraph; newlines become line breaks."""
    return escape(plain(value, multiline)).replace("\n", "<br/>")


def shorten(text: str, width: float, size: float, bold: bool = False) -> str:
    """``text`` (already plain) cut with an ellipsis so that it fits in ``width`` points."""
    if fonts.string_width(text, size, bold) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that still fits with the ellipsis
        middle = (low + high + 1) // 2
        if fonts.string_width(text[:middle].rstrip() + ELLIPSIS, size, bold) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS if low else (ELLIPSIS if fonts.string_width(ELLIPSIS, size, bold) <= width else "")
