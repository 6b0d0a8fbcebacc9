"""Joint investments: one project sheet (fiszka projektowa) each."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from strategy.model.common import Id, Model, Text, Year

FundingSource = Literal["eu_regional", "national", "own", "other"]


class Funding(Model):
    source: FundingSource = Field(description="eu_regional, national, own albo other")
    programme: str = Field(default="", description="Np. FEM 2021–2027, Polski Ład")
    amount: Decimal = Field(ge=0, description="Kwota w zł")


class YearSpan(Model):
    first: Year
    last: Year


class ProjectIndicator(Model):
    name: Text
    unit: Text
    target: float
    year: Year | None = None


class ProjectIndicators(Model):
    output: list[ProjectIndicator] = Field(default_factory=list)
    result: list[ProjectIndicator] = Field(default_factory=list)


class Investment(Model):
    id: Id
    title: Text
    scope: Text = Field(description="Zakres rzeczowy przedsięwzięcia")
    justification: str = ""
    leader: Id = Field(description="ID członka-lidera")
    partners: list[Id] = Field(default_factory=list)
    location: Text
    cost: Decimal = Field(gt=0, description="Szacunkowy koszt w zł")
    funding: list[Funding] = Field(min_length=1)
    years: YearSpan
    indicators: ProjectIndicators = Field(default_factory=ProjectIndicators)
    directions: list[Id] = Field(min_length=1)
    status: Literal["idea", "concept", "documentation", "ready", "in_progress"]
    priority: Literal["high", "medium", "low"]


class Investments(Model):
    investments: list[Investment] = Field(min_length=1)
