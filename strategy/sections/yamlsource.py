"""Read one YAML file into plain data plus the file position of every value.

Built on the parser's event stream (libyaml when present), not on a YAML
constructor, so that nothing is ever constructed from a tag, duplicate keys are
caught instead of silently keeping the last one, and anchors/aliases (the vehicle of
"billion laughs" bombs) are refused outright. Scalars are resolved with a small
YAML 1.2-like schema: only true/false are booleans, so "no" or "on" stay text, and
digits with a leading zero (TERYT codes such as 0201011) stay text: never octal, never
a number that lost its zero.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from strategy.language.messages import localized
from strategy.problems import Mark, Problem

Path_ = tuple[str | int, ...]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|(0|[1-9][0-9]*)(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
# Tags a user may write explicitly; everything else (!!python/..., custom !tags) is refused.
_PLAIN_TAGS = {
    None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}

# No section nests anywhere near this deep; it bounds the recursion of every stage.
MAX_DEPTH = 40
# On a list or a mapping only its own tag makes sense: "!!str [a, b]" is refused.
_COLLECTION_TAGS = {
    yaml.SequenceStartEvent: {None, "!", "tag:yaml.org,2002:seq"},
    yaml.MappingStartEvent: {None, "!", "tag:yaml.org,2002:map"},
}


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


@dataclass
class Document:
    """One YAML file: its data and where each value (and each mapping key) stands."""

    path: Path
    data: Any
    marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


class Written(float):
    """A number read from a plain scalar, with the text the officer typed: an ID written
    unquoted (2.10, an action plan's number) is that text, never the float 2.1
    (model/common.py, ``Id``). As a number it is the float."""

    text: str

    def __new__(cls, value: float, text: str) -> Written:
        number = super().__new__(cls, value)
        number.text = text
        return number

    def __reduce__(self) -> tuple[Any, ...]:
        return (Written, (float(self), self.text))


def _resolve_plain(text: str) -> Any:
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        number = float(text)
        # 1e999 is no amount of money
        return Written(number, text) if math.isfinite(number) else text
    if _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # an impossible date stays text; the model then says "expected a date"
    return text


def decode(path: Path, raw: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 with or without BOM; anything else is a located error."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        # Notepad's "Unicode" is UTF-16; without a BOM it shows as NUL bytes between letters.
        return None, Problem("error", "file.utf16", Mark(path, 1, 1))
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[line_start:exc.start].decode("utf-8")) + 1  # characters, not bytes
        bad = raw[exc.start:exc.start + 1]
        return None, Problem("error", "file.encoding", Mark(path, line, column),
                             {"byte": f"{bad[0]:02X}", "guess": _guess_letter(bad)})


_POLISH = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"


def _guess_letter(byte: bytes) -> dict[str, str] | str:
    """Polish text not in UTF-8 is nearly always Windows-1250 or ISO-8859-2 (Latin-2):
    name the letter the byte stands for there, so the user sees what was meant."""
    for encoding, name in (("cp1250", "Windows-1250"), ("iso-8859-2", "ISO-8859-2")):
        char = byte.decode(encoding, errors="replace")
        if char in _POLISH:
            return localized("file.encoding.guess", char=char, encoding=name)
    return ""


# What a file's bytes were read into when they were last seen (``pipeline`` keeps it):
# called with the path, the bytes, and the reading to do when they were not.
Remember = Callable[[Path, bytes, Callable[[], "tuple[Document | None, list[Problem]]"]],
                    "tuple[Document | None, list[Problem]]"]


def read(path: Path, remember: Remember | None = None
         ) -> tuple[Document | None, list[Problem]]:
    raw, refused = read_section_file(path)
    if refused is not None:
        return None, [refused]
    if remember is not None:
        return remember(path, raw, lambda: _read_bytes(path, raw))
    return _read_bytes(path, raw)


def _read_bytes(path: Path, raw: bytes) -> tuple[Document | None, list[Problem]]:
    text, problem = decode(path, raw)
    if problem is not None:
        return None, [problem]
    return parse(path, text)


# --- limits: what no section file needs, refused before it costs time or memory ------

MAX_FILE_BYTES = 5 * 2**20
MAX_NODES = 50_000  # values and keys of one file; the example's largest has 1 200
_FILE_PROBLEMS = {  # files.FileProblem kinds -> catalog codes
    "missing": "file.unreadable", "folder": "file.folder", "special": "file.special",
    "hard_link": "file.hard_link", "too_large": "file.too_large",
    "unreadable": "file.unreadable", "changed": "file.unreadable"}


def read_section_file(path: Path) -> tuple[bytes, Problem | None]:
    """The bytes of one section file, or the located problem that stops it being read
    (not an ordinary file, a hard link, larger than MAX_FILE_BYTES, unreadable)."""
    # Imported here: files.py brings the models (pydantic), which reading the language
    # of a folder (every command's first step, an unchanged rebuild's only one) needs not.
    from strategy.sections.files import FileProblem, read_limited

    try:
        return read_limited(path, MAX_FILE_BYTES), None
    except FileProblem as problem:
        params = {"reason": localized(f"reason.{problem.kind}"), **problem.params}
        return b"", Problem("error", _FILE_PROBLEMS[problem.kind], Mark(path), params)


def _count_node(builder: _Builder, event: Any) -> None:
    """Refuse a file past MAX_NODES values, at the value where it is passed."""
    builder.nodes += 1
    if builder.nodes > MAX_NODES:
        raise _Refused(Problem("error", "file.too_many_nodes", builder.mark(event),
                               {"limit": MAX_NODES}))


def parse(path: Path, text: str) -> tuple[Document | None, list[Problem]]:
    doc = Document(path, None)
    builder = _Builder(path, doc, iter(yaml.parse(text, Loader=_Loader)))
    try:
        doc.data = builder.stream()
    except _Refused as exc:
        return None, [*builder.problems, exc.problem]
    except yaml.MarkedYAMLError as exc:
        return None, [*builder.problems, _syntax_problem(path, text, exc)]
    except yaml.reader.ReaderError as exc:
        return None, [*builder.problems, _character_problem(path, text, exc.character)]
    except yaml.YAMLError as exc:
        return None, [*builder.problems,
                      Problem("error", "yaml.syntax", Mark(path), {"problem": str(exc)})]
    if doc.data is None:
        return None, [Problem("error", "file.empty", Mark(path))]
    return doc, builder.problems


def _position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _character_problem(path: Path, text: str, character: int | str) -> Problem:
    char = chr(character) if isinstance(character, int) else character
    index = text.find(char)
    line, column = _position(text, index) if index >= 0 else (1, 1)
    return Problem("error", "yaml.control_character", Mark(path, line, column),
                   {"code": f"U+{ord(char):04X}"})


def _syntax_problem(path: Path, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """The parser's complaint, recognised where possible and said in plain words.

    Works with libyaml's and pure PyYAML's wording alike."""
    problem = exc.problem or ""
    context = exc.context or ""
    at, opened = exc.problem_mark, exc.context_mark

    def where(mark: Any) -> Mark:
        return Mark(path, mark.line + 1, mark.column + 1) if mark else Mark(path)

    lines = text.split("\n")
    line_text = lines[at.line] if at and at.line < len(lines) else ""
    char = line_text[at.column:at.column + 1] if at else ""
    if "tab" in problem or (char == "\t" and "cannot start any token" in problem):
        return Problem("error", "yaml.tab", where(at))
    if context.startswith("while scanning a quoted scalar") and opened:
        return Problem("error", "yaml.unclosed_quote", where(opened))
    if context.startswith("while parsing a flow") and opened:
        bracket = "[" if "sequence" in context else "{"
        return Problem("error", "yaml.unclosed_bracket", where(opened), {
            "bracket": bracket, "closing": "]" if bracket == "[" else "}",
            "line": at.line + 1 if at else opened.line + 1})
    if problem.startswith("mapping values are not allowed"):
        return _misindented(path, lines, at.line) or Problem("error", "yaml.colon", where(at))
    if problem.startswith("could not find expected ':'") and opened:
        return Problem("error", "yaml.no_colon", where(opened))
    if context.startswith("while parsing a block") and at and not line_text[:at.column].strip():
        return _misindented(path, lines, at.line) or Problem("error", "yaml.indentation",
                                                             where(at))
    return Problem("error", "yaml.syntax", where(at or opened),
                   {"problem": problem or context or "invalid YAML"})


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_item(line: str) -> bool:
    return line.lstrip(" ").startswith("- ")


def _parses(text: str) -> bool:
    try:
        for _ in yaml.parse(text, Loader=_Loader):
            pass
    except yaml.YAMLError:
        return False
    return True


_BLOCK_STARTS = (": |", ": >", ": |-", ": >-", ": |+", ": >+")
_LOOK_BACK = 12  # lines above the parser's complaint where the wrong indentation may be


def _misindented(path: Path, lines: list[str], reported: int) -> Problem | None:
    """The line whose indentation is really wrong, when it is above the one the parser
    stumbled on: a list item moved left makes the parser complain only at the item's next
    field, which is in fact aligned with the rest of the file. The culprit is the nearest
    line above that, re-indented alone, makes the whole file parse; None when the
    reported line itself can be fixed so (or no line can)."""
    def fixes(index: int) -> bool:
        line = lines[index]
        indent = _indent(line)
        for delta in (1, -1, 2, -2, 3, -3, 4, -4):
            if indent + delta < 0:
                continue
            changed = lines[:index] + [" " * (indent + delta) + line.lstrip(" ")] + lines[
                index + 1:]
            if _parses("\n".join(changed)):
                return True
        return False

    if reported >= len(lines):
        return None
    candidates = [i for i in range(reported - 1, max(-1, reported - 1 - _LOOK_BACK), -1)
                  if lines[i].strip() and not lines[i].lstrip().startswith("#")]
    if len(candidates) >= 2:
        # Siblings on both sides agree and the line between them does not: it moved.
        above, before = candidates[0], candidates[1]
        if (_indent(lines[before]) == _indent(lines[reported]) != _indent(lines[above])
                and _is_item(lines[before]) == _is_item(lines[reported]) == _is_item(
                    lines[above]) and fixes(above)):
            return Problem("error", "yaml.indentation",
                           Mark(path, above + 1, _indent(lines[above]) + 1))
    for header in candidates:
        # A text block takes its indentation from its first line: that line moved left
        # makes the parser complain only where the text goes on.
        if lines[header].rstrip().endswith(_BLOCK_STARTS):
            body = [i for i in range(header + 1, reported + 1) if lines[i].strip()]
            if (len(body) >= 2 and _indent(lines[body[0]]) < _indent(lines[body[1]])
                    and fixes(body[0])):
                return Problem("error", "yaml.indentation",
                               Mark(path, body[0] + 1, _indent(lines[body[0]]) + 1))
            break
    if fixes(reported):
        return None
    for index in candidates:
        if fixes(index):
            return Problem("error", "yaml.indentation",
                           Mark(path, index + 1, _indent(lines[index]) + 1))
    return None


class _Builder:
    """Turns parser events into dicts, lists and scalars, recording marks."""

    def __init__(self, path: Path, doc: Document, events: Any) -> None:
        self.path = path
        self.doc = doc
        self.events = events
        self.problems: list[Problem] = []
        self.nodes = 0

    def mark(self, event: Any) -> Mark:
        m = event.start_mark
        return Mark(self.path, m.line + 1, m.column + 1)

    def stream(self) -> Any:
        next(self.events)  # StreamStart
        event = next(self.events)
        if isinstance(event, yaml.StreamEndEvent):
            return None
        data = self.node(next(self.events), ())  # first event after DocumentStart
        next(self.events)  # DocumentEnd
        event = next(self.events)
        if not isinstance(event, yaml.StreamEndEvent):
            raise _Refused(Problem("error", "yaml.multiple_documents", self.mark(event)))
        return data

    def check(self, event: Any) -> None:
        _count_node(self, event)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            raise _Refused(Problem("error", "yaml.alias", self.mark(event),
                                   {"name": f"{sign}{event.anchor}"}))
        tag = getattr(event, "tag", None)
        allowed = (_PLAIN_TAGS if isinstance(event, yaml.ScalarEvent)
                   else _COLLECTION_TAGS.get(type(event), _PLAIN_TAGS))
        if tag not in allowed:
            raise _Refused(Problem("error", "yaml.tag", self.mark(event), {"tag": _short(tag)}))

    def node(self, event: Any, path: Path_) -> Any:
        self.check(event)
        if len(path) > MAX_DEPTH:
            raise _Refused(Problem("error", "yaml.too_deep", self.mark(event),
                                   {"depth": MAX_DEPTH}))
        self.doc.marks[path] = self.mark(event)
        if isinstance(event, yaml.ScalarEvent):
            plain = not event.style and event.tag is None  # "! 5" is the text "5"
            return _resolve_plain(event.value) if plain else self.tagged(event)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(event := next(self.events), yaml.SequenceEndEvent):
                items.append(self.node(event, (*path, len(items))))
            return items
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(path)
        raise _Refused(Problem("error", "yaml.syntax", self.mark(event), {"problem": str(event)}))

    def tagged(self, event: Any) -> Any:
        tag = event.tag
        if tag in (None, "!", "tag:yaml.org,2002:str"):
            return event.value
        value = _resolve_plain(event.value)
        expected = {
            "tag:yaml.org,2002:int": int, "tag:yaml.org,2002:float": (int, float),
            "tag:yaml.org,2002:bool": bool, "tag:yaml.org,2002:null": type(None),
        }[tag]
        if not isinstance(value, expected):
            raise _Refused(Problem("error", "yaml.tag", self.mark(event), {"tag": _short(tag)}))
        return value

    def mapping(self, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Mark] = {}
        while not isinstance(event := next(self.events), yaml.MappingEndEvent):
            self.check(event)
            key_mark = self.mark(event)
            if not isinstance(event, yaml.ScalarEvent):
                raise _Refused(Problem("error", "yaml.key_not_text", key_mark))
            key = event.value
            value_event = next(self.events)
            if key in first_seen:
                self.problems.append(
                    Problem("error", "yaml.duplicate_key", key_mark,
                            {"key": key, "first_line": first_seen[key].line})
                )
                self.node(value_event, (*path, f"\0dup{key_mark.line}"))  # consume, keep first
                continue
            first_seen[key] = key_mark
            self.doc.key_marks[(*path, key)] = key_mark
            result[key] = self.node(value_event, (*path, key))
        return result
