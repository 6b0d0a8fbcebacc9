"""readiness points into the document with the numbers the document's chapters have.

It numbers them from the document composed without its tables (tables hold no
heading, and making them is most of the rendering); the numbers must be exactly those
of the document a build composes, for the example and for each real partnership.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy.compose.annexes import places_in
from strategy.compose.compose import compose
from strategy.compose.outline import outline
from strategy.language.labels import labels
from strategy.pipeline import chapter_places, load_and_validate

HERE = Path(__file__).parent
FOLDERS = [HERE.parent / "sections", *(HERE / "fixtures" / "real" / name
                                      for name in ("coastal", "metro_association",
                                                   "metro_union"))]


@pytest.mark.parametrize("root", FOLDERS, ids=lambda p: p.name)
def test_readiness_names_the_chapters_as_the_composed_document_numbers_them(
        root: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    validated = load_and_validate(root)
    strategy = validated.strategy
    assert strategy is not None
    document = compose(strategy, tmp_path / "full", root, draw=False).markdown
    words = labels(strategy.strategy.language)
    for lang in ("pl", "en"):
        places = chapter_places(validated, lang)
        assert places == places_in(document, words, lang)
        assert places  # the document has chapters readiness points to
    # Every heading, numbered or not, in order: the same outline with or without tables.
    outlined = compose(strategy, tmp_path / "outline", root, draw=False,
                       tables=False).markdown
    assert outline(outlined) == outline(document)
