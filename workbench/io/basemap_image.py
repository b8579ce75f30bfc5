"""Checking and encoding tile images.

A tile is stored only when it is a PNG or JPEG that decodes completely: a captive portal's
HTML page, an error text or a truncated transfer never reaches the project file.
"""

import io

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"


class NotAnImage(Exception):
    """The bytes are no tile image; ``kind`` is "html" (a web page) or "broken"."""

    def __init__(self, kind, detail=""):
        super().__init__(detail or kind)
        self.kind = kind


def image_kind(data: bytes) -> str | None:
    if data.startswith(PNG_SIGNATURE):
        return "png"
    if data.startswith(JPEG_SIGNATURE):
        return "jpeg"
    return None


def looks_like_html(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body")) or b"<html" in head


def validate(data: bytes):
    """The decoded PIL image of a complete PNG/JPEG tile; raises :class:`NotAnImage`."""
    from PIL import Image

    if image_kind(data) is None:
        raise NotAnImage("html" if looks_like_html(data) else "broken", data[:40].decode("latin-1"))
    try:
        image = Image.open(io.BytesIO(data))
        image.load()  # a truncated file fails here, not at the signature
    except Exception as error:  # Pillow raises OSError, SyntaxError, ValueError... for damaged files
        raise NotAnImage("broken", str(error)) from None
    return image


def encode(image, image_format: str) -> bytes:
    """PNG (lossless; maps, or anything with transparency) or JPEG quality 85 (photos)."""
    buffer = io.BytesIO()
    has_alpha = image.mode in ("RGBA", "LA") and image.getextrema()[-1][0] < 255
    if image_format == "jpeg" and not has_alpha:
        image.convert("RGB").save(buffer, "JPEG", quality=85)
    else:
        image.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()
