"""Finish pandoc's DOCX: what pandoc's writer cannot say.

The package is read once, its XML edited with lxml and zipped once (``package``);
everything here is a handful of XPath look-ups over the body, not a walk over every
paragraph, so finishing costs little next to pandoc itself:

- sections: the section ends written by docx.lua get the reference document's page
  size and margins, turned for landscape sections;
- page breaks: the break moves onto the next paragraph as "page break before", so no
  empty line opens the new page;
- captions: "Tabela 1: …" becomes "Tabela 1. …" and section numbers "1.1" become
  "1.1." (Polish typography, and what the PDF shows);
- tables: the first row repeats on every page (w:tblHeader);
- header, footer and draft mark (header.py), document properties (props.py: the one
  place that says what Word's Properties dialog shows);
- kept table rows, bold row labels and SVG pictures (refine.py).

The bytes are those python-docx's open and save, then a re-zip with fixed dates,
gave before: tests/test_export_docx.py compares the two.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path

from lxml import etree

from strategy.compose.document import DocumentMeta
from strategy.export.docx.fields import fill_lists
from strategy.export.docx.header import header_footer
from strategy.export.docx.oxml import NAMESPACES, PPR_ORDER, get_or_add, get_or_add_ppr, qn
from strategy.export.docx.package import Package
from strategy.export.docx.props import core_properties, custom_properties_xml
from strategy.export.docx.refine import refine
from strategy.export.docx.words import localize_styles

_CAPTION_STYLES = ("TableCaption", "ImageCaption")
# Section properties that describe the page itself; headers, footers and the
# "different first page" switch stay with the section that set them.
_SECTION_SKIP = {
    qn("w:headerReference"),
    qn("w:footerReference"),
    qn("w:titlePg"),
    qn("w:type"),
    qn("w:pgSz"),
}


@functools.cache
def _compiled(path: str) -> etree.XPath:
    return etree.XPath(path, namespaces={"w": NAMESPACES["w"]})


def _xpath(element: etree._Element, path: str) -> list[etree._Element]:
    return _compiled(path)(element)


# Children of w:sectPr in the order the schema demands (Word rejects other orders).
_SECT_ORDER = [
    qn(f"w:{tag}")
    for tag in (
        "headerReference",
        "footerReference",
        "footnotePr",
        "endnotePr",
        "type",
        "pgSz",
        "pgMar",
        "paperSrc",
        "pgBorders",
        "lnNumType",
        "pgNumType",
        "cols",
        "formProt",
        "vAlign",
        "noEndnote",
        "titlePg",
        "textDirection",
        "bidi",
        "rtlGutter",
        "docGrid",
        "printerSettings",
        "sectPrChange",
    )
]


def _in_schema_order(sect: etree._Element) -> None:
    children = sorted(
        sect,
        key=lambda child: (
            _SECT_ORDER.index(child.tag) if child.tag in _SECT_ORDER else len(_SECT_ORDER)
        ),
    )
    for child in children:
        sect.append(child)  # re-appending moves it: the children end up sorted


def _page_size(width: str, height: str, landscape: bool) -> etree._Element:
    pg_sz = etree.Element(qn("w:pgSz"))
    pg_sz.set(qn("w:w"), height if landscape else width)
    pg_sz.set(qn("w:h"), width if landscape else height)
    if landscape:
        pg_sz.set(qn("w:orient"), "landscape")
    return pg_sz


def _complete_sections(body: etree._Element) -> None:
    """Give each section end written by docx.lua the document's page geometry."""
    final = body.find(qn("w:sectPr"))
    ends = _xpath(body, "./w:p/w:pPr/w:sectPr")
    if not ends:
        return
    size = final.find(qn("w:pgSz"))
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    geometry = [child for child in final if child.tag not in _SECTION_SKIP]
    for sect in ends:
        landscape = sect.find(qn("w:pgSz")).get(qn("w:orient")) == "landscape"
        for child in list(sect):
            if child.tag == qn("w:pgSz"):
                sect.remove(child)
        sect.append(_page_size(width, height, landscape))
        for child in geometry:
            sect.append(copy.deepcopy(child))
        _in_schema_order(sect)
    # A document that ends in landscape content would otherwise get an empty
    # portrait page: the last section end becomes the document's final section.
    last = final.getprevious()
    while last is not None and last.tag == qn("w:bookmarkEnd"):
        last = last.getprevious()
    if last is not None and last.tag == qn("w:p") and _xpath(last, "./w:pPr/w:sectPr"):
        sect = _xpath(last, "./w:pPr/w:sectPr")[0]
        for child in list(final):
            if child.tag in (qn("w:pgSz"), qn("w:pgMar")):
                final.remove(child)
        final.append(copy.deepcopy(sect.find(qn("w:pgSz"))))
        final.append(copy.deepcopy(sect.find(qn("w:pgMar"))))
        _in_schema_order(final)
        body.remove(last)


