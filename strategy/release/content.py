"""Which changes of a redline are content: words of a section value that changed.

The document prints far more than the sections hold: totals and counts computed from
them, headings' numbers, the version and date of the release. A change of those follows
from a content change (or from the release itself) and is not marked in the redline;
the changelog says what the content change did to the totals. A changed stretch of the
document is content when its words are, as whole words, within the printed form of a
value that differs between the two versions' sections (text as typed; numbers, amounts
and dates as the document prints them), or contain one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from strategy.compose import typography
from strategy.sections.load import load
from strategy.sections.texts import normalized

WHOLE_SHARE = 0.4  # a block inserted or deleted whole: content if this much of it is
# What every release changes in the record: not content of the strategy.
_RELEASE_FIELDS = {"version", "status", "date", "history"}


_EDGES = ".,;:!?()[]„”\"'«»–-"


def _tokens(text: str) -> tuple[str, ...]:
    """Words as compared: a reference written "CS1" is printed "CS1." in a sentence."""
    words = (w.strip(_EDGES) for w in normalized(text).split(" ")) if normalized(text) else ()
    return tuple(w for w in words if w)


def _printed(value: Any, lang: str) -> Iterator[str]:
    """The forms the document may print a value in."""
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, int | float | Decimal):
        for decimals in (0, 1, 2, 3):
            yield typography.number(value, decimals, lang)
        yield typography.amount(value, lang)
        yield typography.percent(value, 1, lang)
        yield str(value)
    elif isinstance(value, dt.date):
        yield typography.date(value, lang)
        yield value.isoformat()


def _leaves(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for child in value.values():
            yield from _leaves(child)
    elif isinstance(value, list):
        for child in value:
            yield from _leaves(child)
    else:
        yield value


def _by_id(items: list[Any]) -> dict[Any, Any] | None:
    """A list of items with IDs, by ID (so that an insertion shifts nothing)."""
    ids = [i.get("id") if isinstance(i, dict) else None for i in items]
    if items and all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids):
        return dict(zip(ids, items, strict=True))
    return None


def _differing(old: Any, new: Any) -> Iterator[tuple[Any, Any]]:
    """(old leaves, new leaves) of every place where the two trees differ."""
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in dict.fromkeys([*old, *new]):
            yield from _differing(old.get(key), new.get(key))
        return
    if isinstance(old, list) and isinstance(new, list):
        a, b = _by_id(old), _by_id(new)
        if a is not None and b is not None:
            for key in dict.fromkeys([*a, *b]):
                yield from _differing(a.get(key), b.get(key))
            return
        if len(old) == len(new):
            for x, y in zip(old, new, strict=True):
                yield from _differing(x, y)
            return
    yield list(_leaves(old)) if old is not None else [], (
        list(_leaves(new)) if new is not None else [])


@dataclass
class Changed:
    """The printed words of the values that changed, on each side."""

    old: set[tuple[str, ...]] = field(default_factory=set)
    new: set[tuple[str, ...]] = field(default_factory=set)

    def content(self, deleted: list[str], inserted: list[str]) -> bool:
        """Whether a changed stretch (its deleted and inserted words) is content."""
        return _within(_tokens(" ".join(deleted)), self.old) or _within(
            _tokens(" ".join(inserted)), self.new)

    def whole(self, deleted: list[str], inserted: list[str]) -> bool:
        """Whether a block inserted or deleted whole (a paragraph, a table row) is
        content: within a changed value, or made of changed values for a good part
        (a row of the history of versions holds a meeting's date, but is the release's)."""
        words, values = ((_tokens(" ".join(deleted)), self.old) if deleted
                         else (_tokens(" ".join(inserted)), self.new))
        if not words:
            return False
        if any(_contiguous(words, v) for v in values if v):
            return True
        covered = [False] * len(words)
        for v in values:
            n = len(v)
            for i in range(len(words) - n + 1) if n else ():
                if words[i:i + n] == v:
                    covered[i:i + n] = [True] * n
        return sum(covered) >= WHOLE_SHARE * len(words)


def _contiguous(small: tuple[str, ...], large: tuple[str, ...]) -> bool:
    n = len(small)
    return any(large[i:i + n] == small for i in range(len(large) - n + 1))


def _within(words: tuple[str, ...], values: set[tuple[str, ...]]) -> bool:
    if not words:
        return False
    return any(_contiguous(words, v) or _contiguous(v, words) for v in values if v)


def changed(old_sections: Path, new_sections: Path, lang: str) -> Changed:
    """What differs between two sections folders, as printed words (the record's
    version, status, date and history left out: every release changes them)."""
    old, new = load(old_sections).data, load(new_sections).data
    for data in (old, new):
        if isinstance(data.get("strategy"), dict):
            data["strategy"] = {k: v for k, v in data["strategy"].items()
                                if k not in _RELEASE_FIELDS}
    found = Changed()
    for before, after in _differing(old, new):
        if len(before) == len(after) == 1 and isinstance(before[0], str) and isinstance(
                after[0], str):
            # One text edited: the words that changed in it, not all of its words.
            a, b = _tokens(before[0]), _tokens(after[0])
            for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False
                                                       ).get_opcodes():
                if tag != "equal":
                    found.old.add(a[i1:i2])
                    found.new.add(b[j1:j2])
            continue
        found.old |= {_tokens(form) for v in before for form in _printed(v, lang)}
        found.new |= {_tokens(form) for v in after for form in _printed(v, lang)}
    return found
