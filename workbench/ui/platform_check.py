"""Before Qt starts on Linux: is there a screen, and are the libraries of Qt's xcb
platform plugin there? Without them Qt aborts with "could not load the Qt platform
plugin xcb" and a core dump; we say in Dutch what is missing and the one line that
installs it (``make run`` does that itself on Debian/Ubuntu, tools/system-packages.sh).

No Qt here: this runs before the first Qt import that needs a platform.
"""

import ctypes.util
import os
import sys

from workbench.i18n import _

# library name for ctypes.util.find_library -> Debian/Ubuntu package (tools/debian-packages.txt)
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-shape": "libxcb-shape0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-image": "libxcb-image0",
    "xkbcommon": "libxkbcommon0",
    "EGL": "libegl1",
    "GL": "libgl1",
    "fontconfig": "libfontconfig1",
}


def missing_packages(find_library=ctypes.util.find_library) -> list:
    """The Debian packages of the xcb plugin's libraries that cannot be found."""
    return [package for library, package in XCB_LIBRARIES.items() if not find_library(library)]


def platform_problem(environ=None, platform=None, find_library=ctypes.util.find_library):
    """A Dutch message when Qt could not open a window here, else None."""
    environ = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return None  # offscreen, wayland, vnc...: not the xcb plugin
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return _("Er is geen beeldscherm om het venster op te tonen (DISPLAY is leeg). Start de Werkbank "
                 "vanuit een grafische sessie, of gebruik de opdrachtregel: workbench --help.")
    missing = missing_packages(find_library)
    if not missing:
        return None
    return _("Qt kan geen venster openen: deze systeembibliotheken ontbreken: {packages}. Installeer ze "
             "eenmalig met:\n  sudo apt-get install {packages}\n(`make run` doet dit zelf op Debian en Ubuntu.)"
             ).format(packages=" ".join(missing))
