"""check's answer (its problems and the strategy's language) to bytes and back, so that
a sections folder checked before is answered without reading it (``pipeline.check``
keeps the bytes in the cache under the folder's key); and what the per-kind rules said
of one kind (``rules.KindsKept``), so that a check after an edit runs them only over
the kinds that changed; and a valid kind's plain data (``Validated.dump``), so that
readiness does not validate an unchanged kind again to read it.

The bytes are JSON, never pickle: an entry is data, so a damaged or foreign one can at
worst be refused (``None``: the folder is checked), never run. Problems are kept only
when JSON gives every one of them back exactly (the same severity, code, place and
parameters, of the same types): otherwise the answer is made afresh each time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from strategy.language.kept import same_data
from strategy.problems import Mark, Problem

FORMAT = 1  # raised whenever the bytes below change shape
PARTS_FORMAT = 2  # the same, for the per-kind rules' problems and facts
_WORDS = "\x00words"  # a law profile's words (law/profiles.py ``Words``), a dict of its own


class _NotKept(ValueError):
    pass


def _encode(value: Any) -> Any:
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    if kind is list:
        return [_encode(v) for v in value]
    if isinstance(value, dict) and all(type(k) is str for k in value):
        inner = {k: _encode(v) for k, v in value.items()}
        if kind is dict and _WORDS not in value:
            return inner
        if kind.__name__ == "Words" and kind.__module__ == "strategy.law.profiles":
            return {_WORDS: inner}
    raise _NotKept(kind.__name__)


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if _WORDS in value:
            from strategy.law.profiles import Words  # only where the law's words are

            if len(value) != 1 or not isinstance(value[_WORDS], dict):
                raise _NotKept("words")
            return Words(_decode(value[_WORDS]))
        return {k: _decode(v) for k, v in value.items()}
    return value


def _row(p: Problem) -> list[Any]:
    mark = None if p.mark is None else [str(p.mark.file), p.mark.line, p.mark.column]
    return [p.severity, p.code, mark, _encode(p.params)]


def _problem(row: Any) -> Problem:
    severity, code, mark, params = row
    if severity not in ("error", "warning") or type(code) is not str or type(params) is not dict:
        raise _NotKept("problem")
    if mark is not None:
        file, line, column = mark
        if type(file) is not str or type(line) is not int or type(column) is not int:
            raise _NotKept("mark")
        mark = Mark(Path(file), line, column)
    return Problem(severity, code, mark, _decode(params))


def dump(problems: list[Problem], lang: str) -> bytes | None:
    """The answer as bytes; None when JSON would not give it back exactly."""
    try:
        data = json.dumps([FORMAT, lang, [_row(p) for p in problems]], ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        back = load(data)
    except (_NotKept, ValueError, TypeError, RecursionError):
        return None
    if back is None or back[1] != lang or not _same(back[0], problems):
        return None
    return data


def load(data: bytes) -> tuple[list[Problem], str] | None:
    """The answer ``dump`` made; None for anything else."""
    try:
        version, lang, rows = json.loads(data)
        if version != FORMAT or type(lang) is not str or type(rows) is not list:
            return None
        return [_problem(row) for row in rows], lang
    except (_NotKept, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def _same(back: list[Problem], problems: list[Problem]) -> bool:
    return len(back) == len(problems) and all(
        a.severity == b.severity and a.code == b.code and same_data(a.mark, b.mark)
        and same_data(a.params, b.params) for a, b in zip(back, problems, strict=True))


def dump_parts(parts: dict[str, tuple[list[Problem], bool]],
               facts: dict[str, Any] | None = None) -> bytes | None:
    """What each rule said of one kind (its problems, and whether it went through the
    kind to the end), and what the rules across kinds found in it (``facts``: plain JSON
    data by rule), as bytes; None when JSON would not give it back exactly."""
    facts = facts or {}
    try:
        data = json.dumps([PARTS_FORMAT, {name: [finished, [_row(p) for p in problems]]
                                          for name, (problems, finished) in parts.items()},
                           facts], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        back = load_parts(data)
    except (_NotKept, ValueError, TypeError, RecursionError):
        return None
    if back is None or back[0].keys() != parts.keys() or not all(
            back[0][n][1] == parts[n][1] and _same(back[0][n][0], parts[n][0])
            for n in parts) or not same_data(back[1], facts):
        return None
    return data


def load_parts(data: bytes
               ) -> tuple[dict[str, tuple[list[Problem], bool]], dict[str, Any]] | None:
    """The parts and facts ``dump_parts`` made; None for anything else."""
    try:
        version, parts, facts = json.loads(data)
        if version != PARTS_FORMAT or type(parts) is not dict or type(facts) is not dict:
            return None
        found = {}
        for name, (finished, rows) in parts.items():
            if type(finished) is not bool or type(rows) is not list:
                return None
            found[name] = ([_problem(row) for row in rows], finished)
        return found, facts
    except (_NotKept, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


KIND_FORMAT = 1  # the same, for a kind's validation
_STATES = ("valid", "partial", "none")


def dump_kind(problems: list[Problem], state: str, kept: dict[str, list[int]],
              language: str | None) -> bytes | None:
    """What validating one kind said (``checks/validate.py``): its problems, its state,
    where each kept item of a partial kind's lists stands, and (for the record) the
    strategy's language; None when JSON would not give it back exactly."""
    try:
        data = json.dumps([KIND_FORMAT, state, kept, language, [_row(p) for p in problems]],
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        back = load_kind(data)
    except (_NotKept, ValueError, TypeError, RecursionError):
        return None
    if back is None or back[1:] != (state, kept, language) or not _same(back[0], problems):
        return None
    return data


def load_kind(data: bytes
              ) -> tuple[list[Problem], str, dict[str, list[int]], str | None] | None:
    """The validation ``dump_kind`` made; None for anything else."""
    try:
        version, state, kept, language, rows = json.loads(data)
        if (version != KIND_FORMAT or state not in _STATES or type(kept) is not dict
                or not all(type(k) is str and type(v) is list
                           and all(type(i) is int for i in v) for k, v in kept.items())
                or not (language is None or type(language) is str)
                or type(rows) is not list):
            return None
        return [_problem(row) for row in rows], state, kept, language
    except (_NotKept, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


RULE_FORMAT = 2  # the same, for the judgements of the rules across kinds


def dump_rules(states: list[Any], said: dict[str, tuple[dict[str, str], list[Problem]]]
               ) -> bytes | None:
    """What each rule across kinds said (``rules.engine._ByKind.judge``), with what it was said
    of: the state of every kind, and by rule the files of each kind it read; None when
    JSON would not give it back exactly."""
    try:
        data = json.dumps([RULE_FORMAT, states, {
            name: [keys, [_row(p) for p in problems]] for name, (keys, problems) in said.items()
        }], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        back = load_rules(data)
    except (_NotKept, ValueError, TypeError, RecursionError):
        return None
    if back is None or back[0] != states or back[1].keys() != said.keys() or not all(
            back[1][n][0] == said[n][0] and _same(back[1][n][1], said[n][1]) for n in said):
        return None
    return data


def load_rules(data: bytes
               ) -> tuple[list[Any], dict[str, tuple[dict[str, str], list[Problem]]]] | None:
    """The judgements ``dump_rules`` made; None for anything else."""
    try:
        version, states, said = json.loads(data)
        if version != RULE_FORMAT or type(states) is not list or type(said) is not dict:
            return None
        found = {}
        for name, (keys, rows) in said.items():
            if (type(keys) is not dict or type(rows) is not list
                    or not all(type(k) is str and type(v) is str for k, v in keys.items())):
                return None
            found[name] = (keys, [_problem(row) for row in rows])
        return states, found
    except (_NotKept, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


DATA_FORMAT = 1  # the same, for a valid kind's plain data (``Validated.dump``)
# The types a kind's ``model_dump(mode="python")`` holds beside JSON's, each as a
# mapping of one tag (a key no section's data can hold: YAML keys never start with NUL).
_DATE, _DECIMAL, _FILE = "\x00date", "\x00decimal", "\x00file"


_LEAVES = frozenset({str, int, float, bool, type(None)})  # JSON gives each back as it was


def _encode_data(value: Any) -> Any:
    """``value`` as JSON data with the tags; raises _NotKept for anything JSON would not
    give back exactly (every type is checked as it is, never as a subclass: a str
    subclass, an enum, a tuple is refused). A leaf is not a call: at 10x the diagnosis
    holds ~30,000 values."""
    kind = type(value)
    if kind in _LEAVES:
        return value
    if kind is dict:
        out = {}
        for k, v in value.items():
            if type(k) is not str or k[:1] == "\x00":
                raise _NotKept("key")
            out[k] = v if type(v) in _LEAVES else _encode_data(v)
        return out
    if kind is list:
        return [v if type(v) in _LEAVES else _encode_data(v) for v in value]
    return _encode_other(value, kind)


def _encode_other(value: Any, kind: type) -> Any:
    import datetime as dt
    from decimal import Decimal

    if kind is dt.date:
        return {_DATE: value.isoformat()}
    if kind is Decimal:
        return {_DECIMAL: str(value)}  # str gives the digits and exponent back exactly
    if kind.__name__ == "SectionFile" and kind.__module__ == "strategy.model.files":
        own = vars(value)  # only what its validation set: resolved or refusal, or neither
        resolved, refusal = own.get("resolved"), own.get("refusal")
        if set(own) - {"resolved", "refusal"} or (resolved is not None and (
                type(resolved.path) is not type(Path()) or not all(
                    type(n) is int for n in (resolved.device, resolved.inode, resolved.size))
                or type(resolved.format) is not str)) or (
                refusal is not None and type(refusal.code) is not str):
            raise _NotKept("file")
        return {_FILE: [str(value),
                        None if resolved is None else [str(resolved.path), resolved.device,
                                                       resolved.inode, resolved.size,
                                                       resolved.format],
                        None if refusal is None else [refusal.code,
                                                      _encode_data(refusal.params)],
                        sorted(own)]}
    raise _NotKept(kind.__name__)


def _tagged(value: dict[str, Any]) -> Any:
    """A mapping as JSON reads it (its values read already): a tagged one is its value."""
    if len(value) == 1:
        tag = next(iter(value))
        if tag == _DATE:
            import datetime as dt

            return dt.date.fromisoformat(value[tag])
        if tag == _DECIMAL:
            from decimal import Decimal

            return Decimal(value[tag])
        if tag == _FILE:
            return _file(value[tag])
    return value


def _file(entry: Any) -> Any:
    from strategy.model.files import FileRefusal, ResolvedFile, SectionFile

    text, resolved, refusal, own = entry
    value = SectionFile(text)
    if "resolved" in own:
        path, device, inode, size, format_ = resolved
        value.resolved = ResolvedFile(Path(path), device, inode, size, format_)
    if "refusal" in own:
        value.refusal = FileRefusal(refusal[0], refusal[1])  # its params read already
    return value


def dump_data(value: Any) -> bytes | None:
    """A valid kind's plain data as bytes; None when JSON with the tags above would not
    give back the very values, of the very types (a type not listed, a key that looks
    like a tag). Exact by construction (``_encode_data`` takes only what comes back as
    it was; tests/test_readiness_dumps_kept.py proves it on every kind of the example and
    the fixtures): not read back here, which at 10x would double its cost."""
    try:
        return json.dumps([DATA_FORMAT, _encode_data(value)], ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
    except (_NotKept, ValueError, TypeError, RecursionError):
        return None


def load_data(data: bytes) -> tuple[Any] | None:
    """``(value,)`` as ``dump_data`` took it; None for anything else."""
    try:
        # Each mapping as it is read: no second walk through the data.
        version, value = json.loads(data, object_hook=_tagged)
        if version != DATA_FORMAT:
            return None
        return (value,)
    except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError, RecursionError):
        return None
