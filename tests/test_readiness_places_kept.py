"""readiness keeps the chapters it names under what the document's outline is made from:
every kind's data, its prose only by whether it is empty (compose/outline_inputs.py).
After a word changed in a paragraph nothing is composed and the places are the same;
a changed title, an emptied paragraph or anything else composes the outline again. The
report is the same, word for word, with the cache and without it.
"""

from __future__ import annotations

import hashlib
import re
import typing
from pathlib import Path

import pytest
from checking import copy_tiny, edit, every_readiness_output, readiness_output
from pydantic import BaseModel

from strategy import pipeline
from strategy.compose.outline_inputs import PROSE
from strategy.model import KINDS

TEMPLATES = Path(pipeline.__file__).parent / "compose" / "templates"


@pytest.fixture
def composed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The language of every outline readiness composes."""
    made: list[str] = []
    original = pipeline._composed_places

    def counted(validated, lang, store):
        made.append(lang)
        return original(validated, lang, store)

    monkeypatch.setattr(pipeline, "_composed_places", counted)
    return made


def test_a_word_changed_in_a_paragraph_composes_nothing_and_names_the_same_places(
        tmp_path: Path, composed: list[str]):
    root = copy_tiny(tmp_path)
    cache = tmp_path / "cache"
    assert every_readiness_output(root, cache) == every_readiness_output(root, "off")
    edit(root, "introduction.yaml", "Prace prowadziła grupa", "Prace prowadził zespół")
    edit(root, "diagnosis.yaml", "spada od dekady", "spada od lat")
    composed.clear()
    assert every_readiness_output(root, cache) == every_readiness_output(root, "off")
    assert composed == ["pl", "en"] * 2  # only the runs without the cache composed


def test_a_changed_title_or_an_emptied_paragraph_composes_the_outline_again(
        tmp_path: Path, composed: list[str]):
    root = copy_tiny(tmp_path)
    cache = tmp_path / "cache"
    readiness_output(root, cache)
    edit(root, "diagnosis.yaml", "title: Demografia", "title: Ludność")
    composed.clear()
    code, text = readiness_output(root, cache)
    assert composed == ["pl"] and (code, text) == readiness_output(root, "off")
    # A paragraph that is no more: its part prints nothing where it printed a text.
    edit(root, "diagnosis.yaml", "text: Liczba ludności obszaru spada od dekady.", "text: ''")
    composed.clear()
    assert readiness_output(root, cache) == readiness_output(root, "off")
    assert composed == ["pl", "pl"]


def test_a_damaged_kept_entry_is_composed_again(tmp_path: Path, composed: list[str]):
    root = copy_tiny(tmp_path)
    cache = tmp_path / "cache"
    expected = every_readiness_output(root, "off")
    readiness_output(root, cache)
    (entry,) = (cache / "places").glob("*.json")
    for wrong in (b"[1, 2]", b'{"introduction": 1}', b"{not json"):
        entry.write_bytes(hashlib.sha256(wrong).digest() + wrong)
        composed.clear()
        assert readiness_output(root, cache) == expected[0] and composed == ["pl"]
    entry.write_bytes(b"not even a checksum")
    assert readiness_output(root, cache) == expected[0]


def _model_of(annotation: typing.Any) -> type[BaseModel] | None:
    """The model a field holds (itself, or the items of its list), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    found = (_model_of(a) for a in typing.get_args(annotation))
    return next((model for model in found if model is not None), None)


def _masked_fields(model: type[BaseModel], spec: dict, seen: set[int]) -> set[str]:
    if id(spec) in seen:  # a spec that refers to itself (goals within goals)
        return set()
    seen = seen | {id(spec)}
    names = set()
    for name, child in spec.items():
        assert name in model.model_fields, f"{model.__name__} has no field {name!r}"
        if child is True:
            names.add(name)
            continue
        inner = _model_of(model.model_fields[name].annotation)
        assert inner is not None, f"{model.__name__}.{name} holds no model"
        names |= _masked_fields(inner, child.get("*", child), seen)
    return names


def test_every_field_left_out_is_a_field_of_its_kind_that_a_template_prints_as_prose():
    """The outline prints the fields ``prose`` and ``bullets`` print as nothing: those are
    the only ones readiness may key its places without (a misspelt or moved field
    would key them by nothing at all)."""
    printed = set()
    for template in TEMPLATES.glob("*.j2"):
        printed |= set(re.findall(r"\.(\w+) \| (?:prose|bullets)", template.read_text(
            encoding="utf-8")))
    for kind, spec in PROSE.items():
        assert kind in KINDS
        assert _masked_fields(KINDS[kind].model, spec, set()) <= printed, kind
