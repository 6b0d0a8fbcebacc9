"""Two pandoc documents (JSON AST) merged into one with insertion and deletion spans.

Blocks are aligned by their content (``difflib`` on fingerprints; inside a changed
stretch, blocks of the same kind are paired by how much text they share). A paired
paragraph or heading is diffed word by word, a table row by row and cell by cell, a
list item by item; what has no partner is deleted or inserted whole. The spans carry
pandoc's track-changes attributes, which its DOCX writer turns into ``w:ins``/``w:del``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Protocol

from strategy.release.astnodes import (
    IMAGE_DIGEST,
    SECTION_NUMBER,
    Node,
    picture_keys,
    track_pictures,
)


class Content(Protocol):
    """Whether a changed stretch (its deleted and inserted words) is content; a stretch
    that is not (a total, a count, a heading's number) takes the newer words unmarked.
    ``whole`` judges a block inserted or deleted whole."""

    def content(self, deleted: list[str], inserted: list[str]) -> bool: ...

    def whole(self, deleted: list[str], inserted: list[str]) -> bool: ...

PAIR_THRESHOLD = 0.35  # blocks sharing less text than this are deleted and inserted whole
MAX_ALIGN = 40_000  # above this many block pairs, pair same-kind blocks in order


@dataclass(frozen=True)
class Marks:
    author: str
    date: str  # ISO 8601, e.g. 2021-06-24T00:00:00Z

    def span(self, cls: str, inlines: list[Node]) -> Node:
        attr = ["", [cls], [["author", self.author], ["date", self.date]]]
        return {"t": "Span", "c": [attr, inlines]}


def _key(node: Any) -> str:
    return json.dumps(node, sort_keys=True, ensure_ascii=False)


def words(node: Any) -> list[str]:
    """The words of a node, in order."""
    found: list[str] = []

    def walk(x: Any) -> None:
        if isinstance(x, dict):
            if x.get("t") == "Str":
                found.append(x["c"])
            elif not (x.get("t") == "Span" and x["c"][0] == SECTION_NUMBER):
                walk(x.get("c"))  # a heading's number says nothing of what it is about
        elif isinstance(x, list):
            for item in x:
                walk(item)
    walk(node)
    return found


def _similarity(a: Node, b: Node) -> float:
    wa, wb = words(a), words(b)
    if not wa and not wb:
        return 1.0 if _key(a) == _key(b) else 0.5
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def _kind(block: Node) -> Any:
    t, c = block["t"], block.get("c")
    if t == "Header":
        return (t, c[0])
    if t == "Div":
        return (t, tuple(c[0][1]))
    if t == "Table":
        return (t, len(c[2]))
    if t == "_Row":
        return (t, len(c[1]))
    return "Para" if t == "Plain" else t


# --- alignment ------------------------------------------------------------------------

Op = tuple[str, Node | None, Node | None]  # ("pair"|"del"|"ins", old, new)


def _align(old: list[Node], new: list[Node]) -> list[Op]:
    """Pair the blocks of a changed stretch to maximise the text they share."""
    n, m = len(old), len(new)
    if n * m > MAX_ALIGN:
        return _align_in_order(old, new)
    sim = [[(_similarity(o, w) if _kind(o) == _kind(w) else 0.0) for w in new] for o in old]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            pair = sim[i][j] + best[i + 1][j + 1] if sim[i][j] >= PAIR_THRESHOLD else -1.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], pair)
    ops: list[Op] = []
    i = j = 0
    dels: list[Op] = []
    ins: list[Op] = []
    while i < n or j < m:
        if i < n and j < m and sim[i][j] >= PAIR_THRESHOLD and (
                best[i][j] == sim[i][j] + best[i + 1][j + 1]):
            ops += dels + ins + [("pair", old[i], new[j])]
            dels, ins = [], []
            i, j = i + 1, j + 1
        elif i < n and (j == m or best[i][j] == best[i + 1][j]):
            dels.append(("del", old[i], None))
            i += 1
        else:
            ins.append(("ins", None, new[j]))
            j += 1
    return ops + dels + ins


def _align_in_order(old: list[Node], new: list[Node]) -> list[Op]:
    kinds = SequenceMatcher(None, [str(_kind(b)) for b in old], [str(_kind(b)) for b in new],
                            autojunk=False)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in kinds.get_opcodes():
        if tag == "equal":
            ops += [("pair", o, w) for o, w in zip(old[i1:i2], new[j1:j2], strict=True)]
        else:
            ops += [("del", o, None) for o in old[i1:i2]] + [("ins", None, w)
                                                           for w in new[j1:j2]]
    return ops


def _sequence(old: list[Node], new: list[Node], merge: Callable[[Node, Node], list[Node]],
              mark: Callable[[Node, str], list[Node]], content: Content | None = None
              ) -> list[Node]:
    """Equal runs kept, changed runs aligned; ``merge`` diffs a pair, ``mark`` marks one.
    A block inserted or deleted whole that is not content is taken from the newer side
    unmarked (or left out, if deleted)."""
    out: list[Node] = []
    matcher = SequenceMatcher(None, [_key(b) for b in old], [_key(b) for b in new],
                              autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += new[j1:j2]
            continue
        ops = _align(old[i1:i2], new[j1:j2])
        # Blocks inserted or deleted together (a new item's heading and its paragraphs)
        # are content when any of them is.
        marked = content is None or any(
            content.whole(words(o) if o is not None else [], words(w) if w is not None else [])
            for op, o, w in ops if op != "pair")
        for op, o, w in ops:
            if op == "pair":
                assert o is not None and w is not None
                out += merge(o, w)
            elif op == "del":
                assert o is not None
                if marked:
                    out += mark(o, "deletion")
            else:
                assert w is not None
                out += mark(w, "insertion") if marked else [w]
    return out


# --- the diff ---------------------------------------------------------------------------


class Differ:
    def __init__(self, marks: Marks, content: Content | None = None) -> None:
        self.m = marks
        self.content = content

    def blocks(self, old: list[Node], new: list[Node]) -> list[Node]:
        return _sequence(old, new, self.merge, self.mark, self.content)

    def merge(self, o: Node, n: Node) -> list[Node]:
        t = n["t"]
        if t in ("Para", "Plain"):
            return [{"t": t, "c": self.inlines(o["c"], n["c"])}]
        if t == "Header":
            old, new = o["c"][2], n["c"][2]
            if _numbered(old) and _numbered(new):
                # The number follows from the headings before it: the newer one, unmarked.
                return [{"t": t, "c": [n["c"][0], n["c"][1],
                                       new[:2] + self.inlines(old[2:], new[2:])]}]
            return [{"t": t, "c": [n["c"][0], n["c"][1], self.inlines(old, new)]}]
        if t == "Div":
            return [{"t": t, "c": [n["c"][0], self.blocks(o["c"][1], n["c"][1])]}]
        if t == "BlockQuote":
            return [{"t": t, "c": self.blocks(o["c"], n["c"])}]
        if t == "BulletList" and o["t"] == t:
            return [{"t": t, "c": self.items(o["c"], n["c"])}]
        if t == "OrderedList" and o["t"] == t:
            return [{"t": t, "c": [n["c"][0], self.items(o["c"][1], n["c"][1])]}]
        if t == "Table":
            merged = self.table(o, n)
            if merged is not None:
                return [merged]
        if t == "Figure" and o["t"] == t:
            attr, caption, content = n["c"]
            caption = [caption[0], self.blocks(o["c"][1][1], caption[1])]
            if _key(picture_keys(o["c"][2])) == _key(picture_keys(content)):
                return [{"t": t, "c": [attr, caption, content]}]
            # A redrawn picture: the old one as a deleted paragraph before the figure (a
            # figure holding two pictures would be written as a table of subfigures).
            old = [{"t": "Para", "c": b["c"]} if b["t"] == "Plain" else b for b in o["c"][2]]
            return self.mark_all(old, "deletion") + [
                {"t": t, "c": [attr, caption, track_pictures(content, "insertion")]}]
        return self.mark(o, "deletion") + self.mark(n, "insertion")

    def items(self, old: list[list[Node]], new: list[list[Node]]) -> list[list[Node]]:
        wrap = [{"t": "_Item", "c": item} for item in old]
        wnew = [{"t": "_Item", "c": item} for item in new]
        merged = _sequence(wrap, wnew, lambda o, n: [
            {"t": "_Item", "c": self.blocks(o["c"], n["c"])}],
            lambda b, cls: [{"t": "_Item", "c": self.mark_all(b["c"], cls)}], self.content)
        return [item["c"] for item in merged]

    def table(self, o: Node, n: Node) -> Node | None:
        oa, ocap, ocols, ohead, obodies, ofoot = o["c"]
        attr, cap, cols, head, bodies, foot = n["c"]
        if len(ocols) != len(cols) or len(obodies) != len(bodies):
            return None
        caption = [cap[0], self.blocks(ocap[1], cap[1])]
        head = [head[0], self.rows(ohead[1], head[1])]
        bodies = [[b[0], b[1], self.rows(ob[2], b[2]), self.rows(ob[3], b[3])]
                  for ob, b in zip(obodies, bodies, strict=True)]
        foot = [foot[0], self.rows(ofoot[1], foot[1])]
        return {"t": "Table", "c": [attr, caption, cols, head, bodies, foot]}

    def rows(self, old: list[Any], new: list[Any]) -> list[Any]:
        wrap = [{"t": "_Row", "c": row} for row in old]
        wnew = [{"t": "_Row", "c": row} for row in new]
        merged = _sequence(wrap, wnew, self._merge_row, self._mark_row, self.content)
        return [row["c"] for row in merged]

    def _merge_row(self, o: Node, n: Node) -> list[Node]:
        cells = [[c[0], c[1], c[2], c[3], self.blocks(oc[4], c[4])]
                 for oc, c in zip(o["c"][1], n["c"][1], strict=True)]
        return [{"t": "_Row", "c": [n["c"][0], cells]}]

    def _mark_row(self, row: Node, cls: str) -> list[Node]:
        cells = [[c[0], c[1], c[2], c[3], self.mark_all(c[4], cls)] for c in row["c"][1]]
        return [{"t": "_Row", "c": [row["c"][0], cells]}]

    # --- whole blocks ------------------------------------------------------------------

    def mark_all(self, blocks: list[Node], cls: str) -> list[Node]:
        return [b for block in blocks for b in self.mark(block, cls)]

    def mark(self, block: Node, cls: str) -> list[Node]:
        t, c = block["t"], block.get("c")
        if t in ("Para", "Plain"):
            return [{"t": t, "c": self.span(c, cls)}]
        if t == "Header":
            return [{"t": t, "c": [c[0], c[1], self.span(c[2], cls)]}]
        if t == "Div":
            return [{"t": t, "c": [c[0], self.mark_all(c[1], cls)]}]
        if t == "BlockQuote":
            return [{"t": t, "c": self.mark_all(c, cls)}]
        if t == "BulletList":
            return [{"t": t, "c": [self.mark_all(item, cls) for item in c]}]
        if t == "OrderedList":
            return [{"t": t, "c": [c[0], [self.mark_all(item, cls) for item in c[1]]]}]
        if t == "Table":
            attr, cap, cols, head, bodies, foot = c
            return [{"t": t, "c": [
                attr, [cap[0], self.mark_all(cap[1], cls)], cols,
                [head[0], [self._mark_row({"c": r}, cls)[0]["c"] for r in head[1]]],
                [[b[0], b[1], [self._mark_row({"c": r}, cls)[0]["c"] for r in b[2]],
                  [self._mark_row({"c": r}, cls)[0]["c"] for r in b[3]]] for b in bodies],
                [foot[0], [self._mark_row({"c": r}, cls)[0]["c"] for r in foot[1]]]]}]
        if t == "Figure":
            attr, caption, content = c
            return [{"t": t, "c": [attr, [caption[0], self.mark_all(caption[1], cls)],
                                   track_pictures(content, cls)]}]
        return [block] if cls == "insertion" else []

    def span(self, inlines: list[Node], cls: str) -> list[Node]:
        if not inlines:
            return []
        if cls == "deletion":  # an old image whose file is gone: its description stands in
            inlines = [x for i in inlines for x in (
                i["c"][1] if i["t"] == "Image" and IMAGE_DIGEST not in dict(i["c"][0][2])
                else [i])]
        return [self.m.span(cls, inlines)]

    # --- words -------------------------------------------------------------------------

    def inlines(self, old: list[Node], new: list[Node]) -> list[Node]:
        ka, kb = [_token(x) for x in old], [_token(x) for x in new]
        out: list[Node] = []
        for tag, i1, i2, j1, j2 in _opcodes(ka, kb):
            if tag == "equal":
                out += new[j1:j2]
                continue
            a, b = old[i1:i2], new[j1:j2]
            if len(a) == len(b) == 1 and _container(a[0], b[0]):
                out.append(self._inner(a[0], b[0]))
                continue
            if self.content is not None and not self.content.content(words(a), words(b)):
                out += b  # follows from a content change (a total, a count)
                continue
            out += self.span(a, "deletion") + self.span(b, "insertion")
        return out

    def _inner(self, o: Node, n: Node) -> Node:
        if n["t"] in ("Span", "Link", "Quoted"):
            head = n["c"][:-1] if n["t"] != "Link" else [n["c"][0]]
            tail = [n["c"][2]] if n["t"] == "Link" else []
            inner = self.inlines(o["c"][1], n["c"][1])
            return {"t": n["t"], "c": [*head, inner, *tail]}
        return {"t": n["t"], "c": self.inlines(o["c"], n["c"])}


_CONTAINERS = {"Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript",
               "SmallCaps"}


def _container(o: Node, n: Node) -> bool:
    if o["t"] != n["t"]:
        return False
    if o["t"] in _CONTAINERS:
        return True
    if o["t"] in ("Span", "Quoted"):
        return _key(o["c"][0]) == _key(n["c"][0])
    return o["t"] == "Link" and _key(o["c"][2]) == _key(n["c"][2])


def _token(inline: Node) -> str:
    t = inline["t"]
    if t == "Str":
        return "S" + inline["c"]
    if t in ("Space", "SoftBreak"):
        return " "
    if t == "Image":  # the picture itself; its description is not text
        digest = dict(inline["c"][0][2]).get(IMAGE_DIGEST)
        return "I" + (digest or inline["c"][2][0])
    return _key(inline)


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Word opcodes; a lone space between two changes joins them into one change."""
    raw = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    merged: list[list[Any]] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(raw):
        spaces = tag == "equal" and all(x == " " for x in a[i1:i2])
        between = 0 < k < len(raw) - 1 and raw[k - 1][0] != "equal" and raw[k + 1][0] != "equal"
        if tag != "equal" or (spaces and between):
            if merged and merged[-1][0] == "replace":
                merged[-1][2], merged[-1][4] = i2, j2
            else:
                merged.append(["replace", i1, i2, j1, j2])
        else:
            merged.append([tag, i1, i2, j1, j2])
    return [tuple(op) for op in merged]  # type: ignore[misc]


def _numbered(inlines: list[Node]) -> bool:
    return (len(inlines) >= 2 and inlines[0].get("t") == "Span"
            and inlines[0]["c"][0] == SECTION_NUMBER)


def diff_document(old: Node, new: Node, marks: Marks, content: Content | None = None
                  ) -> Node:
    """The newer document with every change against the older one marked; with
    ``content``, only the changes it says are content. Both must have gone through
    ``number_headings`` (and images through ``fingerprint_images``)."""
    return {**new, "blocks": Differ(marks, content).blocks(old["blocks"], new["blocks"])}
