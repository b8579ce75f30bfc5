"""Gebiedsvisie Werkbank: a desktop workbench for area-vision workshops."""

__version__ = "0.1.0"
