"""Base maps from files a planner already has (MBTiles, a GeoPackage of tiles, a
GeoTIFF): dropped on the map or chosen with Kaart > Basiskaart uit bestand. The work is
workbench.io.basemap_import; here only which files it takes and the progress shown.

Example::

    if is_basemap_file(path):
        import_basemap_file(window, path)
"""

import time
from pathlib import Path

from qtpy.QtCore import Qt
from qtpy.QtWidgets import QApplication, QFileDialog, QProgressDialog

from workbench.errors import WorkbenchError
from workbench.i18n import _
from workbench.ui.messages import show_error
from workbench.store.errors import os_sentence

BASEMAP_SUFFIXES = (".mbtiles", ".tif", ".tiff")


def is_basemap_file(path) -> bool:
    """MBTiles and GeoTIFF always; a GeoPackage when it holds tiles and no features (one
    with features is reference data or a project, for the import dialog)."""
    lower = str(path).lower()
    if lower.endswith(BASEMAP_SUFFIXES):
        return True
    if lower.endswith(".gpkg"):
        from workbench.store.foreign_gpkg import data_types

        try:
            kinds = data_types(path)
        except WorkbenchError:
            return False  # the import dialog says what is wrong with it
        return "tiles" in kinds and "features" not in kinds
    return False


def import_basemap_file(window, path):
    """Import ``path`` as a base map of the window's project, with a progress bar; the
    result, or None after a Dutch message (nothing is kept then)."""
    from workbench.io.basemap_import import import_basemap

    project = window.context.project
    if project is None or project.read_only:
        show_error(window, _("Open eerst een project dat u mag wijzigen."))
        return None
    progress = QProgressDialog(_("Basiskaart inlezen uit {name}…").format(name=Path(path).name), None, 0, 0, window)
    progress.setWindowTitle(_("Basiskaart uit bestand"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.show()
    shown = [0.0]

    def step(done, total) -> None:
        now = time.monotonic()
        if now - shown[0] > 0.05 or done == total:  # the bar moves, the window repaints
            shown[0] = now
            progress.setMaximum(total)
            progress.setValue(done)
            QApplication.processEvents()

    try:
        result = import_basemap(project, str(path), progress=step)
    except WorkbenchError as error:
        show_error(window, str(error))
        return None
    except OSError as error:
        show_error(window, os_sentence(error, path))
        return None
    finally:
        progress.hide()
        progress.deleteLater()
    view = window.map_view
    view.scene().basemap.reload()
    view.layersChanged.emit()
    window.show_message(_("Basiskaart '{title}' toegevoegd ({count} tegels).").format(title=result.title,
                                                                                    count=result.stored))
    return result


def choose_and_import(window):
    """Kaart > Basiskaart uit bestand: pick a file, then :func:`import_basemap_file`."""
    project = window.context.project
    if project is None or project.read_only:
        return None
    path, _filter = QFileDialog.getOpenFileName(
        window, _("Basiskaart uit bestand"), str(Path(project.path).parent),
        _("Basiskaarten (*.mbtiles *.gpkg *.tif *.tiff);;Alle bestanden (*)"))
    return import_basemap_file(window, path) if path else None
