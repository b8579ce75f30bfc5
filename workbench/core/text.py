"""Cleaning of text users type or import, before it is stored."""

import re
import unicodedata

# C0/C1 control characters except tab and newline; they break PDFs, CSV and XML.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value, multiline: bool = True) -> str:
    """NFC-normalise, drop control characters, trim; single-line text loses newlines.

    >>> clean_text("  Groen\\x07 plein\\n ", multiline=False)
    'Groen plein'
    """
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if not multiline:
        text = " ".join(text.split())
    return text.strip()
