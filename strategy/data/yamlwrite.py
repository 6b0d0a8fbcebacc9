"""Section files written as people write them: block mappings, short flat mappings and
lists of plain values on one line, long text as a literal block, the schema line first.

Every text is checked by reading it back with the sections' own reader: what is read
must be exactly the data that was meant, or nothing is written (``RoundTripError``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from strategy.sections.yamlsource import _resolve_plain, parse

_WIDTH = 120
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9+.~][^\n]*$")
_BREAKS_PLAIN = (": ", " #", "\t", ",", "[", "]", "{", "}")


class RoundTripError(Exception):
    """The written text would not read back as the data meant: a bug, never written."""


def scalar(value: Any) -> str:
    """One value as YAML that reads back as the same value."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if (_PLAIN.match(text) and not text.endswith((" ", ":")) and _resolve_plain(text) == text
            and not any(mark in text for mark in _BREAKS_PLAIN)):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flat(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _inline(value: Any) -> str | None:
    """A short flat mapping or list of plain values on one line; None when it is not."""
    if isinstance(value, list) and all(_flat(v) and not _multiline(v) for v in value):
        return "[" + ", ".join(scalar(v) for v in value) + "]"  # IDs, years: any length
    elif isinstance(value, dict) and all(_flat(v) and not _multiline(v) for v in value.values()):
        text = "{" + ", ".join(f"{scalar(k)}: {scalar(v)}" for k, v in value.items()) + "}"
    else:
        return None
    return text if len(text) <= _WIDTH else None


def _multiline(value: Any) -> bool:
    return isinstance(value, str) and "\n" in value and value.strip() != ""


def _block_text(text: str, indent: str) -> str:
    body = text.rstrip("\n")
    # "|" keeps one final newline, "|-" none; leading spaces need an indentation digit.
    head = ("|" if text.endswith("\n") else "|-") + ("2" if body.startswith(" ") else "")
    lines = [indent + line if line else "" for line in body.split("\n")]
    return head + "\n" + "\n".join(lines)


def _mapping(data: dict, indent: str) -> list[str]:
    lines: list[str] = []
    for key, value in data.items():
        lines.extend(_entry(f"{indent}{scalar(key)}:", value, indent))
    return lines


def _entry(head: str, value: Any, indent: str) -> list[str]:
    inner = indent + "  "
    if _multiline(value):
        return [f"{head} {_block_text(value, inner)}"]
    if _flat(value):
        return [f"{head} {scalar(value)}"]
    if not value:
        return [f"{head} {'[]' if isinstance(value, list) else '{}'}"]
    inline = _inline(value)
    if inline is not None and (isinstance(value, list) or len(head) + 1 + len(inline) <= _WIDTH):
        return [f"{head} {inline}"]
    if isinstance(value, dict):
        return [head, *_mapping(value, inner)]
    return [head, *sequence(value, inner)]


def sequence(items: list, indent: str) -> list[str]:
    lines: list[str] = []
    for item in items:
        if isinstance(item, dict) and item:
            inline = _inline(item)
            if inline is not None and len(indent) + 2 + len(inline) <= _WIDTH:
                lines.append(f"{indent}- {inline}")
                continue
            body = _mapping(item, indent + "  ")
            lines.append(f"{indent}- {body[0].lstrip()}")
            lines.extend(body[1:])
        elif isinstance(item, list):
            inline = _inline(item)
            lines.append(f"{indent}- {inline if inline is not None else json.dumps(item)}")
        else:
            lines.extend(_entry(f"{indent}-", item, indent))
    return lines


def document(data: dict, schema_line: str) -> str:
    """The whole file: the schema line, then ``data`` as a block mapping."""
    return schema_line + "\n" + "\n".join(_mapping(data, "")) + "\n"


def checked(path: Path, data: dict, schema_line: str) -> str:
    """``document(data)``, read back with the sections' reader and compared to ``data``."""
    text = document(data, schema_line)
    doc, problems = parse(path, text)
    if doc is None or problems or plain(doc.data) != plain(data):
        raise RoundTripError(f"{path.name} would not read back as written")
    return text


def plain(value: Any) -> Any:
    """Data as the reader gives it back: numbers as numbers, text stripped of nothing."""
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, str) else k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
