"""Small image files made in code for the tests (no binary fixtures): a sound PNG, JPEG
and SVG, and the means to break them. Imported by test modules; not a test module."""

from __future__ import annotations

import struct
import zlib


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int = 4, height: int = 3) -> bytes:
    """A real PNG of ``width`` × ``height`` black RGB pixels."""
    rows = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header declares ``width`` × ``height`` pixels (a pixel bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0"))
            + chunk(b"IEND", b""))


def jpeg(width: int = 8, height: int = 8) -> bytes:
    """The markers of a baseline JPEG (SOI, APP0, SOF0, SOS, EOI): what the check walks."""
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"
    sos = b"\x01\x01\x00\x00\x3f\x00"
    return (b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0
            + b"\xff\xc0" + struct.pack(">H", len(sof) + 2) + sof
            + b"\xff\xda" + struct.pack(">H", len(sos) + 2) + sos + b"\x00" * 16 + b"\xff\xd9")


def svg(body: str = '<rect width="10" height="10" fill="url(#g)"/>', *, before: str = "",
        attributes: str = "") -> bytes:
    return (f'{before}<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" {attributes}>'
            f'<defs><linearGradient id="g"/></defs>{body}</svg>').encode()
