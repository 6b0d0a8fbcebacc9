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


def test_the_final_gate_s_words_find_what_the_language_files_write():
    """A word of the books' ``not_final`` starting with \\b is tried where its first
    letter stands (checks/final.py): at the same places, with the same spans."""
    from strategy.checks.final import patterns
    from strategy.language.books import language, languages

    texts = EDGES + ["TODO", "xTODO", "_TODO", "-TODO", "todo: x", "do uzupełnienia",
                     "ado uzupełnienia", "Dane ilustracyjne", "version 1.2 is a draft"] + [
        p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.rglob("*.yaml"))]
    for lang in languages():
        written = language(lang).get("not_final") or {}
        for kind, found in patterns(lang).items():
            plain = [re.compile(w, re.IGNORECASE) for w in written.get(kind) or ()]
            assert len(found) == len(plain)
            for ours, theirs in zip(found, plain, strict=True):
                for text in texts:
                    a, b = ours.search(text), theirs.search(text)
                    assert (a and a.span()) == (b and b.span()), (theirs.pattern, text[:60])
