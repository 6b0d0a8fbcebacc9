"""Read what council members did in Word: comment threads and tracked changes, each
with the text it concerns and the section (nearest heading above it).

Read from the package's XML through ``docx_parts`` (capped and streamed: the body one
paragraph at a time), the way Word (and LibreOffice) write it:

- ``w:commentRangeStart``/``w:commentRangeEnd`` around the commented text; the
  comments, their replies and their resolved state from the comments parts
  (``word_comments``): one remark per thread, the replies with it;
- ``w:ins``/``w:del`` around changed runs: a deletion beside an insertion of the same
  author is one replacement; ``w:moveFrom``/``w:moveTo`` of one named move, or the same
  words deleted in one place and inserted in another, are one move.

A redline carries the release's own tracked changes (``own``: their authors and days);
those are the document's text, not the council member's: its insertions read as text,
its deletions are left out of the text as released.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from lxml import etree

from strategy.release.docx_parts import DocxParts, PartsRefused
from strategy.release.word_comments import (
    RELATIONSHIPS,
    TooMany,
    date_of,
    read_comments,
    threads,
)
from strategy.sections.texts import normalized

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEADING = re.compile(r"^(heading|nagłówek)\s*\d$", re.IGNORECASE)
_SPACE = re.compile(r"[\s\u00a0\u202f\u2007]+")
_CHANGES = {"ins": "ins", "moveTo": "ins", "del": "del", "moveFrom": "del"}
MOVE_MIN = 10  # characters (and two words): shorter equal words are no move
__all__ = ["NotDocx", "Remark", "Review", "normalized", "read_review", "revision_marks"]


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


class NotDocx(Exception):
    """The file is not a Word document one can safely read: a catalogued code (no zip,
    no ``word/document.xml``: ``comments.not_docx``; a bomb, a DTD: ``docx.*``)."""

    def __init__(self, code: str = "comments.not_docx",
                 params: dict[str, object] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params = dict(params or {})


@dataclass(frozen=True)
class Change:
    """One change within a paragraph as released: ``paragraph[start:end]`` becomes
    ``new`` (an insertion has start == end)."""

    paragraph: str
    start: int
    end: int
    new: str

    @property
    def old(self) -> str:
        return self.paragraph[self.start:self.end]

    @property
    def proposed(self) -> str:
        return normalized(self.paragraph[:self.start] + self.new + self.paragraph[self.end:])


@dataclass
class Reply:
    author: str
    date: dt.date | None
    text: str


@dataclass
class Remark:
    kind: str  # comment | insertion | deletion | replacement | move
    author: str
    date: dt.date | None
    text: str  # the comment; the inserted, deleted, new (replacement) or moved words
    quoted: str  # the commented text, or the paragraph the change is in (as released)
    section: str
    replaced: str = ""  # a replacement: the words it replaces
    replies: list[Reply] = field(default_factory=list)
    resolved: bool = False
    change: Change | None = None  # a change: where it is and what it makes
    target: Change | None = None  # a move: where the words go
    order: tuple[int, int] = (0, 0)  # (paragraph, position): the document's order


@dataclass
class Review:
    properties: dict[str, str] = field(default_factory=dict)  # core and custom, by name
    remarks: list[Remark] = field(default_factory=list)
    original: list[str] = field(default_factory=list)  # paragraphs as released
    original_all: list[str] = field(default_factory=list)  # with a redline's deletions


# --- the package ------------------------------------------------------------------------

MAX_REMARKS = 10_000  # comments and changes in one document; a council sends dozens
MAX_QUOTED = 1_000  # characters of commented text kept and compared (the register keeps 200)
_SIDE_PARTS = 8 * 2**20  # commentsExtended and the like: a few bytes per comment


def _too_many() -> PartsRefused:
    return PartsRefused("docx.too_many_remarks", {"limit": MAX_REMARKS})


def _targets(package: DocxParts) -> dict[str, str]:
    """The parts the document's relationships name, by relationship type."""
    rels = "word/_rels/document.xml.rels"
    if not package.has(rels):
        return {}
    found = {}
    for rel in package.tree(rels).iter(f"{{{_REL}}}Relationship"):
        found[rel.get("Type", "")] = str(PurePosixPath("word") / rel.get("Target", "").lstrip("/"))
    return found


def _properties(package: DocxParts) -> dict[str, str]:
    found: dict[str, str] = {}
    if package.has("docProps/core.xml"):
        for element in package.tree("docProps/core.xml"):
            found[etree.QName(element).localname] = (element.text or "").strip()
    if package.has("docProps/custom.xml"):
        for prop in package.tree("docProps/custom.xml"):
            found[prop.get("name", "")] = "".join(prop.itertext()).strip()
    return found


