"""The one loader and the one set of rules for every book of words, in every language.

A language is a folder ``<code>/`` beside this module with ``language.yaml`` (what the
language itself is: its tag, its plural rule, its typography) and its books, one YAML
file each: ``messages.yaml`` (what the commands say), ``document.yaml`` (every
sentence, heading and table word of the document's templates), ``labels.yaml`` (the
document's words for codes in the sections) and ``changes.yaml`` (the words of the
changelog). Adding a language means adding such a folder: no code and no template
changes. Folders named in the environment variable ``STRATEGY_LANGUAGE_DIRS``
(separated by ``os.pathsep``) hold more languages, looked for after this one.

A book is a tree of phrases; a phrase's key is its dotted path (``intro.leader``).

- A phrase is a text with named placeholders, ``{name}``, written as in Python's
  ``str.format``. A parameter given as a list prints its items joined by the
  language's ``list_separator``.
- ``{n:plural:one|few|many}`` picks the word form for the number ``n`` by the
  language's plural rule (Polish: 1 uwaga, 2 uwagi, 5 uwag; English: 1 comment,
  2 comments); there are exactly as many forms as the language's ``plural.forms``.
- A phrase may have variants: a mapping from variant names to texts. The caller picks
  one by the data (``phrase(lang, "document", "consultation.comments", "none")``, in a
  template ``say("consultation.comments", "some" if comments else "none", n=...)``);
  the variant's name is often the data's own code (``say("comments.decision",
  c.status)``). An empty variant means the sentence is left out, so a language says
  nothing where the data supports nothing.
- A list of texts (a table's column headings) is one phrase per item.

Every language has every phrase of every book, with the same placeholders and the
same variants; tests/test_phrasebooks.py checks it. A language may name a
``fallback`` language in ``language.yaml``: words it lacks (and words still held in
code as {language: text}) are then taken from it.
"""

from __future__ import annotations

import ast
import os
import string
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from strategy.language import kept

HERE = Path(__file__).resolve().parent
# libyaml's loader reads the books ten times faster than the pure-Python one (the
# books are trusted data of the package; the sections have their own loader).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT = "pl"  # the document's language when strategy.yaml names none
FOLDERS_VARIABLE = "STRATEGY_LANGUAGE_DIRS"


# --- where the languages are ---------------------------------------------------------------

@cache
def folders() -> tuple[Path, ...]:
    """The folders holding language folders: this package's, then STRATEGY_LANGUAGE_DIRS."""
    extra = [Path(p) for p in os.environ.get(FOLDERS_VARIABLE, "").split(os.pathsep) if p]
    return (HERE, *extra)


@cache
def languages() -> tuple[str, ...]:
    """The codes of every language there is a folder for, the default (Polish) first."""
    found = {p.name for root in folders() if root.is_dir() for p in root.iterdir()
             if (p / "language.yaml").is_file()}
    return tuple(sorted(found, key=lambda code: (code != DEFAULT, code)))


@cache
def folder(lang: str) -> Path:
    """The folder of ``lang``: the first of ``folders()`` that has it."""
    for root in folders():
        if (root / lang / "language.yaml").is_file():
            return root / lang
    raise KeyError(f"no language {lang!r}: there is no folder {lang}/ with a language.yaml")


def book_names(lang: str) -> tuple[str, ...]:
    """The books of ``lang`` (``messages``, ``document``…), without ``language.yaml``."""
    return tuple(sorted(p.stem for p in folder(lang).glob("*.yaml") if p.stem != "language"))


@cache
def book(lang: str, name: str) -> Any:
    """A book of ``lang`` (``messages``, ``labels``…) as its YAML data."""
    # Parsed once, then read from the JSON the cache keeps of these very bytes (kept.py).
    return kept.load(folder(lang) / f"{name}.yaml", _LOADER)


@cache
def language(lang: str) -> dict[str, Any]:
    """What the language itself is: ``language.yaml`` of its folder."""
    return book(lang, "language")


def typography(lang: str) -> dict[str, Any]:
    """The language's typography: number marks, months, date and amount formats, quote
    marks, the words that never end a line (compose/typography.py applies them)."""
    return language(lang)["typography"]


