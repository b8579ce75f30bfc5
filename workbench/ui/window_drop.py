"""Files dropped on the window or the map go to the import (data) or the base maps."""

from qtpy.QtCore import QEvent, QObject

# what the import reads (a shapefile also zipped, as the README promises), then base maps
DROP_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".zip", ".csv", ".mbtiles", ".tif", ".tiff")


class DropFilter(QObject):
    """Lets files dropped on the map reach the window's import."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if self.window.dropped_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif event.type() == QEvent.Type.Drop:
            paths = self.window.dropped_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.window.import_paths(paths)
                return True
        return False


class WindowDrops:
    """Mixed into :class:`MainWindow`: accepts dropped files."""

    @staticmethod
    def dropped_paths(mime) -> list:
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile().lower().endswith(DROP_SUFFIXES)]

    def dragEnterEvent(self, event) -> None:
        if self.dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = self.dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)
