"""Where a piece of the document's text stands in the sections: file, field, paragraph.

A text field prints as one or more paragraphs: split at blank lines, lines starting
with "- " as list items, a lead-in line before its list as a paragraph of its own
(``paragraphs`` is that rule, which compose uses too). Every paragraph of every text
value is indexed here, with whitespace normalized as a reader compares text (any run of
spaces, non-breaking ones too, is one space), so that a sentence a council member
commented on in Word is found in the file and field that hold it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from strategy.sections.load import KeyPath, Sections

_SPACE = re.compile(r"[\s\u00a0\u202f\u2007]+")
_BULLET = re.compile(r"^\s*[-–•]\s+")
_PARAGRAPHS = re.compile(r"\n\s*\n")
# Values that are not prose a reader sees as such: identifiers, file names, codes.
_NOT_PROSE = {"id", "slug", "file", "language", "status", "kind", "form", "body", "category",
              "colour", "source_id"}
# An ID written as a value (a reference such as "goal: CO1.1", "members: [alfa]"): a
# code or a lower-case slug, never words a reader comments on.
_REFERENCE = re.compile(r"^([a-z0-9][a-z0-9._-]*|[A-Z]{1,4}[0-9][0-9.]*)$")
# The register's own texts are comments on the document, not the document.
_NOT_DOCUMENT = {"review"}
MIN_CONTAINED = 0.5  # a paragraph found inside a longer quote must be this much of it


def normalized(text: str) -> str:
    """Text for comparison: every run of whitespace (non-breaking too) is one space."""
    return _SPACE.sub(" ", text).strip()


def paragraphs(text: str) -> list[tuple[str, str]]:
    """The paragraphs a text field prints as: ("para" | "item", text) in order; the
    lines of a paragraph joined by a space."""
    out: list[tuple[str, str]] = []
    for para in _PARAGRAPHS.split(text.strip()):
        lines = [ln for ln in para.splitlines() if ln.strip()]
        if not lines:
            continue
        if all(_BULLET.match(ln) for ln in lines):
            out += [("item", _BULLET.sub("", ln)) for ln in lines]
        elif _BULLET.match(lines[-1]) and not _BULLET.match(lines[0]):
            out.append(("para", " ".join(ln for ln in lines if not _BULLET.match(ln))))
            out += [("item", _BULLET.sub("", ln)) for ln in lines if _BULLET.match(ln)]
        else:
            out.append(("para", " ".join(lines)))
    return out


@dataclass(frozen=True)
class Place:
    """A text value of the sections: its file (relative to the sections folder), the
    field as a reader names it (``directions[K3].title``), its key path in the sections
    and its path inside the file."""

    file: str
    field: str
    key: KeyPath
    line: int
    inner: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    place: Place
    index: int  # which paragraph of the value
    text: str  # normalized
    count: int  # how many paragraphs the value has


def _readable(path: tuple[Any, ...], data: Any) -> str:
    """``("directions", 2, "title")`` -> ``directions[K3].title`` (an item by its ID,
    else by its 1-based number)."""
    out, node = "", data
    for step in path:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            ident = node.get("id") if isinstance(node, dict) else None
            out += f"[{ident}]" if isinstance(ident, str) and ident else f"[{step + 1}]"
        else:
            out += ("." if out else "") + str(step)
            node = node.get(step) if isinstance(node, dict) else None
    return out


def _file_path(sections: Sections, kind: str, key: KeyPath) -> tuple[Path, tuple[Any, ...],
                                                                    Any]:
    """The file holding ``key``, the key path inside that file, and the file's data."""
    data = sections.data[kind]
    if kind in sections.folders and len(key) >= 3 and isinstance(key[2], int):
        item = data[key[1]][key[2]]
        files = sections.files.get(kind, [])
        path = files[key[2]] if key[2] < len(files) else sections.mark(key[:3]).file
        return path, key[3:], item
    return sections.mark((kind,)).file, key[1:], data


def _walk(value: Any, key: KeyPath):
    if isinstance(value, str):
        if not _REFERENCE.match(value):
            yield key, value
    elif isinstance(value, dict):
        for name, child in value.items():
            if name not in _NOT_PROSE:
                yield from _walk(child, (*key, name))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _walk(child, (*key, i))


def index(sections: Sections) -> list[Paragraph]:
    """Every paragraph of every text value of the sections, in file order."""
    found: list[Paragraph] = []
    for kind, data in sections.data.items():
        if kind in _NOT_DOCUMENT:
            continue
        for key, value in _walk(data, (kind,)):
            path, inner, file_data = _file_path(sections, kind, key)
            try:
                relative = path.resolve().relative_to(sections.root.resolve()).as_posix()
            except ValueError:
                relative = path.name
            mark = sections.mark(key)
            place = Place(relative, _readable(inner, file_data), key, mark.line, inner)
            texts = [normalized(t) for _, t in paragraphs(value)]
            found += [Paragraph(place, i, t, len(texts)) for i, t in enumerate(texts) if t]
    return found


