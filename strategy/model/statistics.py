"""Public statistics the diagnosis stands on: snapshots of GUS BDL variables.

A snapshot is one variable as it was retrieved: its values per territorial unit and
year, the unit of measure, the attribute of each value, the variable's name and BDL
id, the date of retrieval and where it came from (the BDL API or a CSV file downloaded
from the BDL web site). ``data fetch`` and ``data import`` write them, one file per
variable in ``sections/statistics/``; the build only reads them, so it stays offline
and every release archives the numbers it printed.

``bdl.yaml`` is what ``data fetch`` asks for: the variables, each BDL id pinned with
its name (so that a mistyped id is caught instead of fetching another statistic), and
the years.

Units are keyed by their TERYT (TERC) code, as the partnership's members are: 7 digits
for a gmina, 4 for a powiat, 2 for a voivodeship, and ``PL`` for the whole country.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, StringConstraints

from strategy.model.common import Id, Model, Text, Year

UnitCode = Annotated[str, StringConstraints(pattern=r"^(PL|\d{2}|\d{4}|\d{7})$")]
BdlUnitId = Annotated[str, StringConstraints(pattern=r"^\d{12}$")]
POLAND = "PL"

Compare = Literal["voivodeship", "poland"]


class RequestedVariable(Model):
    """One BDL variable to fetch: its id, pinned with its name."""

    id: Id
    variable: int = Field(gt=0)
    name: Text
    years: list[Year] = Field(default_factory=list)


class BdlRequest(Model):
    """What ``data fetch`` asks GUS BDL for."""

    years: list[Year] = Field(min_length=1)
    compare: list[Compare] = Field(default_factory=list)
    variables: list[RequestedVariable] = Field(min_length=1)


class Origin(Model):
    """Where a snapshot came from."""

    kind: Literal["api", "csv"]
    url: str = ""
    file: str = ""
    sha256: str = ""
    subject: str = ""


class Unit(Model):
    """A territorial unit of the snapshot, as GUS names it."""

    code: UnitCode
    name: Text
    bdl: BdlUnitId | None = None


class Value(Model):
    unit: UnitCode
    year: Year
    value: float | None
    attribute: int | str | None = None


class Snapshot(Model):
    """One variable of GUS BDL as retrieved on one day."""

    id: Id
    variable: int | None = Field(default=None, gt=0)
    name: Text
    measure: Text
    retrieved: dt.date
    updated: dt.date | None = None
    origin: Origin
    attributes: dict[str, Text] = Field(default_factory=dict)
    units: list[Unit] = Field(min_length=1)
    values: list[Value] = Field(min_length=1)
    _index: dict[tuple[str, int], float | None] | None = PrivateAttr(default=None)

    def value(self, unit: str, year: int) -> float | None:
        """The value for ``unit`` in ``year``; None when GUS gives none."""
        return self._table().get((unit, year))

    def covers(self, unit: str, year: int) -> bool:
        """Whether the snapshot holds a number for ``unit`` in ``year``."""
        return self._table().get((unit, year)) is not None

    def years(self) -> list[int]:
        return sorted({v.year for v in self.values})

    def _table(self) -> dict[tuple[str, int], float | None]:
        if self._index is None:
            self._index = {(v.unit, v.year): v.value for v in self.values}
        return self._index


class Statistics(Model):
    snapshots: list[Snapshot] = Field(min_length=1)


def voivodeship_of(teryt: str) -> str:
    """The voivodeship's code of a TERYT code: its first two digits."""
    return teryt[:2]


def needed(indicator: object) -> list[str]:
    """The snapshots an indicator's values are made from: its variable, and for a rate
    its denominator."""
    return [i for i in (getattr(indicator, "variable", None),
                        getattr(indicator, "denominator", None)) if i]


def indicator_values(indicator: object, snapshots: dict[str, Snapshot],
                     members: list[tuple[str, str]]) -> tuple[dict[str, float | None],
                                                              float | None]:
    """Each member's value (member ID -> value) and the area's, in the indicator's year.

    ``members`` are (ID, TERYT). ``sum`` adds the gminas (a powiat member's territory is
    that of its gminas, so adding it too would count it twice; a partnership of powiats
    alone adds the powiats); ``rate`` divides the sum of the variable by the sum of the
    denominator, times ``per``; ``none`` gives the area no value. A member the snapshot
    has no number for makes the area's value unknown, never a smaller sum.
    """
    year = indicator.year  # type: ignore[attr-defined]
    aggregate = indicator.aggregate  # type: ignore[attr-defined]
    top = snapshots[indicator.variable]  # type: ignore[attr-defined]
    bottom = snapshots.get(indicator.denominator) if aggregate == "rate" else None  # type: ignore[attr-defined]
    per = indicator.per  # type: ignore[attr-defined]
    values: dict[str, float | None] = {}
    for ident, teryt in members:
        a = top.value(teryt, year)
        if bottom is None:
            values[ident] = a
            continue
        b = bottom.value(teryt, year)
        values[ident] = None if a is None or not b else a / b * per
    if aggregate == "none":
        return values, None
    gminas = [t for _, t in members if len(t) == 7]
    territory = gminas or [t for _, t in members]
    tops = [top.value(t, year) for t in territory]
    if any(v is None for v in tops):
        return values, None
    if bottom is None:
        return values, sum(tops)  # type: ignore[arg-type]
    bottoms = [bottom.value(t, year) for t in territory]
    if any(v is None for v in bottoms) or not sum(bottoms):  # type: ignore[arg-type]
        return values, None
    return values, sum(tops) / sum(bottoms) * per  # type: ignore[arg-type]
