"""Raster underlays: a PNG/JPEG placed in RD by a world-file style affine transform."""

from qtpy.QtGui import QImage, QPixmap, QTransform
from qtpy.QtWidgets import QGraphicsPixmapItem


def affine_transform(a, d, b, e, c, f) -> QTransform:
    """The scene transform of an image whose world file reads A, D, B, E, C, F.

    A world file maps the *centre* of pixel (col, row) to x = A*col + B*row + C,
    y = D*col + E*row + F; a pixmap item's pixel (i, j) spans [i, i+1], hence the half
    pixel shift; scene y is -y.
    """
    return QTransform(a, -d, b, -e, c - 0.5 * a - 0.5 * b, -(f - 0.5 * d - 0.5 * e))


class UnderlayItem(QGraphicsPixmapItem):
    @classmethod
    def from_entity(cls, underlay, parent):
        image = QImage.fromData(bytes(underlay.image))
        if image.isNull():
            return None
        item = cls(QPixmap.fromImage(image), parent)
        item.uuid = underlay.uuid
        item.setTransformationMode(1)  # Qt.SmoothTransformation
        item.setTransform(affine_transform(underlay.a, underlay.d, underlay.b, underlay.e, underlay.c, underlay.f))
        item.setOpacity(underlay.opacity)
        return item
