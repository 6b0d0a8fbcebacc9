"""``apply [ID ...]``: make the tracked changes the working group accepted in the section
text, as minimal edits of the YAML files.

A change of the review register (an insertion, deletion, replacement or move with
``status: accepted``) records the words around it as released (``quoted``) and as
proposed (``proposed``; for a move also ``moved_to``). Where those words are in exactly
one paragraph of one field, the change is made in that field's value: in the file's
text, where the value stands, so that comments, quoting and layout stay as written (if
the value's style cannot hold the new words, the value alone is rewritten as a quoted
string). The edited file is parsed again and must say exactly what was intended, else
nothing is written. A change already in the sections is left alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from strategy.model.review import ReviewComment
from strategy.pipeline import write_atomic
from strategy.problems import Problem
from strategy.release.errors import Refused
from strategy.sections import texts
from strategy.sections.load import load
from strategy.sections.yamlsource import parse

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CHANGES = ("insertion", "deletion", "replacement", "move")


@dataclass
class Outcome:
    id: str
    result: str  # applied | already | not_accepted | not_a_change | not_found | ambiguous
    #             | uneditable
    file: str = ""
    field: str = ""
    line: int = 0


def _pattern(quoted: str, start: int, end: int) -> re.Pattern[str]:
    """A regular expression for the words ``quoted`` (normalized), with
    ``quoted[start:end]`` as its group, where any whitespace may stand for a space (a
    line break and indentation of a block scalar, a non-breaking space)."""
    pieces = [r"[\s\u00a0]+" if c == " " else re.escape(c) for c in quoted]
    return re.compile("".join(pieces[:start]) + "(" + "".join(pieces[start:end]) + ")"
                      + "".join(pieces[end:]))


@dataclass
class _Edit:
    place: texts.Place
    head: str
    old: str
    new: str
    tail: str


def _edit_for(quoted: str, proposed: str, paragraphs: list[texts.Paragraph]
              ) -> tuple[_Edit | None, str]:
    found = texts.find(paragraphs, quoted)
    places = {p.place for p in found}
    if not places:
        return None, "not_found"
    if len(places) > 1:
        return None, "ambiguous"
    head, old, new, tail = texts.split_change(texts.unwrap(quoted)[0],
                                              texts.unwrap(proposed)[0])
    return _Edit(found[0].place, head, old, new, tail), ""


def _node(root: yaml.Node, inner: tuple[Any, ...]) -> yaml.ScalarNode | None:
    node = root
    for step in inner:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode)
                         and k.value == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            node = node.value[step] if step < len(node.value) else None
        else:
            return None
        if node is None:
            return None
    return node if isinstance(node, yaml.ScalarNode) else None


def _at(data: Any, inner: tuple[Any, ...], value: str) -> Any:
    """``data`` with the value at ``inner`` replaced (a copy)."""
    if not inner:
        return value
    step, rest = inner[0], inner[1:]
    if isinstance(data, dict):
        return {k: (_at(v, rest, value) if k == step else v) for k, v in data.items()}
    return [(_at(v, rest, value) if i == step else v) for i, v in enumerate(data)]


def _replace(text: str, edit: _Edit, escape: Any = str) -> str | None:
    """``text`` with the edit made at its one match; None unless there is exactly one."""
    quoted = edit.head + edit.old + edit.tail
    pattern = _pattern(quoted, len(edit.head), len(edit.head) + len(edit.old))
    matches = list(pattern.finditer(text))
    if len(matches) != 1:
        return None
    m = matches[0]
    return text[:m.start(1)] + escape(edit.new) + text[m.end(1):]


def _rendered(node: yaml.ScalarNode, source: str, value: str) -> str:
    """The value written anew in the node's place: a block scalar as a literal block with
    the same indentation, anything else as a double-quoted string."""
    if node.style in ("|", ">"):
        lines = source.splitlines()
        body = [ln for ln in lines[1:] if ln.strip()]
        indent = " " * (len(body[0]) - len(body[0].lstrip())) if body else "  "
        header = lines[0].split("#")[0].strip().replace(">", "|")  # keeps the chomping
        return header + "\n" + "".join(f"{indent}{ln}\n" if ln else "\n"
                                       for ln in value.rstrip("\n").split("\n"))
    return json.dumps(value, ensure_ascii=False)


def _escape_for(style: str | None) -> Any:
    if style == "'":
        return lambda s: s.replace("'", "''")
    if style == '"':
        return lambda s: json.dumps(s, ensure_ascii=False)[1:-1]
    return str


def _edited_file(path: Path, text: str, edit: _Edit) -> str | None:
    """The file's text with the edit made in the value at ``edit.place``; None if it
    cannot be made safely."""
    doc, _ = parse(path, text)
    root = yaml.compose(text, Loader=_Loader)
    node = _node(root, edit.place.inner) if root is not None else None
    if doc is None or node is None or not isinstance(node.value, str):
        return None
    value = _replace(node.value, edit)
    if value is None:
        return None
    expected = _at(doc.data, edit.place.inner, value)
    start, end = node.start_mark.index, node.end_mark.index
    source = text[start:end]
    candidates = []
    in_place = _replace(source, edit, _escape_for(node.style))
    if in_place is not None:
        candidates.append(in_place)
    candidates.append(_rendered(node, source, value))
    for candidate in candidates:
        edited = text[:start] + candidate + text[end:]
        after, _ = parse(path, edited)
        if after is not None and after.data == expected:
            return edited
    return None


def _decoded(path: Path) -> tuple[str, bytes]:
    original = path.read_bytes()
    return original.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n"), original


def _encoded(text: str, original: bytes) -> bytes:
    data = text.encode("utf-8")
    if b"\r\n" in original:
        data = data.replace(b"\n", b"\r\n")
    return b"\xef\xbb\xbf" + data if original.startswith(b"\xef\xbb\xbf") else data


def _apply_one(sections: Path, paragraphs: list[texts.Paragraph], quoted: str, proposed: str,
               files: dict[Path, str]) -> tuple[str, texts.Place | None]:
    edit, why = _edit_for(quoted, proposed, paragraphs)
    if edit is None:
        return why, None
    path = sections / edit.place.file
    text = files[path] if path in files else _decoded(path)[0]
    edited = _edited_file(path, text, edit)
    if edited is None:
        return "uneditable", edit.place
    files[path] = edited
    return "applied", edit.place


def apply_changes(sections: Path, items: list[ReviewComment], wanted: list[str]
                  ) -> list[Outcome]:
    """Make the accepted changes (all, or those whose IDs are ``wanted``). Each change is
    written only when every edit it needs checks out; a change that cannot be made is
    reported and leaves the files as they were."""
    by_id = {c.id: c for c in items}
    unknown = [w for w in wanted if w not in by_id]
    if unknown:
        raise Refused(*(Problem("error", "apply.unknown", None, {"id": w}) for w in unknown),
                      code=2)
    chosen = [by_id[w] for w in wanted] if wanted else [
        c for c in items if c.source == "council" and c.status == "accepted"
        and c.kind in CHANGES]
    outcomes: list[Outcome] = []
    for c in chosen:
        if c.kind not in CHANGES:
            outcomes.append(Outcome(c.id, "not_a_change"))
            continue
        if c.status != "accepted":
            outcomes.append(Outcome(c.id, "not_accepted"))
            continue
        paragraphs = texts.index(load(sections))
        if texts.change_made(c.quoted, c.proposed, c.moved_to, c.text, paragraphs):
            outcomes.append(Outcome(c.id, "already", c.file, c.field))
            continue
        steps = [(c.quoted, c.proposed)]
        if c.moved_to:  # a move between paragraphs: where the words go, and where from
            steps.insert(0, (texts.moved_from(c.moved_to, c.text), c.moved_to))
        files: dict[Path, str] = {}
        result, place = "applied", None
        for quoted, proposed in steps:
            result, place = _apply_one(sections, paragraphs, quoted, proposed, files)
            if result != "applied":
                break
        if result == "applied":
            for path, text in files.items():
                write_atomic(path, _encoded(text, _decoded(path)[1]))
        outcomes.append(Outcome(c.id, result, place.file if place else c.file,
                                place.field if place else c.field,
                                place.line if place else 0))
    return outcomes
