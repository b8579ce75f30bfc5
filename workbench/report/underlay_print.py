"""Raster images placed in RD on the printed map: the raster underlays (a scanned plan, an
aerial photo; core.model.Underlay) and the base-map crop (report.raster_layers).

An image is placed by a corner affine: the top-left corner of pixel (i, j) lies at
x = a*i + b*j + c0, y = d*i + e*j + f0 (a world file gives pixel centres; the half pixel
is taken off). Underlays are cropped to the frame and scaled down to print resolution
before they go into the PDF, so a 50 MB photo does not make a 50 MB handout.
"""

import io
import math
from dataclasses import dataclass

COARSE_ENOUGH = 1.25


@dataclass
class PrintedImage:
    image: object            # a PIL image (RGB or L)
    affine: tuple            # corner affine (a, d, b, e, c0, f0), RD metres
    jpeg_quality: int | None = None   # JPEG in the PDF (photos); None: lossless (Flate)
    opacity: float = 1.0

    @classmethod
    def north_up(cls, image, placed, jpeg_quality=None, opacity=1.0) -> "PrintedImage":
        """An image that fills ``placed`` = (min_x, min_y, max_x, max_y) exactly."""
        min_x, min_y, max_x, max_y = placed
        width, height = image.size
        return cls(image, ((max_x - min_x) / width, 0.0, 0.0, -(max_y - min_y) / height, min_x, max_y),
                   jpeg_quality, opacity)

    def reader(self):
        from reportlab.lib.utils import ImageReader

        if self.jpeg_quality is None:
            return ImageReader(self.image)
        data = io.BytesIO()
        self.image.save(data, "JPEG", quality=self.jpeg_quality)
        data.seek(0)
        return ImageReader(data)

    def draw(self, canvas, view) -> None:
        a, d, b, e, c0, f0 = self.affine
        width, height = self.image.size
        s = view.scale
        canvas.saveState()
        if self.opacity < 1.0:
            canvas.setFillAlpha(self.opacity)  # PDF applies the fill alpha to images too
        if b == 0 and d == 0:  # north up: a plain rectangle on the page
            x0, y1 = view.point(c0, f0)
            x1, y0 = view.point(c0 + a * width, f0 + e * height)
            canvas.drawImage(self.reader(), min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))
        else:
            # local (u, v) with the image in [0, W] x [0, H]: column u, row H - v
            canvas.transform(s * a, s * d, -s * b, -s * e, s * (b * height + c0) + view.origin_x,
                             s * (e * height + f0) + view.origin_y)
            canvas.drawImage(self.reader(), 0, 0, width, height)
        canvas.restoreState()


def _crop_to_frame(image, affine, frame):
    """The part of ``image`` that can show in ``frame`` (RD bounds), with its affine."""
    a, d, b, e, c0, f0 = affine
    det = a * e - b * d
    if abs(det) < 1e-12:
        return None, affine
    corners = [(frame[0], frame[1]), (frame[0], frame[3]), (frame[2], frame[1]), (frame[2], frame[3])]
    # inverse of the corner affine: pixel (i, j) of an RD point
    pixels = [((e * (x - c0) - b * (y - f0)) / det, (-d * (x - c0) + a * (y - f0)) / det) for x, y in corners]
    left = max(0, math.floor(min(i for i, _j in pixels)) - 1)
    top = max(0, math.floor(min(j for _i, j in pixels)) - 1)
    right = min(image.width, math.ceil(max(i for i, _j in pixels)) + 1)
    bottom = min(image.height, math.ceil(max(j for _i, j in pixels)) + 1)
    if left >= right or top >= bottom:
        return None, affine
    cropped = image.crop((left, top, right, bottom))
    return cropped, (a, d, b, e, c0 + a * left + b * top, f0 + d * left + e * top)


def _to_print_resolution(image, affine, wanted):
    """Scaled down when finer than ``wanted`` metres per pixel; the affine follows."""
    from PIL import Image

    a, d, b, e, c0, f0 = affine
    pixel = math.sqrt(abs(a * e - b * d))
    if pixel >= wanted / COARSE_ENOUGH:
        return image, affine
    width = max(1, round(image.width * pixel / wanted))
    height = max(1, round(image.height * pixel / wanted))
    sx, sy = image.width / width, image.height / height
    return image.resize((width, height), Image.Resampling.BOX), (a * sx, d * sx, b * sy, e * sy, c0, f0)


def printed_underlays(project, view, wanted) -> list:
    """The project's underlays that show in the frame, cropped and at print resolution."""
    from PIL import Image

    result = []
    for underlay in project.all("underlay"):
        if underlay.opacity <= 0:
            continue
        a, d, b, e, c, f = underlay.a, underlay.d, underlay.b, underlay.e, underlay.c, underlay.f
        pixel = math.sqrt(abs(a * e - b * d))
        try:
            image = Image.open(io.BytesIO(bytes(underlay.image)))
            full = image.size
            if pixel > 0 and pixel < wanted / 2:  # a JPEG decodes at 1/2, 1/4 or 1/8 size for free
                image.draft("RGB", (max(1, int(full[0] * pixel / wanted)), max(1, int(full[1] * pixel / wanted))))
            image.load()
        except (OSError, ValueError, Image.DecompressionBombError):
            continue  # unreadable bytes: the canvas skips it as well
        image = image.convert("RGB")
        sx, sy = full[0] / image.width, full[1] / image.height
        # the corner affine of the (possibly smaller) decoded image: same corner, bigger pixels
        affine = (a * sx, d * sx, b * sy, e * sy, c - 0.5 * a - 0.5 * b, f - 0.5 * d - 0.5 * e)
        image, affine = _crop_to_frame(image, affine, view.world.bounds)
        if image is None:
            continue
        image, affine = _to_print_resolution(image, affine, wanted)
        quality = 85 if underlay.image_format == "jpg" else None
        result.append(PrintedImage(image, affine, quality, underlay.opacity))
    return result
