"""The words for the models: a title and a description of every model and field, the
meaning of every code, an example of every list item, per language.

They live in the fields book of each language, ``strategy/language/<lang>/fields.yaml``
(read through ``language.books``, the one loader), keyed by the model's class name:

    models:
      Member:
        title: Członek partnerstwa
        description: …
        example: |                    # required for a model that is an item of a list
          id: huszlew                 # (YAML as the officer writes it, kept as text so that
          name: Gmina Huszlew         # every entry of the book is a phrase)
        fields:
          kind:
            title: Rodzaj
            description: …
            codes: {urban: gmina miejska, …}   # one entry per code of a Literal

A field is described where it is declared: ``Implementation.title`` is ``Part.title``.
The schemas (``schema.py``) and the field reference (``reference.py``) are built from
these words; ``gaps`` names every entry a language lacks, and tests/test_fields_book.py
fails until there are none.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel

from strategy.language import books
from strategy.model.strategy import Strategy

BOOK = "fields"


def _unwrap(annotation: Any) -> Iterator[Any]:
    """The plain types an annotation is made of (through Annotated, unions, lists, dicts)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _unwrap(typing.get_args(annotation)[0])
    elif origin in (typing.Union, types.UnionType, list, dict, tuple, set):
        for arg in typing.get_args(annotation):
            yield from _unwrap(arg)
    else:
        yield annotation


def codes(annotation: Any) -> list[str]:
    """The codes a field accepts: the values of every Literal in its annotation."""
    found: list[str] = []
    stack = [annotation]
    while stack:
        current = stack.pop(0)
        origin = typing.get_origin(current)
        if origin is typing.Literal:
            found += [str(v) for v in typing.get_args(current) if str(v) not in found]
        elif origin is not None:
            stack[:0] = list(typing.get_args(current))
    return found


def nested(annotation: Any) -> list[type[BaseModel]]:
    """The models a field holds (itself, as a list item or as a dict value)."""
    return [t for t in _unwrap(annotation) if isinstance(t, type) and issubclass(t, BaseModel)]


def is_list_of_models(annotation: Any) -> bool:
    for t in union_members(annotation):
        if typing.get_origin(t) is list and nested(typing.get_args(t)[0]):
            return True
    return False


def union_members(annotation: Any) -> list[Any]:
    """The alternatives of an annotation, through Annotated and unions (not into lists)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return union_members(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [a for arg in typing.get_args(annotation) for a in union_members(arg)]
    return [annotation]


def models(root: type[BaseModel] = Strategy) -> dict[str, type[BaseModel]]:
    """Every model reachable from ``root``, by class name, in the order first met."""
    found: dict[str, type[BaseModel]] = {}

    def visit(model: type[BaseModel]) -> None:
        if model.__name__ in found:
            return
        found[model.__name__] = model
        for info in model.model_fields.values():
            for inner in nested(info.annotation):
                visit(inner)

    visit(root)
    return found


def list_items() -> set[str]:
    """Names of the models that are items of a list somewhere (they get an example)."""
    items: set[str] = set()
    for model in models().values():
        for info in model.model_fields.values():
            if is_list_of_models(info.annotation):
                items.update(m.__name__ for m in nested(info.annotation))
    return items


def owner(model: type[BaseModel], field: str) -> type[BaseModel]:
    """The class that declares ``field`` (a subclass inherits its parent's words)."""
    for cls in model.__mro__:
        if field in getattr(cls, "__annotations__", {}) and issubclass(cls, BaseModel):
            return cls
    return model


@dataclass(frozen=True)
class FieldWords:
    title: str
    description: str
    codes: dict[str, str]


def _book(lang: str) -> dict[str, Any]:
    return (books.book(lang, BOOK) or {}).get("models") or {}


def model_words(lang: str, model: type[BaseModel]) -> dict[str, Any]:
    return _book(lang).get(model.__name__) or {}


def example(lang: str, model: type[BaseModel]) -> Any:
    """The example of ``model`` in ``lang`` as data (the book holds it as YAML text), or
    None."""
    text = model_words(lang, model).get("example")
    return yaml.safe_load(text) if isinstance(text, str) and text.strip() else None


def field_words(lang: str, model: type[BaseModel], field: str) -> FieldWords:
    entry = (model_words(lang, owner(model, field)).get("fields") or {}).get(field) or {}
    return FieldWords(str(entry.get("title", "")), str(entry.get("description", "")),
                      {str(k): str(v) for k, v in (entry.get("codes") or {}).items()})


def phrase(lang: str, key: str) -> str:
    """A word of the book outside the models (``reference.required``, ``types.text``…)."""
    value: Any = books.book(lang, BOOK)
    for part in key.split("."):
        value = value[part]
    return str(value)


# --- completeness: what a language lacks -------------------------------------------------

@dataclass(frozen=True)
class Gap:
    """One entry a language's fields book lacks (or holds without a model to describe)."""

    lang: str
    path: tuple[str, ...]  # e.g. ("Member", "fields", "kind", "codes", "powiat")
    stale: bool = False

    def __str__(self) -> str:
        where = f"strategy/language/{self.lang}/fields.yaml"
        key = "models." + ".".join(self.path)
        if self.stale:
            return f"{where}: remove {key} (no such model, field or code any more)"
        return f"{where}: add {key}"


def gaps(lang: str) -> list[Gap]:
    """Every title, description, code meaning and list-item example ``lang`` lacks, and every
    entry it holds for a model, field or code that no longer exists."""
    book = _book(lang)
    found: list[Gap] = []
    items = list_items()
    declared: dict[str, set[str]] = {}
    for name, model in models().items():
        entry = book.get(name) or {}
        for key in ("title", "description"):
            if not str(entry.get(key) or "").strip():
                found.append(Gap(lang, (name, key)))
        if name in items and example(lang, model) is None:
            found.append(Gap(lang, (name, "example")))
        for field, info in model.model_fields.items():
            declaring = owner(model, field)
            if declaring is not model and declaring.__name__ in models():
                continue  # described with the class that declares it
            declared.setdefault(name, set()).add(field)
            words = (entry.get("fields") or {}).get(field) or {}
            for key in ("title", "description"):
                if not str(words.get(key) or "").strip():
                    found.append(Gap(lang, (name, "fields", field, key)))
            meanings = words.get("codes") or {}
            for code in codes(info.annotation):
                if not str(meanings.get(code) or "").strip():
                    found.append(Gap(lang, (name, "fields", field, "codes", code)))
            for code in meanings:
                if str(code) not in codes(info.annotation):
                    found.append(Gap(lang, (name, "fields", field, "codes", str(code)), True))
    for name, entry in book.items():
        if name not in models():
            found.append(Gap(lang, (name,), True))
            continue
        for field in (entry or {}).get("fields") or {}:
            if field not in declared.get(name, set()):
                found.append(Gap(lang, (name, "fields", field), True))
    return found
