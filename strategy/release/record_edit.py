"""The changes a release and a withdrawal make to the user's ``strategy.yaml``, as
minimal text edits.

A release replaces the values of ``version``, ``status`` and ``date`` where they stand
and appends one item to ``history`` in the style of the items before it; a withdrawal
puts the record back to the version before and adds ``withdrawn`` to the withdrawn
version's item. Every other character of the file (comments, quoting, order, blank
lines) stays as the user wrote it. The edited text is parsed again and must say exactly
what was intended.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from strategy.model.record import VersionEntry, Withdrawn
from strategy.problems import Mark, Problem
from strategy.release.errors import Refused
from strategy.sections.yamlsource import parse

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR_KEYS = ("version", "status", "date")
Edit = tuple[int, int, str]  # replace text[start:end] with the string
_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _plain_id(ident: str) -> str:
    """An ID as written by hand (M3), quoted only where YAML would read something else."""
    if ident.lower() in _WORDS or not ident.replace("-", "").replace("_", "").isalnum():
        return _quoted(ident)
    return ident


def entry_fields(entry: VersionEntry) -> list[tuple[str, str]]:
    """The new history item as (key, YAML text) pairs, in the model's order."""
    fields = [("version", _quoted(entry.version)), ("date", entry.date.isoformat()),
              ("status", entry.status)]
    if entry.note:
        fields.append(("note", _quoted(entry.note)))
    if entry.meeting:
        fields.append(("meeting", _plain_id(entry.meeting)))
    if entry.forced:
        fields.append(("forced", _quoted(entry.forced)))
    return fields


def _flow(entry: VersionEntry) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in entry_fields(entry)) + "}"


def _line_end(text: str, index: int) -> int:
    """The index just past the end of the line holding ``index``."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _last_end(node: yaml.Node) -> yaml.Mark:
    """Where the last scalar or flow collection inside ``node`` ends."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        return node.end_mark
    children = [v for pair in node.value for v in pair] if isinstance(
        node, yaml.MappingNode) else list(node.value)
    return _last_end(children[-1]) if children else node.end_mark


def _append_to_block(text: str, seq: yaml.SequenceNode, entry: VersionEntry) -> Edit:
    last = seq.value[-1]
    line_start = text.rfind("\n", 0, last.start_mark.index) + 1
    dash = text.rfind("-", line_start, last.start_mark.index)
    indent = text[line_start:dash]
    gap = " " * (last.start_mark.column - len(indent) - 1)
    if getattr(last, "flow_style", False) or not isinstance(last, yaml.MappingNode):
        item = f"{indent}-{gap}{_flow(entry)}\n"
    else:
        pad = " " * last.start_mark.column
        fields = entry_fields(entry)
        item = f"{indent}-{gap}{fields[0][0]}: {fields[0][1]}\n" + "".join(
            f"{pad}{k}: {v}\n" for k, v in fields[1:])
    end = _last_end(last)
    at = end.index if end.column == 0 else _line_end(text, end.index)
    if at and text[at - 1] != "\n":  # the last line of a file without a final newline
        item = "\n" + item
    return (at, at, item)


def _history_edit(text: str, node: yaml.Node | None, entry: VersionEntry) -> Edit:
    if node is None:
        tail = "" if text.endswith("\n") or not text else "\n"
        return (len(text), len(text), f"{tail}history:\n  - {_flow(entry)}\n")
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _append_to_block(text, node, entry)
    if isinstance(node, yaml.SequenceNode) and node.flow_style:
        if node.value:
            at = node.value[-1].end_mark.index
            return (at, at, ", " + _flow(entry))
        return (node.start_mark.index, node.end_mark.index, "[" + _flow(entry) + "]")
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
        return (node.start_mark.index, node.end_mark.index, "\n  - " + _flow(entry))
    raise ValueError("history is not a list")


def _pairs(text: str) -> dict[str, yaml.Node]:
    root = yaml.compose(text, Loader=_Loader)
    if not isinstance(root, yaml.MappingNode):
        raise ValueError("the record is not a mapping")
    return {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}


def _scalar_edits(pairs: dict[str, yaml.Node], entry: VersionEntry) -> list[Edit]:
    values = {"version": _quoted(entry.version), "status": entry.status,
              "date": entry.date.isoformat()}
    edits: list[Edit] = []
    for key in _SCALAR_KEYS:
        node = pairs.get(key)
        if not isinstance(node, yaml.ScalarNode) or node.start_mark.line != node.end_mark.line:
            raise ValueError(f"{key} is not a one-line value")
        edits.append((node.start_mark.index, node.end_mark.index, values[key]))
    return edits


