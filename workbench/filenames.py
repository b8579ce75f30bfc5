"""File names that work on the laptops municipalities use (Windows first).

Projects travel between Linux, macOS and Windows (USB sticks, OneDrive, mail), so a
name is checked against Windows' rules everywhere: on Linux ``CON.gpkg`` is a fine file,
but on Windows it is the console device and cannot be opened, copied or deleted with
Explorer.
"""

from pathlib import PurePath

from workbench.i18n import _

PROJECT_SUFFIX = ".gpkg"

# Device names Windows reserves in every folder, with any extension ("nul.gpkg" too);
# the superscript digits count as digits there.
RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{device}{digit}" for device in ("COM", "LPT") for digit in "0123456789¹²³"})
FORBIDDEN_CHARACTERS = '<>:"/\\|?*'


def has_project_suffix(path) -> bool:
    """``.gpkg`` in any case (Windows Explorer shows ``.GPKG`` as often as ``.gpkg``)."""
    return str(path).lower().endswith(PROJECT_SUFFIX)


def with_project_suffix(path) -> str:
    """``path`` with ``.gpkg`` added unless it already ends so, in any case."""
    path = str(path)
    return path if has_project_suffix(path) else path + PROJECT_SUFFIX


def is_reserved(name: str) -> bool:
    """Whether Windows reserves ``name`` (a file name, with or without extension)."""
    stem = name.split(".", 1)[0].rstrip(" ").upper()
    return stem in RESERVED_NAMES


def name_problem(path):
    """Why the last part of ``path`` cannot be a file name on Windows (a Dutch
    sentence), or None when it can."""
    name = PurePath(str(path)).name
    if is_reserved(name):
        return _("'{name}' kan geen bestandsnaam zijn: Windows reserveert {device} voor een apparaat. "
                 "Kies een andere naam.").format(name=name, device=name.split(".", 1)[0].rstrip(" ").upper())
    bad = sorted({c for c in name if c in FORBIDDEN_CHARACTERS or ord(c) < 32})
    if bad:
        shown = " ".join(c if ord(c) >= 32 else f"\\x{ord(c):02x}" for c in bad)
        return _("'{name}' kan geen bestandsnaam zijn: Windows staat de tekens {characters} niet toe. "
                 "Kies een andere naam.").format(name=name, characters=shown)
    if name.endswith((" ", ".")):
        return _("'{name}' kan geen bestandsnaam zijn: Windows staat geen punt of spatie aan het eind toe. "
                 "Kies een andere naam.").format(name=name)
    return None


def safe_stem(stem: str) -> str:
    """``stem`` made usable as a file name stem on Windows (for suggested names)."""
    return f"{stem}-project" if is_reserved(stem) else stem


def numbered_alternative(path):
    """``NAME (2).pdf``, ``NAME (3).pdf``, ... next to ``path``: the first that does not
    exist yet (what Explorer and Finder suggest for a copy). ``NAME (2)`` counts on."""
    import re
    from pathlib import Path

    path = Path(path)
    match = re.fullmatch(r"(.*) \((\d+)\)", path.stem)
    stem, number = (match.group(1), int(match.group(2)) + 1) if match else (path.stem, 2)
    while True:
        candidate = path.with_name(f"{stem} ({number}){path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1
