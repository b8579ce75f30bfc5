"""Transforms between RD New (EPSG:28992) and WGS84, offline through pyproj's proj.db."""

from functools import lru_cache

import shapely

RD = 28992
WGS84 = 4326


@lru_cache(maxsize=16)
def transformer(source: int, target: int):
    from pyproj import Transformer

    return Transformer.from_crs(source, target, always_xy=True)


def transform(geometry, source: int, target: int):
    """The geometry in ``target`` (x = lon/easting, y = lat/northing)."""
    if source == target:
        return geometry
    # Vectorised: pyproj transforms all coordinates of the geometry in one call.
    return shapely.transform(geometry, transformer(source, target).transform, interleaved=False)


def to_wgs84(geometry):
    return transform(geometry, RD, WGS84)


def from_wgs84(geometry):
    return transform(geometry, WGS84, RD)