def locate(paragraphs_: list[Paragraph], text: str) -> Paragraph | None:
    """The paragraph of the sections that holds ``text``: the shortest paragraph
    containing it; else (a quote with generated words around a value, such as a
    heading's number) the longest paragraph the quote contains, if it is at least half
    of it."""
    wanted = normalized(text)
    if not wanted:
        return None
    holding = [p for p in paragraphs_ if wanted in p.text]
    if holding:
        return min(holding, key=lambda p: len(p.text))
    inside = [p for p in paragraphs_ if len(p.text) >= MIN_CONTAINED * len(wanted)
              and p.text in wanted]
    return max(inside, key=lambda p: len(p.text)) if inside else None


# --- a change's words in context ------------------------------------------------------------

CUT = "…"  # where a window's paragraph goes on
WIDTH = 60  # characters of context on each side of a change


def window(text: str, start: int, end: int, new: str) -> tuple[str, str]:
    """The words around ``text[start:end]`` as they are and with ``new`` in their place:
    up to WIDTH characters each side, cut between words, ``…`` where the paragraph goes
    on. Both windows are cut at the same places."""
    left_at = max(0, start - WIDTH)
    if left_at > 0:
        space = text.find(" ", left_at, start)
        left_at = space + 1 if space >= 0 else left_at
    right_at = min(len(text), end + WIDTH)
    if right_at < len(text):
        space = text.rfind(" ", end, right_at)
        right_at = space if space >= 0 else right_at
    head = (CUT if left_at > 0 else "") + text[left_at:start]
    tail = text[end:right_at] + (CUT if right_at < len(text) else "")
    return normalized(head + text[start:end] + tail), normalized(head + new + tail)


def unwrap(window_: str) -> tuple[str, bool, bool]:
    """A window's words and whether the paragraph goes on before and after them."""
    text = normalized(window_)
    before, after = text.startswith(CUT), text.endswith(CUT) and len(text) > 1
    return normalized(text[1 if before else 0:len(text) - 1 if after else len(text)]), \
        before, after


def find(paragraphs_: list[Paragraph], window_: str) -> list[Paragraph]:
    """The paragraphs holding a window's words: where the window has no ``…`` at a side,
    the words must reach that end of the paragraph."""
    core, before, after = unwrap(window_)
    found = []
    for p in paragraphs_:
        at = p.text.find(core) if core else -1
        while at >= 0:
            if (before or at == 0) and (after or at + len(core) == len(p.text)):
                found.append(p)
                break
            at = p.text.find(core, at + 1)
    return found


def map_span(source: str, target: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``source[start:end]`` stands in ``target``, a text that shares it (the same
    paragraph with generated words around it, say); None if that stretch and the words
    at its edges are not in ``target`` as one piece."""
    from difflib import SequenceMatcher

    for block in SequenceMatcher(None, source, target, autojunk=False).get_matching_blocks():
        if block.size and block.a <= start and end <= block.a + block.size and (
                block.size > end - start or start == end):
            offset = block.b - block.a
            return start + offset, end + offset
    return None


def split_change(before: str, after: str) -> tuple[str, str, str, str]:
    """(head, old, new, tail): what two windows share around the change between them."""
    head = 0
    while head < min(len(before), len(after)) and before[head] == after[head]:
        head += 1
    tail = 0
    while (tail < min(len(before), len(after)) - head
           and before[len(before) - 1 - tail] == after[len(after) - 1 - tail]):
        tail += 1
    return (before[:head], before[head:len(before) - tail], after[head:len(after) - tail],
            before[len(before) - tail:])


def moved_from(moved_to: str, words: str) -> str:
    """The window a move's words go into, without them: where they are inserted."""
    text = normalized(moved_to)
    at = text.find(normalized(words))
    if at < 0:
        return ""
    return normalized(text[:at] + text[at + len(normalized(words)):])


def change_made(quoted: str, proposed: str, moved_to: str, words: str,
                paragraphs_: list[Paragraph]) -> bool:
    """Whether the sections hold a change as proposed: its words in context (where a
    whole paragraph goes, that it is gone) and, for a move, its words where they go."""
    core = unwrap(proposed)[0]
    made = bool(find(paragraphs_, proposed)) if core else not find(paragraphs_, quoted)
    if made and moved_to:
        made = bool(find(paragraphs_, moved_to))
    return made
