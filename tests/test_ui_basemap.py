"""Kaart > Basiskaart downloaden against a real tile server on 127.0.0.1: the estimate
before anything is fetched, a progress dialog while a worker thread downloads, cancel,
and the base map on the map afterwards."""

from qtpy.QtCore import Qt, QTimer
from qtpy.QtTest import QTest
from qtpy.QtWidgets import QPushButton

from tests.tile_server import PDOK_BRT, TileServer
from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401  (fixtures)


def stored_tiles(path) -> int:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        names = [row[0] for row in conn.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'tiles'")]
        return sum(conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names)
    finally:
        conn.close()


def open_dialog(qtbot, window, url, first, last):
    from workbench.ui.basemap_dialog import OWN

    window.actions_.a["basemap"].trigger()
    dialog = window.open_dialogs[-1]
    qtbot.waitExposed(dialog)
    dialog.source.setCurrentIndex(dialog.source.findData(OWN))
    dialog.url.setFocus()
    QTest.keyClicks(dialog.url, url)
    dialog.first.setValue(first)
    dialog.last.setValue(last)
    qtbot.waitUntil(lambda: "tegels te downloaden" in dialog.estimate.text())
    return dialog


def test_download_shows_the_estimate_then_the_base_map_on_the_map(qtbot, window, sample_path):
    from tests.canvas_helpers import free_points, pos

    project = open_in_window(qtbot, window, sample_path)
    colour = (40, 120, 230)
    with TileServer(colour_for=lambda z, x, y: colour) as server:
        dialog = open_dialog(qtbot, window, server.template(PDOK_BRT), 10, 11)
        count = dialog.plan.tile_count
        assert f"{count} tegels te downloaden" in dialog.estimate.text() and "MB" in dialog.estimate.text()
        assert server.requests == []  # the estimate asks no server
        QTest.mouseClick(dialog.download, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
    assert dialog.result.stored == count and not dialog.result.cancelled
    assert "Klaar" in dialog.estimate.text()
    assert stored_tiles(sample_path) == count
    assert all("Werkbank" in (agent or "") for _path, agent in server.requests)
    # at once on the map, through the layer list too
    layers = window.panels["layers"].basemap
    assert layers.choice.count() == 2 and layers.choice.currentIndex() == 1
    view = window.map_view
    layers.faded.setChecked(False)
    x, y = free_points(project)[0]
    grab = view.viewport().grab().toImage()
    at = pos(view, x, y)
    pixel = grab.pixelColor(at.x(), at.y())
    assert max(abs(pixel.red() - colour[0]), abs(pixel.green() - colour[1]), abs(pixel.blue() - colour[2])) <= 3
    # nothing left to fetch: the button is off until the choice changes
    assert dialog.plan.tile_count == 0 and not dialog.download.isEnabled()
    dialog.margin.setValue(dialog.margin.value() + 50)
    dialog.margin.setValue(dialog.margin.value() - 50)
    qtbot.waitUntil(lambda: "staan al in het project" in dialog.estimate.text())


def test_cancel_stops_the_download_keeps_the_window_alive_and_the_project_sound(qtbot, window, sample_path):
    open_in_window(qtbot, window, sample_path)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(dialog.worker is not None))
    with TileServer(mode="slow", delay=0.2) as server:
        dialog = open_dialog(qtbot, window, server.template(PDOK_BRT), 10, 13)
        total = dialog.plan.tile_count
        assert total > 100
        timer.start(20)
        QTest.mouseClick(dialog.download, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.progress is not None and dialog.progress.value() >= 8, timeout=30000)
        assert "van {} tegels".format(total) in dialog.progress.labelText()
        assert "nog ongeveer" in dialog.progress.labelText()
        cancel = dialog.progress.findChild(QPushButton)
        QTest.mouseClick(cancel, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.worker is None, timeout=30000)
    timer.stop()
    assert sum(ticks) > 3  # the event loop ran while the worker fetched: no frozen window
    result = dialog.result
    assert result.cancelled and 0 < result.stored < total
    assert "Gestopt" in dialog.estimate.text()
    assert stored_tiles(sample_path) == result.stored
    from workbench.cli import main

    window.set_project(None)  # closes the project: `workbench check` may open it
    assert main(["check", str(sample_path)]) == 0


def test_a_captive_portal_is_one_dutch_line_and_nothing_stored(qtbot, window, sample_path):
    open_in_window(qtbot, window, sample_path)
    with TileServer(mode="html") as server:
        dialog = open_dialog(qtbot, window, server.template(PDOK_BRT), 10, 10)
        QTest.mouseClick(dialog.download, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.worker is None, timeout=60000)
    text = dialog.error.text()
    assert text and "\n" not in text and "Traceback" not in text
    assert stored_tiles(sample_path) == 0
    assert window.map_view.scene().basemap.maps() == []


def _drop(window, path):
    from qtpy.QtCore import QMimeData, QPoint, QPointF, QUrl
    from qtpy.QtGui import QDragEnterEvent, QDropEvent
    from qtpy.QtWidgets import QApplication

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    viewport = window.map_view.viewport()
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted()


def _rd_tiff(tmp_path, colour, bounds):
    """A north-up GeoTIFF in RD of one colour, written by GDAL as planners get them."""
    import subprocess

    from qtpy.QtGui import QColor, QImage

    png = tmp_path / "kleur.png"
    image = QImage(200, 200, QImage.Format_RGB32)
    image.fill(QColor(*colour))
    image.save(str(png))
    tiff = tmp_path / "luchtfoto.tif"
    min_x, min_y, max_x, max_y = bounds
    subprocess.run(["gdal_translate", "-q", "-a_srs", "EPSG:28992", "-a_ullr", str(min_x), str(max_y), str(max_x),
                    str(min_y), str(png), str(tiff)], check=True, capture_output=True)
    return tiff


def _assert_on_map(window, project, colour):
    from tests.canvas_helpers import free_points, pos

    layers = window.panels["layers"].basemap
    assert layers.choice.currentIndex() == 1  # the imported map is chosen, and listed
    layers.faded.setChecked(False)
    view = window.map_view
    x, y = free_points(project)[0]
    at = pos(view, x, y)
    pixel = view.viewport().grab().toImage().pixelColor(at.x(), at.y())
    assert max(abs(pixel.red() - colour[0]), abs(pixel.green() - colour[1]), abs(pixel.blue() - colour[2])) <= 6


def test_dropping_a_geotiff_imports_it_as_the_base_map(qtbot, window, dialogs, sample_path, tmp_path):
    project = open_in_window(qtbot, window, sample_path)
    min_x, min_y, max_x, max_y = project.area.geometry.bounds
    colour = (30, 140, 90)
    tiff = _rd_tiff(tmp_path, colour, (min_x - 500, min_y - 500, max_x + 500, max_y + 500))
    _drop(window, tiff)
    assert not window.open_dialogs and not dialogs.shown  # no import dialog, no error
    assert stored_tiles(sample_path) > 0
    assert "Basiskaart" in window.statusBar().currentMessage()
    _assert_on_map(window, project, colour)


def test_dropping_a_gdal_tiles_geopackage_imports_a_base_map_not_features(qtbot, window, dialogs, sample_path,
                                                                          tmp_path):
    import subprocess

    project = open_in_window(qtbot, window, sample_path)
    min_x, min_y, max_x, max_y = project.area.geometry.bounds
    colour = (200, 90, 40)
    tiff = _rd_tiff(tmp_path, colour, (min_x - 500, min_y - 500, max_x + 500, max_y + 500))
    package = tmp_path / "kaart.gpkg"
    subprocess.run(["gdal_translate", "-q", "-of", "GPKG", str(tiff), str(package)], check=True, capture_output=True)
    _drop(window, package)
    assert not window.open_dialogs and not dialogs.shown
    _assert_on_map(window, project, colour)


def test_a_file_that_is_no_base_map_is_one_dutch_message(qtbot, window, dialogs, sample_path, tmp_path):
    open_in_window(qtbot, window, sample_path)
    bad = tmp_path / "kapot.mbtiles"
    bad.write_bytes(b"dit is geen database")
    _drop(window, bad)
    assert len(dialogs.shown) == 1 and "\n" not in dialogs.texts() and "Traceback" not in dialogs.texts()
    assert stored_tiles(sample_path) == 0
