"""Decoded base-map tiles, least recently used dropped first, so panning and zooming
never decode a tile twice; and the faded look (greyscale, lightened) applied once, when
a tile is decoded."""

from collections import OrderedDict

from qtpy.QtGui import QColor, QImage, QPainter

from workbench import style

CACHE_TILES = 320  # about 80 MB of 256 px tiles: several screens' worth


def faded_image(image: QImage) -> QImage:
    """Greyscale and lightened, so theme colours stand out on top."""
    grey = image.convertToFormat(QImage.Format_Grayscale8).convertToFormat(QImage.Format_RGB32)
    out = QImage(grey.size(), QImage.Format_RGB32)
    out.fill(QColor(255, 255, 255))
    painter = QPainter(out)
    painter.setOpacity(1.0 - style.BASEMAP_FADE_TO_WHITE)  # the PDF fades the same
    painter.drawImage(0, 0, grey)
    painter.end()
    return out


class TileCache:
    """Decoded tiles by (name, zoom, col, row, faded), least recently used dropped first.
    A tile known to be missing is remembered as None, so it is not asked for again."""

    def __init__(self, capacity: int = CACHE_TILES):
        self.capacity = capacity
        self._images = OrderedDict()
        self._missing = set()
        self.decoded = 0  # how many tiles were decoded (tests and the bench read this)

    def clear(self) -> None:
        self._images.clear()
        self._missing.clear()

    def known(self, key) -> bool:
        return key in self._images or key[:4] + key[5:] in self._missing

    def get(self, key):
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def put_data(self, key, data: bytes, keep: bool = True) -> QImage | None:
        """The decoded tile; kept in the cache unless ``keep`` is False (the tiles an
        overview tile is made of, which would push the overview tiles out)."""
        image = QImage.fromData(data)
        self.decoded += 1
        if image.isNull():
            self.put_missing(key)
            return None
        image = faded_image(image) if key[4] else image.convertToFormat(
            QImage.Format_ARGB32_Premultiplied if image.hasAlphaChannel() else QImage.Format_RGB32)
        if not keep:
            return image
        self._images[key] = image
        while len(self._images) > self.capacity:
            self._images.popitem(last=False)
        return image

    def put_missing(self, key) -> None:
        self._missing.add(key[:4] + key[5:])

    def put_image(self, key, image: QImage) -> None:
        """A tile made here rather than decoded (an overview tile)."""
        self._images[key] = image
        while len(self._images) > self.capacity:
            self._images.popitem(last=False)
