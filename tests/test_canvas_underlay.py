"""Raster underlays: placed by a world file or by two clicks on the image and two on
the map, stored in the project file (it opens the same elsewhere), opacity kept."""

from qtpy.QtCore import Qt
from qtpy.QtGui import QColor, QImage

from tests.canvas_helpers import click, make_view
from workbench.canvas.tools import Mode
from workbench.canvas.underlay import read_world_file, two_point_placement
from workbench.store import open_project


def _image(path, width=40, height=20, colour="#ff0000"):
    image = QImage(width, height, QImage.Format_RGB32)
    image.fill(QColor(colour))
    image.setPixelColor(0, 0, QColor("#0000ff"))  # a recognisable corner
    assert image.save(str(path))
    return path


def test_two_point_placement_scales_rotates_and_flips_rows():
    # pixel (0, 0) at (1000, 2000); 10 pixels right is 20 m east; rows go south
    a, d, b, e, c, f = two_point_placement([(0, 0), (10, 0)], [(1000, 2000), (1020, 2000)])
    assert (a, d, b, e, c, f) == (2.0, 0.0, 0.0, -2.0, 1000.0, 2000.0)
    a, d, b, e, c, f = two_point_placement([(0, 0), (10, 0)], [(0, 0), (0, 10)])  # rotated 90 degrees
    col, row = 0, 5
    assert abs(a * col + b * row + c - 5) < 1e-9 and abs(d * col + e * row + f) < 1e-9


def test_world_file_placement_is_stored_and_reopens_the_same(qtbot, project, sample_path, tmp_path):
    image = _image(tmp_path / "plan.png")
    (tmp_path / "plan.pgw").write_text("2.0\n0.0\n0.0\n-2.0\n195001.0\n325999.0\n")
    assert read_world_file(image) == (2.0, 0.0, 0.0, -2.0, 195001.0, 325999.0)
    view = make_view(qtbot, project)
    assert view.load_underlay(image) is True
    [underlay] = project.all("underlay")
    assert (underlay.a, underlay.e, underlay.c, underlay.f) == (2.0, -2.0, 195001.0, 325999.0)
    item = view.scene().underlay_items[underlay.uuid]
    rect = item.sceneBoundingRect()   # 40 x 20 pixels of 2 m, centre of pixel (0,0) at (195001, 325999)
    assert (rect.left(), rect.top(), rect.width(), rect.height()) == (195000.0, -326000.0, 80.0, 40.0)
    project.close()
    reopened = open_project(sample_path)
    try:
        [again] = reopened.all("underlay")
        assert again == underlay and bytes(again.image) == image.read_bytes()
    finally:
        reopened.close()


def test_two_clicks_on_the_image_and_two_on_the_map_place_it(qtbot, project, tmp_path):
    from tests.canvas_helpers import pos
    from qtpy.QtTest import QTest

    view = make_view(qtbot, project)
    view.set_mode(Mode.POINT)
    image = _image(tmp_path / "schets.png", 100, 50)
    assert view.load_underlay(image) is False                 # no world file: placement starts
    tool = view._tool()
    # the corners of pixel (0,0) and pixel (99,0) in the provisional placement, as scene points
    first = tool.item.mapToScene(0.5, 0.5)
    second = tool.item.mapToScene(99.5, 0.5)
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, view.mapFromScene(first))
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, view.mapFromScene(second))
    x, y = project.area.geometry.centroid.coords[0]
    assert project.all("underlay") == []
    click(view, x, y)
    with qtbot.waitSignal(view.message) as message:
        click(view, x + 400, y)
    assert "geplaatst" in message.args[0]
    [underlay] = project.all("underlay")
    # 99 pixels span about 400 m east; row direction points south
    assert abs(underlay.a * 99 - 400) < 400 * 0.05 and abs(underlay.d) < 0.05 * abs(underlay.a)
    assert underlay.e < 0
    assert abs(underlay.c - x) < 5 * view.metres_per_pixel() + abs(underlay.a)
    assert view.mode() == Mode.POINT and view._transient is None
    project.undo_stack.undo()
    assert project.all("underlay") == [] and view.scene().underlay_items == {}


def test_esc_cancels_placement_without_storing(qtbot, project, tmp_path):
    view = make_view(qtbot, project)
    image = _image(tmp_path / "schets.png")
    view.load_underlay(image)
    from qtpy.QtTest import QTest

    QTest.keyClick(view.viewport(), Qt.Key_Escape)
    assert view._transient is None and project.all("underlay") == []
    assert view.scene().edit_group.childItems() == [view.preview]


def test_opacity_from_the_layer_list_is_stored_as_one_step(qtbot, project, tmp_path):
    from workbench.canvas.layer_list import LayerList

    image = _image(tmp_path / "plan.png")
    (tmp_path / "plan.pgw").write_text("2\n0\n0\n-2\n195001\n325999\n")
    view = make_view(qtbot, project)
    view.load_underlay(image)
    layers = LayerList(view)
    qtbot.addWidget(layers)
    done = len(project.undo_stack._done)
    for value in (60, 50, 40, 30):
        layers.sliders["underlay"].setValue(value)
    qtbot.waitUntil(lambda: abs(project.all("underlay")[0].opacity - 0.3) < 1e-9)
    assert len(project.undo_stack._done) == done + 1
    layers.checks["reference"].setChecked(False)
    assert not view.layer_visible("reference")
    layers.sliders["interventions"].setValue(25)
    assert abs(view.layer_opacity("interventions") - 0.25) < 1e-9


def test_exported_png_shows_the_underlay(project, tmp_path):
    from workbench.canvas.export_png import render_image
    from workbench.core.underlay_commands import AddUnderlay, DeleteUnderlay

    image = _image(tmp_path / "plan.png", 10, 10, "#00ff00")
    minx, miny, maxx, maxy = project.area.geometry.bounds
    # a green image covering the whole area, fully opaque
    size = max(maxx - minx, maxy - miny) / 10 * 1.5
    project.execute(AddUnderlay("groen", image.read_bytes(), "png",
                                (size, 0, 0, -size, minx - size, maxy + size), opacity=1.0))
    picture = render_image(project, 200, 200, "area")
    project.execute(DeleteUnderlay(project.all("underlay")[0].uuid))
    without = render_image(project, 200, 200, "area")
    corner = picture.pixelColor(3, 3)
    assert corner.green() > 150 and corner.red() < 180        # green shows through the dimming
    assert without.pixelColor(3, 3).red() > 200              # no green without the underlay


def test_a_file_from_before_underlays_opens_read_only_and_migrates_when_writable(sample_path, tmp_path):
    import sqlite3

    from workbench.canvas.export_png import render_png
    from workbench.core.underlay_commands import AddUnderlay

    conn = sqlite3.connect(sample_path)   # turn the sample back into a schema-2 file
    conn.execute("DROP TABLE underlays")
    conn.execute("DELETE FROM gpkg_contents WHERE table_name = 'underlays'")
    conn.execute("UPDATE workbench_meta SET value = '2' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    old = open_project(sample_path, read_only=True)
    try:
        assert old.all("underlay") == [] and len(old.interventions()) == 22
        render_png(old, tmp_path / "oud.png", 200, 150, "area")
    finally:
        old.close()
    project = open_project(sample_path)
    try:
        image = _image(tmp_path / "plan.png")
        project.execute(AddUnderlay("plan", image.read_bytes(), "png", (1, 0, 0, -1, 195000, 325000)))
        assert len(project.all("underlay")) == 1
    finally:
        project.close()
