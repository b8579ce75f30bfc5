"""Gebiedsvisie Werkbank: a desktop workbench for area-vision workshops."""

import os

__version__ = "0.1.0"

# The app is written for PySide6. qtpy picks PyQt5 first when it is installed (QGIS
# installs bring it along) or when QT_API says so, so the choice is made here, before
# any part of the app imports qtpy, and not only in the Makefile.
os.environ["QT_API"] = "pyside6"
