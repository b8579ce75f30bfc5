"""Cleaning of text users type or import, before it is stored."""

import re
import unicodedata

# C0/C1 control characters except tab and newline; they break PDFs, CSV and XML.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value, multiline: bool = True) -> str:
    """NFC-normalise, drop control characters, trim; single-line text loses newlines.

    Lone surrogates (from a broken paste, or JSON's "\\ud800") become "?": SQLite
    stores only UTF-8 and would refuse the whole edit.

    >>> clean_text("  Groen\\x07 plein\\n ", multiline=False)
    'Groen plein'
    """
    if value is None:
        return ""
    if type(value) is str and value.isascii() and value.isprintable():
        # The common case, and an import cleans ten thousands of these: plain ASCII
        # without control characters, tabs or newlines is already NFC and clean.
        return " ".join(value.split()) if not multiline else value.strip()
    text = str(value).encode("utf-8", "replace").decode("utf-8")
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if not multiline:
        text = " ".join(text.split())
    return text.strip()
