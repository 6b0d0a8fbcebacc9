"""The fields books (strategy/language/<lang>/fields.yaml): every model, every field and
every code of the sections has a title, a description and a meaning in every language,
and every list item an example that the model itself accepts. This is what makes the
editor's hover, completion and the field reference (docs/fields.<lang>.md) complete: a
field added to a model without its words fails here, saying exactly what to add where."""

from __future__ import annotations

import pytest
import yaml

from strategy.language.books import HERE, languages
from strategy.model.words import example, field_words, gaps, list_items, models, owner


def _snippet(gap_paths: list[tuple[str, ...]]) -> str:
    """The missing entries as the YAML to paste into the book."""
    tree: dict = {}
    for path in gap_paths:
        node = tree
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = "…"
    return yaml.safe_dump({"models": tree}, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize("lang", languages())
def test_every_model_field_and_code_is_described(lang):
    missing = [g for g in gaps(lang) if not g.stale]
    assert not missing, (
        f"{len(missing)} entries are missing from strategy/language/{lang}/fields.yaml "
        f"(a title and a description for each model and field, a meaning for each code, "
        f"an example for each list item), in the language of that folder:\n"
        + "\n".join(str(g) for g in missing)
        + "\n\nAdd them under models: (then run: python build_strategy.py schema):\n"
        + _snippet([g.path for g in missing]))


@pytest.mark.parametrize("lang", languages())
def test_the_book_describes_nothing_that_does_not_exist(lang):
    stale = [str(g) for g in gaps(lang) if g.stale]
    assert stale == []


def test_the_check_finds_a_field_without_words(monkeypatch):
    from strategy.model import words

    book = yaml.safe_load((HERE / "pl" / "fields.yaml").read_text(encoding="utf-8"))
    del book["models"]["Member"]["fields"]["teryt"]["description"]
    del book["models"]["Funding"]["fields"]["source"]["codes"]["own"]
    del book["models"]["Meeting"]["example"]
    monkeypatch.setattr(words.books, "book", lambda lang, name: book)
    found = {str(g) for g in words.gaps("pl")}
    assert found == {
        "strategy/language/pl/fields.yaml: add models.Member.fields.teryt.description",
        "strategy/language/pl/fields.yaml: add models.Funding.fields.source.codes.own",
        "strategy/language/pl/fields.yaml: add models.Meeting.example",
    }


def test_model_names_are_unique_so_that_the_book_can_key_by_them():
    seen: dict[str, str] = {}
    for name, model in models().items():
        assert seen.setdefault(name, model.__module__) == model.__module__


@pytest.mark.parametrize("lang", languages())
@pytest.mark.parametrize("name", sorted(list_items()))
def test_every_example_is_valid_for_its_model(lang, name):
    model = models()[name]
    model.model_validate(example(lang, model))


def test_an_inherited_field_is_described_once_with_the_class_that_declares_it():
    implementation, part = models()["Implementation"], models()["Part"]
    assert owner(implementation, "title") is part
    assert field_words("pl", implementation, "title") == field_words("pl", part, "title")
    assert field_words("pl", implementation, "guidelines").title == "Wytyczne"
