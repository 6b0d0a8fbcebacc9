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
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr, StringConstraints, field_validator

from strategy.model.bdlmarks import DASH, IDS, MARKS, PLAIN_IDS, Shows
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


class Attribute(Model):
    """What one BDL attribute means: the mark BDL prints, and whether with a number."""

    symbol: str = Field(default="", max_length=3)
    shows: Shows = "value"
    description: Text


class Value(Model):
    unit: UnitCode
    year: Year
    value: float | None
    attribute: int | str | None = None


@dataclass(frozen=True)
class Reading:
    """A value as the document may print it: its number, unless BDL withholds it, and
    the marks BDL flags it with."""

    number: float | None
    marks: tuple[str, ...] = ()
    withheld: bool = False  # BDL gives a mark instead of a number (x, n, "-")

    @property
    def known(self) -> bool:
        """A number, or a mark that BDL gives instead of one: GUS answered."""
        return self.number is not None or self.withheld


class Snapshot(Model):
    """One variable of GUS BDL as retrieved on one day."""

    id: Id
    variable: int | None = Field(default=None, gt=0)
    name: Text
    measure: Text
    retrieved: dt.date
    updated: dt.date | None = None
    origin: Origin
    attributes: dict[str, Attribute] = Field(default_factory=dict)
    units: list[Unit] = Field(min_length=1)
    values: list[Value] = Field(min_length=1)
    _index: dict[tuple[str, int], Value] | None = PrivateAttr(default=None)

    @field_validator("attributes", mode="before")
    @classmethod
    def _legend_as_text(cls, legend: Any) -> Any:
        """A legend written as text ("s – Szacunki wstępne", by the first ``data fetch``)
        is read as its symbol and description; what BDL prints follows from the symbol."""
        if not isinstance(legend, dict):
            return legend
        return {key: _attribute_of_text(item) if isinstance(item, str) else item
                for key, item in legend.items()}

    def reading(self, unit: str, year: int) -> Reading | None:
        """What the snapshot says for ``unit`` in ``year``; None when it has no row."""
        row = self._table().get((unit, year))
        if row is None:
            return None
        meaning = self.meaning(row.attribute)
        if meaning is None:
            return Reading(row.value)
        marks = (meaning.symbol,) if meaning.symbol else ()
        if meaning.shows == "none":
            return Reading(None, marks, withheld=True)
        return Reading(row.value, marks)

    def meaning(self, attribute: int | str | None) -> Attribute | None:
        """What ``attribute`` means: the snapshot's legend, else BDL's published list;
        None for a plain value. An attribute nobody explains prints as itself."""
        if attribute is None or attribute in PLAIN_IDS or str(attribute) in ("0", "1"):
            return None
        key = str(attribute)
        if key in self.attributes:
            return self.attributes[key]
        published = published_attribute(attribute)
        if published is not None:
            return published
        return Attribute(symbol=key[:3], shows="value", description=key)

    def explains(self, attribute: int | str | None) -> bool:
        """Whether the legend or BDL's published list says what ``attribute`` means."""
        return (attribute is None or str(attribute) in ("0", "1")
                or str(attribute) in self.attributes or published_attribute(attribute) is not None)

    def value(self, unit: str, year: int) -> float | None:
        """The number for ``unit`` in ``year``; None when GUS gives none or withholds it."""
        reading = self.reading(unit, year)
        return None if reading is None else reading.number

    def covers(self, unit: str, year: int) -> bool:
        """Whether GUS answered for ``unit`` in ``year``: a number, or a mark in its place."""
        reading = self.reading(unit, year)
        return reading is not None and reading.known

    def has(self, unit: str) -> bool:
        return any(u.code == unit for u in self.units)

    def unit_name(self, unit: str) -> str:
        return next((u.name for u in self.units if u.code == unit), unit)

    def years(self) -> list[int]:
        return sorted({v.year for v in self.values})

    def _table(self) -> dict[tuple[str, int], Value]:
        if self._index is None:
            self._index = {(v.unit, v.year): v for v in self.values}
        return self._index


def published_attribute(attribute: int | str) -> Attribute | None:
    """An attribute of BDL's published list, by its API id or its symbol."""
    if isinstance(attribute, str) and attribute.isdigit():
        attribute = int(attribute)
    if attribute == 15:
        return Attribute(symbol="", shows=DASH[0], description=DASH[1])
    symbol = IDS.get(attribute) if isinstance(attribute, int) else str(attribute)
    if symbol in MARKS:
        shows, words = MARKS[symbol]
        return Attribute(symbol=symbol, shows=shows, description=words)
    return None


def _attribute_of_text(text: str) -> dict[str, str]:
    symbol, dash, words = text.partition(" – ")
    if not dash or len(symbol.strip()) > 3:
        return {"description": text}
    symbol = symbol.strip()
    shows = MARKS[symbol][0] if symbol in MARKS else "value"
    return {"symbol": symbol, "shows": shows, "description": words.strip() or symbol}


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
