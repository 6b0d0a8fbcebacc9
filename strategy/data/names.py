"""IDs and file names made from names: ASCII letters and digits, words joined by '-'."""

from __future__ import annotations

import re

_ASCII = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")


def slug(name: str, words: int | None = None, fallback: str = "x") -> str:
    """"Ludność ogółem" -> "ludnosc-ogolem"; ``words`` keeps only the first few."""
    found = re.findall(r"[a-z0-9]+", name.translate(_ASCII).lower())
    text = "-".join(found[:words] if words else found)[:40].strip("-") or fallback
    return text if text[0].isalpha() else f"{fallback}-{text}"[:40]
