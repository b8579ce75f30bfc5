"""Where coordinates may lie: the sanity check every way in (import, ``workbench add``)
shares, so a point at (0, 0), at 1e308 or in degrees is refused the same way everywhere."""

import numpy as np
import shapely

# Generous boxes around the Netherlands: beyond them coordinates are a mistake.
RD_BOX = (-100_000.0, 200_000.0, 400_000.0, 750_000.0)
WGS84_NL_BOX = (2.0, 50.0, 8.0, 54.5)
WGS84_SWAPPED_BOX = (WGS84_NL_BOX[1], WGS84_NL_BOX[0], WGS84_NL_BOX[3], WGS84_NL_BOX[2])


def within(bounds, box) -> np.ndarray:
    """Per row of ``bounds`` (minx, miny, maxx, maxy): inside ``box``?"""
    bounds = np.asarray(bounds, dtype=float).reshape(-1, 4)
    return ((bounds[:, 0] >= box[0]) & (bounds[:, 1] >= box[1]) & (bounds[:, 2] <= box[2])
            & (bounds[:, 3] <= box[3]))


def inside_rd(geometries) -> np.ndarray:
    """Per geometry: every coordinate a finite number inside the RD box around the
    Netherlands? (The bounds of a polygon are those of its shell, so a hole holding a
    point the transform could not place, or NaN, is looked for separately.)"""
    geometries = np.asarray(geometries, dtype=object).reshape(-1)
    bounds = shapely.bounds(geometries)
    inside = np.isfinite(bounds).all(axis=1) & within(bounds, RD_BOX)
    coords, owner = shapely.get_coordinates(geometries, return_index=True)
    inside[owner[~np.isfinite(coords).all(axis=1)]] = False
    return inside


def looks_like_degrees(geometry) -> bool:
    """Does ``geometry`` lie where longitude/latitude of the Netherlands (either order) would?"""
    bounds = shapely.bounds(geometry)
    return bool(within(bounds, WGS84_NL_BOX)[0] or within(bounds, WGS84_SWAPPED_BOX)[0])