def _apply(text: str, edits: list[Edit]) -> str:
    # From the end of the file backwards, so that earlier positions stay valid.
    for start, end, value in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + value + text[end:]
    return text


def edited_record(text: str, entry: VersionEntry) -> str:
    """``text`` with the record moved to ``entry`` and ``entry`` appended to the history.
    Raises ValueError for a shape this edit does not handle."""
    pairs = _pairs(text)
    return _apply(text, [*_scalar_edits(pairs, entry),
                         _history_edit(text, pairs.get("history"), entry)])


def _withdrawn_flow(w: Withdrawn) -> str:
    return (f"{{date: {w.date.isoformat()}, by: {_quoted(w.by)}, "
            f"reason: {_quoted(w.reason)}}}")


def _withdrawn_edit(text: str, item: yaml.Node, w: Withdrawn) -> Edit:
    if not isinstance(item, yaml.MappingNode):
        raise ValueError("the history item is not a mapping")
    if item.flow_style:
        at = item.end_mark.index - 1  # before the closing brace
        return (at, at, f", withdrawn: {_withdrawn_flow(w)}")
    end = _last_end(item)
    at = end.index if end.column == 0 else _line_end(text, end.index)
    line = f"{' ' * item.start_mark.column}withdrawn: {_withdrawn_flow(w)}\n"
    return (at, at, line if not at or text[at - 1] == "\n" else "\n" + line)


def withdrawn_record(text: str, version: str, restore: VersionEntry | None,
                     withdrawal: Withdrawn) -> str:
    """``text`` with the history item of ``version`` marked withdrawn and, when given,
    the record's version, status and date put back to ``restore``."""
    pairs = _pairs(text)
    history = pairs.get("history")
    items = history.value if isinstance(history, yaml.SequenceNode) else []
    found = [i for i in items if isinstance(i, yaml.MappingNode) and any(
        isinstance(k, yaml.ScalarNode) and k.value == "version" and isinstance(
            v, yaml.ScalarNode) and v.value == version for k, v in i.value)]
    if len(found) != 1:
        raise ValueError(f"version {version} is not once in the history")
    edits = [_withdrawn_edit(text, found[0], withdrawal)]
    if restore is not None:
        edits += _scalar_edits(pairs, restore)
    return _apply(text, edits)


def withdraw(path: Path, text: str, version: str, restore: VersionEntry | None,
             withdrawal: Withdrawn) -> str:
    """The edited text of ``path``, checked by parsing it again (as ``bump``)."""
    before, _ = parse(path, text)
    try:
        after_text = withdrawn_record(text, version, restore, withdrawal)
    except (ValueError, yaml.YAMLError, IndexError):
        after_text = None
    after = parse(path, after_text)[0] if after_text is not None else None
    expected = _expected_withdrawn(before.data if before else None, version, restore,
                                   withdrawal)
    if after is None or expected is None or after.data != expected:
        raise Refused(Problem("error", "release.record_uneditable", Mark(path), {}))
    return after_text  # type: ignore[return-value]


def _expected_withdrawn(data: Any, version: str, restore: VersionEntry | None,
                        w: Withdrawn) -> Any:
    if not isinstance(data, dict):
        return None
    mark = {"date": w.date, "by": w.by, "reason": w.reason}
    history = [{**item, "withdrawn": mark} if isinstance(item, dict)
               and item.get("version") == version else item
               for item in data.get("history") or []]
    expected = {**data, "history": history}
    if restore is not None:
        expected.update(version=restore.version, status=restore.status, date=restore.date)
    return expected


def bump(path: Path, text: str, entry: VersionEntry) -> str:
    """The edited text of ``path``, checked by parsing it again; a refusal if the file
    has a shape this edit cannot handle or the result would say anything else."""
    before, _ = parse(path, text)
    try:
        after_text = edited_record(text, entry)
    except (ValueError, yaml.YAMLError, IndexError):
        after_text = None
    after = parse(path, after_text)[0] if after_text is not None else None
    if before is None or after is None or after.data != _expected(before.data, entry):
        raise Refused(Problem("error", "release.record_uneditable", Mark(path), {}))
    return after_text  # type: ignore[return-value]


def _expected(data: Any, entry: VersionEntry) -> Any:
    if not isinstance(data, dict):
        return None
    item: dict[str, Any] = {"version": entry.version, "date": entry.date,
                            "status": entry.status}
    for key in ("note", "meeting", "forced"):
        if getattr(entry, key):
            item[key] = getattr(entry, key)
    history = list(data.get("history") or [])
    return {**data, "version": entry.version, "status": entry.status, "date": entry.date,
            "history": [*history, item]}

