"""Every number the sections mark as an estimate or as illustrative, with where it is.

A number a user enters may say how it is known (model/common.py, ``Quantity``): an
estimate to a precision, or an illustrative figure standing in for real data. A
diagnosis indicator marked ``illustrative: true`` marks every value it types. A final
version must not rest on such numbers (issue 11: the final gate refuses them); this is
the one list that gate reads, each number with its file and line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from strategy.model.common import Quantity
from strategy.model.diagnosis import Indicator
from strategy.problems import Mark
from strategy.sections.load import KeyPath


@dataclass(frozen=True)
class MarkedNumber:
    mark: Mark  # the file, line and column of the number
    path: KeyPath  # (kind, field, …) as in the model
    value: Decimal
    estimate: bool
    illustrative: bool
    precision: Decimal | None = None


def marked_numbers(validated: Any) -> list[MarkedNumber]:
    """The marked numbers of every valid kind of ``validated`` (the validate stage's
    :class:`~strategy.checks.validated.Validated`), in the order of the sections."""
    return [MarkedNumber(validated.sections.mark(n.path), n.path, n.value, n.estimate,
                         n.illustrative, n.precision) for n in marked(validated)]


@dataclass(frozen=True)
class Marked:
    """A marked number before its mark is looked up."""

    path: KeyPath
    value: Decimal
    estimate: bool
    illustrative: bool
    precision: Decimal | None = None


def marked(validated: Any) -> Iterator[Marked]:
    """The marked numbers of ``marked_numbers``, in its order, without their marks: a
    mark is looked up in its file's positions, and a reader of many numbers (the final
    gate, one blocker per item) may need only a few."""
    for kind, model in validated.kinds.items():
        yield from _marked(model, (kind,))


def marked_of(model: Any, kind: str) -> Iterator[Marked]:
    """``marked`` of one kind's model."""
    return _marked(model, (kind,))


def _marked(model: Any, base: KeyPath) -> Iterator[Marked]:
    found: list[tuple[KeyPath, Quantity]] = []
    indicators: list[tuple[KeyPath, Indicator]] = []
    _walk(model, base, found, indicators, True)
    for path, q in found:
        yield Marked(path, q.value, q.estimate, q.illustrative, q.precision)
    for path, indicator in indicators:
        if not indicator.illustrative or indicator.variable is not None:
            continue  # values bound to a snapshot are public statistics, not typed
        for member, value in (indicator.values or {}).items():
            if value is not None and not value.marked:
                yield Marked((*path, "values", member), value.value, False, True)
        if indicator.area is not None and not indicator.area.marked:
            yield Marked((*path, "area"), indicator.area.value, False, True)


def _walk(obj: Any, path: KeyPath, found: list[tuple[KeyPath, Quantity]],
          indicators: list[tuple[KeyPath, Indicator]], outside: bool) -> None:
    """One walk of a model for both: every marked Quantity (fields, list items, mapping
    values: model.common.quantities' order) and, in their order, the indicators reached
    by fields and list items (``outside``: not within an indicator or a mapping)."""
    if isinstance(obj, Quantity):
        if obj.marked:
            found.append((path, obj))
    elif isinstance(obj, BaseModel):
        if outside and isinstance(obj, Indicator):
            indicators.append((path, obj))
            outside = False
        for name in type(obj).model_fields:
            _walk(getattr(obj, name), (*path, name), found, indicators, outside)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            _walk(item, (*path, i), found, indicators, outside)
    elif isinstance(obj, dict):
        for key, item in obj.items():
            _walk(item, (*path, key), found, indicators, False)
