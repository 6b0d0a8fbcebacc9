"""The model objects under each kind's model, walked once per run of the rules: what the
rules that read every object of every kind (accessibility, files, abbreviations) walk."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from strategy.checks.rules.engine import _RUN, _WALKS
from strategy.model.kinds import KINDS
from strategy.sections.load import KeyPath

_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(cls.model_fields)
    return names


def _walk_models(obj: Any, path: KeyPath, found: list[tuple[Any, KeyPath]]) -> None:
    found.append((obj, path))
    for name in _fields(type(obj)):
        value = getattr(obj, name, None)
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _walk_models(item, (*path, name, i), found)
        elif isinstance(value, BaseModel):
            _walk_models(value, (*path, name), found)


def _models(s: Any) -> Iterator[tuple[Any, KeyPath]]:
    """Every model object in the valid kinds, with its key path."""
    for kind in KINDS:
        if s.has(kind):
            model = getattr(s, kind)
            walked = _WALKS.get(id(model))
            if walked is None or walked[0] is not model:
                walked = (model, [])
                _walk_models(model, (kind,), walked[1])
                if _RUN["on"]:
                    _WALKS[id(model)] = walked
            yield from walked[1]
