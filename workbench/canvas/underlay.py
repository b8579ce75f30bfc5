"""Raster underlays: a PNG/JPEG placed in RD by a world-file style affine transform,
read from a world file (.pgw/.jgw) or worked out from two points clicked on the image
and the same two on the map."""

from pathlib import Path

from qtpy.QtCore import Qt
from qtpy.QtGui import QImage, QPixmap, QTransform
from qtpy.QtWidgets import QGraphicsPixmapItem

from workbench.errors import ValidationError
from workbench.i18n import _

WORLD_FILE_SUFFIXES = {".png": (".pgw", ".pngw", ".wld"), ".jpg": (".jgw", ".jpgw", ".wld"),
                       ".jpeg": (".jgw", ".jpegw", ".jpgw", ".wld")}


def affine_transform(a, d, b, e, c, f) -> QTransform:
    """The scene transform of an image whose world file reads A, D, B, E, C, F.

    A world file maps the *centre* of pixel (col, row) to x = A*col + B*row + C,
    y = D*col + E*row + F; a pixmap item's pixel (i, j) spans [i, i+1], hence the half
    pixel shift; scene y is -y.
    """
    return QTransform(a, -d, b, -e, c - 0.5 * a - 0.5 * b, -(f - 0.5 * d - 0.5 * e))


def read_world_file(image_path) -> tuple | None:
    """(a, d, b, e, c, f) from the world file next to ``image_path``, or None."""
    image_path = Path(image_path)
    for suffix in WORLD_FILE_SUFFIXES.get(image_path.suffix.lower(), (".wld",)):
        for candidate in (image_path.with_suffix(suffix), image_path.with_suffix(suffix.upper())):
            if candidate.exists():
                try:
                    numbers = [float(line.strip().replace(",", ".")) for line in
                               candidate.read_text(encoding="latin-1").split("\n") if line.strip()]
                except ValueError:
                    raise ValidationError(_("Het world-bestand {name} is onleesbaar.").format(name=candidate.name)) \
                        from None
                if len(numbers) != 6:
                    raise ValidationError(_("Het world-bestand {name} is onleesbaar.").format(name=candidate.name))
                return tuple(numbers)
    return None


def two_point_placement(pixels, world) -> tuple:
    """(a, d, b, e, c, f) that maps two pixel positions (col, row; row down) onto two RD
    points (y up): scale, rotation and shift, no shear.

    >>> two_point_placement([(0, 0), (10, 0)], [(100, 200), (120, 200)])
    (2.0, 0.0, 0.0, -2.0, 100.0, 200.0)
    """
    (c1, r1), (c2, r2) = pixels
    (x1, y1), (x2, y2) = world
    # as complex numbers: w = k * z + t with z = col - i*row (flip y), w = x + i*y
    z1, z2 = complex(c1, -r1), complex(c2, -r2)
    w1, w2 = complex(x1, y1), complex(x2, y2)
    if abs(z2 - z1) < 1e-9 or abs(w2 - w1) < 1e-9:
        raise ValidationError(_("Kies twee punten die niet op dezelfde plek liggen."))
    k = (w2 - w1) / (z2 - z1)
    t = w1 - k * z1
    return (k.real, k.imag, k.imag, -k.real, t.real, t.imag)


def image_format_of(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG"):
        return "png"
    if data.startswith(b"\xff\xd8"):
        return "jpg"
    return None


class UnderlayItem(QGraphicsPixmapItem):
    @classmethod
    def from_entity(cls, underlay, parent):
        image = QImage.fromData(bytes(underlay.image))
        if image.isNull():
            return None
        item = cls(QPixmap.fromImage(image))
        item.uuid = underlay.uuid
        item.setTransformationMode(Qt.SmoothTransformation)
        item.setTransform(affine_transform(underlay.a, underlay.d, underlay.b, underlay.e, underlay.c, underlay.f))
        item.setOpacity(underlay.opacity)
        item.setParentItem(parent)
        return item
