"""The base map on the canvas and in ``export png``: stored tiles drawn where they belong
in RD, beneath the ideas, over-zoomed where a finer level is missing, faded or not."""

import pytest
from qtpy.QtGui import QColor, QImage

from tests.basemap_fixtures import add_test_basemap, solid_tile_png
from tests.canvas_helpers import free_points
from workbench.cli import main

W, H = 2000, 1600  # about 1.7 m per pixel over the sample's area: level 11 (1.68 m) is drawn


def checker(zoom, col, row):
    """Neighbouring tiles differ in every channel; levels differ too."""
    base = {10: (230, 120, 40), 11: (40, 120, 230), 12: (60, 180, 80), 13: (200, 60, 160)}[zoom]
    shift = 60 if (col + row) % 2 else 0
    return tuple((value + shift * (i + 1)) % 256 for i, value in enumerate(base))


def show(project, name=None, opacity=1.0, faded=False):
    from workbench.store.tiles import BaseMapDisplay, basemaps_of

    maps = basemaps_of(project)
    maps.set_display(BaseMapDisplay(active=name or maps.list()[0].name, opacity=opacity, faded=faded))


def render(project, width=W, height=H):
    """(image, scene->image transform) as ``export png`` draws it."""
    from workbench.canvas.export_png import ensure_app, map_frame, render_image
    from workbench.canvas.scene import MapScene

    ensure_app()
    scene = MapScene(project)
    image = render_image(project, width, height, "area", scene)
    return image, map_frame(scene, width, height, "area")[1], scene


def pixel(image, transform, x, y) -> QColor:
    from workbench.canvas.geometry import to_scene

    point = transform.map(to_scene(x, y))
    return image.pixelColor(int(point.x()), int(point.y()))


def same(colour: QColor, rgb, tolerance=3) -> bool:
    return max(abs(colour.red() - rgb[0]), abs(colour.green() - rgb[1]), abs(colour.blue() - rgb[2])) <= tolerance


