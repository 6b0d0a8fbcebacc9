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
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_HEADING = re.compile(r"^(heading|nagłówek)\s*\d$", re.IGNORECASE)
_SPACE = re.compile(r"[\s\u00a0\u202f\u2007]+")
_CHANGE = {"ins": "insertion", "moveTo": "insertion", "del": "deletion", "moveFrom": "deletion"}


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


def normalized(text: str) -> str:
    """Text for comparison: every run of whitespace (non-breaking too) is one space."""
    return _SPACE.sub(" ", text).strip()


class NotDocx(Exception):
    """The file is not a Word document (no zip, or no ``word/document.xml``)."""


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


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _properties(package: zipfile.ZipFile) -> dict[str, str]:
    found: dict[str, str] = {}
    names = package.namelist()
    if "docProps/core.xml" in names:
        for element in etree.fromstring(package.read("docProps/core.xml")):
            found[etree.QName(element).localname] = (element.text or "").strip()
    if "docProps/custom.xml" in names:
        for prop in etree.fromstring(package.read("docProps/custom.xml")):
            found[prop.get("name", "")] = "".join(prop.itertext()).strip()
    return found


def _comments_part(package: zipfile.ZipFile) -> str | None:
    rels = "word/_rels/document.xml.rels"
    if rels not in package.namelist():
        return None
    for rel in etree.fromstring(package.read(rels)).iter(f"{{{_REL}}}Relationship"):
        if rel.get("Type") == _COMMENTS:
            return str(PurePosixPath("word") / rel.get("Target", "").lstrip("/"))
    return None


def _comment_texts(package: zipfile.ZipFile) -> dict[str, tuple[str, dt.date | None, str]]:
    part = _comments_part(package)
    if part is None or part not in package.namelist():
        return {}
    found = {}
    for comment in etree.fromstring(package.read(part)).iter(_q("comment")):
        paragraphs = ["".join(t.text or "" for t in p.iter(_q("t"))) for p in comment.iter(_q("p"))]
        found[comment.get(_q("id"), "")] = (comment.get(_q("author"), ""),
                                            _date(comment.get(_q("date"))),
                                            "\n".join(p for p in paragraphs if p.strip()))
    return found


def _heading_styles(package: zipfile.ZipFile) -> set[str]:
    if "word/styles.xml" not in package.namelist():
        return set()
    styles = set()
    for style in etree.fromstring(package.read("word/styles.xml")).iter(_q("style")):
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
    """Walks the body's paragraphs in order, collecting text, comments and changes."""

    def __init__(self, headings: set[str], comments: dict) -> None:
        self.headings, self.comments = headings, comments
        self.review = Review()
        self.section = ""
        self.open: dict[str, list[str]] = {}  # comment id -> original text so far
        self.where: dict[str, str] = {}  # comment id -> section where it starts

    def paragraph(self, p: etree._Element) -> None:
        style = p.find(f"{_q('pPr')}/{_q('pStyle')}")
        if style is not None and style.get(_q("val")) in self.headings:
            # A heading is the section of everything in it, and of what follows.
            heading = normalized("".join(
                _run_text(r) for r in p.iter(_q("r"))
                if etree.QName(r.getparent()).localname not in ("ins", "moveTo")))
            self.section = heading or self.section
        original: list[str] = []
        changes: list[list] = []  # [kind, author, date, texts, last change element]
        for node in p.iter():
            tag = etree.QName(node).localname
            if tag == "commentRangeStart":
                self.open[node.get(_q("id"), "")] = []
                self.where[node.get(_q("id"), "")] = self.section
            elif tag == "commentRangeEnd":
                self._close(node.get(_q("id"), ""))
            elif tag == "r":
                self._run(node, original, changes)
        text = normalized("".join(original))
        self.review.original.append(text)
        for kind, author, date, pieces, _ in changes:
            changed = normalized("".join(pieces))
            if changed:
                self.review.remarks.append(Remark(kind, author, date, changed, text,
                                                  self.section))
        for ident in self.open:
            self.open[ident].append(" ")

    def _run(self, run: etree._Element, original: list[str], changes: list) -> None:
        parent = run.getparent()
        change = etree.QName(parent).localname if parent is not None else ""
        text = _run_text(run)
        if change in _CHANGE:
            kind = _CHANGE[change]
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
        for ident in self.open:
            self.open[ident].append(text)

    def _close(self, ident: str) -> None:
        if ident not in self.open:
            return
        author, date, text = self.comments.get(ident, ("", None, ""))
        quoted = normalized("".join(self.open.pop(ident)))
        if text.strip():
            self.review.remarks.append(Remark("comment", author, date, text.strip(), quoted,
                                              self.where.get(ident, self.section)))


def read_review(path: Path) -> Review:
    """Comments, tracked changes and properties of a DOCX; NotDocx if it is none."""
    try:
        with zipfile.ZipFile(path) as package:
            if "word/document.xml" not in package.namelist():
                raise NotDocx(path.name)
            document = etree.fromstring(package.read("word/document.xml"))
            walker = _Walker(_heading_styles(package), _comment_texts(package))
            walker.review.properties = _properties(package)
    except (zipfile.BadZipFile, OSError, etree.XMLSyntaxError, KeyError) as exc:
        raise NotDocx(str(exc)) from None
    body = document.find(_q("body"))
    for p in body.iter(_q("p")) if body is not None else []:
        walker.paragraph(p)
    for ident in list(walker.open):  # a range never closed ends with the document
        walker._close(ident)
    return walker.review
