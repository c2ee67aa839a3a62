"""A letter's page as a PNG image (the admin app's page-by-page preview), drawn by PDFium through pypdfium2,
whose wheel carries the PDFium binary. The PNG is written here from the raw pixels so no imaging library is
needed."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

import pypdfium2

from notify.domain.errors import InvalidRequest
from notify.domain.letter import NOT_A_PDF

# Notify's previews are 150 dots per inch (an A4 page is 1241 x 1754 pixels); PDF units are 1/72 inch.
DPI = 150
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def page_png(data: bytes, page: int) -> bytes:
    """Page `page` (from 1) of the PDF as an RGB PNG; the caller checks the page exists."""
    with _document(data) as document:
        bitmap = document[page - 1].render(scale=DPI / 72, rev_byteorder=True)
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        channels = bitmap.n_channels
        pixels = bytes(bitmap.buffer)
    rows = bytearray()
    for y in range(height):
        row = pixels[y * stride:y * stride + width * channels]
        rows.append(0)  # no filter
        rows += row if channels == 3 else _rgb(row, channels)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(bytes(rows), 6)) \
        + _chunk(b"IEND", b"")


@contextmanager
def _document(data: bytes) -> Iterator[pypdfium2.PdfDocument]:
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        raise InvalidRequest(NOT_A_PDF) from None
    try:
        yield document
    finally:
        document.close()


def _rgb(row: bytes, channels: int) -> bytes:
    """Drops the fourth byte of each pixel (PDFium may hand RGBx)."""
    return b"".join(row[i:i + 3] for i in range(0, len(row), channels))


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
