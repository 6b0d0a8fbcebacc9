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
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path
from typing import Any

from strategy.problems import Mark
from strategy.sections.yamlsource import Document, Written

FORMAT = 2  # raised whenever the bytes below change shape
_INT, _LIST, _STEPS = frozenset((int,)), frozenset((list,)), frozenset((str, int))


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


def _marks(doc: Document, marks: dict[Any, Mark]) -> list[list[Any]]:
    keys, lines, columns = [], [], []
    for path, mark in marks.items():
        if mark.file != doc.path or not all(type(p) in (str, int) for p in path):
            raise _NotKept("mark")
        keys.append(list(path))
        lines.append(mark.line)
        columns.append(mark.column)
    return [keys, lines, columns]


def dump(doc: Document) -> bytes | None:
    """The document as bytes; None when it holds anything the format cannot say."""
    try:
        tagged: list[list[Any]] = []
        data = _encode(doc.data, [], tagged)
        return json.dumps([FORMAT, str(doc.path), data, tagged, _marks(doc, doc.marks),
                           _marks(doc, doc.key_marks)], ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
    except (_NotKept, ValueError, TypeError, RecursionError):
        return None


def _checked(rows: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """A file's marks as stored, refused unless every key is a list of texts and numbers
    and every place two numbers (checked at C speed: a file has thousands of marks)."""
    keys, lines, columns = rows
    if not (type(keys) is list and type(lines) is list and type(columns) is list
            and len(keys) == len(lines) == len(columns)
            and _LIST.issuperset(map(type, keys)) and _INT.issuperset(map(type, lines))
            and _INT.issuperset(map(type, columns))
            and _STEPS.issuperset(map(type, chain.from_iterable(keys)))):
        raise _NotKept("mark")
    return keys, lines, columns


def _paths(path: Path, rows: tuple[list[Any], list[Any], list[Any]]
           ) -> dict[tuple[str | int, ...], Mark]:
    keys, lines, columns = rows
    return dict(zip(map(tuple, keys), map(Mark, repeat(path, len(lines)), lines, columns),
                    strict=True))


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
        return len(self.rows[0][0]) + len(self.rows[1][0])

    def marks_now(self) -> None:
        if self.rows is not None:
            marks, key_marks = self.rows
            self.marks, self.key_marks = _paths(self.path, marks), _paths(self.path, key_marks)
            self.rows = None


def load(path: Path, data: bytes, *, lazy: bool = False) -> Document | None:
    """The document ``dump`` made of the file at ``path``; None for bytes it did not make
    for that file (another format, another file, anything malformed). With ``lazy`` its
    marks, checked already, are made when first asked for (a ``Remembered``)."""
    try:
        version, name, values, tagged, marks, key_marks = json.loads(data)
        if version != FORMAT or name != str(path):
            return None
        doc = Remembered(path, _restore(values, tagged),
                         rows=(_checked(marks), _checked(key_marks)))
        if not lazy:
            doc.marks_now()
    except (_NotKept, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    return doc if doc.data is not None else None
