"""Joint investments: one project sheet (fiszka projektowa) each."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from strategy.model.common import EnteredAmount, EnteredCost, EnteredNumber, Id, Model, Text, Year

FundingSource = Literal["eu_regional", "national", "own", "other"]
# The territorial instrument a programme supports the project through.
Instrument = Literal["zit", "iit", "rlks", "other"]


class Funding(Model):
    source: FundingSource
    programme: str = ""
    # Optional: the instrument and the programme's priority or measure (e.g. "FEMA.06.01").
    instrument: Instrument | None = None
    measure: str = ""
    amount: EnteredAmount


class YearSpan(Model):
    first: Year
    last: Year


class ProjectIndicator(Model):
    name: Text
    unit: Text
    target: EnteredNumber
    year: Year | None = None


class ProjectIndicators(Model):
    output: list[ProjectIndicator] = Field(default_factory=list)
    result: list[ProjectIndicator] = Field(default_factory=list)


class Investment(Model):
    id: Id
    title: Text
    scope: Text
    justification: str = ""
    leader: Id
    partners: list[Id] = Field(default_factory=list)
    location: Text
    cost: EnteredCost
    funding: list[Funding] = Field(min_length=1)
    years: YearSpan
    indicators: ProjectIndicators = Field(default_factory=ProjectIndicators)
    directions: list[Id] = Field(min_length=1)
    status: Literal["idea", "concept", "documentation", "ready", "in_progress"]
    priority: Literal["high", "medium", "low"]


class Investments(Model):
    investments: list[Investment] = Field(min_length=1)
