"""Web-mercator tiles are resampled into RD tiles when stored: positions checked by pixel."""

import math

import numpy
import pytest
from tests.basemap_fixtures import stored_colour
from tests.tile_server import TileServer, default_colour
from workbench.geo import crs
from workbench.io import basemap_fetch
from workbench.io import basemap_tiling as tiling
from workbench.store.tiles import basemaps_of, rd_level

RD_LEVEL = 11


def mercator_tile(x, y, zoom):
    span = tiling.WEBMERCATOR.tile_size * tiling.WEBMERCATOR.pixel_size(zoom)
    return (math.floor((x - tiling.WEBMERCATOR.origin_x) / span),
            math.floor((tiling.WEBMERCATOR.origin_y - y) / span))


def fetch_mercator(project):
    server = TileServer()
    server.__enter__()
    plan = basemap_fetch.plan(project, basemap_fetch.resolve(server.template("osm"), "webmercator"),
                              levels=(RD_LEVEL, RD_LEVEL), margin=0)
    result = basemap_fetch.fetch(project, plan)
    server.__exit__()
    zoom = tiling.source_level(tiling.WEBMERCATOR, RD_LEVEL, plan.bounds, plan.source.levels)
    return result, zoom, plan


def test_mercator_tiles_land_at_their_rd_position(project):
    result, zoom, plan = fetch_mercator(project)
    assert result.stored == plan.tile_count and zoom == 16
    maps = basemaps_of(project)
    to_mercator = crs.transformer(crs.RD, 3857)
    min_x, min_y, max_x, max_y = plan.bounds
    checked = 0
    for fx in numpy.linspace(0.05, 0.95, 9):
        for fy in numpy.linspace(0.05, 0.95, 9):
            x, y = min_x + fx * (max_x - min_x), min_y + fy * (max_y - min_y)
            mx, my = to_mercator.transform(x, y)
            col, row = mercator_tile(mx, my, zoom)
            # Away from mercator tile edges (bilinear blending mixes neighbours there).
            pixel = tiling.WEBMERCATOR.pixel_size(zoom)
            inside_x = (mx - tiling.WEBMERCATOR.origin_x) / pixel - col * 256
            inside_y = (tiling.WEBMERCATOR.origin_y - my) / pixel - row * 256
            if not (3 < inside_x < 253 and 3 < inside_y < 253):
                continue
            assert stored_colour(maps, result.name, RD_LEVEL, x, y) == default_colour(zoom, col, row)
            checked += 1
    assert checked > 40


def test_a_mercator_tile_edge_lands_within_one_rd_pixel(project):
    result, zoom, plan = fetch_mercator(project)
    maps = basemaps_of(project)
    to_mercator = crs.transformer(crs.RD, 3857)
    rd_pixel = rd_level(RD_LEVEL).pixel_size
    y = (plan.bounds[1] + plan.bounds[3]) / 2
    x0 = (plan.bounds[0] + plan.bounds[2]) / 2
    col, row = mercator_tile(*to_mercator.transform(x0, y), zoom)
    left, right = default_colour(zoom, col, row), default_colour(zoom, col + 1, row)
    # Where the edge between mercator columns col and col+1 is in RD, by bisection on pyproj.
    low, high = x0, x0 + 2000.0
    for _step in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if mercator_tile(*to_mercator.transform(middle, y), zoom)[0] <= col else (low, middle)
    edge = low
    # Walk along the RD row of pixels: the colour must switch within one RD pixel of the edge.

    def nearer_right(x):
        colour = stored_colour(maps, result.name, RD_LEVEL, x, y)
        return sum((a - b) ** 2 for a, b in zip(colour, right)) < sum((a - b) ** 2 for a, b in zip(colour, left))

    assert not nearer_right(edge - 1.5 * rd_pixel) and nearer_right(edge + 1.5 * rd_pixel)


def test_the_resampling_mesh_is_far_below_a_pixel(project):
    """The 17 x 17 mesh against pyproj on every pixel centre of an RD tile, in mercator
    source pixels (the number docs/basemap.md quotes)."""
    bounds = tiling.RD.tile_bounds(RD_LEVEL, *tiling.rd_tiles(project.area.geometry.bounds, RD_LEVEL)[0])
    error = tiling.mesh_error(bounds, 3857, 16)
    print(f"mesh error: {error:.5f} source pixels")
    assert error < 0.01


def test_a_web_mercator_server_without_tiles_is_given_up_early(project):
    from workbench.io.basemap_http import FetchError

    with TileServer(mode="404") as server:
        plan = basemap_fetch.plan(project, basemap_fetch.resolve(server.template("osm"), "webmercator"),
                                  levels=(11, 12), margin=0)
        with pytest.raises(FetchError, match="HTTP 404"):
            basemap_fetch.fetch(project, plan)
        assert len(server.requests) < plan.request_count / 2
    assert basemaps_of(project).list() == []
