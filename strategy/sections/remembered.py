"""One section file as read (``yamlsource.Document``) to bytes and back, so that a file
unchanged since the last run need not be parsed again (``pipeline`` keeps the bytes in
the cache, keyed by the file's name and contents).

The bytes are JSON of plain values, never pickle: an entry is data the tool checks, not
code it runs, so a foreign or tampered entry can at worst be refused (``None``), never
trusted. Only a file read without a problem is kept: one with a problem is the file
being edited, and its messages are made afresh.

Where each value stands is kept as line and column numbers alone, packed as bytes, in
the order the reader met the values: the key paths they belong to are the data's own,
walked in that order (only a file read so is kept). A check asks where a handful of
values stand; decoding every path of every file cost more than reading its data.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from strategy.problems import Mark
from strategy.sections.yamlsource import Document, Written, read

FORMAT = 3  # raised whenever the bytes below change shape
_LIMIT = 2**32  # a line or column is kept as an unsigned 32-bit number


class _NotKept(ValueError):
    """A value the format does not describe: the document is parsed, not kept."""


# The data is JSON as it is, but for the few values JSON has no type for (a number with
# the text it was typed as, a date), which stand as [tag, ...] at the paths listed
# beside the data: reading back is one json.loads and a fix-up of those paths, not a
# walk through every value of the file (thousands, where they are a handful).
def _encode(value: Any, path: list[Any], tagged: list[list[Any]]) -> Any:
    kind = type(value)
    if kind is str or value is None or kind is bool or kind is int:
        return value
    if kind is dict:
        if not all(type(k) is str for k in value):
            raise _NotKept("key")
        return {k: _encode(v, [*path, k], tagged) for k, v in value.items()}
    if kind is list:
        return [_encode(v, [*path, i], tagged) for i, v in enumerate(value)]
    tagged.append(path)
    if kind is Written:
        return ["w", float(value), value.text]
    if kind is float:
        return ["f", value]
    if kind is dt.date:
        return ["d", value.isoformat()]
    raise _NotKept(kind.__name__)


def _decode(value: Any) -> Any:
    if type(value) is not list or not value:
        raise _NotKept("tag")
    tag, *body = value
    if tag == "w" and len(body) == 2 and type(body[0]) is float and type(body[1]) is str:
        return Written(body[0], body[1])
    if tag == "f" and len(body) == 1 and type(body[0]) is float:
        return body[0]
    if tag == "d" and len(body) == 1 and type(body[0]) is str:
        return dt.date.fromisoformat(body[0])
    raise _NotKept("tag")


def _restore(data: Any, tagged: Any) -> Any:
    """``data`` with the value at each of the ``tagged`` paths decoded."""
    if type(tagged) is not list:
        raise _NotKept("tagged")
    for path in tagged:
        if type(path) is not list:
            raise _NotKept("tagged")
        if not path:
            data = _decode(data)
            continue
        parent = data
        for step in path:
            holder = parent
            in_dict = type(parent) is dict and type(step) is str and step in parent
            if in_dict or type(parent) is list and type(step) is int and 0 <= step < len(
                    parent):
                parent = parent[step]
            else:
                raise _NotKept("tagged")
        holder[path[-1]] = _decode(parent)
    return data


def _walk(data: Any) -> tuple[list[tuple[str | int, ...]], list[tuple[str | int, ...]]]:
    """The key paths of every value and of every mapping key of ``data``, in the order
    the reader records their marks (yamlsource._Builder: a value before what it holds)."""
    values: list[tuple[str | int, ...]] = []
    keys: list[tuple[str | int, ...]] = []

    def walk(value: Any, path: tuple[str | int, ...]) -> None:
        values.append(path)
        kind = type(value)
        if kind is dict:
            for key, item in value.items():
                keys.append((*path, key))
                walk(item, (*path, key))
        elif kind is list:
            for i, item in enumerate(value):
                walk(item, (*path, i))

    walk(data, ())
    return values, keys


def _places(doc: Document, marks: dict[Any, Mark], paths: list[Any]) -> str:
    """The marks' lines and columns packed (little-endian 32-bit pairs), base64 text;
    refused unless the marks stand, in order, at ``paths`` (the data's own) in this file."""
    if list(marks) != paths:
        raise _NotKept("mark")
    numbers = array("I")
    for mark in marks.values():
        if (mark.file != doc.path or type(mark.line) is not int
                or type(mark.column) is not int
                or not (0 <= mark.line < _LIMIT and 0 <= mark.column < _LIMIT)):
            raise _NotKept("mark")
        numbers.append(mark.line)
        numbers.append(mark.column)
    if sys.byteorder == "big":
        numbers.byteswap()
    return base64.b64encode(numbers.tobytes()).decode("ascii")


def _numbers(text: Any) -> array:
    """Packed lines and columns as numbers; refused unless they are such."""
    if type(text) is not str:
        raise _NotKept("mark")
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise _NotKept("mark") from exc
    if len(raw) % 8:
        raise _NotKept("mark")
    numbers = array("I")
    numbers.frombytes(raw)
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers


def dump(doc: Document) -> bytes | None:
    """The document as bytes; None when it holds anything the format cannot say."""
    try:
        tagged: list[list[Any]] = []
        data = _encode(doc.data, [], tagged)
        values, keys = _walk(doc.data)
        return json.dumps([FORMAT, str(doc.path), data, tagged,
                           _places(doc, doc.marks, values),
                           _places(doc, doc.key_marks, keys)], ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
    except (_NotKept, ValueError, TypeError, RecursionError, OverflowError):
        return None


def _paths(path: Path, paths: list[Any], numbers: array) -> dict[tuple[str | int, ...], Mark]:
    return {at: Mark(path, numbers[2 * i], numbers[2 * i + 1]) for i, at in enumerate(paths)}


@dataclass
class Remembered(Document):
    """A document from the cache whose marks are made only when one of them is asked for
    (``marks_now``): a check looks up the marks of the few values it complains about, and
    making every mark of every file cost more than reading the data."""

    rows: Any = None

    @property
    def size(self) -> int:
        """How many marks the document has (made or not)."""
        if self.rows is None:
            return len(self.marks) + len(self.key_marks)
        return (len(self.rows[0]) + len(self.rows[1])) // 2

    def places_fit(self) -> bool:
        """Whether there is one kept place for each value and each key of the data."""
        if self.rows is None:
            return True
        values, keys = _walk(self.data)
        return 2 * len(values) == len(self.rows[0]) and 2 * len(keys) == len(self.rows[1])

    def marks_now(self) -> None:
        if self.rows is None:
            return
        marks, key_marks = self.rows
        self.rows = None
        values, keys = _walk(self.data)
        if 2 * len(values) == len(marks) and 2 * len(keys) == len(key_marks):
            self.marks = _paths(self.path, values, marks)
            self.key_marks = _paths(self.path, keys, key_marks)
            return
        # Places that do not fit the data (an entry not of the tool's making, found only
        # now, as they are counted only when asked for): the file's own, read again, if
        # it still is what the data was read from.
        fresh, problems = read(self.path)
        if fresh is not None and not problems and fresh.data == self.data:
            self.marks, self.key_marks = fresh.marks, fresh.key_marks


def load(path: Path, data: bytes, *, lazy: bool = False) -> Document | None:
    """The document ``dump`` made of the file at ``path``; None for bytes it did not make
    for that file (another format, another file, anything malformed). With ``lazy`` its
    marks are made when first asked for (a ``Remembered``); without it, bytes whose
    places do not fit the data are refused too."""
    try:
        version, name, values, tagged, marks, key_marks = json.loads(data)
        if version != FORMAT or name != str(path):
            return None
        doc = Remembered(path, _restore(values, tagged),
                         rows=(_numbers(marks), _numbers(key_marks)))
        if not lazy:
            if not doc.places_fit():
                return None
            doc.marks_now()
    except (_NotKept, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    return doc if doc.data is not None else None
