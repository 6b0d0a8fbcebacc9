"""The abbreviation rule's two patterns find what their plain forms find: a word of two
or more capitals standing on its own (``(?<![\\w-])[A-Z…]{2,}(?![\\w-])``) and a web
address (``\\bhttps?://\\S+``), written so that they are tried only where their first
letter is, over every text of the example and over the cases at the edges."""

from __future__ import annotations

import re
from pathlib import Path

from strategy.checks.rules import _ABBREVIATION, _URL

EXAMPLE = Path(__file__).parent.parent / "sections"
PLAIN_ABBREVIATION = re.compile(r"(?<![\w-])[A-ZĄĆĘŁŃÓŚŹŻ]{2,}(?![\w-])")
PLAIN_URL = re.compile(r"\bhttps?://\S+")
EDGES = ["AB", "xAB", "-AB", "AB-", "ABc", "A", "ĄĘ ŁÓ", "a AB, CD.", "_AB", "AB_", "\nAB",
         "(AB)", "ABCd EF", "ŻŻŻ-", "aŻŻ", "IPR-01 i LGD", "CS1 ZIT", "http://a", "xhttp://a",
         "(https://a.b/c) d", "_http://x", "https:/", "ahttps://x http://y", "Ahttp://z"]


def test_the_patterns_find_what_their_plain_forms_find():
    texts = EDGES + [p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.rglob("*.yaml"))]
    for text in texts:
        assert _ABBREVIATION.findall(text) == PLAIN_ABBREVIATION.findall(text), text[:80]
        assert _URL.sub(" ", text) == PLAIN_URL.sub(" ", text), text[:80]
