"""Geometry helpers: CRS transforms, measurements, validity repair (shapely, pyproj)."""
