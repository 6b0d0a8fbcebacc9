"""An indicator's numbers taken from snapshots of public statistics: each member's, the
area's and those of the units it is compared with, the marks BDL flags them with, and
how the area's value was made.

The partnership's area is the territory of all its members. A member lying inside
another member (a gmina of a powiat that is itself a member) adds no territory, so the
area is made of the *outermost* members, those no other member contains:

- ``sum`` adds the outermost members' values: a powiat and two of its gminas give the
  powiat's value, never the three added (the powiat's territory would count twice);
- ``rate`` divides the sum of the variable by the sum of the denominator over the same
  members, times ``per``, and each member's rate likewise: never an average of rates;
- ``none`` (not additive: a rate or an average GUS computes) gives the area no value,
  unless one member's territory is the whole area (a powiat beside only its own
  gminas): BDL's own value for that unit is then the area's.

A member for whom GUS gives no number, or withholds it (``x``: confidential), leaves
the area without a value, never with a smaller sum. A sum or rate made of values BDL
flags (``s``: preliminary estimates) carries their marks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from strategy.model.bdlmarks import MARKS
from strategy.model.statistics import POLAND, Reading, Snapshot, voivodeship_of

Basis = Literal["sum", "rate", "unit", "none", "lacking"]


@dataclass(frozen=True)
class Bound:
    """What a bound indicator prints. ``basis`` says how the area's value was made:
    ``sum``, ``rate``, ``unit`` (the BDL value of the member whose territory is the
    area, ``unit``), ``none`` (not additive) or ``lacking`` (members in ``lacking``
    have no number)."""

    members: dict[str, Reading]
    area: Reading
    basis: Basis
    unit: str | None = None
    lacking: tuple[str, ...] = ()
    compare: dict[str, Reading] = field(default_factory=dict)  # unit code -> reading
    nested: bool = False  # some member lies inside another

    @property
    def values(self) -> dict[str, float | None]:
        return {ident: r.number for ident, r in self.members.items()}


def outermost(members: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The members (ID, TERYT) no other member contains: a TERYT code lies inside those
    it starts with (gmina 1410023 in powiat 1410, in voivodeship 14)."""
    codes = {teryt for _, teryt in members}
    return [(ident, teryt) for ident, teryt in members
            if not any(teryt != other and teryt.startswith(other) for other in codes)]


def compared(indicator: Any, members: list[tuple[str, str]]) -> list[str]:
    """The units an indicator asks to be compared with: its members' voivodeships, Poland."""
    asked = getattr(indicator, "compare", None) or ()
    units = sorted({voivodeship_of(t) for _, t in members}) if "voivodeship" in asked else []
    return units + ([POLAND] if "poland" in asked else [])


def bindable(indicator: Any) -> bool:
    """Whether an indicator names a snapshot and says how to make the area's value: a
    rate with its denominator, anything else without one."""
    aggregate = getattr(indicator, "aggregate", None)
    return getattr(indicator, "variable", None) is not None and aggregate is not None and (
        aggregate == "rate") == (getattr(indicator, "denominator", None) is not None)


def bind(indicator: Any, snapshots: dict[str, Snapshot],
         members: list[tuple[str, str]]) -> Bound:
    """The indicator's numbers in its year from ``snapshots`` (which hold its variable and,
    for a rate, its denominator); ``members`` are (ID, TERYT)."""
    year, aggregate, per = indicator.year, indicator.aggregate, indicator.per
    top = snapshots[indicator.variable]
    bottom = snapshots[indicator.denominator] if aggregate == "rate" else None

    def read(unit: str) -> Reading:
        a = top.reading(unit, year) or Reading(None)
        if bottom is None:
            return a
        return _ratio(a, bottom.reading(unit, year) or Reading(None), per)

    readings = {ident: read(teryt) for ident, teryt in members}
    outer = outermost(members)
    compare = {code: read(code) for code in compared(indicator, members)
               if top.has(code) and (bottom is None or bottom.has(code))}
    common = {"compare": compare, "nested": len(outer) < len(members)}
    lacking = tuple(ident for ident, _ in outer if readings[ident].number is None)
    if aggregate == "none" or (aggregate == "sum" and len(outer) == 1):
        if len(outer) != 1:
            return Bound(readings, Reading(None), "none", **common)
        ident = outer[0][0]
        if not readings[ident].known:
            return Bound(readings, Reading(None), "lacking", lacking=lacking, **common)
        return Bound(readings, readings[ident], "unit", unit=ident, **common)
    if lacking:
        return Bound(readings, Reading(None), "lacking", lacking=lacking, **common)
    tops = [top.reading(t, year) or Reading(None) for _, t in outer]
    if bottom is None:
        total = sum(r.number for r in tops)  # type: ignore[misc]
        return Bound(readings, Reading(total, _carried(tops)), "sum", **common)
    bottoms = [bottom.reading(t, year) or Reading(None) for _, t in outer]
    if any(r.number is None for r in tops + bottoms) or not sum(
            r.number for r in bottoms):  # type: ignore[misc]
        return Bound(readings, Reading(None), "lacking",
                     lacking=tuple(i for i, _ in outer), **common)
    rate = sum(r.number for r in tops) / sum(r.number for r in bottoms) * per  # type: ignore[misc]
    return Bound(readings, Reading(rate, _carried(tops + bottoms)), "rate", **common)


def _ratio(a: Reading, b: Reading, per: float) -> Reading:
    marks = _carried([a, b])
    if a.withheld or b.withheld:  # the mark BDL prints instead of the number
        return Reading(None, (a if a.withheld else b).marks, withheld=True)
    if a.number is None or not b.number:
        return Reading(None)
    return Reading(a.number / b.number * per, marks)


def _carried(readings: list[Reading]) -> tuple[str, ...]:
    """The marks a number made of ``readings`` keeps: their flags (an estimate added in
    makes the sum an estimate), not the marks of a zero (``a``: less than the format)."""
    marks: dict[str, None] = {}
    for reading in readings:
        for mark in reading.marks:
            if mark not in MARKS or MARKS[mark][0] == "value":
                marks[mark] = None
    return tuple(marks)