def _heading_styles(package: DocxParts) -> set[str]:
    if not package.has("word/styles.xml"):
        return set()
    found = set()
    for style in package.elements("word/styles.xml", _q("style")):
        name = style.find(_q("name"))
        if name is not None and _HEADING.match(name.get(_q("val"), "")):
            found.add(style.get(_q("styleId"), ""))
    return found


def _comments(package: DocxParts) -> dict[str, Any]:
    """The comment threads' parts, read within the limits (``word_comments``)."""
    targets = _targets(package)

    def side(role: str) -> etree._Element | None:
        part = targets.get(RELATIONSHIPS[role])
        return package.tree(part, _SIDE_PARTS) if part and package.has(part) else None

    part = targets.get(RELATIONSHIPS["comments"])
    if part is None or not package.has(part):
        return {}
    try:
        return read_comments(package.elements(part, _q("comment")), side("extended"),
                             side("ids"), side("extensible"), MAX_REMARKS)
    except TooMany:
        raise _too_many() from None


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


def _day(element: etree._Element) -> str:
    return (element.get(_q("date")) or "")[:10]


def revision_marks(path: Path) -> set[tuple[str, str]]:
    """The (author, day) of every tracked change in a DOCX: a redline's own."""
    found: set[tuple[str, str]] = set()
    try:
        with DocxParts(path) as package:
            for p in package.elements("word/document.xml", _q("p")):
                found |= {(e.get(_q("author"), ""), _day(e)) for e in p.iter(
                    _q("ins"), _q("del"), _q("moveFrom"), _q("moveTo"))}
    except PartsRefused as exc:
        raise NotDocx(exc.code, exc.params) from None
    return found


# --- walking the body ------------------------------------------------------------------------

class _Text:
    """A paragraph's text as it is built, whitespace normalized on the way, so that
    positions taken while building are positions in the normalized text."""

    def __init__(self) -> None:
        self.value = ""

    def add(self, piece: str) -> None:
        piece = _SPACE.sub(" ", piece)
        if not self.value or self.value.endswith(" "):
            piece = piece.lstrip(" ")
        self.value += piece

    @property
    def pos(self) -> int:
        return len(self.value)


@dataclass
class _Group:
    """Adjacent runs of one change by one reviewer within a paragraph."""

    kind: str  # ins | del
    author: str
    date: dt.date | None
    day: str
    par: int
    start: int
    end: int
    pieces: list[str]
    wrapper: etree._Element
    move: str | None  # the name of a Word move

    @property
    def words(self) -> str:
        return normalized("".join(self.pieces))

    @property
    def raw(self) -> str:
        return _SPACE.sub(" ", "".join(self.pieces))


