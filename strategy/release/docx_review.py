"""Read what council members did in Word: comments and tracked changes, each with the
text it concerns and the section (nearest heading above it).

Read straight from the package's XML (``word/document.xml``, the comments part, the
core and custom properties), the way Word writes them: ``w:commentRangeStart`` /
``w:commentRangeEnd`` around the commented text, ``w:ins`` / ``w:del`` (and the
``w:moveTo`` / ``w:moveFrom`` of dragged text) around changed runs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from strategy.release.docx_parts import DocxParts, PartsRefused

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_HEADING = re.compile(r"^(heading|nagłówek)\s*\d$", re.IGNORECASE)
_SPACE = re.compile(r"[\s\u00a0\u202f\u2007]+")
_CHANGE = {"ins": "insertion", "moveTo": "insertion", "del": "deletion", "moveFrom": "deletion"}
_CHANGE_TAGS = {f"{{{W}}}{name}": kind for name, kind in _CHANGE.items()}
_RANGE_START, _RANGE_END, _RUN = (f"{{{W}}}{name}" for name in (
    "commentRangeStart", "commentRangeEnd", "r"))
_STYLE_PATH = f"{{{W}}}pPr/{{{W}}}pStyle"


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


def normalized(text: str) -> str:
    """Text for comparison: every run of whitespace (non-breaking too) is one space."""
    return _SPACE.sub(" ", text).strip()


class NotDocx(Exception):
    """The file is not a Word document one can safely read: a catalogued code (no zip,
    no ``word/document.xml``: ``comments.not_docx``; a bomb, a DTD: ``docx.*``)."""

    def __init__(self, code: str = "comments.not_docx",
                 params: dict[str, object] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params = dict(params or {})


@dataclass
class Remark:
    kind: str  # comment | insertion | deletion
    author: str
    date: dt.date | None
    text: str  # the comment, or the inserted or deleted words
    quoted: str  # the commented text, or the paragraph the change is in
    section: str


@dataclass
class Review:
    properties: dict[str, str] = field(default_factory=dict)  # core and custom, by name
    remarks: list[Remark] = field(default_factory=list)
    original: list[str] = field(default_factory=list)  # paragraphs as released


MAX_REMARKS = 10_000  # comments and changes in one document; a council sends dozens
MAX_QUOTED = 1_000  # characters of commented text kept and compared (the register keeps 200)


def _too_many() -> PartsRefused:
    return PartsRefused("docx.too_many_remarks", {"limit": MAX_REMARKS})


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _properties(package: DocxParts) -> dict[str, str]:
    found: dict[str, str] = {}
    if package.has("docProps/core.xml"):
        for element in package.tree("docProps/core.xml"):
            found[etree.QName(element).localname] = (element.text or "").strip()
    if package.has("docProps/custom.xml"):
        for prop in package.tree("docProps/custom.xml"):
            found[prop.get("name", "")] = "".join(prop.itertext()).strip()
    return found


def _comments_part(package: DocxParts) -> str | None:
    rels = "word/_rels/document.xml.rels"
    if not package.has(rels):
        return None
    for rel in package.tree(rels).iter(f"{{{_REL}}}Relationship"):
        if rel.get("Type") == _COMMENTS:
            return str(PurePosixPath("word") / rel.get("Target", "").lstrip("/"))
    return None


def _comment_texts(package: DocxParts) -> dict[str, tuple[str, dt.date | None, str]]:
    part = _comments_part(package)
    if part is None or not package.has(part):
        return {}
    found = {}
    for comment in package.elements(part, _q("comment")):
        if len(found) >= MAX_REMARKS:
            raise _too_many()
        paragraphs = ["".join(t.text or "" for t in p.iter(_q("t"))) for p in comment.iter(_q("p"))]
        found[comment.get(_q("id"), "")] = (comment.get(_q("author"), ""),
                                            _date(comment.get(_q("date"))),
                                            "\n".join(p for p in paragraphs if p.strip()))
    return found


def _heading_styles(package: DocxParts) -> set[str]:
    if not package.has("word/styles.xml"):
        return set()
    styles = set()
    for style in package.elements("word/styles.xml", _q("style")):
        name = style.find(_q("name"))
        if name is not None and _HEADING.match(name.get(_q("val"), "")):
            styles.add(style.get(_q("styleId"), ""))
    return styles


def _run_text(run: etree._Element) -> str:
    parts = []
    for child in run:
        if child.tag in (_q("t"), _q("delText")):
            parts.append(child.text or "")
        elif child.tag in (_q("tab"), _q("br"), _q("cr")):
            parts.append(" ")
        elif child.tag == _q("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


class _Walker:
    """Walks the body's paragraphs in order, collecting text, comments and changes.

    The released text read so far is one list of pieces; an open comment range is the
    index where it started, so a run costs the same however many ranges are open."""

    def __init__(self, headings: set[str], comments: dict) -> None:
        self.headings, self.comments = headings, comments
        self.review = Review()
        self.section = ""
        self.pieces: list[str] = []  # the original text so far, run by run
        self.open: dict[str, int] = {}  # comment id -> where its text starts in pieces
        self.where: dict[str, str] = {}  # comment id -> section where it starts

    def paragraph(self, p: etree._Element) -> None:
        style = p.find(_STYLE_PATH)
        if style is not None and style.get(_q("val")) in self.headings:
            # A heading is the section of everything in it, and of what follows.
            heading = normalized("".join(
                _run_text(r) for r in p.iter(_q("r"))
                if etree.QName(r.getparent()).localname not in ("ins", "moveTo")))
            self.section = heading or self.section
        original: list[str] = []
        changes: list[list] = []  # [kind, author, date, texts, last change element]
        for node in p.iter():
            tag = node.tag  # full names compared: QName per node costs more than the walk
            if tag == _RANGE_START:
                if len(self.open) >= MAX_REMARKS:
                    raise _too_many()
                self.open[node.get(_q("id"), "")] = len(self.pieces)
                self.where[node.get(_q("id"), "")] = self.section
            elif tag == _RANGE_END:
                self._close(node.get(_q("id"), ""))
            elif tag == _RUN:
                self._run(node, original, changes)
        text = normalized("".join(original))
        self.review.original.append(text)
        for kind, author, date, pieces, _ in changes:
            changed = normalized("".join(pieces))
            if changed:
                self._remark(Remark(kind, author, date, changed, text, self.section))
        self.pieces.append(" ")

    def _remark(self, remark: Remark) -> None:
        if len(self.review.remarks) >= MAX_REMARKS:
            raise _too_many()
        self.review.remarks.append(remark)

    def _run(self, run: etree._Element, original: list[str], changes: list) -> None:
        parent = run.getparent()
        kind = _CHANGE_TAGS.get(parent.tag) if parent is not None else None
        text = _run_text(run)
        if kind is not None:
            key = (kind, parent.get(_q("author"), ""), _date(parent.get(_q("date"))))
            last = changes[-1] if changes else None
            # Runs of one change, or of adjacent changes of the same kind, author and day.
            if last and tuple(last[:3]) == key and last[4] in (parent, parent.getprevious()):
                last[3].append(text)
                last[4] = parent
            else:
                changes.append([*key, [text], parent])
            if kind == "insertion":
                return  # the reviewer's words were not in the released text
        original.append(text)
        if text:
            self.pieces.append(text)

    def _quoted(self, start: int) -> str:
        """The text from ``start`` on, at most MAX_QUOTED characters of it (no piece is
        empty, so as many pieces are enough)."""
        return normalized("".join(self.pieces[start:start + MAX_QUOTED])[:MAX_QUOTED])

    def _close(self, ident: str) -> None:
        if ident not in self.open:
            return
        author, date, text = self.comments.get(ident, ("", None, ""))
        quoted = self._quoted(self.open.pop(ident))
        if text.strip():
            self._remark(Remark("comment", author, date, text.strip(), quoted,
                                self.where.get(ident, self.section)))


def read_review(path: Path) -> Review:
    """Comments, tracked changes and properties of a DOCX; NotDocx if it is none, or if
    it cannot be read within the limits of ``docx_parts``."""
    try:
        with DocxParts(path) as package:
            if not package.has("word/document.xml"):
                raise NotDocx()
            walker = _Walker(_heading_styles(package), _comment_texts(package))
            walker.review.properties = _properties(package)
            # The body's paragraphs as a stream: one in memory at a time.
            for p in package.elements("word/document.xml", _q("p")):
                walker.paragraph(p)
    except PartsRefused as exc:
        raise NotDocx(exc.code, exc.params) from None
    for ident in list(walker.open):  # a range never closed ends with the document
        walker._close(ident)
    return walker.review
