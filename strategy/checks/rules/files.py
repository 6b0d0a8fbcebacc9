"""The rule of the files the sections point at (strategy/model/files.py,
strategy/sections/files.py): each one in the sections folder, as its field was read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from strategy.checks.rules.engine import rule
from strategy.checks.rules.walks import _fields, _models
from strategy.checks.validated import Validated
from strategy.model.files import SectionFile
from strategy.sections.load import KeyPath


def _named_files(s: Any) -> Iterator[tuple[SectionFile, KeyPath]]:
    """Every value of a field typed as a path in the sections folder, whatever the model
    (a figure, a map, any such field added later), with its key path."""
    for obj, path in _models(s):
        for name in _fields(type(obj)):
            value = getattr(obj, name, None)
            if isinstance(value, SectionFile):
                yield value, (*path, name)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, SectionFile):
                        yield item, (*path, name, i)


@rule(partial=True, per_kind=True)
def named_files_are_in_the_sections_folder(s: Any, v: Validated):
    for value, path in _named_files(s):
        if value.refusal is not None:
            yield "error", value.refusal.code, path, dict(value.refusal.params)