@cache
def fallbacks(lang: str) -> tuple[str, ...]:
    """``lang`` and the languages it falls back to, in order."""
    chain = [lang]
    while (nxt := language(chain[-1]).get("fallback")) and nxt not in chain:
        chain.append(str(nxt))
    return tuple(chain)


def pick(texts: dict[str, Any], lang: str) -> Any:
    """A text given in several languages ({"pl": …, "en": …}), in ``lang`` or the
    language it falls back to."""
    for code in fallbacks(lang):
        if code in texts:
            return texts[code]
    raise KeyError(f"no text in {lang!r} (nor its fallbacks) among {sorted(texts)}")


# --- phrases -------------------------------------------------------------------------------

def _lookup(data: Any, key: str) -> Any:
    for part in key.split("."):
        if not isinstance(data, dict) or part not in data:
            raise KeyError(part)
        data = data[part]
    return data


def phrase(lang: str, name: str, key: str, variant: str | None = None) -> Any:
    """The phrase ``key`` of book ``name`` in ``lang`` (or its fallback): a text, a list
    of texts, or with ``variant`` the text of that variant."""
    if isinstance(variant, bool):
        raise TypeError(f"{name}.yaml {key}: name the variant, not True/False")
    for code in fallbacks(lang):
        try:
            entry = _lookup(book(code, name), key)
            if variant is not None:
                entry = _lookup(entry, str(variant))
        except KeyError:
            continue
        if isinstance(entry, dict):
            raise KeyError(f"{code}/{name}.yaml: {key!r} has variants {sorted(entry)}; "
                           "pick one by the data")
        return "" if entry is None else entry
    where = f"{key!r}" + (f", variant {variant!r}" if variant is not None else "")
    raise KeyError(f"{lang}/{name}.yaml has no phrase {where}")


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


def plural_word(spec: str, lang: str, n: object) -> str:
    """The word form ``plural:one|few|many`` gives for ``n`` in ``lang``."""
    forms = spec.removeprefix("plural:").split("|")
    index = plural_form(lang, int(n))  # type: ignore[call-overload]
    return forms[min(index, len(forms) - 1)]


# --- formatting ---------------------------------------------------------------------------

def _as_text(value: object) -> str:
    return format(value, "")


def _as_written(words: str) -> str:
    return words


def fill(template: str, lang: str, params: dict[str, object], *,
         value: Callable[[Any], str] = _as_text,
         words: Callable[[str], str] = _as_written) -> str:
    """``template`` with its placeholders filled. A parameter given as {lang: text} (a
    text in every language) is taken in ``lang``. ``value`` turns what a placeholder
    prints (a parameter, or the word form a plural placeholder picks) into text, and
    ``words`` the phrase's own words: the document escapes values into Markdown and
    prints its words as written; messages print both as they are."""
    values = {k: (pick(v, lang) if isinstance(v, dict) else v) for k, v in params.items()}
    formatter = string.Formatter()
    out: list[str] = []
    after_value = False
    for literal, field, spec, conversion in _parsed(template):
        if literal and after_value and literal.startswith(".") and out and out[-1].endswith("."):
            # A value that ends a sentence with its own full stop ("27 maja 2021 r.",
            # "itd."): the phrase's full stop is not printed again ("r..").
            literal = literal[1:]
        if literal:
            out.append(words(literal))
        after_value = field is not None
        if field is None:
            continue
        # A plain name is a key of ``values``, as get_field finds it (a name with a
        # ``.`` or ``[``, or a number, is left to it)
        found = (values[field] if field.isidentifier() and field in values
                 else formatter.get_field(field, (), values)[0])
        obj = formatter.convert_field(found, conversion)
        if spec and spec.startswith("plural:"):
            out.append(value(plural_word(spec, lang, obj)))
        elif isinstance(obj, list | tuple):
            separator = words(typography(lang)["list_separator"])
            out.append(separator.join(value(item) for item in obj))
        else:
            out.append(value(format(obj, spec)) if spec else value(obj))
    return "".join(out)


@cache
def _parsed(template: str) -> tuple[tuple[str, str | None, str | None, str | None], ...]:
    """``string.Formatter().parse`` of a phrase, once per phrase: a listing of hundreds of
    problems fills the same few phrases again and again."""
    return tuple(string.Formatter().parse(template))


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