def tile_at(info, level, x, y):
    col = int((x - info.origin_x) // (level.tile_width * level.pixel_size))
    row = int((info.origin_y - y) // (level.tile_height * level.pixel_size))
    return col, row


def test_a_tiles_colour_shows_at_its_rd_position_within_one_tile_pixel(project):
    info = add_test_basemap(project, levels=(11,), colour_for=checker, margin=300)
    show(project)
    image, transform, _scene = render(project)
    level = info.levels[0]
    span = level.tile_width * level.pixel_size
    checked = 0
    for x, y in free_points(project):
        col, row = tile_at(info, level, x, y)
        assert same(pixel(image, transform, x, y), checker(11, col, row)), (x, y)
        # the nearest tile edge to the west: where the colour changes, measured along x
        edge = info.origin_x + col * span
        if x - edge > 50:
            continue
        step = level.pixel_size / 4
        xs = [edge - 3 * level.pixel_size + i * step for i in range(25)]
        colours = [pixel(image, transform, sx, y) for sx in xs]
        west, east = checker(11, col - 1, row), checker(11, col, row)
        if not all(same(c, west, 40) or same(c, east, 40) for c in colours):
            continue  # something drawn over the edge here
        first_east = next(sx for sx, c in zip(xs, colours) if same(c, east, 40))
        assert abs(first_east - edge) <= level.pixel_size, (first_east, edge)
        checked += 1
    assert checked >= 1


def test_a_missing_fine_tile_shows_the_coarser_level_not_a_hole(project):
    from workbench.store.tiles import basemaps_of, rd_level

    info = add_test_basemap(project, levels=(10,), colour_for=checker, margin=300)
    maps = basemaps_of(project)
    fine = rd_level(11)
    col_min, col_max, row_min, row_max = info.tile_range(fine, info.extent)
    # level 11 only in the western half: the eastern half must show level 10
    middle = (col_min + col_max) // 2
    maps.write_tiles(info.name, fine, [(c, r, solid_tile_png(checker(11, c, r)))
                                       for c in range(col_min, middle + 1) for r in range(row_min, row_max + 1)])
    show(project)
    image, transform, _scene = render(project)
    info = maps.get(info.name)
    coarse, fine_level = info.levels
    seen_fine = seen_coarse = 0
    for x, y in free_points(project):
        col, row = tile_at(info, fine_level, x, y)
        if col <= middle:
            assert same(pixel(image, transform, x, y), checker(11, col, row)), (x, y)
            seen_fine += 1
        else:
            ccol, crow = tile_at(info, coarse, x, y)
            assert same(pixel(image, transform, x, y), checker(10, ccol, crow)), (x, y)
            seen_coarse += 1
    assert seen_fine and seen_coarse


def test_ideas_are_drawn_over_the_base_map(project):
    add_test_basemap(project, levels=(11,), colour_for=lambda z, c, r: (0, 0, 0), margin=300)
    show(project)
    image, transform, _scene = render(project)
    polygon = project.intervention_by_number(7).geometry
    inside = polygon.buffer(-polygon.length / 40).exterior.coords[0]
    colour = pixel(image, transform, *inside)
    wanted = QColor(project.primary_color(project.intervention_by_number(7)))
    # translucent theme green over black: green leads, and it is no longer black
    assert colour.green() > colour.red() and colour.green() > colour.blue()
    assert colour.green() > 40 and abs(colour.green() - wanted.green()) < 200
    point = next(i for i in project.interventions() if i.geometry.geom_type == "Point")
    colour = pixel(image, transform, point.geometry.x, point.geometry.y)
    assert same(colour, QColor(project.primary_color(point)).getRgb()[:3], 30)


def test_opacity_and_faded_change_the_pixels(project):
    from workbench import style

    add_test_basemap(project, levels=(11,), colour_for=lambda z, c, r: (40, 120, 230), margin=300)
    x, y = free_points(project)[0]
    show(project, opacity=1.0, faded=False)
    full = pixel(*render(project)[:2], x, y)
    assert same(full, (40, 120, 230))
    show(project, opacity=0.5, faded=False)
    half = pixel(*render(project)[:2], x, y)
    background = QColor(style.BACKGROUND)
    assert same(half, ((40 + background.red()) / 2, (120 + background.green()) / 2, (230 + background.blue()) / 2), 4)
    show(project, opacity=1.0, faded=True)
    faded = pixel(*render(project)[:2], x, y)
    assert faded.red() == faded.green() == faded.blue()  # greyscale: theme colours stand out
    assert faded.lightness() > full.lightness()


def test_switching_base_maps_changes_the_map(project):
    add_test_basemap(project, "basemap_kaart", levels=(11,), colour_for=lambda z, c, r: (230, 120, 40), margin=300)
    add_test_basemap(project, "basemap_luchtfoto", levels=(11,), colour_for=lambda z, c, r: (40, 160, 60),
                     margin=300, title="Luchtfoto", attribution="© Luchtfoto")
    x, y = free_points(project)[0]
    show(project, "basemap_kaart")
    assert same(pixel(*render(project)[:2], x, y), (230, 120, 40))
    show(project, "basemap_luchtfoto")
    assert same(pixel(*render(project)[:2], x, y), (40, 160, 60))
    from workbench.store.tiles import BaseMapDisplay, basemaps_of

    basemaps_of(project).set_display(BaseMapDisplay(active=None))
    image, transform, _scene = render(project)
    assert not same(pixel(image, transform, x, y), (40, 160, 60), 60)


def test_the_attribution_is_printed_in_a_corner(project):
    add_test_basemap(project, levels=(11,), colour_for=lambda z, c, r: (40, 120, 230), margin=3000,
                     attribution="© Kadaster / PDOK")
    show(project)
    image = render(project, 800, 600)[0]
    corner = image.copy(800 - 200, 600 - 24, 200, 24)
    dark = sum(1 for i in range(corner.width()) for j in range(corner.height())
               if corner.pixelColor(i, j).lightness() < 100)
    assert dark > 30  # the text
    from workbench.store.tiles import BaseMapDisplay, basemaps_of

    basemaps_of(project).set_display(BaseMapDisplay(active=None))
    corner = render(project, 800, 600)[0].copy(800 - 200, 600 - 24, 200, 24)
    assert sum(1 for i in range(corner.width()) for j in range(corner.height())
               if corner.pixelColor(i, j).lightness() < 100) < dark / 4


def test_tiles_are_decoded_once_while_panning_and_zooming(project):
    from qtpy.QtCore import QRectF

    add_test_basemap(project, levels=(10, 11), colour_for=checker, margin=300)
    show(project)
    _image, _transform, scene = render(project)
    decoded = scene.basemap.cache.decoded
    assert decoded > 0
    from workbench.canvas.export_png import map_frame

    source = map_frame(scene, W, H, "area")[0]
    for shift in (0, 200, -200, 0):
        painted = QImage(W // 2, H // 2, QImage.Format_ARGB32_Premultiplied)
        from qtpy.QtGui import QPainter

        painter = QPainter(painted)
        scene.render(painter, QRectF(0, 0, W // 2, H // 2), source.translated(shift, 0))
        painter.end()
    # zoomed out by two (level 10 now) and back: each tile decoded once
    after = scene.basemap.cache.decoded
    painted = QImage(W // 2, H // 2, QImage.Format_ARGB32_Premultiplied)
    painter = QPainter(painted)
    scene.render(painter, QRectF(0, 0, W // 2, H // 2), source)
    painter.end()
    assert scene.basemap.cache.decoded == after


def test_cli_export_png_draws_the_stored_base_map(project, sample_path, tmp_path):
    add_test_basemap(project, levels=(11,), colour_for=lambda z, c, r: (40, 120, 230), margin=300)
    show(project)
    x, y = free_points(project)[0]
    out = tmp_path / "kaart.png"
    assert main(["export", "png", str(sample_path), str(out), "--width", "800", "--height", "600"]) == 0
    from workbench.canvas.export_png import map_frame
    from workbench.canvas.scene import MapScene

    transform = map_frame(MapScene(project), 800, 600, "area")[1]
    assert same(pixel(QImage(str(out)), transform, x, y), (40, 120, 230))


@pytest.mark.parametrize("zoom_in", [1, 8])
def test_the_view_never_shows_a_hole_where_a_coarser_level_exists(qtbot, project, zoom_in):
    """Zoomed in far beyond the finest stored level, the map still shows it, blown up."""
    from qtpy.QtCore import QRectF

    from tests.canvas_helpers import make_view, pos

    add_test_basemap(project, levels=(10,), colour_for=lambda z, c, r: (40, 120, 230), margin=300)
    show(project)
    view = make_view(qtbot, project, 600, 400)
    x, y = free_points(project)[0]
    span = 1200.0 / zoom_in
    view.zoom_to_rect(QRectF(x - span / 2, -y - span / 2, span, span), 0)
    grab = view.viewport().grab().toImage()
    at = pos(view, x, y)
    assert same(grab.pixelColor(at.x(), at.y()), (40, 120, 230))


def test_layer_list_switches_fades_and_dims_the_base_map_with_real_input(qtbot, project):
    from qtpy.QtCore import QPoint, Qt
    from qtpy.QtTest import QTest
    from qtpy.QtWidgets import QApplication

    from tests.canvas_helpers import make_view, pos
    from workbench.canvas.layer_list import LayerList
    from workbench.store.tiles import basemaps_of

    add_test_basemap(project, "basemap_kaart", levels=(11,), colour_for=lambda z, c, r: (230, 120, 40), margin=300,
                     title="Kaart")
    add_test_basemap(project, "basemap_luchtfoto", levels=(11,), colour_for=lambda z, c, r: (40, 160, 60),
                     margin=300, title="Luchtfoto")
    show(project, "basemap_kaart")
    view = make_view(qtbot, project, 600, 400)
    layers = LayerList(view)
    qtbot.addWidget(layers)
    layers.show()
    qtbot.waitExposed(layers)
    controls = layers.basemap
    x, y = free_points(project)[0]

    def colour_on_map():
        grab = view.viewport().grab().toImage()
        at = pos(view, x, y)
        return grab.pixelColor(at.x(), at.y())

    assert [controls.choice.itemText(i) for i in range(controls.choice.count())] == [
        "Geen basiskaart", "Kaart", "Luchtfoto"]
    assert controls.choice.currentText() == "Kaart" and not controls.faded.isChecked()
    assert same(colour_on_map(), (230, 120, 40))
    # choose the aerial photo in the drop-down list, by mouse
    QTest.mouseClick(controls.choice, Qt.LeftButton)
    popup = controls.choice.view()
    qtbot.waitUntil(popup.isVisible)
    qtbot.wait(QApplication.doubleClickInterval() + 100)  # a release that soon after opening is ignored
    item = popup.visualRect(popup.model().index(2, 0)).center()
    QTest.mouseClick(popup.viewport(), Qt.LeftButton, Qt.NoModifier, item)
    qtbot.waitUntil(lambda: basemaps_of(project).display().active == "basemap_luchtfoto")
    assert same(colour_on_map(), (40, 160, 60))
    # faded: greyscale on screen, and remembered in the file
    QTest.mouseClick(controls.faded, Qt.LeftButton, Qt.NoModifier, QPoint(8, controls.faded.height() // 2))
    assert basemaps_of(project).display().faded
    faded = colour_on_map()
    assert faded.red() == faded.green() == faded.blue()
    # opacity by keyboard on the slider: lighter at once, stored once it rests
    controls.opacity.setFocus()
    for _step in range(5):
        QTest.keyClick(controls.opacity, Qt.Key_PageDown)
    assert controls.opacity.value() == 50
    assert colour_on_map().lightness() > faded.lightness()
    qtbot.waitUntil(lambda: abs(basemaps_of(project).display().opacity - 0.5) < 1e-9)
    # none: the map shows no base map at all
    controls.choice.setFocus()
    QTest.keyClick(controls.choice, Qt.Key_Home)
    assert basemaps_of(project).display().active is None
    assert not same(colour_on_map(), (40, 160, 60), 60) and colour_on_map() != faded


def test_the_base_map_ends_at_its_extent_at_every_level(project):
    """A coarse tile reaches beyond the area that was downloaded; the map does not, so
    its edge does not jump while zooming."""
    info = add_test_basemap(project, levels=(10,), colour_for=lambda z, c, r: (40, 120, 230), margin=300)
    show(project)
    image, transform, _scene = render(project, 1600, 1200)
    level = info.levels[0]
    span = level.tile_width * level.pixel_size
    min_x, min_y, max_x, max_y = info.extent
    right = info.origin_x + (int((max_x - info.origin_x) // span) + 1) * span  # the last tile's east edge
    assert right - max_x > 40, "the fixture's tiles must reach beyond the extent"
    y = (min_y + max_y) / 2
    from workbench import style

    washed = tuple(c + (255 - c) * style.OUTSIDE_DIM_OPACITY for c in (40, 120, 230))  # outside the area
    assert same(pixel(image, transform, max_x - 20, y), washed)
    beyond = pixel(image, transform, (max_x + right) / 2, y)
    assert not same(beyond, (40, 120, 230), 60) and beyond.lightness() > 200


def test_a_read_only_project_shows_changes_but_keeps_its_file(qtbot, project, sample_path):
    from qtpy.QtCore import QPoint, Qt
    from qtpy.QtTest import QTest

    from tests.canvas_helpers import make_view, pos
    from workbench.canvas.layer_list import LayerList
    from workbench.store import open_project
    from workbench.store.tiles import basemaps_of

    add_test_basemap(project, levels=(11,), colour_for=lambda z, c, r: (40, 120, 230), margin=300)
    show(project)
    before = basemaps_of(project).display()
    project.close()
    reader = open_project(sample_path, read_only=True)
    try:
        view = make_view(qtbot, reader, 600, 400)
        layers = LayerList(view)
        qtbot.addWidget(layers)
        layers.show()
        x, y = free_points(reader)[0]
        QTest.mouseClick(layers.basemap.faded, Qt.LeftButton, Qt.NoModifier,
                         QPoint(8, layers.basemap.faded.height() // 2))
        at = pos(view, x, y)
        grey = view.viewport().grab().toImage().pixelColor(at.x(), at.y())
        assert grey.red() == grey.green() == grey.blue()  # shown
    finally:
        reader.close()
    again = open_project(sample_path, read_only=True)
    try:
        assert basemaps_of(again).display() == before  # not written
    finally:
        again.close()


def test_a_base_map_of_fine_levels_only_is_decoded_once_in_the_full_view(project):
    """PDOK's BGT starts at level 12: the full view of the area then spans more stored
    tiles than the cache holds. Overview tiles are made once; a repaint decodes nothing."""
    from workbench.canvas.tile_cache import CACHE_TILES

    info = add_test_basemap(project, levels=(13,), colour_for=checker, margin=300)
    level = info.levels[0]
    col_min, col_max, row_min, row_max = info.tile_range(level, info.extent)
    assert (col_max - col_min + 1) * (row_max - row_min + 1) > CACHE_TILES
    show(project)
    image, transform, scene = render(project, 1600, 1200)
    for x, y in free_points(project)[:12]:
        col, row = tile_at(info, level, x, y)
        rect_x = info.origin_x + (col + 0.5) * level.tile_width * level.pixel_size
        rect_y = info.origin_y - (row + 0.5) * level.tile_height * level.pixel_size
        assert same(pixel(image, transform, rect_x, rect_y), checker(13, col, row), 8), (col, row)
    decoded = scene.basemap.cache.decoded
    from qtpy.QtCore import QRectF
    from qtpy.QtGui import QPainter

    from workbench.canvas.export_png import map_frame

    source = map_frame(scene, 1600, 1200, "area")[0]
    for shift in (0.0, 0.3, -0.3, 0.0):  # a repaint, and pans that leave part of the map out of view
        again = QImage(1600, 1200, QImage.Format_ARGB32_Premultiplied)
        painter = QPainter(again)
        scene.render(painter, QRectF(0, 0, 1600, 1200), source.translated(shift * source.width(), 0))
        painter.end()
        assert len(scene.basemap._last_pieces[1]) < CACHE_TILES  # what one paint holds on to
    assert scene.basemap.cache.decoded == decoded


def test_a_project_without_a_base_map_keeps_its_choice_and_shows_one_added_later(project):
    # the map opens such a project without the base-map module (issue 14); what was
    # chosen before (a base map since removed) still shows in the layer list's controls
    from workbench.canvas.export_png import ensure_app
    from workbench.canvas.scene import MapScene
    from workbench.store.tiles import BaseMapDisplay, basemaps_of

    ensure_app()
    basemaps_of(project).set_display(BaseMapDisplay(active=None, opacity=0.4, faded=False))
    layer = MapScene(project).basemap
    assert (layer.maps(), layer.active, layer.opacity, layer.faded) == ([], None, 0.4, False)
    layer.set_opacity(0.3)  # kept in the file, as with a base map
    assert basemaps_of(project).display().opacity == 0.3
    info = add_test_basemap(project, levels=(11,), margin=300)
    layer.reload()  # what the download and import dialogs do once tiles are stored
    assert layer.maps() == [(info.name, info.title)]
    layer.set_active(info.name)
    assert layer.item.isVisible() and basemaps_of(project).display().active == info.name
