"""The base map, the raster underlays and styled reference layers on paper, checked on
rendered pages (pdftoppm) the way a reader sees them: a tile's colour at its RD position,
the attribution in the text, faded changes the colour, the underlay prints."""

import subprocess
from dataclasses import replace

import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from bench.map_tiles import add_map_like_basemap
from tests.basemap_fixtures import add_test_basemap, solid_tile_png
from tests.reference_fixtures import STREET_NAME, import_osm_layers, write_osm_gpkg
from workbench import style
from workbench.cli import main
from workbench.core.commands import DeleteInterventions
from workbench.core.setup_commands import DeleteReferenceLayer
from workbench.core.underlay_commands import AddUnderlay
from workbench.report.map_drawing import draw_map
from workbench.store import open_project
from workbench.store.tiles import basemaps_of

KINDS = ("handout", "report", "poster")
BLUE = (30, 120, 210)
PAGE = 600  # points, the square page of the direct drawing tests
DPI = 288   # 4 pixels per point


def show(project, faded=False, opacity=1.0):
    maps = basemaps_of(project)
    maps.set_display(replace(maps.display(), faded=faded, opacity=opacity))


def checkerboard(zoom, col, row):
    """A distinct colour per tile (of the few dozen in view), so a tile shifted by one shows."""
    return ((col * 67) % 211 + 30, (row * 43) % 211 + 30, 60 + 140 * ((col + row) % 2))


def bare_area(project):
    """Only the area and the base map: no ideas, no wijken over the tiles."""
    project.execute(DeleteInterventions([i.uuid for i in project.interventions()]))
    for layer in project.reference_layers():
        project.execute(DeleteReferenceLayer(layer.uuid))


def render_direct(project, tmp_path):
    """Draw the map into a known box of a square page; the rendered page and the View."""
    out = tmp_path / "map.pdf"
    canvas = Canvas(str(out), pagesize=(PAGE, PAGE), invariant=1)
    view = draw_map(canvas, project, 50, 50, 500, 500)
    canvas.showPage()
    canvas.save()
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", str(out), str(tmp_path / "map")], check=True)
    return Image.open(tmp_path / "map.png").convert("RGB"), view


def pixel(image, view, x, y):
    """The rendered colour at RD (x, y)."""
    px, py = view.point(x, y)
    return image.getpixel((int(px * DPI / 72), int((PAGE - py) * DPI / 72)))


def near(colour, expected, tolerance=3):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected))


def render_pages(pdf, folder, dpi=40) -> list:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / "page")], check=True)
    return [Image.open(path).convert("RGB") for path in sorted(folder.glob("page-*.png"))]


def count(images, colour, tolerance=2) -> int:
    total = 0
    for image in images:
        for value, amount in image.getcolors(image.width * image.height):
            if near(amount, colour, tolerance):
                total += value
    return total


def pdf_text(path) -> str:
    return " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                                   check=True).stdout.decode("utf-8").split())


def test_a_tile_lands_at_its_rd_position_within_a_tile_pixel(project, tmp_path):
    bare_area(project)
    info = add_test_basemap(project, levels=(10,), colour_for=checkerboard, margin=400)
    show(project)
    image, view = render_direct(project, tmp_path)
    level = info.levels[0]
    inside = project.area.geometry.buffer(-150)
    step = level.pixel_size  # one pixel at the tile's resolution
    col_min, col_max, row_min, row_max = info.tile_range(level, inside.bounds)
    checked = 0
    for col in range(col_min, col_max + 1):
        for row in range(row_min, row_max + 1):
            left, bottom, right, top = info.tile_bounds(level, col, row)
            x, y = (left + right) / 2, (bottom + top) / 2
            # the tile's right and bottom edges, one pixel of the tile's resolution either side
            for inner, outer, neighbour in (((right - step, y), (right + step, y), (col + 1, row)),
                                            ((x, bottom + step), (x, bottom - step), (col, row + 1))):
                if inside.contains_properly(_point(*inner)) and inside.contains_properly(_point(*outer)):
                    assert near(pixel(image, view, *inner), checkerboard(10, col, row))
                    assert near(pixel(image, view, *outer), checkerboard(10, *neighbour))
                    checked += 1
    assert checked >= 4


def _point(x, y):
    from shapely.geometry import Point

    return Point(x, y)


