"""A council member's reviewed copy of a released DOCX, written as Word 365 writes it.

Not a test module. What Word writes, and so what this writes (checked against files
saved by Word for Microsoft 365):

- a comment: ``w:commentRangeStart``/``w:commentRangeEnd`` around the commented runs and a
  run with ``w:commentReference`` after the end; in ``word/comments.xml`` a
  ``w:comment`` (id, author, date, initials) whose paragraphs carry ``w14:paraId``;
- a reply: a comment of its own whose range starts and ends with its parent's, linked
  to the parent in ``word/commentsExtended.xml`` (``w15:commentEx`` with
  ``w15:paraIdParent`` = the parent's last paragraph); ``w15:done="1"`` marks a thread
  resolved; ``word/commentsIds.xml`` gives each a durable ID and
  ``word/commentsExtensible.xml`` its UTC date; ``word/people.xml`` the authors;
- tracked changes: ``w:ins`` around inserted runs, ``w:del`` around deleted runs (their
  text in ``w:delText``), a replacement as a ``w:del`` followed by a ``w:ins``; a moved
  sentence as ``w:moveFrom`` and ``w:moveTo`` inside named ranges
  (``w:moveFromRangeStart``/``w:moveToRangeStart`` with the same ``w:name``);
- Word's "remove personal information" leaves author "Author" and no dates: ``anonymous``.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
W16CEX = "http://schemas.microsoft.com/office/word/2018/wordml/cex"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
XML = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"w": W, "w14": W14, "w15": W15, "w16cid": W16CID, "w16cex": W16CEX, "mc": MC}
IGNORABLE = "w14 w15 w16cid w16cex"
PARTS = {  # part -> (relationship type, content type)
    "comments.xml": ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                     "comments", "comments"),
    "commentsExtended.xml": ("http://schemas.microsoft.com/office/2011/relationships/"
                             "commentsExtended", "commentsExtended"),
    "commentsIds.xml": ("http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
                        "commentsIds"),
    "commentsExtensible.xml": ("http://schemas.microsoft.com/office/2018/08/relationships/"
                               "commentsExtensible", "commentsExtensible"),
    "people.xml": ("http://schemas.microsoft.com/office/2011/relationships/people", "people"),
}


def q(name: str, ns: str = W) -> str:
    return f"{{{ns}}}{name}"


def _stamp(when: dt.date | dt.datetime | None) -> str | None:
    if when is None:
        return None
    if not isinstance(when, dt.datetime):
        when = dt.datetime(when.year, when.month, when.day, 9, 0, 0)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


class WordReview:
    """Comments, replies and tracked changes added to a copy of a released DOCX."""

    def __init__(self, source: Path, *, anonymous: bool = False) -> None:
        self.source = source
        self.anonymous = anonymous
        with zipfile.ZipFile(source) as package:
            self.parts = {name: package.read(name) for name in package.namelist()}
        self.document = etree.fromstring(self.parts["word/document.xml"])
        self.comments: list[dict] = []
        self.next_revision = 9000
        self.next_para = 0x1A2B0000

    # --- finding and splitting the text -----------------------------------------------

    def _paragraph(self, needle: str) -> etree._Element:
        # A reviewer edits the text, not the table of contents or the lists (content
        # controls whose entries repeat the headings and captions; Word rebuilds them).
        for p in self.document.iter(q("p")):
            if any(a.tag == q("sdt") for a in p.iterancestors()):
                continue
            if needle in _plain("".join(t.text or "" for t in p.iter(q("t")))):
                return p
        raise AssertionError(f"no paragraph holds {needle!r}")

    def _run(self, needle: str, paragraph: etree._Element | None = None) -> etree._Element:
        """The run that holds exactly ``needle``, split out of the run that contains it."""
        p = paragraph if paragraph is not None else self._paragraph(needle)
        for run in p.iter(q("r")):
            texts = run.findall(q("t"))
            if len(texts) != 1 or needle not in _plain(texts[0].text or ""):
                continue
            if run.getparent().tag in (q("del"), q("moveFrom")):
                continue
            # The needle is typed with plain spaces; the document binds short words with
            # non-breaking ones: split where it stands, keep its own characters.
            whole = texts[0].text or ""
            at = _plain(whole).index(needle)
            before, mine, after = whole[:at], whole[at:at + len(needle)], whole[at + len(needle):]
            texts[0].text = mine
            texts[0].set(f"{{{XML}}}space", "preserve")
            for piece, where in ((before, run.addprevious), (after, run.addnext)):
                if piece:
                    twin = etree.fromstring(etree.tostring(run))
                    twin.find(q("t")).text = piece
                    where(twin)
            return run
        raise AssertionError(f"{needle!r} is not within one run")

    def _change(self, kind: str, author: str, when: dt.date | None) -> etree._Element:
        self.next_revision += 1
        element = etree.Element(q(kind))
        element.set(q("id"), str(self.next_revision))
        element.set(q("author"), "Author" if self.anonymous else author)
        if not self.anonymous and when is not None:
            element.set(q("date"), _stamp(when))
        return element

    @staticmethod
    def _as_deleted(run: etree._Element) -> None:
        for t in run.iter(q("t")):
            t.tag = q("delText")

    @staticmethod
    def _new_run(text: str, like: etree._Element | None = None) -> etree._Element:
        run = etree.Element(q("r"))
        if like is not None and like.find(q("rPr")) is not None:
            run.append(etree.fromstring(etree.tostring(like.find(q("rPr")))))
        t = etree.SubElement(run, q("t"))
        t.text = text
        t.set(f"{{{XML}}}space", "preserve")
        return run

    # --- tracked changes --------------------------------------------------------------

    def insert(self, after: str, text: str, author: str, when: dt.date | None) -> None:
        run = self._run(after)
        wrapper = self._change("ins", author, when)
        wrapper.append(self._new_run(text, run))
        run.addnext(wrapper)

    def delete(self, text: str, author: str, when: dt.date | None) -> None:
        run = self._run(text)
        wrapper = self._change("del", author, when)
        run.addprevious(wrapper)
        wrapper.append(run)
        self._as_deleted(run)

    def replace(self, old: str, new: str, author: str, when: dt.date | None) -> None:
        """Select ``old`` and type ``new`` over it: Word writes the deletion, then the
        insertion, side by side."""
        run = self._run(old)
        deleted = self._change("del", author, when)
        run.addprevious(deleted)
        deleted.append(run)
        self._as_deleted(run)
        inserted = self._change("ins", author, when)
        inserted.append(self._new_run(new, run))
        deleted.addnext(inserted)

    def move(self, text: str, before: str, author: str, when: dt.date | None,
             inserted: str | None = None) -> None:
        """Drag ``text`` (a sentence) in front of ``before``, as Word marks a move;
        ``inserted``: the words as they land (Word adjusts the spaces around them)."""
        name = f"move{self.next_revision + 1000}"
        source = self._run(text)
        target = self._run(before)
        for kind, at in (("moveFrom", source), ("moveTo", target)):
            start = self._change(f"{kind}RangeStart", author, when)
            start.set(q("name"), name)
            end = etree.Element(q(f"{kind}RangeEnd"))
            end.set(q("id"), start.get(q("id")))
            wrapper = self._change(kind, author, when)
            if kind == "moveFrom":
                at.addprevious(start)
                start.addnext(wrapper)
                wrapper.append(at)
                self._as_deleted(at)
            else:
                at.addprevious(start)
                start.addnext(wrapper)
                wrapper.append(self._new_run(inserted or text, at))
            wrapper.addnext(end)

    # --- comments -----------------------------------------------------------------------

    def comment(self, quoted: str, text: str, author: str, when: dt.date | None, *,
                resolved: bool = False) -> int:
        """Comment on ``quoted``; returns the comment's ID (for replies)."""
        run = self._run(quoted)
        ident = len(self.comments)
        start, end = self._mark("commentRangeStart", ident), self._mark("commentRangeEnd", ident)
        run.addprevious(start)
        run.addnext(end)
        end.addnext(self._reference(ident))
        self.comments.append(self._comment(ident, text, author, when, None, resolved))
        return ident

    def reply(self, parent: int, text: str, author: str, when: dt.date | None) -> int:
        """A reply in the parent's thread, as Word writes a thread: the range starts of
        the thread together, then its range ends together, then its references in order."""
        ident = len(self.comments)
        thread = [str(c["id"]) for c in self.comments
                  if c["id"] == parent or c["parent_id"] == parent]

        def last(tag: str) -> etree._Element:
            found = [e for e in self.document.iter(q(tag)) if e.get(q("id")) in thread]
            return found[-1]

        last("commentRangeStart").addnext(self._mark("commentRangeStart", ident))
        last("commentRangeEnd").addnext(self._mark("commentRangeEnd", ident))
        last("commentReference").getparent().addnext(self._reference(ident))
        parent_para = self.comments[parent]["paras"][-1]
        done = self.comments[parent]["done"]
        self.comments.append(self._comment(ident, text, author, when, parent_para, done))
        return ident

    @staticmethod
    def _mark(tag: str, ident: int) -> etree._Element:
        mark = etree.Element(q(tag))
        mark.set(q("id"), str(ident))
        return mark

    def resolve(self, ident: int) -> None:
        """Mark a thread resolved ("Resolve" in Word): every comment in it is done."""
        for c in self.comments:
            if c["id"] == ident or c["parent_id"] == ident:
                c["done"] = True

    def _reference(self, ident: int) -> etree._Element:
        run = etree.Element(q("r"))
        r_pr = etree.SubElement(run, q("rPr"))
        etree.SubElement(r_pr, q("rStyle")).set(q("val"), "CommentReference")
        etree.SubElement(run, q("commentReference")).set(q("id"), str(ident))
        return run

    def _comment(self, ident: int, text: str, author: str, when: dt.date | None,
                 parent_para: str | None, done: bool) -> dict:
        paras = []
        for _ in text.split("\n\n"):
            self.next_para += 0x111
            paras.append(f"{self.next_para:08X}")
        return {"id": ident, "text": text, "author": "Author" if self.anonymous else author,
                "initials": "A" if self.anonymous else "".join(w[0] for w in author.split()),
                "when": None if self.anonymous else when, "paras": paras,
                "parent": parent_para, "parent_id": None if parent_para is None else next(
                    c["id"] for c in self.comments if c["paras"][-1] == parent_para),
                "done": done, "durable": f"{0x5E000000 + ident * 7919:08X}"}

    # --- writing the package ----------------------------------------------------------------

    def _root(self, tag: str, ns: str) -> etree._Element:
        root = etree.Element(q(tag, ns), nsmap=NSMAP)
        root.set(q("Ignorable", MC), IGNORABLE)
        return root

    def _comments_xml(self) -> bytes:
        root = self._root("comments", W)
        for c in self.comments:
            comment = etree.SubElement(root, q("comment"))
            comment.set(q("id"), str(c["id"]))
            comment.set(q("author"), c["author"])
            if c["when"] is not None:
                comment.set(q("date"), _stamp(c["when"]))
            comment.set(q("initials"), c["initials"])
            for i, (para_id, words) in enumerate(zip(c["paras"], c["text"].split("\n\n"),
                                                     strict=True)):
                p = etree.SubElement(comment, q("p"))
                p.set(q("paraId", W14), para_id)
                p.set(q("textId", W14), "77777777")
                p_pr = etree.SubElement(p, q("pPr"))
                etree.SubElement(p_pr, q("pStyle")).set(q("val"), "CommentText")
                if i == 0:
                    ref = etree.SubElement(p, q("r"))
                    etree.SubElement(etree.SubElement(ref, q("rPr")), q("rStyle")).set(
                        q("val"), "CommentReference")
                    etree.SubElement(ref, q("annotationRef"))
                p.append(self._new_run(words))
        return _xml(root)

    def _extended_xml(self) -> bytes:
        root = self._root("commentsEx", W15)
        for c in self.comments:
            ex = etree.SubElement(root, q("commentEx", W15))
            ex.set(q("paraId", W15), c["paras"][-1])
            if c["parent"]:
                ex.set(q("paraIdParent", W15), c["parent"])
            ex.set(q("done", W15), "1" if c["done"] else "0")
        return _xml(root)

    def _ids_xml(self) -> bytes:
        root = self._root("commentsIds", W16CID)
        for c in self.comments:
            item = etree.SubElement(root, q("commentId", W16CID))
            item.set(q("paraId", W16CID), c["paras"][-1])
            item.set(q("durableId", W16CID), c["durable"])
        return _xml(root)

    def _extensible_xml(self) -> bytes:
        root = self._root("commentsExtensible", W16CEX)
        for c in self.comments:
            item = etree.SubElement(root, q("commentExtensible", W16CEX))
            item.set(q("durableId", W16CEX), c["durable"])
            if c["when"] is not None:
                item.set(q("dateUtc", W16CEX), _stamp(c["when"]))
        return _xml(root)

    def _people_xml(self) -> bytes:
        root = self._root("people", W15)
        for author in dict.fromkeys(c["author"] for c in self.comments):
            person = etree.SubElement(root, q("person", W15))
            person.set(q("author", W15), author)
            info = etree.SubElement(person, q("presenceInfo", W15))
            info.set(q("providerId", W15), "None")
            info.set(q("userId", W15), author)
        return _xml(root)

    def save(self, target: Path) -> Path:
        parts = dict(self.parts)
        parts["word/document.xml"] = _xml(self.document)
        if self.comments:
            parts["word/comments.xml"] = self._comments_xml()
            parts["word/commentsExtended.xml"] = self._extended_xml()
            parts["word/commentsIds.xml"] = self._ids_xml()
            if not self.anonymous:
                parts["word/commentsExtensible.xml"] = self._extensible_xml()
                parts["word/people.xml"] = self._people_xml()
            _register(parts, [n for n in PARTS if f"word/{n}" in parts])
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in parts.items():
                package.writestr(name, data)
        target.write_bytes(out.getvalue())
        return target


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _register(parts: dict[str, bytes], names: list[str]) -> None:
    """The parts' relationships from the document and their content types."""
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    have = {r.get("Target") for r in rels}
    for number, name in enumerate(names, start=900):
        if name not in have:
            rel = etree.SubElement(rels, f"{{{REL}}}Relationship")
            rel.set("Id", f"rId{number}")
            rel.set("Type", PARTS[name][0])
            rel.set("Target", name)
    parts["word/_rels/document.xml.rels"] = _xml(rels)
    types = etree.fromstring(parts["[Content_Types].xml"])
    known = {t.get("PartName") for t in types}
    for name in names:
        if f"/word/{name}" not in known:
            override = etree.SubElement(types, f"{{{CT}}}Override")
            override.set("PartName", f"/word/{name}")
            override.set("ContentType", "application/vnd.openxmlformats-officedocument."
                         f"wordprocessingml.{PARTS[name][1]}+xml")
    parts["[Content_Types].xml"] = _xml(types)
