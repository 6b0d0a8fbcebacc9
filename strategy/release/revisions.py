"""Finish the tracked changes of a redline DOCX the way Word writes them.

Pandoc's writer puts the changed runs in ``w:ins``/``w:del`` but numbers them
loosely (a deletion and an insertion may share an id) and leaves paragraph marks and
table rows untracked, so "reject all" would leave empty paragraphs and rows. Here every
revision gets its own id, a paragraph wholly inserted or deleted gets its paragraph
mark tracked, and so does a table row; the document records which version it compares
with (a custom property named in the strategy's language, labels ``docx.properties``).
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from strategy.export.zipnorm import ZipDate, normalized_zip
from strategy.language.labels import in_every_language, labels
from strategy.release.astnodes import PICTURE_MARK

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_SKIP = {f"{{{W}}}{name}" for name in ("pPr", "bookmarkStart", "bookmarkEnd", "proofErr")}
_CAPTION_STYLES = {"TableCaption", "ImageCaption"}
_PPR_AFTER_RPR = {f"{{{W}}}{name}" for name in ("sectPr", "pPrChange")}


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


def _empty(element: etree._Element) -> bool:
    """A run with nothing in it (pandoc writes one after a caption's label)."""
    return element.tag == _q("r") and all(
        child.tag == _q("rPr") or (child.tag == _q("t") and not child.text)
        for child in element)


def _kinds(element: etree._Element, skip: set[str]) -> set[str]:
    kinds: set[str] = set()
    for child in element:
        if child.tag == _q("fldSimple"):
            kinds |= _kinds(child, skip)
        elif child.tag not in skip and not _empty(child):
            kinds.add(child.tag)
    return kinds


def _whole(element: etree._Element, skip: set[str]) -> str | None:
    """"ins" or "del" when every piece of content of ``element`` is one kind of change."""
    kinds = _kinds(element, skip)
    if kinds == {_q("ins")}:
        return "ins"
    if kinds == {_q("del")}:
        return "del"
    return None


def _mark(parent: etree._Element, kind: str, author: str, date: str) -> None:
    mark = etree.SubElement(parent, _q(kind))
    mark.set(_q("id"), "0")
    mark.set(_q("author"), author)
    mark.set(_q("date"), date)


def _paragraph_marks(body: etree._Element, author: str, date: str) -> None:
    for p in body.iter(_q("p")):
        if p.getparent() is not None and p.getparent().tag == _q("tc"):
            continue  # a cell keeps its paragraph; the row carries the change
        kind = _whole(p, _SKIP)
        if kind is None:
            continue
        p_pr = p.find(_q("pPr"))
        if p_pr is None:
            p_pr = etree.Element(_q("pPr"))
            p.insert(0, p_pr)
        r_pr = p_pr.find(_q("rPr"))
        if r_pr is None:
            r_pr = etree.Element(_q("rPr"))
            after = [c for c in p_pr if c.tag in _PPR_AFTER_RPR]
            if after:
                after[0].addprevious(r_pr)
            else:
                p_pr.append(r_pr)
        _mark(r_pr, kind, author, date)


def _row_marks(body: etree._Element, author: str, date: str) -> None:
    for row in body.iter(_q("tr")):
        kinds = set()
        for p in row.iter(_q("p")):
            content = [c for c in p if c.tag not in _SKIP]
            if content:
                kinds.add(_whole(p, _SKIP))
        if len(kinds) != 1 or None in kinds:
            continue
        tr_pr = row.find(_q("trPr"))
        if tr_pr is None:
            tr_pr = etree.Element(_q("trPr"))
            row.insert(1 if len(row) and row[0].tag == _q("tblPrEx") else 0, tr_pr)
        _mark(tr_pr, kinds.pop(), author, date)


def _pictures(body: etree._Element, author: str, date: str) -> None:
    """A figure's picture marked in its title (astdiff.PICTURE_MARK): its run goes into
    a tracked change, and the title is emptied as pandoc writes it."""
    for doc_pr in body.iter(f"{{{WP}}}docPr"):
        title = doc_pr.get("title", "")
        if not title.startswith(PICTURE_MARK):
            continue
        doc_pr.set("title", "")
        kind = "ins" if title == PICTURE_MARK + "insertion" else "del"
        _wrap(next(doc_pr.iterancestors(_q("r"))), kind, author, date)


def _replaced_pictures(body: etree._Element) -> None:
    """A redrawn chart comes out of pandoc as a deleted picture in a paragraph of its own
    before the figure; it moves into the figure's paragraph, before the new picture, as
    Word shows a replaced picture."""
    for p in list(body.iter(_q("p"))):
        style = p.find(f"{_q('pPr')}/{_q('pStyle')}")
        before = p.getprevious()
        if (style is None or style.get(_q("val")) != "CaptionedFigure" or before is None
                or before.tag != _q("p") or _whole(before, _SKIP) != "del"
                or not list(before.iter(_q("drawing")))):
            continue
        content = [c for c in p if c.tag not in _SKIP]
        for change in [c for c in before if c.tag == _q("del")]:
            (content[0].addprevious if content else p.append)(change)
        before.getparent().remove(before)


def _wrap(run: etree._Element, kind: str, author: str, date: str) -> None:
    wrapper = etree.Element(_q(kind))
    for name, value in (("id", "0"), ("author", author), ("date", date)):
        wrapper.set(_q(name), value)
    run.addprevious(wrapper)
    wrapper.append(run)
    if kind == "del":
        for text in run.iter(_q("t")):
            text.tag = _q("delText")


def _captions(body: etree._Element, author: str, date: str) -> None:
    """A caption's "Tabela N. " is pandoc's, outside the caption's words: when all the
    words are inserted or deleted (a whole table or figure), so is the label."""
    for p in body.iter(_q("p")):
        style = p.find(f"{_q('pPr')}/{_q('pStyle')}")
        field = p.find(_q("fldSimple"))
        if style is None or style.get(_q("val")) not in _CAPTION_STYLES or field is None:
            continue
        label, after = field.getprevious(), field.getnext()
        while label is not None and label.tag != _q("r"):
            label = label.getprevious()
        while after is not None and after.tag != _q("r"):
            after = after.getnext()
        generated = [r for r in (label, after) if r is not None]
        words = [c for c in p if c.tag not in _SKIP and c is not field and c not in generated
                 and not _empty(c)]
        kinds = {c.tag for c in words}
        if len(kinds) != 1 or kinds.pop() not in (_q("ins"), _q("del")):
            continue
        kind = etree.QName(words[0]).localname
        for run in [*generated, *field.findall(_q("r"))]:
            _wrap(run, kind, author, date)


def _renumber(root: etree._Element) -> None:
    used = [int(e.get(_q("id"))) for e in root.iter() if e.get(_q("id"), "").isdigit()
            and e.tag not in (_q("ins"), _q("del"))]
    number = max(used, default=0)
    for element in root.iter(_q("ins"), _q("del")):
        number += 1
        element.set(_q("id"), str(number))


def compared_with_names() -> set[str]:
    """The property's name in every language: a redline of any strategy is read back."""
    return set(in_every_language("docx", "properties", "compared_with").values())


def _custom(xml: bytes | None, compared_with: str, lang: str) -> bytes:
    root = etree.fromstring(xml) if xml else etree.Element(f"{{{CUSTOM}}}Properties",
                                                           nsmap={None: CUSTOM, "vt": VT})
    pids = [int(p.get("pid", "1")) for p in root]
    prop = etree.SubElement(root, f"{{{CUSTOM}}}property", fmtid=_FMTID,
                            pid=str(max(pids, default=1) + 1),
                            name=labels(lang)["docx"]["properties"]["compared_with"])
    etree.SubElement(prop, f"{{{VT}}}lpwstr").text = compared_with
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def finish_revisions(docx: bytes, *, author: str, date: str, compared_with: str,
                     zip_date: ZipDate, lang: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        document = etree.fromstring(source.read("word/document.xml"))
        custom = source.read("docProps/custom.xml") if (
            "docProps/custom.xml" in source.namelist()) else None
    body = document.find(_q("body"))
    _pictures(body, author, date)
    _replaced_pictures(body)
    _captions(body, author, date)
    _paragraph_marks(body, author, date)
    _row_marks(body, author, date)
    _renumber(document)
    replace = {
        "word/document.xml": etree.tostring(document, xml_declaration=True, encoding="UTF-8",
                                            standalone=True),
        "docProps/custom.xml": _custom(custom, compared_with, lang),
    }
    return normalized_zip(docx, date=zip_date, replace=replace)
