"""The document's words for codes in the sections (``<lang>/labels.yaml``).

Kept apart from compose so that check can name things (a consulted body, a status)
in the user's language without loading the template engine.
"""

from __future__ import annotations

from typing import Any

from strategy.language.books import book, languages

LANGS = languages()


def labels(lang: str) -> dict[str, Any]:
    return book(lang, "labels")


def in_every_language(*keys: str) -> dict[str, str]:
    """One label in each language, e.g. ("consulted_bodies", "residents"), as a message
    parameter."""
    result = {}
    for lang in LANGS:
        value: Any = labels(lang)
        for key in keys:
            value = value[key]
        result[lang] = value
    return result
