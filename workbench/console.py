"""Console output that survives any encoding (Windows code pages first).

An interactive Windows console gets UTF-8 from Python itself. A pipe or a file gets the
locale's encoding, the ANSI code page (cp1252) on Windows, which lacks most of what
people type beyond Western Europe: printing "Łódź" then raised UnicodeEncodeError, after
``workbench new`` had already made the project.

So: redirected output is UTF-8 (unless PYTHONIOENCODING says otherwise), and whatever an
encoding cannot show becomes "?" instead of an error. ``--json`` output is ASCII with
``\\u`` escapes (``ensure_ascii``), exact on every code page.
"""

import os
import sys


def make_output_robust() -> None:
    """Reconfigure stdout and stderr once, at the start of the CLI."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:  # None in a windowed executable, or a replaced stream
            continue
        try:
            redirected = not stream.isatty()
        except (OSError, ValueError):
            redirected = True
        if redirected and not os.environ.get("PYTHONIOENCODING"):
            reconfigure(encoding="utf-8", errors=errors)
        else:
            reconfigure(errors=errors)
