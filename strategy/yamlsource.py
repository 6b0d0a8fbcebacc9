"""Read one YAML file into plain data plus the file position of every value.

Built on the parser's event stream (libyaml when present), not on a YAML
constructor, so that nothing is ever constructed from a tag, duplicate keys are
caught instead of silently keeping the last one, and anchors/aliases (the vehicle of
"billion laughs" bombs) are refused outright. Scalars are resolved with a small
YAML 1.2-like schema: only true/false are booleans, so "no" or "on" stay text, and
numbers with leading zeros (TERYT codes) are never read as octal.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from strategy.problems import Mark, Problem

Path_ = tuple[str | int, ...]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
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
        return float(text)
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
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem("error", "file.encoding", Mark(path, 1, 1), {"byte": f"{raw[0]:02X}"})
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        byte = f"{raw[exc.start]:02X}"
        return None, Problem("error", "file.encoding", Mark(path, line, column), {"byte": byte})


def read(path: Path) -> tuple[Document | None, list[Problem]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem("error", "file.unreadable", Mark(path), {"reason": exc.strerror})]
    text, problem = decode(path, raw)
    if problem is not None:
        return None, [problem]
    return parse(path, text)


def parse(path: Path, text: str) -> tuple[Document | None, list[Problem]]:
    doc = Document(path, None)
    try:
        events = iter(yaml.parse(text, Loader=_Loader))
        builder = _Builder(path, doc, events)
        doc.data = builder.stream()
    except _Refused as exc:
        return None, [exc.problem]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(path, mark.line + 1, mark.column + 1) if mark else Mark(path)
        problem_text = exc.problem or exc.context or "invalid YAML"
        return None, [Problem("error", "yaml.syntax", where, {"problem": problem_text})]
    except yaml.YAMLError as exc:
        return None, [Problem("error", "yaml.syntax", Mark(path), {"problem": str(exc)})]
    if doc.data is None:
        return None, [Problem("error", "file.empty", Mark(path))]
    return doc, builder.problems


class _Builder:
    """Turns parser events into dicts, lists and scalars, recording marks."""

    def __init__(self, path: Path, doc: Document, events: Any) -> None:
        self.path = path
        self.doc = doc
        self.events = events
        self.problems: list[Problem] = []

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
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(Problem("error", "yaml.alias", self.mark(event)))
        tag = getattr(event, "tag", None)
        if tag not in _PLAIN_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(Problem("error", "yaml.tag", self.mark(event), {"tag": shown}))

    def node(self, event: Any, path: Path_) -> Any:
        self.check(event)
        self.doc.marks[path] = self.mark(event)
        if isinstance(event, yaml.ScalarEvent):
            plain = not event.style and event.tag in (None, "!") and event.implicit[0]
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
            raise _Refused(Problem("error", "yaml.tag", self.mark(event), {"tag": tag}))
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
