"""The catalog of messages shown to users: ``<lang>/messages.yaml``, one per language.

Each code maps to a template per language; a code ending in ``.hint`` is the advice
shown under the message. The books share their loader and rules (``books``): a test
checks that every language has every code with the same placeholders.
"""

from __future__ import annotations

from functools import cache

from strategy.language import books
from strategy.language.books import languages, plural_form

LANGS = languages()

__all__ = ["CATALOG", "LANGS", "localized", "placeholders", "plural_form", "render"]


@cache
def _catalog() -> dict[str, dict[str, str]]:
    """Code -> {lang: template}, every language's book merged."""
    merged: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        for code, template in books.book(lang, "messages").items():
            merged.setdefault(code, {})[lang] = template
    return merged


CATALOG = _catalog()


def localized(code: str, **params: object) -> dict[str, str]:
    """A message in every language, for use as a parameter of another message."""
    return {lang: render(code, lang, params) for lang in LANGS}


def render(code: str, lang: str, params: dict[str, object], missing_ok: bool = False) -> str:
    """Format ``code`` in ``lang``; a parameter given as {lang: text} is picked per language."""
    entry = CATALOG.get(code)
    if entry is None:
        if missing_ok:
            return ""
        raise KeyError(f"message code {code!r} is not in the catalog")
    return books.fill(books.pick(entry, lang), lang, params)


def placeholders(code: str, lang: str) -> set[str]:
    return books.placeholders(CATALOG[code][lang])
