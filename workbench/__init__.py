"""Gebiedsvisie Werkbank: a desktop workbench for area-vision workshops."""

import os

__version__ = "0.1.0"

# The app imports PySide6 directly (qtpy's star imports cost a tenth of a second at each
# start). The tests and any tool that still goes through qtpy must get the same binding:
# qtpy picks PyQt5 first when it is installed (QGIS installs bring it along) or when
# QT_API says so, so the choice is made here, and not only in the Makefile.
os.environ["QT_API"] = "pyside6"