def test_a_level_finer_than_print_is_scaled_down_and_still_in_place(project, tmp_path):
    bare_area(project)
    info = add_test_basemap(project, levels=(12,), colour_for=checkerboard, margin=400)
    show(project)
    image, view = render_direct(project, tmp_path)
    level = info.levels[0]
    centre = project.area.geometry.representative_point()
    col_min, _c, row_min, _r = info.tile_range(level, (centre.x, centre.y, centre.x, centre.y))
    left, bottom, right, top = info.tile_bounds(level, col_min, row_min)
    printed = 72 / 170 / view.scale   # the print pixel, coarser than the tile's
    assert near(pixel(image, view, right - 2 * printed, (bottom + top) / 2), checkerboard(12, col_min, row_min))
    assert near(pixel(image, view, right + 2 * printed, (bottom + top) / 2), checkerboard(12, col_min + 1, row_min))


def test_a_missing_tile_is_filled_from_a_coarser_level(project, tmp_path):
    bare_area(project)
    info = add_test_basemap(project, levels=(9,), colour_for=lambda z, c, r: BLUE, margin=400)
    show(project)
    # level 11 holds one tile only: the rest of the frame comes from level 9, scaled up
    centre = project.area.geometry.representative_point()
    from workbench.store.tiles import rd_level

    level = rd_level(11)
    col, _c, row, _r = info.tile_range(level, (centre.x, centre.y, centre.x, centre.y))
    basemaps_of(project).write_tiles(info.name, level, [(col, row, solid_tile_png((200, 40, 40)))])
    image, view = render_direct(project, tmp_path)
    left, bottom, right, top = basemaps_of(project).get(info.name).tile_bounds(level, col, row)
    assert near(pixel(image, view, (left + right) / 2, (bottom + top) / 2), (200, 40, 40))
    assert near(pixel(image, view, left - 100, (bottom + top) / 2), BLUE)


@pytest.mark.parametrize("kind", KINDS)
def test_every_pdf_prints_the_base_map_beneath_the_ideas_with_its_attribution(sample_path, kind, tmp_path):
    project = open_project(sample_path)
    try:
        add_test_basemap(project, levels=(10, 11), colour_for=lambda z, c, r: BLUE, margin=400,
                         attribution="© Kadaster / PDOK (test)")
        show(project)
    finally:
        project.close()
    out = tmp_path / f"{kind}.pdf"
    assert main(["export", "pdf", str(sample_path), str(out), "--kind", kind]) == 0
    assert "© Kadaster / PDOK (test)" in pdf_text(out)
    assert count(render_pages(out, tmp_path), BLUE) > 2000
    listing = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    assert len(listing.strip().splitlines()) == 3  # the header and one image: the base map


def test_faded_is_grey_and_light_and_is_the_default(sample_path, tmp_path):
    project = open_project(sample_path)
    try:
        add_test_basemap(project, levels=(10,), colour_for=lambda z, c, r: BLUE, margin=400)
        assert basemaps_of(project).display().faded
    finally:
        project.close()
    out = tmp_path / "faded.pdf"
    assert main(["export", "pdf", str(sample_path), str(out), "--kind", "handout"]) == 0
    pages = render_pages(out, tmp_path)
    grey = round(BLUE[0] * 0.299 + BLUE[1] * 0.587 + BLUE[2] * 0.114)
    faded = round(grey + (255 - grey) * style.BASEMAP_FADE_TO_WHITE)
    assert count(pages, BLUE, tolerance=12) == 0
    assert count(pages, (faded, faded, faded)) > 2000


def test_the_raster_underlay_prints_where_it_lies(project, tmp_path):
    bare_area(project)
    centre = project.area.geometry.representative_point()
    # 100 x 50 pixels of 4 m, red; its top-left pixel centre 200 m west of the centre
    png = solid_tile_png((220, 30, 30), size=100)
    project.execute(AddUnderlay("Plankaart", png, "png", (4.0, 0.0, 0.0, -4.0, centre.x - 198, centre.y + 98),
                                opacity=1.0))
    image, view = render_direct(project, tmp_path)
    assert near(pixel(image, view, centre.x - 100, centre.y + 50), (220, 30, 30))
    assert near(pixel(image, view, centre.x + 150, centre.y + 50), (220, 30, 30))  # 100 px wide: to +200
    assert not near(pixel(image, view, centre.x + 250, centre.y + 50), (220, 30, 30))


