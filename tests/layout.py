"""Automatic layout checks of a PDF, as a typographer would look at the pages:

- ``overlapping_glyphs``: letters of different words printed over each other (a header
  cell's word running into the next column), from pdfplumber's glyph boxes; the draft
  mark drawn across the page (rotated letters) is not text of the page;
- ``figures_outside_the_text_area``: every figure's box (the /BBox of its /Figure tag,
  which typst writes for vector and raster pictures alike) must lie inside the page's
  text area (2.5 cm margins), so no picture is taller than the page or clipped.

Imported by test modules; not a test module.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf

MARGIN = 2.5 * 72 / 2.54
TOLERANCE = 1.0  # pt


def _upright(chars: list[dict]) -> list[dict]:
    return [c for c in chars if c.get("upright", True) and c["text"].strip()
            and abs(c["matrix"][1]) < 1e-3 and abs(c["matrix"][2]) < 1e-3]


def overlapping_glyphs(pdf: Path, share: float = 0.25) -> list[tuple[int, str, str]]:
    """(page, text, other text) for every two glyphs that cover each other by more than
    ``share`` of the smaller one's box."""
    found = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            # Neighbours in the text's own order may touch (kerning, "T,"): only glyphs
            # that are not next to each other in it count.
            chars = sorted(enumerate(_upright(page.chars)), key=lambda ic: ic[1]["x0"])
            for i, (ia, a) in enumerate(chars):
                for ib, b in chars[i + 1:]:
                    if b["x0"] >= a["x1"]:
                        break
                    if abs(ia - ib) <= 1:
                        continue
                    w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                    h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                    if w <= 0 or h <= 0:
                        continue
                    smaller = min((a["x1"] - a["x0"]) * (a["bottom"] - a["top"]),
                                  (b["x1"] - b["x0"]) * (b["bottom"] - b["top"]))
                    if smaller > 0 and w * h > share * smaller:
                        found.append((number, a["text"], b["text"]))
    return found


def _figures(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    found = []
    for kid in items:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found += [kid] if kid.S == "/Figure" else _figures(kid)
    return found


def figures_outside_the_text_area(pdf: Path) -> list[tuple[int, list[float]]]:
    """(page, box) of every figure that reaches into a margin or off the page."""
    bad = []
    with pikepdf.open(pdf) as document:
        pages = {page.obj.objgen: n for n, page in enumerate(document.pages, start=1)}
        for figure in _figures(document.Root.StructTreeRoot):
            attrs = figure.get("/A")
            items = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs]
            box = next((list(map(float, a.BBox)) for a in items
                        if isinstance(a, pikepdf.Dictionary) and "/BBox" in a), None)
            page = figure.get("/Pg")
            if box is None or page is None:
                bad.append((0, []))
                continue
            width, height = (float(v) for v in page.MediaBox[2:])
            x0, y0, x1, y1 = box
            inside = (x0 >= MARGIN - TOLERANCE and y0 >= MARGIN - TOLERANCE
                      and x1 <= width - MARGIN + TOLERANCE and y1 <= height - MARGIN + TOLERANCE)
            if not inside:
                bad.append((pages.get(page.objgen, 0), box))
    return bad
