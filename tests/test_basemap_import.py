"""Importing offline base maps: MBTiles, GeoPackage tile layers (GDAL-written, 28992 and
3857, and our own Dutch-scheme ones) and north-up GeoTIFFs in RD, WGS84 and 3857."""

import math
import shutil
import sqlite3
import subprocess

import pytest
from PIL import Image

from tests.basemap_fixtures import add_test_basemap, stored_colour
from tests.tile_server import default_colour
from workbench.geo import crs
from workbench.cli import main
from workbench.errors import ValidationError
from workbench.io import basemap_tiling as tiling
from workbench.io.basemap_import import import_basemap
from workbench.store import open_project
from workbench.store.project_file import check_project
from workbench.store.tiles import basemaps_of

# A 500 x 600 pixel image at 5 m over the Heerlerheide sample, in four coloured quarters.
ULX, ULY, PIXEL, WIDTH, HEIGHT = 194000.0, 326700.0, 5.0, 500, 600
QUARTERS = {(0, 0): (220, 20, 20), (1, 0): (20, 180, 20), (0, 1): (20, 20, 220), (1, 1): (230, 210, 10)}


def quarter_centres():
    """RD point at the middle of each quarter -> its colour."""
    return {(ULX + (qx + 0.5) * WIDTH * PIXEL / 2, ULY - (qy + 0.5) * HEIGHT * PIXEL / 2): colour
            for (qx, qy), colour in QUARTERS.items()}


def gdal(*command):
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} (gdal-bin) is not installed")
    subprocess.run(command, check=True, capture_output=True)


