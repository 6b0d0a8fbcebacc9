"""The document's tables as an earlier build composed them, each under exactly what
``markdown.table`` makes it from.

A table's Markdown depends only on its arguments (each cell as text or as Markdown,
the caption, the source and its word, the alignment and whether its first column
heads its rows) and the language's typography, which is part of the tool. Each table
is kept under the SHA-256 of all of them; whoever stores the whole (the build, in its
cache) keys it by the tool as well. After a word changed in the prose every table is
taken as it was, instead of being measured, fitted and split again; a table whose
key is not known is made.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

from strategy.compose.markdown import Md

FORMAT = 1


def _text(value: object) -> list[str]:
    """An argument ``markdown`` prints escaped unless it is already Markdown."""
    return ["m", str(value)] if isinstance(value, Md) else ["t", str(value)]


def _cell(value: object) -> list[str] | None:
    """A cell as ``markdown._cell`` reads it: Markdown, empty (a dash), or text."""
    if isinstance(value, Md):
        return ["m", str(value)]
    if value is None or value == "":
        return None
    return ["t", str(value)]


class KeptTables:
    """Tables known from an earlier build (``known``: key -> Markdown) and those this
    build composed or took (``used``), which is what a build keeps for the next."""

    def __init__(self, known: dict[str, str] | None = None) -> None:
        self.known = known or {}
        self.used: dict[str, str] = {}

    @classmethod
    def from_json(cls, data: bytes | None) -> KeptTables:
        """What a build kept; anything but a JSON object of texts is nothing known."""
        try:
            found = json.loads(data) if data is not None else None
        except (ValueError, UnicodeDecodeError):
            found = None
        if not isinstance(found, dict) or found.get("format") != FORMAT:
            return cls()
        tables = found.get("tables")
        if not isinstance(tables, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in tables.items()):
            return cls()
        return cls(tables)

    def to_json(self) -> bytes:
        return json.dumps({"format": FORMAT, "tables": self.used}, ensure_ascii=False,
                          sort_keys=True, separators=(",", ":")).encode()

    def table(self, make: Callable[..., Md], columns: Sequence[object],
              rows: Sequence[Sequence[object]], caption: object, source: object,
              **kw: Any) -> Md:
        """``make(columns, rows, caption, source, **kw)``, or the same Markdown kept."""
        try:
            key = hashlib.sha256(json.dumps(
                [FORMAT, [_cell(c) for c in columns], [[_cell(c) for c in row] for row in rows],
                 _text(caption), _text(source),
                 {k: _text(v) if isinstance(v, str) else v for k, v in kw.items()}],
                ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
        except (TypeError, ValueError):  # an argument with no plain description: made
            return make(columns, rows, caption, source, **kw)
        text = self.known.get(key)
        if text is None:
            text = str(make(columns, rows, caption, source, **kw))
        self.used[key] = text
        return Md(text)
