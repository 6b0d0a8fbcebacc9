"""The field reference (docs/fields.pl.md, docs/fields.en.md): generated from the models and
the fields books, current, complete, and linked from the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy.language.books import languages
from strategy.model.reference import files
from strategy.model.words import field_words, models, owner

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"


def test_the_committed_references_are_the_generated_ones():
    stale = [name for name, text in files().items()
             if not (DOCS / name).is_file() or (DOCS / name).read_text(encoding="utf-8") != text]
    assert stale == [], "run: python build_strategy.py schema"


@pytest.mark.parametrize("lang", languages())
def test_every_field_of_every_model_is_in_the_reference_with_its_words(lang):
    text = files()[f"fields.{lang}.md"]
    for name, model in models().items():
        if name == "Strategy":
            continue
        for field in model.model_fields:
            words = field_words(lang, owner(model, field), field)
            assert f"| `{field}` |" in text
            assert f"**{words.title}.** {words.description}" in text
            for code, meaning in words.codes.items():
                assert f"`{code}` – {meaning}" in text


def test_every_link_in_the_reference_has_its_anchor():
    import re

    for text in files().values():
        anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
        links = set(re.findall(r"\]\(#([^)]+)\)", text))
        assert links <= anchors, links - anchors


def test_the_readme_links_both_references():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for lang in languages():
        assert f"(docs/fields.{lang}.md)" in readme
