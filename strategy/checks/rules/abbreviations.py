"""The rule of the list of abbreviations (abbreviations.yaml): every abbreviation the
sections print is listed, and every listed one is used."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from typing import Any

from strategy.checks.rules.engine import _RUN, _View, rule
from strategy.checks.rules.walks import _fields, _models
from strategy.checks.validated import Validated
from strategy.model.files import SectionFile
from strategy.model.kinds import KINDS
from strategy.sections.load import KeyPath

# A word of two or more capitals, not part of a code ("IPR-01", "CS1") nor a Roman numeral.
# It and the address start with a letter they must match, the look-behind after it: one
# that starts with a look-behind is tried at every position of every text, these only
# where that letter is (the same matches, 4x and 30x faster).
_ABBREVIATION = re.compile(
    r"[A-ZĄĆĘŁŃÓŚŹŻ](?<![\w-][A-ZĄĆĘŁŃÓŚŹŻ])[A-ZĄĆĘŁŃÓŚŹŻ]+(?![\w-])")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_URL = re.compile(r"h(?<!\wh)ttps?://\S+")  # \bhttps?://\S+
# Text the document does not print: a member's note on where its figures come from, and
# the data that `data fetch` writes.
_UNPRINTED_FIELDS = {("Member", "source")}
_UNPRINTED_KINDS = {"abbreviations", "statistics", "bdl"}


def _texts(obj: Any) -> Iterator[tuple[str, KeyPath]]:
    """Every text a model holds directly, in its fields and its lists (table rows too),
    with its key path under the model."""
    for name in _fields(type(obj)):
        value = getattr(obj, name, None)
        if isinstance(value, str) and not isinstance(value, SectionFile):
            yield value, (name,)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str) and not isinstance(item, SectionFile):
                    yield item, (name, i)
                elif isinstance(item, list):
                    yield from ((c, (name, i, j)) for j, c in enumerate(item)
                                if isinstance(c, str))


def _abbreviations_seen(kind: str, model: Any) -> list[Any]:
    """What ``abbreviations_are_listed`` reads in one kind: each word of capitals (not a
    Roman numeral) where it first stands, and every printed text, in their order (plain
    JSON data: the kind's fact, kept with its judgements)."""
    first: list[Any] = []
    seen: set[str] = set()
    texts: list[str] = []
    for obj, path in _models(_View({kind: model})):
        for value, where in _texts(obj):
            if (type(obj).__name__, where[0]) in _UNPRINTED_FIELDS or where[0] == "unit":
                continue
            value = _URL.sub(" ", value)
            texts.append(value)
            for word in _ABBREVIATION.findall(value):
                if word not in seen and not _ROMAN.match(word):
                    seen.add(word)
                    first.append([word, [*path, *where]])
    return [first, texts]


@rule("abbreviations", keep=False)
def abbreviations_are_listed(s: Any, v: Validated):
    """Every abbreviation the sections use is in the list, and every listed one is used
    (the list is the working group's; check only compares it with the text). A listed
    "SP ZOZ" covers both of its words; units ("MW", "km") are no abbreviations to list."""
    by_kind = _RUN["by_kind"]
    shorts = by_kind.fact("abbreviations_are_listed", "abbreviations", partial(
        getattr, s, "abbreviations"), _shorts) if by_kind is not None else (
        _shorts("abbreviations", s.abbreviations))
    listed = {w for short in shorts for w in short.split()}
    warned: set[str] = set()
    texts: list[str] = []
    for kind in KINDS:
        if not s.has(kind) or kind in _UNPRINTED_KINDS:
            continue
        model = partial(getattr, s, kind)  # made only where no fact of it is kept
        first, printed = by_kind.fact("abbreviations_are_listed", kind, model,
                                      _abbreviations_seen) if by_kind is not None else (
            _abbreviations_seen(kind, model()))
        texts += printed
        for word, path in first:
            if word not in listed and word not in warned:
                warned.add(word)
                yield "warning", "abbreviations.unlisted", tuple(path), {"short": word}
    text = "\n".join(texts)
    for i, short in enumerate(shorts):
        if not _used(short, text):
            yield "warning", "abbreviations.unused", ("abbreviations", "abbreviations", i,
                                                       "short"), {"short": short}


def _shorts(kind: str, model: Any) -> list[str]:
    """The abbreviations the list holds, in its order (the list's fact)."""
    return [a.short for a in model.abbreviations]


def _used(short: str, text: str) -> bool:
    """Whether ``short`` stands in ``text`` as a word of its own: where it occurs, neither
    the character before nor the one after is a word character (as ``\\w`` means it: a
    letter, digit or underscore, ``str.isalnum``). Looked at by hand, not by a regular
    expression made for each abbreviation (compiling them was most of this rule)."""
    start = text.find(short)
    while start != -1:
        end = start + len(short)
        if not (start and _word(text[start - 1])) and not (end < len(text) and _word(text[end])):
            return True
        start = text.find(short, start + 1)
    return False


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"
