"""The table of contents and the lists of tables and figures, pre-filled.

docx.lua writes each as a field (TOC) marked dirty, which Word fills in when the
document is opened; until then LibreOffice, previews and e-mail clients show nothing.
Here each field's result gets its entries: the headings (levels 1–3) and the captions,
each a link to its bookmark. The page number of an entry is a page number is left out:
it is known only to the program that lays the pages out (the PDF's pages are not the
DOCX's: LibreOffice gives the example 109 pages where the PDF has about 90), and
LibreOffice shows a pre-filled list as written, so a number from anywhere else would be
wrong there. The field stays dirty: Word rebuilds the list with its page numbers when
the document is opened (it asks first), as it did before.

Plain lxml over the body (no python-docx), one call from the finishing step."""

from __future__ import annotations

import functools
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": W}
_HEADINGS = {"Heading1": "TOC1", "Heading2": "TOC2", "Heading3": "TOC3"}
# The captions each list collects, by the SEQ name its TOC instruction names (\c).
_CAPTIONS = {"Table": "TableCaption", "Figure": "ImageCaption"}


def _xp(element: etree._Element, path: str) -> Any:
    """XPath with the w: prefix (python-docx's elements take no ``namespaces``)."""
    return _compiled(path)(element)


@functools.cache
def _compiled(path: str) -> etree.XPath:
    # Compiled once per expression: compiling one per call was a fifth of the DOCX's
    # finishing at 500 pages.
    return etree.XPath(path, namespaces=_NS)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _el(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    el = etree.Element(_w(tag)) if parent is None else etree.SubElement(parent, _w(tag))
    for key, value in attrs.items():
        el.set(_w(key), value)
    return el


def _run(parent: etree._Element, *, text: str | None = None, field: str | None = None,
         instr: str | None = None, dirty: bool = False) -> None:
    r = _el("r", parent)
    if text is not None:
        t = _el("t", r)
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    if field is not None:
        fld = _el("fldChar", r, fldCharType=field)
        if dirty:
            fld.set(_w("dirty"), "true")
    if instr is not None:
        it = _el("instrText", r)
        it.text = instr
        it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _text(paragraph: etree._Element, tag: str = "t") -> str:
    """What the paragraph prints: its runs' text (a tab after a number as a space);
    ``delText`` for the text of a deleted paragraph."""
    out = []
    for node in paragraph.iter(_w(tag), _w("tab")):
        out.append(" " if node.tag == _w("tab") else node.text or "")
    return " ".join("".join(out).split())


def _tracked(p: etree._Element) -> etree._Element | None:
    """The w:ins or w:del of a paragraph inserted or deleted whole (a redline's), whose
    entry must be tracked alike: else "reject all" keeps a newer heading listed."""
    found = _xp(p, "w:pPr/w:rPr/w:ins | w:pPr/w:rPr/w:del")
    if found:
        return found[0]
    # before the redline's finishing tracks the paragraph mark: every text in one kind
    texts = _xp(p, ".//w:t | .//w:delText")
    for kind in ("ins", "del"):
        changes = [_xp(t, f"ancestor::w:{kind}") for t in texts]
        if texts and all(changes):
            return changes[0][0]
    return None


# The tracked change of each heading entry, by bookmark, from reading to writing.
_TRACKED: dict[str, etree._Element | None] = {}


def _heading_entries(body: etree._Element) -> list[tuple[str, str, str]]:
    """(entry style, text, bookmark) of every heading of levels 1–3: pandoc puts a
    heading's bookmark just before its paragraph (or inside it). A heading inserted or
    deleted whole keeps its change in the entry (``_TRACKED``)."""
    entries = []
    styles = " or ".join(f"@w:val='{s}'" for s in _HEADINGS)
    for p in _xp(body, f".//w:p[w:pPr/w:pStyle[{styles}]]"):
        style = _xp(p, "string(w:pPr/w:pStyle/@w:val)")
        mark = _xp(p, "string(w:bookmarkStart/@w:name)")
        prev = p.getprevious()
        if not mark and prev is not None and prev.tag == _w("bookmarkStart"):
            mark = prev.get(_w("name"), "")
        change = _tracked(p)
        deleted = change is not None and change.tag == _w("del")
        text = _text(p, "delText" if deleted else "t")
        if mark and text:
            _TRACKED[mark] = change
            entries.append((_HEADINGS[style], text, mark))
    return entries


def _caption_entries(body: etree._Element, style: str, start_id: int
                     ) -> list[tuple[str, str, str]]:
    """(entry style, text, bookmark) of every caption of ``style``, each given a bookmark
    of its own around its whole text (a caption's other bookmarks are pandoc's or the
    export's markers, which the refine step removes)."""
    entries = []
    for k, p in enumerate(_xp(body, f".//w:p[w:pPr/w:pStyle/@w:val='{style}']"), start=1):
        mark = f"_Ref{style}{k}"
        ident = str(start_id + k)
        p.insert(1 if p.find(_w("pPr")) is not None else 0,
                 _el("bookmarkStart", id=ident, name=mark))
        p.append(_el("bookmarkEnd", id=ident))
        text = _text(p)
        if text:
            entries.append(("TableofFigures", text, mark))
    return entries


def _entries_for(instruction: str, body: etree._Element, start_id: int
                 ) -> list[tuple[str, str, str]]:
    for seq, style in _CAPTIONS.items():
        if f'\\c "{seq}"' in instruction:
            return _caption_entries(body, style, start_id)
    return _heading_entries(body)


def _filled(instruction: str, entries: list[tuple[str, str, str]]) -> list[etree._Element]:
    """The field's paragraphs: the first opens the field, each entry is a link to its
    bookmark, the last closes the field."""
    paragraphs = []
    for i, (style, text, mark) in enumerate(entries):
        p = _el("p")
        ppr = _el("pPr", p)
        _el("pStyle", ppr, val=style)
        if i == 0:
            _run(p, field="begin", dirty=True)
            _run(p, instr=instruction)
            _run(p, field="separate")
        change = _TRACKED.pop(mark, None)
        if change is None:
            link = _el("hyperlink", p, anchor=mark, history="1")
            _run(link, text=text)
        else:  # the entry of a heading inserted or deleted whole: the same change
            attrs = {etree.QName(k).localname: v for k, v in change.attrib.items()}
            kind = etree.QName(change).localname
            _el(kind, _el("rPr", ppr), **attrs)
            wrap = _el(kind, p, **attrs)
            link = _el("hyperlink", wrap, anchor=mark, history="1")
            _run(link, text=text)
            if kind == "del":
                for t in link.iter(_w("t")):
                    t.tag = _w("delText")
        paragraphs.append(p)
    end = _el("p")
    _run(end, field="end")
    return [*paragraphs, end]


def fill_lists(body: etree._Element) -> None:
    """Fill every TOC field that docx.lua wrote (an empty result in one paragraph)."""
    ids = [int(i) for i in _xp(body, ".//w:bookmarkStart/@w:id")
           if i.isdigit()]
    start_id = max(ids, default=0) + 1000
    for field_p in _xp(body, ".//w:p[w:r/w:instrText[starts-with(normalize-space(.),"
                              " 'TOC')]]"):
        instruction = _xp(field_p, "string(w:r/w:instrText)")
        entries = _entries_for(instruction, body, start_id)
        start_id += 1000
        if not entries:
            continue
        parent = field_p.getparent()
        at = parent.index(field_p)
        parent.remove(field_p)
        for offset, p in enumerate(_filled(instruction, entries)):
            parent.insert(at + offset, p)
