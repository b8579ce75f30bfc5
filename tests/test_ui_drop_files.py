"""Drag-and-drop takes what the README promises (issue 15, item 10): a zipped shapefile
and a CSV dropped on the map open the import, and import."""

import zipfile

import pyogrio
from qtpy.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from qtpy.QtGui import QDragEnterEvent, QDropEvent
from qtpy.QtWidgets import QApplication
from shapely.geometry import Point

from tests.test_io_import import gdal_frame, gdal_write
from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)


def _drop(window, path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    viewport = window.map_view.viewport()
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


def _import_dropped(qtbot, window):
    dialog = window.open_dialogs[-1]
    assert type(dialog).__name__ == "ImportDialog"
    qtbot.waitUntil(lambda: dialog.source is not None or bool(dialog.error.text()), timeout=20000)
    assert dialog.do_import(), dialog.error.text()
    return dialog.summary


def test_a_zipped_shapefile_dropped_on_the_map_is_imported(qtbot, window, dialogs, sample_path, tmp_path):
    project = open_in_window(qtbot, window, sample_path)
    shapefile = tmp_path / "shp" / "ideeen.shp"
    shapefile.parent.mkdir()
    gdal_write(shapefile, [Point(195000, 325800)], 28992, "ESRI Shapefile", NAAM=["Uit de zip"])
    archive = tmp_path / "ideeen.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for part in shapefile.parent.iterdir():
            zipped.write(part, part.name)
    assert _drop(window, archive)
    assert _import_dropped(qtbot, window).imported == 1
    assert project.interventions()[-1].title == "Uit de zip"


def test_a_csv_dropped_on_the_map_is_imported(qtbot, window, dialogs, sample_path, tmp_path):
    project = open_in_window(qtbot, window, sample_path)
    path = tmp_path / "ideeen.csv"
    geometry, field_data, fields = gdal_frame([Point(195000, 325800)], naam=["Uit de CSV"])
    pyogrio.raw.write(str(path), geometry, field_data, fields, driver="CSV", geometry_type="Point",
                      crs="EPSG:28992", layer_options={"GEOMETRY": "AS_WKT"})
    assert _drop(window, path)
    assert _import_dropped(qtbot, window).imported == 1
    assert project.interventions()[-1].title == "Uit de CSV"


def test_other_files_are_not_taken(qtbot, window, dialogs, sample_path, tmp_path):
    open_in_window(qtbot, window, sample_path)
    path = tmp_path / "notulen.docx"
    path.write_bytes(b"PK")
    _drop(window, path)
    assert window.open_dialogs == [] and dialogs.shown == []
