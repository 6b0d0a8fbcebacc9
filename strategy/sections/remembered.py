"""One section file as read (``yamlsource.Document``) to bytes and back, so that a file
unchanged since the last run need not be parsed again (``pipeline`` keeps the bytes in
the cache, keyed by the file's name and contents).

The bytes are JSON of plain values, never pickle: an entry is data the tool checks, not
code it runs, so a foreign or tampered entry can at worst be refused (``None``), never
trusted. Only a file read without a problem is kept: one with a problem is the file
being edited, and its messages are made afresh.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from strategy.problems import Mark
from strategy.sections.yamlsource import Document, Written

FORMAT = 1  # raised whenever the bytes below change shape
_TAG = "\x00"  # no YAML text holds a NUL (the reader refuses control characters)


class _NotKept(ValueError):
    """A value the format does not describe: the document is parsed, not kept."""


def _encode(value: Any) -> Any:
    kind = type(value)
    if kind is str:
        return _TAG + "s" + value if value.startswith(_TAG) else value
    if kind is dict:
        if not all(type(k) is str for k in value):
            raise _NotKept("key")
        return {k: _encode(v) for k, v in value.items()}
    if kind is list:
        return [_encode(v) for v in value]
    if value is None or kind is bool or kind is int:
        return value
    if kind is Written:
        return f"{_TAG}w{float(value)!r}|{value.text}"
    if kind is float:
        return f"{_TAG}f{value!r}"
    if kind is dt.date:
        return f"{_TAG}d{value.isoformat()}"
    raise _NotKept(kind.__name__)


def _decode(value: Any) -> Any:
    kind = type(value)
    if kind is str:
        if not value.startswith(_TAG):
            return value
        tag, body = value[1:2], value[2:]
        if tag == "s":
            return body
        if tag == "w":
            number, text = body.split("|", 1)
            return Written(float(number), text)
        if tag == "f":
            return float(body)
        if tag == "d":
            return dt.date.fromisoformat(body)
        raise _NotKept(tag)
    if kind is dict:
        return {k: _decode(v) for k, v in value.items()}
    if kind is list:
        return [_decode(v) for v in value]
    if value is None or kind is bool or kind is int:
        return value
    raise _NotKept(kind.__name__)


def _marks(doc: Document, marks: dict[Any, Mark]) -> list[list[Any]]:
    out = []
    for path, mark in marks.items():
        if mark.file != doc.path or not all(type(p) in (str, int) for p in path):
            raise _NotKept("mark")
        out.append([list(path), mark.line, mark.column])
    return out


def dump(doc: Document) -> bytes | None:
    """The document as bytes; None when it holds anything the format cannot say."""
    try:
        return json.dumps([FORMAT, str(doc.path), _encode(doc.data), _marks(doc, doc.marks),
                           _marks(doc, doc.key_marks)], ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
    except (_NotKept, ValueError, TypeError, RecursionError):
        return None


_STEPS = frozenset((str, int))  # the types of a key path's steps


def _paths(path: Path, rows: Any) -> dict[tuple[str | int, ...], Mark]:
    marks = {}
    for key, line, column in rows:
        # Every step's type at once (map and issuperset run in C: a file has thousands).
        if type(line) is not int or type(column) is not int or type(key) is not list or (
                not _STEPS.issuperset(map(type, key))):
            raise _NotKept("mark")
        marks[tuple(key)] = Mark(path, line, column)
    return marks


def load(path: Path, data: bytes) -> Document | None:
    """The document ``dump`` made of the file at ``path``; None for bytes it did not make
    for that file (another format, another file, anything malformed)."""
    try:
        version, name, values, marks, key_marks = json.loads(data)
        if version != FORMAT or name != str(path):
            return None
        doc = Document(path, _decode(values))
        doc.marks = _paths(path, marks)
        doc.key_marks = _paths(path, key_marks)
    except (_NotKept, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    return doc if doc.data is not None else None
