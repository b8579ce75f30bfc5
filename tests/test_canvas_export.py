"""``workbench export png`` renders the map with the scene code, headless."""

from qtpy.QtGui import QColor, QImage

from workbench.cli import main


def _pixel(image, transform, x, y):
    from workbench.canvas.geometry import to_scene

    point = transform.map(to_scene(x, y))
    return image.pixelColor(round(point.x()), round(point.y()))


def _frame(project, width, height, extent):
    from workbench.canvas.export_png import ensure_app, map_frame
    from workbench.canvas.scene import MapScene

    ensure_app()
    return map_frame(MapScene(project), width, height, extent)[1]


def test_cli_writes_a_png_of_the_area_with_ideas_in_their_colours(project, sample_path, tmp_path, capsys):
    out = tmp_path / "kaart.png"
    assert main(["export", "png", str(sample_path), str(out), "--width", "800", "--height", "600"]) == 0
    assert "Kaart geschreven" in capsys.readouterr().out
    image = QImage(str(out))
    assert (image.width(), image.height()) == (800, 600)
    transform = _frame(project, 800, 600, "area")
    # inside the green polygon of idea 7 (away from its number): the theme colour, translucent
    polygon = project.intervention_by_number(7).geometry
    inner = polygon.buffer(-polygon.length / 40)
    corner = inner.exterior.coords[0]
    pixel = _pixel(image, transform, *corner)
    green = QColor(project.primary_color(project.intervention_by_number(7)))
    assert pixel.green() > pixel.red() and pixel.green() > pixel.blue()
    assert abs(pixel.green() - green.green()) < 80
    # on the area boundary: the dark area line
    edge = project.area.geometry.exterior.interpolate(0.37, normalized=True)
    line = _pixel(image, transform, edge.x, edge.y)
    assert line.lightness() < 120
    # every idea's number is drawn: a disc in its theme colour at or near its anchor
    from workbench.canvas.geometry import to_scene
    from workbench.geo.display import label_anchor

    for item in project.interventions():
        if "Point" in item.geometry.geom_type:
            continue
        x, y = label_anchor(item.geometry)
        wanted = QColor(project.primary_color(item))
        found = False
        for dx in range(-40, 41, 2):
            for dy in range(-30, 31, 2):
                point = transform.map(to_scene(x, y))
                colour = image.pixelColor(round(point.x()) + dx, round(point.y()) + dy)
                if max(abs(colour.red() - wanted.red()), abs(colour.green() - wanted.green()),
                       abs(colour.blue() - wanted.blue())) < 12:
                    found = True
                    break
            if found:
                break
        assert found, f"no number disc for idea {item.number}"


def test_extent_all_shows_more_than_the_area(project, tmp_path):
    from workbench.canvas.export_png import render_png

    assert _frame(project, 400, 300, "all").m11() < _frame(project, 400, 300, "area").m11()
    out = render_png(project, tmp_path / "alles.png", 400, 300, "all")
    assert QImage(out).size().width() == 400


def test_unusable_size_is_a_dutch_message(sample_path, tmp_path, capsys):
    assert main(["export", "png", str(sample_path), str(tmp_path / "x.png"), "--width", "3"]) == 2
    assert "breedte" in capsys.readouterr().err


def test_label_scale_makes_numbers_bigger(qtbot, project):
    from tests.canvas_helpers import make_view

    view = make_view(qtbot, project)
    label = next(iter(view.scene().labels_by_uuid.values()))
    before = label.label_rect().width()
    view.set_label_scale(2.0)
    assert label.label_rect().width() > 1.6 * before


def test_the_png_of_an_example_says_it_is_fictional(qtbot, tmp_path, sample_path):
    """The samples' disclaimer travels with a PNG export (no app window around it)."""
    from qtpy.QtGui import QColor, QImage

    from workbench.canvas.export_png import render_png
    from workbench.canvas.map_notes import DISCLAIMER_BAND
    from workbench.core.setup_commands import EditInfo
    from workbench.store import open_project

    project = open_project(sample_path)
    assert "ictief" in project.info.disclaimer
    render_png(project, tmp_path / "voorbeeld.png", 800, 600)
    band = QColor(QImage(str(tmp_path / "voorbeeld.png")).pixel(12, 12))
    assert band == QColor(DISCLAIMER_BAND)
    project.execute(EditInfo(disclaimer=""))  # a real project: no band
    render_png(project, tmp_path / "echt.png", 800, 600)
    assert QColor(QImage(str(tmp_path / "echt.png")).pixel(12, 12)) != QColor(DISCLAIMER_BAND)
    project.close()
