"""Checking and encoding tile images.

A tile is stored only when it is a PNG or JPEG that decodes completely: a captive portal's
HTML page, an error text or a truncated transfer never reaches the project file.
"""

import io
import struct
import zlib

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


def check(data: bytes, inflate=True) -> str:
    """"png" or "jpeg" when ``data`` is a complete image; raises :class:`NotAnImage`.

    A PNG's every chunk is read and its CRC checked up to IEND (a truncated or damaged
    transfer fails here); with ``inflate`` its zlib stream is decoded down to the pixel
    rows too (length and each row's filter byte), without Pillow building an image. A
    JPEG's whole entropy-coded stream is decoded by Pillow at 1/8 scale.
    """
    kind = image_kind(data)
    if kind is None:
        raise NotAnImage("html" if looks_like_html(data) else "broken", data[:40].decode("latin-1"))
    if kind == "png":
        try:
            if _png_rows_complete(data, inflate):
                return kind
        except (struct.error, zlib.error, ValueError) as error:
            raise NotAnImage("broken", str(error)) from None
    decode(data, draft=kind == "jpeg")
    return kind


_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def _png_rows_complete(data: bytes, inflate=True) -> bool:
    """True when the PNG's chunks are complete (and, with ``inflate``, it decodes to all
    its rows); False when it is interlaced or of an unknown colour type (then Pillow
    decodes it); raises ValueError/zlib.error when damaged."""
    position, header, compressed, ended = 8, None, [], False
    while position < len(data):
        length, chunk = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length:position + 12 + length])
        if len(body) != length or zlib.crc32(chunk + body) & 0xFFFFFFFF != crc:
            raise ValueError("damaged chunk")
        if chunk == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif chunk == b"IDAT":
            compressed.append(body)
        elif chunk == b"IEND":
            ended = True
            break
        position += 12 + length
    if header is None or not ended or not compressed:
        raise ValueError("incomplete PNG")
    width, height, depth, colour, _method, _filter, interlace = header
    if interlace or colour not in _CHANNELS:
        return False
    if not inflate:
        return True
    stride = 1 + (width * _CHANNELS[colour] * depth + 7) // 8
    rows = zlib.decompress(b"".join(compressed))
    if len(rows) != stride * height or max(rows[::stride]) > 4:
        raise ValueError("incomplete PNG rows")
    return True


def decode(data: bytes, draft=False):
    """The PIL image of a complete PNG/JPEG tile; raises :class:`NotAnImage`."""
    from PIL import Image

    if image_kind(data) is None:
        raise NotAnImage("html" if looks_like_html(data) else "broken", data[:40].decode("latin-1"))
    try:
        image = Image.open(io.BytesIO(data))
        if draft:
            image.draft("RGB", (image.width // 8, image.height // 8))
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
