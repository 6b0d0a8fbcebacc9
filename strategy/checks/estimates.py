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

from strategy.model.common import Quantity, quantities
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
    found: list[MarkedNumber] = []
    for kind, model in validated.kinds.items():
        for path, q in _marked(model, (kind,)):
            found.append(MarkedNumber(validated.sections.mark(path), path, q.value,
                                      q.estimate, q.illustrative, q.precision))
    return found


def _marked(model: Any, base: KeyPath) -> Iterator[tuple[KeyPath, Quantity]]:
    for path, q in quantities(model, base):
        if q.marked:
            yield path, q
    for path, indicator in _indicators(model, base):
        if not indicator.illustrative or indicator.variable is not None:
            continue  # values bound to a snapshot are public statistics, not typed
        for member, value in (indicator.values or {}).items():
            if value is not None and not value.marked:
                yield (*path, "values", member), Quantity(value=value.value, illustrative=True)
        if indicator.area is not None and not indicator.area.marked:
            yield (*path, "area"), Quantity(value=indicator.area.value, illustrative=True)


def _indicators(obj: Any, path: KeyPath) -> Iterator[tuple[KeyPath, Indicator]]:
    if isinstance(obj, Indicator):
        yield path, obj
    elif hasattr(type(obj), "model_fields"):
        for name in type(obj).model_fields:
            yield from _indicators(getattr(obj, name), (*path, name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _indicators(item, (*path, i))