class _Walker:
    def __init__(self, headings: set[str], own: set[tuple[str, str]]) -> None:
        self.headings, self.own = headings, own
        self.texts: list[str] = []  # paragraphs as released
        self.texts_all: list[str] = []
        self.sections: list[str] = []  # the section each paragraph is in
        self.section = ""
        self.groups: list[_Group] = []
        self.starts: dict[str, tuple[int, int, int]] = {}  # comment -> (par, pos, pos_all)
        self.ends: dict[str, tuple[int, int, int]] = {}
        self.refs: dict[str, tuple[int, int, int]] = {}  # comment -> (par, pos, pos_all)
        self.ref_order: dict[str, int] = {}
        self.moves: dict[str, str] = {}  # move range id -> name
        self.current_move: dict[str, str | None] = {"del": None, "ins": None}

    def _is_own(self, change: etree._Element) -> bool:
        return (change.get(_q("author"), ""), _day(change)) in self.own

    def paragraph(self, outer: etree._Element) -> None:
        """One paragraph of the body as it is read (with any paragraphs nested in it, in
        a text box): its text, the comment ranges and the changes in it."""
        stack: list[tuple[_Text, _Text, etree._Element]] = []
        for event, node in etree.iterwalk(outer, events=("start", "end")):
            tag = etree.QName(node).localname
            if tag == "p":
                if event == "start":
                    stack.append((_Text(), _Text(), node))
                else:
                    self._paragraph_end(*stack.pop())
                continue
            if event != "start":
                continue
            par = len(self.texts) + len(stack) - 1  # the number this paragraph will get
            text, text_all = (stack[-1][0], stack[-1][1]) if stack else (_Text(), _Text())
            if tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
                ident = node.get(_q("id"), "")
                at = (par if stack else len(self.texts), text.pos, text_all.pos)
                if tag == "commentRangeStart":
                    if len(self.starts) >= MAX_REMARKS:
                        raise _too_many()
                    self.starts.setdefault(ident, at)
                elif tag == "commentRangeEnd":
                    self.ends[ident] = at
                elif ident not in self.refs:
                    self.refs[ident] = at
                    self.ref_order[ident] = len(self.ref_order)
            elif tag in ("moveFromRangeStart", "moveToRangeStart"):
                self.moves[node.get(_q("id"), "")] = node.get(_q("name"), "")
                self.current_move["del" if tag.startswith("moveFrom") else "ins"] = node.get(
                    _q("name"), "")
            elif tag in ("moveFromRangeEnd", "moveToRangeEnd"):
                self.current_move["del" if tag.startswith("moveFrom") else "ins"] = None
            elif tag == "r" and stack:
                self._run(node, par, text, text_all)

    def _run(self, run: etree._Element, par: int, text: _Text, text_all: _Text) -> None:
        changes = [a for a in run.iterancestors()
                   if etree.QName(a).localname in _CHANGES and a.tag.startswith(f"{{{W}}}")]
        own_deleted = any(_CHANGES[etree.QName(a).localname] == "del" and self._is_own(a)
                          for a in changes)
        mine = next((a for a in changes if not self._is_own(a)), None)
        piece = _run_text(run)
        if mine is None:
            text_all.add(piece)
            if not own_deleted:
                text.add(piece)
            return
        local = etree.QName(mine).localname
        kind = _CHANGES[local]
        if kind == "del" and own_deleted:  # deleting what the redline already deletes
            text_all.add(piece)
            return
        start = text.pos
        if kind == "del":
            text.add(piece)
            text_all.add(piece)
        move = self.current_move[kind] if local.startswith("move") else None
        self._group(kind, mine, par, start, text.pos, piece, move)

    def _group(self, kind: str, change: etree._Element, par: int, start: int, end: int,
               piece: str, move: str | None) -> None:
        author, day = change.get(_q("author"), ""), _day(change)
        last = self.groups[-1] if self.groups else None
        if (last is not None and last.par == par and (last.kind, last.author, last.day,
                                                      last.move) == (kind, author, day, move)
                and last.wrapper in (change, change.getprevious())
                and (kind == "ins" or last.end == start)):
            last.pieces.append(piece)
            last.end = end
            last.wrapper = change
            return
        if len(self.groups) >= MAX_REMARKS:
            raise _too_many()
        self.groups.append(_Group(kind, author, date_of(change.get(_q("date"))), day, par,
                                  start, end, [piece], change, move))

    def _paragraph_end(self, text: _Text, text_all: _Text, p: etree._Element) -> None:
        style = p.find(f"{_q('pPr')}/{_q('pStyle')}")
        final = text.value.rstrip(" ")
        if style is not None and style.get(_q("val")) in self.headings and final:
            self.section = final  # a heading is the section of what it holds and follows
        self.texts.append(final)
        self.texts_all.append(text_all.value.rstrip(" "))
        self.sections.append(self.section)


# --- remarks ----------------------------------------------------------------------------------

