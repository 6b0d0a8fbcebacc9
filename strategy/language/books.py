"""The one loader and the one set of rules for every book of words, in every language.

A language is a folder ``strategy/language/<code>/`` with ``language.yaml`` (what the
language itself is: its tag, its plural rule) and its books: ``messages.yaml`` (what
the commands say), and the words of the document. Adding a language means adding such
a folder; no code and no template changes.

A phrase is a text with named placeholders, ``{name}``, written as in Python's
``str.format``. ``{n:plural:one|few|many}`` picks the word form for the number ``n``
by the language's plural rule (Polish: 1 błąd, 2 błędy, 5 błędów; English: 1 error,
2 errors). A test (tests/test_phrasebooks.py) checks that every language has every
phrase of every book, with the same placeholders.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent


@cache
def languages() -> tuple[str, ...]:
    """The codes of every language there is a folder for, Polish first (the default)."""
    found = sorted(p.name for p in HERE.iterdir() if (p / "language.yaml").is_file())
    return tuple(sorted(found, key=lambda code: code != "pl"))


@cache
def book(lang: str, name: str) -> Any:
    """A book of ``lang`` (``messages``, ``labels``…) as its YAML data."""
    path = HERE / lang / f"{name}.yaml"
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def language(lang: str) -> dict[str, Any]:
    """What the language itself is: ``language.yaml`` of its folder."""
    return book(lang, "language")


# --- plural forms -----------------------------------------------------------------------

# A plural rule is a Python expression over the number ``n`` giving the index of the
# form: only these nodes are allowed, so a rule is data, never code that could run.
_ALLOWED = (ast.Expression, ast.IfExp, ast.Compare, ast.BoolOp, ast.BinOp, ast.UnaryOp,
            ast.Name, ast.Constant, ast.Tuple, ast.Load, ast.And, ast.Or, ast.Not, ast.Mod,
            ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn, ast.USub)


@cache
def _plural_rule(lang: str) -> Any:
    rule = str(language(lang)["plural"]["rule"])
    tree = ast.parse(rule, mode="eval")
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED) or isinstance(node, ast.Name) and node.id != "n":
            raise ValueError(f"{lang}/language.yaml: plural rule may not use {ast.dump(node)}")
    return compile(tree, f"{lang}/language.yaml", "eval")


def plural_form(lang: str, n: int) -> int:
    """Index of the word form for ``n``: English one/other; Polish one/few/many."""
    return int(eval(_plural_rule(lang), {"__builtins__": {}}, {"n": abs(int(n))}))


def plural_forms(lang: str) -> int:
    """How many word forms a plural placeholder gives in ``lang``."""
    return int(language(lang)["plural"]["forms"])


# --- formatting ---------------------------------------------------------------------------

class _Formatter(string.Formatter):
    """str.format plus ``{n:plural:one|few|many}``, which picks the word form for n."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec.startswith("plural:"):
            forms = format_spec.removeprefix("plural:").split("|")
            index = plural_form(self.lang, int(value))  # type: ignore[call-overload]
            return forms[min(index, len(forms) - 1)]
        return super().format_field(value, format_spec)


def fill(template: str, lang: str, params: dict[str, object]) -> str:
    """``template`` with its placeholders filled; a parameter given as {lang: text} (a
    text in every language) is taken in ``lang``."""
    values = {k: (v.get(lang, "") if isinstance(v, dict) else v) for k, v in params.items()}
    return _Formatter(lang).format(template, **values)


def placeholders(template: str) -> set[str]:
    """The names a phrase fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def plural_specs(template: str) -> Iterator[tuple[str, int]]:
    """(placeholder, number of word forms) for every plural placeholder of a phrase."""
    for _, name, spec, _ in string.Formatter().parse(template):
        if name and spec and spec.startswith("plural:"):
            yield name, len(spec.removeprefix("plural:").split("|"))


def leaves(data: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every phrase of a book as (dotted key, text); lists are numbered."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from leaves(value, f"{prefix}.{i}")
    else:
        yield prefix, data
