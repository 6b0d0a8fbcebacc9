"""The document's words for codes in the sections (templates/<lang>/labels.yaml).

Kept apart from compose so that check can name things (a consulted body, a status)
in the user's language without loading the template engine.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

TEMPLATES = Path(__file__).resolve().parent.parent / "compose" / "templates"
LANGS = ("pl", "en")


@cache
def labels(lang: str) -> dict[str, Any]:
    return yaml.safe_load((TEMPLATES / lang / "labels.yaml").read_text(encoding="utf-8"))


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