def _quote(texts: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    """The text from ``start`` to ``end`` (paragraph, position), at most MAX_QUOTED
    characters of it."""
    (pa, a), (pb, b) = start, end
    if pa == pb:
        return normalized(texts[pa][a:b][:MAX_QUOTED]) if pa < len(texts) else ""
    pieces, size = [texts[pa][a:]] if pa < len(texts) else [], 0
    for text in texts[pa + 1:pb]:
        size += len(text)
        if size > MAX_QUOTED:
            break
        pieces.append(text)
    if size <= MAX_QUOTED and pb < len(texts):
        pieces.append(texts[pb][:b])
    return normalized(" ".join(pieces)[:MAX_QUOTED])


def _comment_remarks(w: _Walker, comments: dict) -> list[Remark]:
    end_of_doc = (len(w.texts), 0, 0)

    def span(ident: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        # A comment without a range is anchored at its reference mark.
        start = w.starts.get(ident) or w.refs.get(ident) or end_of_doc
        return start, w.ends.get(ident) or start

    anchors = {}
    for ident in comments:
        start, end = span(ident)
        anchors[ident] = ((start[0], start[2]), (end[0], end[2]),
                          w.ref_order.get(ident, len(w.ref_order)))
    remarks = []
    for thread in threads(comments, anchors):
        root = thread.root
        replies = [Reply(r.author, r.date, r.text.strip()) for r in thread.replies
                   if r.text.strip()]
        if not root.text.strip() and not replies:
            continue
        start, end = span(root.id)
        quoted = _quote(w.texts, (start[0], start[1]), (end[0], end[1]))
        if not quoted:  # only words the redline deletes: quote them as the reader saw them
            quoted = _quote(w.texts_all, (start[0], start[2]), (end[0], end[2]))
        section = w.sections[start[0]] if start[0] < len(w.sections) else w.section
        remarks.append(Remark("comment", root.author, root.date, root.text.strip(), quoted,
                              section, replies=replies, resolved=thread.resolved,
                              order=(start[0], start[1])))
    return remarks


def _change_remark(kind: str, g: _Group, w: _Walker, change: Change, text: str,
                   replaced: str = "", target: Change | None = None) -> Remark:
    return Remark(kind, g.author, g.date, text, change.paragraph, w.sections[g.par],
                  replaced=replaced, change=change, target=target, order=(g.par, g.start))


def _pairs(groups: list[_Group]) -> Iterable[tuple[_Group, _Group | None, str]]:
    """(group, its partner, kind): replacements and moves paired, the rest alone."""
    used: set[int] = set()
    out: list[tuple[_Group, _Group | None, str]] = []
    for i, g in enumerate(groups):  # a deletion beside an insertion: a replacement
        if i in used or i + 1 >= len(groups):
            continue
        h = groups[i + 1]
        if ({g.kind, h.kind} == {"del", "ins"} and g.par == h.par and g.move is None
                and h.move is None and (g.author, g.day) == (h.author, h.day)):
            deleted, inserted = (g, h) if g.kind == "del" else (h, g)
            if inserted.start in (deleted.start, deleted.end):
                used |= {i, i + 1}
                out.append((deleted, inserted, "replacement"))
    for i, g in enumerate(groups):  # the two halves of a move
        if i in used or g.kind != "del":
            continue
        for j, h in enumerate(groups):
            if j in used or h.kind != "ins" or (g.author, g.day) != (h.author, h.day):
                continue
            named = g.move is not None and g.move == h.move
            same = (g.move is None and h.move is None and len(g.words) >= MOVE_MIN
                    and " " in g.words and g.words == h.words)
            if named or same:
                used |= {i, j}
                out.append((g, h, "move"))
                break
    out += [(g, None, "insertion" if g.kind == "ins" else "deletion")
            for i, g in enumerate(groups) if i not in used]
    return out


def _change_remarks(w: _Walker) -> list[Remark]:
    remarks = []
    for g, partner, kind in _pairs(w.groups):
        source = Change(w.texts[g.par], g.start, g.end, "" if g.kind == "del" else g.raw)
        if kind in ("insertion", "deletion") and g.words:
            remarks.append(_change_remark(kind, g, w, source, g.words))
        elif kind == "replacement" and partner is not None:
            change = Change(w.texts[g.par], g.start, g.end, partner.raw)
            remarks.append(_change_remark(kind, g, w, change, partner.words, g.words))
        elif kind == "move" and partner is not None and partner.par == g.par:
            # Within one paragraph: one change from where the words go to where they were.
            text = w.texts[g.par]
            if partner.start <= g.start:
                change = Change(text, partner.start, g.end,
                                partner.raw + text[partner.start:g.start])
            else:
                change = Change(text, g.start, partner.start,
                                text[g.end:partner.start] + partner.raw)
            remarks.append(_change_remark(kind, g, w, change, g.words))
        elif kind == "move" and partner is not None:
            target = Change(w.texts[partner.par], partner.start, partner.start, partner.raw)
            remarks.append(_change_remark(kind, g, w, source, g.words, target=target))
    return remarks


def read_review(path: Path, own: set[tuple[str, str]] | None = None) -> Review:
    """Comment threads, tracked changes and properties of a DOCX; NotDocx if it is none,
    or if it cannot be read within the limits of ``docx_parts``. ``own``: (author, day)
    of the changes that are the document's own (a redline's)."""
    try:
        with DocxParts(path) as package:
            if not package.has("word/document.xml"):
                raise NotDocx()
            comments = _comments(package)
            walker = _Walker(_heading_styles(package), own or set())
            properties = _properties(package)
            # The body's paragraphs as a stream: one in memory at a time.
            for p in package.elements("word/document.xml", _q("p")):
                walker.paragraph(p)
    except PartsRefused as exc:
        raise NotDocx(exc.code, exc.params) from None
    remarks = _comment_remarks(walker, comments) + _change_remarks(walker)
    if len(remarks) > MAX_REMARKS:
        raise NotDocx(_too_many().code, _too_many().params)
    remarks.sort(key=lambda r: r.order)
    return Review(properties, remarks, walker.texts, walker.texts_all)
