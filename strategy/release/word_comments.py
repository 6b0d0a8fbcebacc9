"""The comments of a Word document as threads: ``word/comments.xml`` with the parts Word
2013 and later add beside it.

- ``comments.xml``: each ``w:comment`` (id, author, date, its paragraphs, each with a
  ``w14:paraId``);
- ``commentsExtended.xml``: per comment (by the paraId of one of its paragraphs)
  ``w15:paraIdParent``, the comment it replies to, and ``w15:done``, resolved;
- ``commentsIds.xml`` and ``commentsExtensible.xml``: a durable ID per comment and, by
  it, the date in UTC (Word 365 writes local time in ``w:date``).

LibreOffice writes ``commentsExtended.xml`` with ``done`` but without the parent link;
there a reply is the comment anchored on exactly the same text, after it
(``threads`` is given the anchors to find those).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
W16CEX = "http://schemas.microsoft.com/office/word/2018/wordml/cex"
RELATIONSHIPS = {
    "comments": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
    "extended": "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
    "ids": "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
    "extensible": "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
}


class TooMany(Exception):
    """More comments than a council sends in any real document."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def date_of(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@dataclass
class Comment:
    id: str
    author: str
    date: dt.date | None
    text: str
    paras: list[str] = field(default_factory=list)  # w14:paraId of each paragraph
    parent: str | None = None  # the id of the comment it replies to
    done: bool = False
    stamp: str = ""  # the date and time as written, for the order of a thread


def _text(p: etree._Element) -> str:
    parts = []
    for node in p.iter(_q(W, "t"), _q(W, "tab"), _q(W, "br")):
        parts.append(node.text or "" if node.tag == _q(W, "t") else " ")
    return "".join(parts)


def read_comments(comments: Iterable[etree._Element], extended: etree._Element | None,
                  ids: etree._Element | None, extensible: etree._Element | None,
                  limit: int) -> dict[str, Comment]:
    """The comments by their id, with replies linked and the resolved state: the
    ``w:comment`` elements of the comments part (as they are read) and the roots of the
    parts beside it (None where there is none); more than ``limit`` comments raise
    TooMany."""
    found: dict[str, Comment] = {}
    for element in comments:
        if len(found) >= limit:
            raise TooMany(limit)
        paragraphs = list(element.iter(_q(W, "p")))
        text = "\n".join(t for t in (_text(p).strip() for p in paragraphs) if t)
        ident = element.get(_q(W, "id"), "")
        stamp = element.get(_q(W, "date"), "")
        found[ident] = Comment(ident, element.get(_q(W, "author"), ""), date_of(stamp), text,
                               [p.get(_q(W14, "paraId"), "") for p in paragraphs], stamp=stamp)
    by_para = {para: c for c in found.values() for para in c.paras if para}
    if ids is not None and extensible is not None:
        durable = {e.get(_q(W16CID, "paraId")): e.get(_q(W16CID, "durableId"))
                   for e in ids.iter(_q(W16CID, "commentId"))}
        utc = {e.get(_q(W16CEX, "durableId")): e.get(_q(W16CEX, "dateUtc"))
               for e in extensible.iter(_q(W16CEX, "commentExtensible"))}
        for para, ident in durable.items():
            comment, when = by_para.get(para or ""), date_of(utc.get(ident))
            if comment is not None and when is not None:
                comment.date, comment.stamp = when, utc.get(ident) or comment.stamp
    if extended is not None:
        for ex in extended.iter(_q(W15, "commentEx")):
            comment = by_para.get(ex.get(_q(W15, "paraId"), ""))
            if comment is None:
                continue
            comment.done = ex.get(_q(W15, "done")) in ("1", "true", "on")
            parent = by_para.get(ex.get(_q(W15, "paraIdParent"), ""))
            if parent is not None and parent is not comment:
                comment.parent = parent.id
    return found


@dataclass
class Thread:
    root: Comment
    replies: list[Comment]

    @property
    def resolved(self) -> bool:
        return self.root.done or any(r.done for r in self.replies)


def threads(comments: dict[str, Comment], anchors: dict[str, tuple]) -> list[Thread]:
    """Comments grouped into threads, in the order their anchors start. ``anchors``
    gives each comment's (start, end, reference) positions in the document. Replies are
    in the order of their references (Word writes a thread's references in order); where
    the file links no reply to a parent (LibreOffice, which also writes a thread's
    references in no fixed order), comments on the very same text are one thread, the
    earliest its root, and replies follow by date and time."""
    linked = any(c.parent for c in comments.values())
    far = (float("inf"),)

    def order(c: Comment) -> tuple:
        by_reference = anchors.get(c.id, (far, far, far))[2]
        return (by_reference, c.stamp) if linked else (c.stamp or "~", by_reference)

    if not linked:
        by_range: dict[tuple, list[str]] = {}
        for ident, (start, end, _) in anchors.items():
            if ident in comments:
                by_range.setdefault((start, end), []).append(ident)
        for idents in by_range.values():
            idents.sort(key=lambda i: order(comments[i]))
            for reply in idents[1:]:
                comments[reply].parent = idents[0]

    def root_of(c: Comment) -> Comment:
        seen = {c.id}
        while c.parent and c.parent in comments and c.parent not in seen:
            c = comments[c.parent]
            seen.add(c.id)
        return c

    grouped: dict[str, Thread] = {}
    for c in comments.values():
        root = root_of(c)
        thread = grouped.setdefault(root.id, Thread(root, []))
        if c is not root:
            thread.replies.append(c)
    for thread in grouped.values():
        thread.replies.sort(key=order)
    return sorted(grouped.values(), key=lambda t: anchors.get(t.root.id, (far, far, far))[0])
