"""readiness points into the document with the numbers the document's chapters have.

It numbers them from the document composed without its tables and the user's prose
(they hold no heading, and making them is most of the rendering); the numbers must be
exactly those of the document a build composes, for the example and for each real
partnership.
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


def test_the_users_prose_never_makes_a_heading_so_the_outline_leaves_it_out(
        tmp_path: Path, monkeypatch):
    """The outline readiness numbers from leaves out the user's prose and lists: typed
    headings (which check refuses anyway), fences and lists in them are text of the
    document, never its headings nor what hides them."""
    from checking import copy_tiny, edit

    monkeypatch.setenv("STRATEGY_CACHE", "off")
    root = copy_tiny(tmp_path)
    edit(root, "introduction.yaml", "  Prace prowadziła grupa robocza:\n",
         "  ```\n\n  ~~~\n\n  Fragment wpisany przez użytkownika\n\n"
         "  Prace prowadziła grupa robocza:\n")
    validated = load_and_validate(root)
    strategy = validated.strategy
    assert strategy is not None, [p.message("en") for p in validated.problems]
    words = labels(strategy.strategy.language)
    document = compose(strategy, tmp_path / "full", root, draw=False).markdown
    assert "Fragment wpisany przez użytkownika" in document  # printed, as text
    for lang in ("pl", "en"):
        assert chapter_places(validated, lang) == places_in(document, words, lang) != {}
    # Headings typed in the prose itself: the document prints them escaped, as text.
    edit(root, "introduction.yaml", "  Fragment wpisany", "  # Rozdział {#cele}\n\n"
         "  ## Podrozdział\n  Fragment wpisany")
    strategy = load_and_validate(root).strategy
    assert strategy is not None
    document = compose(strategy, tmp_path / "full", root, draw=False).markdown
    outlined = compose(strategy, tmp_path / "outline", root, draw=False,
                       tables=False).markdown
    assert "Fragment wpisany przez użytkownika" not in outlined
    assert outline(outlined) == outline(document)
    assert all(h.title not in ("Rozdział", "Podrozdział") for h in outline(document))
