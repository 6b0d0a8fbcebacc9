"""A user's SVG image as the PNG the document shows.

The documents never carry the user's SVG itself: pandoc would embed it in the DOCX as
Word 2016's svgBlip with no picture beside it, which LibreOffice and older Word show as
an empty frame, and every reader's program would parse a file from outside. Instead
typst (already the PDF's engine; resvg inside, which neither runs scripts nor fetches
anything) draws it once, 16 cm wide at 200 pixels per inch, with its own fonts only, so
the picture is the same in Word, LibreOffice and the PDF, on every machine, to the byte.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from strategy.model.files import ResolvedFile
from strategy.sections.files import read_resolved

PPI = 200
_SOURCE = (b'#set page(width: auto, height: auto, margin: 0pt, fill: white)\n'
           b'#image("image.svg", width: 16cm)\n')


def rasterize(resolved: ResolvedFile, target: Path) -> Path:
    """Draw the checked SVG ``resolved`` as a PNG at ``target``; returns ``target``."""
    import typst

    data = read_resolved(resolved)
    with tempfile.TemporaryDirectory(prefix="svg-") as work:
        (Path(work) / "image.svg").write_bytes(data)
        try:
            png = typst.compile(_SOURCE, root=work, format="png", ppi=PPI,
                                ignore_system_fonts=True)
        except Exception as exc:  # typst names its own errors; say which file it was
            raise ValueError(f"{resolved.path.name}: typst cannot draw this SVG ({exc})"
                             ) from None
    if isinstance(png, list):  # one page is asked for; keep the first if typst made more
        png = png[0]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(png)
    return target


# The SVG a chart or map was drawn as, at its own size; its name is an input, never
# spliced into the source.
_TWIN_SOURCE = (b'#set page(width: auto, height: auto, margin: 0pt, fill: white)\n'
                b'#image(sys.inputs.at("image"))\n')


def draw_twin(svg: Path, target: Path, ppi: int) -> Path:
    """The raster twin of a chart or map the build drew as ``svg``, written at ``target``
    (``document.raster_twin``): the same picture at ``ppi``, drawn by resvg (in typst)
    from the SVG itself, so the DOCX's PNG is the very picture its SVG shows; and three
    times quicker than drawing the figure again with matplotlib's Agg."""
    import typst

    return write_twin(typst.compile(**twin_job(svg, ppi)), target, ppi)


def twin_job(svg: Path, ppi: int) -> dict[str, Any]:
    """typst's arguments for the raster twin of ``svg`` (``draw_twin``), for a caller
    that compiles it elsewhere; ``write_twin`` then writes what typst made."""
    return {"input": _TWIN_SOURCE, "root": str(svg.parent), "format": "png", "ppi": ppi,
            "ignore_system_fonts": True, "sys_inputs": {"image": svg.name}}


def write_twin(png: bytes | list[bytes], target: Path, ppi: int) -> Path:
    if isinstance(png, list):  # one page is asked for
        png = png[0]
    target.write_bytes(with_resolution(png, ppi))
    return target


def with_resolution(png: bytes, ppi: int) -> bytes:
    """``png`` saying its resolution (a pHYs chunk after the header), which typst does
    not write: pandoc sizes a picture in the DOCX by it (without one, as 96 dpi)."""
    import struct
    import zlib

    per_metre = round(ppi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body))
    end_of_header = 8 + 8 + 13 + 4  # signature, then IHDR: length, type, data, CRC
    if png[12:16] != b"IHDR" or b"pHYs" in png[:end_of_header + 64]:
        return png
    return png[:end_of_header] + chunk + png[end_of_header:]
