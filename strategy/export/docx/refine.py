"""What the DOCX needs after pandoc and the finishing step, in one pass over the body
(on the parts of ``package.Package``, before the one zip is written).

Tables: docx.lua names the tables to keep on one page ("keep") and the key-value
tables ("rowheaders") by a bookmark around them (pandoc's writer applies no paragraph
style inside a cell); here each cell paragraph gets its style from reference.docx:
kept with the next row (every row of a kept table; the last row of every table, so it
stays with its source line), the first column of a key-value table in bold. The
bookmarks go.

Vector pictures: each chart or map is shown by its 300 dpi PNG and carries
its SVG as well, the way Word itself stores an SVG (an ``asvg:svgBlip`` extension of
the picture, [MS-ODRAWXML] 2.3.23; Word 2016 and later, and Word for the web, draw the
SVG, every other reader the PNG).

Pandoc's docx writer would do the same only with ``rsvg-convert`` installed (without
it, an SVG gets no PNG at all and shows as an empty frame in LibreOffice and older
Word), so the writer is given the PNG twin (docx.lua) and the SVG is added here.

The picture's inner description (``pic:cNvPr/@descr``), which pandoc fills with the
image's file name, gets the alternative text too: no file name of the tool stays in
the document.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from lxml import etree

from strategy.compose.document import raster_twin
from strategy.export.docx.package import Package, Part, Relationship

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


MARK = "strategy-table-"  # + classes joined by "-" + "-" + a number (docx.lua)
W = "{" + NS["w"] + "}"


def _cell_styles(document: etree._Element) -> bool:
    changed = False
    # The ends by id, found in one walk (one search of the whole body per table was
    # most of the DOCX's finishing).
    ends: dict[str | None, list[etree._Element]] = {}
    starts = []
    for mark in document.iter(W + "bookmarkStart", W + "bookmarkEnd"):
        if mark.tag == W + "bookmarkEnd":
            ends.setdefault(mark.get(W + "id"), []).append(mark)
        else:
            starts.append(mark)
    for start in starts:
        name = start.get(W + "name") or ""
        if not name.startswith(MARK):
            continue
        classes = set(name[len(MARK):].split("-"))
        table = start.getnext()
        while table is not None and table.tag != W + "tbl":
            table = table.getnext()
        ident = start.get(W + "id")
        for end in ends.pop(ident, []):
            end.getparent().remove(end)
        start.getparent().remove(start)
        changed = True
        if table is None:
            continue
        rows = table.findall("w:tr", NS)
        for r, row in enumerate(rows):
            header = row.find("w:trPr/w:tblHeader", NS) is not None
            keep = header or "keep" in classes or r == len(rows) - 1
            for c, cell in enumerate(row.findall("w:tc", NS)):
                head = "rowheaders" in classes and c == 0 and not header
                style = ("TableRowHeaderKeep" if keep else "TableRowHeader") if head else (
                    "TableCellKeep" if keep else None)
                if style is None:
                    continue
                for p_style in cell.iterfind("w:p/w:pPr/w:pStyle", NS):
                    p_style.set(W + "val", style)
    return changed


def refine(package: Package, resource_dir: Path) -> None:
    """Cell styles of the marked tables, and the SVG of every picture whose PNG has an
    SVG twin under ``resource_dir``, in the package's parts (``package.Package``)."""
    main = package.main()
    document = main.element
    _cell_styles(document)
    targets = {r.rid: r.target for r in main.rels if r.reltype == IMAGE_REL}
    for drawing in document.iterfind(".//w:drawing", NS):
        doc_pr = drawing.find(".//wp:docPr", NS)
        inner = drawing.find(".//pic:cNvPr", NS)
        blip = drawing.find(".//a:blip", NS)
        if inner is None or blip is None:
            continue
        source = inner.get("descr") or ""
        if doc_pr is not None and doc_pr.get("descr"):
            inner.set("descr", doc_pr.get("descr"))
        png = resource_dir / source
        svg = png.with_suffix(".svg")
        rid = blip.get(f"{{{NS['r']}}}embed")
        if not (png.suffix == ".png" and svg.is_file() and raster_twin(svg) == png
                and rid in targets):
            continue
        media = posixpath.splitext(targets[rid])[0] + ".svg"  # "/word/media/rId20.svg"
        svg_rid = f"{rid}svg"
        if svg_rid not in targets:
            main.rels.append(Relationship(svg_rid, IMAGE_REL, media))
            targets[svg_rid] = media
            package.parts[media] = Part(media, "image/svg+xml", svg.read_bytes())
        ext_list = blip.find("a:extLst", NS)
        if ext_list is None:
            ext_list = etree.SubElement(blip, f"{{{NS['a']}}}extLst")
        ext = etree.SubElement(ext_list, f"{{{NS['a']}}}ext", uri=SVG_EXT)
        svg_blip = etree.SubElement(ext, f"{{{ASVG}}}svgBlip", nsmap={"asvg": ASVG})
        svg_blip.set(f"{{{NS['r']}}}embed", svg_rid)