@pytest.fixture
def rd_tiff(tmp_path):
    image = Image.new("RGB", (WIDTH, HEIGHT))
    for (qx, qy), colour in QUARTERS.items():
        image.paste(colour, (qx * WIDTH // 2, qy * HEIGHT // 2, (qx + 1) * WIDTH // 2, (qy + 1) * HEIGHT // 2))
    png = tmp_path / "kwarten.png"
    image.save(png)
    tiff = tmp_path / "kwarten_rd.tif"
    gdal("gdal_translate", "-q", "-a_srs", "EPSG:28992", "-a_ullr", str(ULX), str(ULY), str(ULX + WIDTH * PIXEL),
         str(ULY - HEIGHT * PIXEL), str(png), str(tiff))
    return tiff


def assert_quarters_in_place(project, name):
    maps = basemaps_of(project)
    info = maps.get(name)
    finest = info.levels[-1].zoom
    assert finest == 9  # 5 m pixels -> the RD level of 6.72 m
    for (x, y), colour in quarter_centres().items():
        for zoom in (finest, finest - 1):
            found = stored_colour(maps, name, zoom, x, y)
            assert found is not None and all(abs(a - b) <= 3 for a, b in zip(found, colour)), (zoom, found, colour)


@pytest.mark.parametrize("epsg", [28992, 4326, 3857])
def test_a_north_up_geotiff_lands_in_place(project, rd_tiff, tmp_path, epsg):
    path = rd_tiff
    if epsg != 28992:
        path = tmp_path / f"kwarten_{epsg}.tif"
        gdal("gdalwarp", "-q", "-t_srs", f"EPSG:{epsg}", "-r", "near", str(rd_tiff), str(path))
    result = import_basemap(project, str(path), title="Kwarten")
    assert result.title == "Kwarten" and result.stored > 0
    assert_quarters_in_place(project, result.name)
    assert basemaps_of(project).display().active == result.name


@pytest.mark.parametrize("epsg", [28992, 3857])
def test_a_gdal_geopackage_tile_layer_lands_in_place(project, rd_tiff, tmp_path, epsg):
    path = tmp_path / f"kwarten_{epsg}.gpkg"
    if epsg == 28992:
        gdal("gdal_translate", "-q", "-of", "GPKG", str(rd_tiff), str(path))
    else:
        warped = tmp_path / "kwarten_3857.tif"
        gdal("gdalwarp", "-q", "-t_srs", "EPSG:3857", "-r", "near", str(rd_tiff), str(warped))
        gdal("gdal_translate", "-q", "-of", "GPKG", "-co", "TILING_SCHEME=GoogleMapsCompatible", str(warped), str(path))
    result = import_basemap(project, str(path))
    assert_quarters_in_place(project, result.name)


def test_a_dutch_scheme_geopackage_is_copied_tile_for_tile(project, sample_path, tmp_path):
    other_path = tmp_path / "ander_project.gpkg"
    shutil.copy(sample_path, other_path)
    other = open_project(other_path)
    source = add_test_basemap(other, "basemap_kaart", levels=(10, 11), colour_for=lambda z, c, r: (c % 256, r % 256, z))
    other_maps = basemaps_of(other)
    cells = {(z.zoom, c, r): data for z in source.levels
             for c, r, data in other_maps.tiles(source.name, z.zoom, 0, 10 ** 6, 0, 10 ** 6)}
    other.close()
    result = import_basemap(project, str(other_path))
    maps = basemaps_of(project)
    # Its own levels copied byte for byte; coarser ones made from them for the zoomed-out view.
    assert [level.zoom for level in maps.get(result.name).levels][-2:] == [10, 11]
    copied = {(z, c, r): data for z in (10, 11) for c, r, data in maps.tiles(result.name, z, 0, 10 ** 6, 0, 10 ** 6)}
    assert copied == cells


def test_an_mbtiles_file_lands_in_place(project, tmp_path):
    zoom = 16
    to_mercator = crs.transformer(crs.RD, 3857)
    min_x, min_y, max_x, max_y = project.area.geometry.bounds
    corners = [to_mercator.transform(x, y) for x in (min_x, max_x) for y in (min_y, max_y)]
    span = 256 * tiling.WEBMERCATOR.pixel_size(zoom)
    cols = range(math.floor((min(c[0] for c in corners) + 20037508.342789244) / span),
                 math.floor((max(c[0] for c in corners) + 20037508.342789244) / span) + 1)
    rows = range(math.floor((20037508.342789244 - max(c[1] for c in corners)) / span),
                 math.floor((20037508.342789244 - min(c[1] for c in corners)) / span) + 1)
    path = tmp_path / "stad.mbtiles"
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE metadata (name TEXT, value TEXT);"
                       "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);")
    conn.executemany("INSERT INTO metadata VALUES (?, ?)", [("name", "Stadskaart"), ("format", "png"),
                                                            ("attribution", "© Gemeente (test)")])
    from tests.basemap_fixtures import solid_tile_png

    conn.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", [
        (zoom, col, 2 ** zoom - 1 - row, solid_tile_png(default_colour(zoom, col, row))) for col in cols for row in rows])
    conn.commit()
    conn.close()

    result = import_basemap(project, str(path))
    maps = basemaps_of(project)
    info = maps.get(result.name)
    assert (info.title, info.attribution) == ("Stadskaart", "© Gemeente (test)")
    finest = info.levels[-1].zoom
    checked = 0
    for fx in (0.2, 0.4, 0.6, 0.8):
        for fy in (0.2, 0.4, 0.6, 0.8):
            x, y = min_x + fx * (max_x - min_x), min_y + fy * (max_y - min_y)
            mx, my = to_mercator.transform(x, y)
            inside_x = (mx + 20037508.342789244) / span % 1 * 256
            inside_y = (20037508.342789244 - my) / span % 1 * 256
            if not (4 < inside_x < 252 and 4 < inside_y < 252):
                continue
            col, row = int((mx + 20037508.342789244) // span), int((20037508.342789244 - my) // span)
            assert stored_colour(maps, result.name, finest, x, y) == default_colour(zoom, col, row)
            checked += 1
    assert checked >= 6


def test_the_cli_imports_and_refuses_what_it_cannot_use(sample_path, rd_tiff, tmp_path, capsys):
    assert main(["basemap", "import", str(sample_path), str(rd_tiff), "--attribution", "© Test"]) == 0
    assert "geïmporteerd" in capsys.readouterr().out
    text = tmp_path / "geen_kaart.tif"
    text.write_bytes(b"II*\x00" + b"\x00" * 100)
    assert main(["basemap", "import", str(sample_path), str(text)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "geen_kaart.tif" in err
    assert main(["basemap", "list", str(sample_path)]) == 0
    assert "© Test" in capsys.readouterr().out
    assert check_project(sample_path) == []


def test_a_geotiff_far_from_the_area_is_refused(project, tmp_path):
    image_path = tmp_path / "ver.png"
    Image.new("RGB", (10, 10), (1, 2, 3)).save(image_path)
    tiff = tmp_path / "ver.tif"
    gdal("gdal_translate", "-q", "-a_srs", "EPSG:28992", "-a_ullr", "10000", "600000", "10050", "599950",
         str(image_path), str(tiff))
    with pytest.raises(ValidationError, match="niet bij het gebied"):
        import_basemap(project, str(tiff))
    assert basemaps_of(project).list() == []


def test_an_import_that_fails_half_way_leaves_nothing(project, rd_tiff):
    stopped = []

    def progress(done, total):
        if done == 3:
            stopped.append(done)
            raise KeyboardInterrupt  # the user closes the app half-way, say
    with pytest.raises(KeyboardInterrupt):
        import_basemap(project, str(rd_tiff), progress=progress)
    assert stopped and basemaps_of(project).list() == []