def _next_paragraph(element: etree._Element) -> etree._Element | None:
    """The paragraph that follows, past bookmarks; inside a content control too."""
    sibling = element.getnext()
    while sibling is not None and sibling.tag in (qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
        sibling = sibling.getnext()
    if sibling is None:
        return None
    if sibling.tag == qn("w:p") and not _xpath(sibling, "./w:pPr/w:sectPr"):
        return sibling
    if sibling.tag == qn("w:sdt"):
        found = _xpath(sibling, "./w:sdtContent/w:p[1]")
        return found[0] if found else None
    return None


def _page_breaks(body: etree._Element) -> None:
    breaks = _xpath(
        body, "./w:p[not(w:pPr) and count(*) = 1]/w:r[count(*) = 1]/w:br[@w:type='page']/../.."
    )
    for marker in breaks:
        target = _next_paragraph(marker)
        if target is None:
            continue  # before a table or a section end: keep the plain break
        get_or_add(get_or_add_ppr(target), "w:pageBreakBefore", PPR_ORDER)
        marker.getparent().remove(marker)


# The title page's paragraphs that give up their room, in points before (and after),
# when it carries coats of arms or logos: the styles' generous spacing and forty arms
# would not fit one page.
_ROOM_FOR_EMBLEMS = {"Title": (36, None), "Subtitle": (None, 18), "TitlePageVersion": (30, None)}


def _title_page_room(body: etree._Element) -> None:
    emblems = _xpath(body, "./w:p[w:pPr/w:pStyle[@w:val='TitlePageEmblems' or "
                     "@w:val='TitlePageLogos']]")
    if not emblems:
        return
    for style, (before, after) in _ROOM_FOR_EMBLEMS.items():
        for paragraph in _xpath(body, f"./w:p[w:pPr/w:pStyle[@w:val='{style}']]")[:1]:
            spacing = get_or_add(get_or_add_ppr(paragraph), "w:spacing", PPR_ORDER)
            if before is not None:
                spacing.set(qn("w:before"), str(before * 20))
            if after is not None:
                spacing.set(qn("w:after"), str(after * 20))


def _bold(run: etree._Element) -> None:
    r_pr = run.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = etree.Element(qn("w:rPr"))
        run.insert(0, r_pr)
    r_pr.insert(0, etree.Element(qn("w:b")))


def _captions(body: etree._Element) -> None:
    """ "Tabela 1: Tytuł" becomes "**Tabela 1.** Tytuł", as in the PDF."""
    styles = " or ".join(f"@w:val='{style}'" for style in _CAPTION_STYLES)
    for field in _xpath(body, f".//w:p[w:pPr/w:pStyle[{styles}]]/w:fldSimple"):
        label = [*_xpath(field, "./preceding-sibling::w:r"), *_xpath(field, "./w:r")]
        after = _xpath(field, "./following-sibling::w:r[1]")
        texts = _xpath(after[0], "./w:t") if after else []
        if not texts or not (texts[0].text or "").startswith(": "):
            continue  # not pandoc's caption shape: leave it as it is
        # Split ": Tytuł" into a bold ". " and the title in the caption's own weight.
        title = copy.deepcopy(after[0])
        _xpath(title, "./w:t")[0].text = texts[0].text[2:]
        texts[0].text = ". "
        after[0].addnext(title)
        for run in (*label, after[0]):
            _bold(run)


def _section_numbers(body: etree._Element) -> None:
    for text in _xpath(body, ".//w:r[w:rPr/w:rStyle/@w:val='SectionNumber']/w:t"):
        if text.text and not text.text.endswith("."):
            text.text += "."


def _repeat_header_rows(body: etree._Element) -> None:
    for row in _xpath(body, ".//w:tbl/w:tr[1][not(w:trPr/w:tblHeader)]"):
        tr_pr = row.find(qn("w:trPr"))
        if tr_pr is None:
            tr_pr = etree.Element(qn("w:trPr"))
            row.insert(0 if row[0].tag != qn("w:tblPrEx") else 1, tr_pr)
        tr_pr.append(etree.Element(qn("w:tblHeader")))


def finish_docx(pandoc_docx: Path | bytes, meta: DocumentMeta,
                resource_dir: Path | None = None) -> bytes:
    """The finished DOCX, as bytes that depend only on pandoc's output, ``meta`` and the
    images under ``resource_dir`` (the SVG twins of its pictures, ``refine``)."""
    data = pandoc_docx if isinstance(pandoc_docx, bytes) else Path(pandoc_docx).read_bytes()
    package = Package(data)
    body = package.main().element.find(qn("w:body"))
    _complete_sections(body)
    _page_breaks(body)
    _title_page_room(body)
    _captions(body)
    _section_numbers(body)
    fill_lists(body)  # after the captions and numbers: the entries repeat them
    _repeat_header_rows(body)
    # The first section's properties: the title page's section (python-docx's sections[0]).
    first = _xpath(body, "./w:p/w:pPr/w:sectPr | ./w:sectPr")[0]
    header_footer(package, first, meta)
    core = next(p for p in package.parts.values() if p.content_type.endswith(
        "core-properties+xml"))
    core_properties(core.element, meta)
    styles = next(p for p in package.parts.values() if p.content_type.endswith(
        "wordprocessingml.styles+xml"))
    localize_styles(styles.element, meta.lang, meta.bcp47)
    if resource_dir is not None:
        refine(package, resource_dir)  # kept table rows, bold row labels, SVG pictures
    date = (meta.date.year, meta.date.month, meta.date.day, 12, 0, 0)
    return package.write(date=date, replace={"docProps/custom.xml": custom_properties_xml(meta)})