def test_styled_reference_layers_read_as_a_map(project, tmp_path):
    import_osm_layers(project, write_osm_gpkg(tmp_path / "osm.gpkg"))
    out = tmp_path / "handout.pdf"
    assert main(["export", "pdf", str(project.path), str(out), "--kind", "handout"]) == 0
    assert STREET_NAME in pdf_text(out)
    pages = render_pages(out, tmp_path, dpi=150)
    assert count(pages, style.hex_to_rgb(style.ROAD_LINE)) > 100      # the streets' grey
    assert count(pages, style.hex_to_rgb(style.WATER_FILL)) > 1000    # the pond's blue
    assert count(pages, style.hex_to_rgb(style.BUILDING_FILL)) > 50   # the buildings' light fill


def test_the_sample_handout_with_a_base_map_stays_small_and_identical(sample_path, tmp_path):
    project = open_project(sample_path)
    try:
        add_map_like_basemap(project)
    finally:
        project.close()
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    assert main(["export", "pdf", str(sample_path), str(first), "--kind", "handout"]) == 0
    assert main(["export", "pdf", str(sample_path), str(second), "--kind", "handout"]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.stat().st_size < 1_500_000  # docs/io.md states the measured size


def test_a_rotated_underlay_prints_turned_as_its_world_file_says(project, tmp_path):
    import io

    bare_area(project)
    image = Image.new("RGB", (20, 10), (220, 30, 30))
    image.paste((30, 30, 220), (10, 0, 20, 10))   # columns 10-19 blue
    data = io.BytesIO()
    image.save(data, "PNG")
    centre = project.area.geometry.representative_point()
    # turned a quarter: columns run north, rows run east; 5 m pixels
    project.execute(AddUnderlay("Gedraaid", data.getvalue(), "png", (0.0, 5.0, 5.0, 0.0, centre.x, centre.y),
                                opacity=1.0))
    rendered, view = render_direct(project, tmp_path)
    middle_row = centre.x + 5 * 4.5
    assert near(pixel(rendered, view, middle_row, centre.y + 5 * 3), (220, 30, 30))    # column 3: red, south
    assert near(pixel(rendered, view, middle_row, centre.y + 5 * 16), (30, 30, 220))   # column 16: blue, north
    assert not near(pixel(rendered, view, centre.x - 40, centre.y + 5 * 3), (220, 30, 30))  # west of row 0


def test_a_level_far_finer_than_print_is_shrunk_tile_by_tile_and_still_in_place(project, tmp_path):
    bare_area(project)
    info = add_test_basemap(project, levels=(14,), colour_for=checkerboard, margin=0)
    show(project)
    image, view = render_direct(project, tmp_path)
    level = info.levels[0]
    centre = project.area.geometry.representative_point()
    col, _c, row, _r = info.tile_range(level, (centre.x, centre.y, centre.x, centre.y))
    left, bottom, right, top = info.tile_bounds(level, col, row)
    printed = 72 / 170 / view.scale
    assert near(pixel(image, view, right - 2 * printed, (bottom + top) / 2), checkerboard(14, col, row))
    assert near(pixel(image, view, right + 2 * printed, (bottom + top) / 2), checkerboard(14, col + 1, row))


def test_a_big_jpeg_underlay_prints_in_place_at_print_resolution(project, tmp_path):
    import io

    bare_area(project)
    image = Image.new("RGB", (4000, 2000), (220, 30, 30))
    image.paste((30, 30, 220), (2000, 0, 4000, 2000))   # the east half blue
    data = io.BytesIO()
    image.save(data, "JPEG", quality=95)
    centre = project.area.geometry.representative_point()
    # 0.25 m pixels: 1000 x 500 m, its top-left pixel centre 500 m west and 250 m north of the centre
    project.execute(AddUnderlay("Luchtfoto", data.getvalue(), "jpg",
                                (0.25, 0.0, 0.0, -0.25, centre.x - 500 + 0.125, centre.y + 250 - 0.125), opacity=1.0))
    rendered, view = render_direct(project, tmp_path)
    assert near(pixel(rendered, view, centre.x - 20, centre.y), (220, 30, 30), tolerance=12)
    assert near(pixel(rendered, view, centre.x + 20, centre.y), (30, 30, 220), tolerance=12)
    assert near(pixel(rendered, view, centre.x + 480, centre.y - 230), (30, 30, 220), tolerance=12)
    assert not near(pixel(rendered, view, centre.x + 530, centre.y), (30, 30, 220), tolerance=12)
    listing = subprocess.run(["pdfimages", "-list", str(tmp_path / "map.pdf")], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2].split()
    assert listing[8] == "jpeg" and int(listing[3]) < 1000   # embedded as JPEG, scaled down from 4000 px


def test_opacity_mixes_in_the_paper_and_no_base_map_chosen_prints_none(project, tmp_path):
    bare_area(project)
    add_test_basemap(project, levels=(10,), colour_for=lambda z, c, r: BLUE, margin=400)
    show(project, opacity=0.5)
    image, view = render_direct(project, tmp_path)
    centre = project.area.geometry.representative_point()
    paper = style.hex_to_rgb(style.BACKGROUND)
    assert near(pixel(image, view, centre.x, centre.y), [round((p + b) / 2) for p, b in zip(paper, BLUE)])
    maps = basemaps_of(project)
    maps.set_display(replace(maps.display(), active=None))
    image, view = render_direct(project, tmp_path)
    assert near(pixel(image, view, centre.x, centre.y), paper)


def test_transparent_tiles_show_the_paper_not_black(project, tmp_path):
    """Tiles cut from a GeoTIFF are transparent beyond the image's edge."""
    import io

    from workbench.store.tiles import rd_level

    bare_area(project)
    info = add_test_basemap(project, levels=(10,), colour_for=lambda z, c, r: BLUE, margin=400)
    clear = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    clear.paste((30, 120, 210, 255), (0, 0, 128, 256))   # the west half opaque blue, the east half transparent
    data = io.BytesIO()
    clear.save(data, "PNG")
    level = rd_level(10)
    centre = project.area.geometry.representative_point()
    col, _c, row, _r = info.tile_range(level, (centre.x, centre.y, centre.x, centre.y))
    basemaps_of(project).write_tiles(info.name, level, [(col, row, data.getvalue())])
    show(project)
    image, view = render_direct(project, tmp_path)
    left, bottom, right, top = info.tile_bounds(level, col, row)
    y = (bottom + top) / 2
    assert near(pixel(image, view, left + (right - left) * 0.25, y), BLUE)
    assert near(pixel(image, view, left + (right - left) * 0.75, y), style.hex_to_rgb(style.BACKGROUND))


def test_a_chosen_style_with_categories_prints(project, tmp_path):
    from workbench.core.layer_style import style_of
    from workbench.core.layer_style_commands import SetLayerStyle

    import_osm_layers(project, write_osm_gpkg(tmp_path / "osm.gpkg"))
    buildings = next(layer for layer in project.reference_layers() if layer.name == "gebouwen")
    project.execute(SetLayerStyle(buildings.uuid, replace(style_of(buildings), category_field="osm_id",
                                                          categories=(("0", "#ff00ff"), ("1", "#00ffff")))))
    out = tmp_path / "handout.pdf"
    assert main(["export", "pdf", str(project.path), str(out), "--kind", "handout"]) == 0
    pages = render_pages(out, tmp_path, dpi=150)
    assert count(pages, (255, 0, 255)) > 10 and count(pages, (0, 255, 255)) > 10


def test_bgt_name_points_print_as_names(project, tmp_path):
    from shapely.geometry import Point

    from workbench.core.model import ReferenceFeature, ReferenceLayer, new_uuid
    from workbench.core.setup_commands import AddReferenceLayer

    bare_area(project)
    centre = project.area.geometry.representative_point()
    names = tuple(ReferenceFeature(new_uuid(), "", Point(centre.x + dx, centre.y), (
        ("hoek", angle), ("openbareruimtenaam", name), ("openbareruimtetype", "Weg")))
        for dx, angle, name in ((-300, "0", "Molenweg"), (300, "90", "Beersdalweg")))
    project.execute(AddReferenceLayer(ReferenceLayer(new_uuid(), "openbareruimtelabel", "BGT", names)))
    out = tmp_path / "handout.pdf"
    assert main(["export", "pdf", str(project.path), str(out), "--kind", "handout"]) == 0
    words = pdf_text(out)
    assert "Molenweg" in words and "Beersdalweg" in words


def test_a_reference_layers_credit_is_printed_besides_the_projects(project, tmp_path):
    from workbench.core.model import ReferenceFeature, ReferenceLayer, new_uuid
    from workbench.core.setup_commands import AddReferenceLayer

    road = ReferenceFeature(new_uuid(), "", project.area.geometry.boundary, (("highway", "primary"),))
    project.execute(AddReferenceLayer(ReferenceLayer(new_uuid(), "OSM", "© OpenStreetMap-bijdragers (ODbL)", (road,))))
    out = tmp_path / "handout.pdf"
    assert main(["export", "pdf", str(project.path), str(out), "--kind", "handout"]) == 0
    words = pdf_text(out)
    assert "© OpenStreetMap-bijdragers (ODbL)" in words and "Wijkgrenzen: CBS/Kadaster" in words
