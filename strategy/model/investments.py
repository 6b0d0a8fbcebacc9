"""Joint investments: one project sheet (fiszka projektowa) each; the packages and
bundles they may belong to."""

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
    # Not yet known on a sheet being drafted, or on a project of a bundle: the document
    # says "brak danych"; readiness reports it where the legal profile requires it.
    leader: Id | None = None
    partners: list[Id] = Field(default_factory=list)
    location: Text
    cost: EnteredCost | None = None
    funding: list[Funding] = Field(default_factory=list)
    years: YearSpan | None = None
    indicators: ProjectIndicators = Field(default_factory=ProjectIndicators)
    directions: list[Id] = Field(min_length=1)
    package: Id | None = None
    status: Literal["idea", "concept", "documentation", "ready", "in_progress"]
    priority: Literal["high", "medium", "low"]


class Investments(Model):
    investments: list[Investment] = Field(min_length=1)


# A ZPT "pakiet przedsięwzięć" (single-beneficiary projects forming one joint package), a
# "wiązka" of projects known so far by its order of magnitude, a key or complementary list.
PackageKind = Literal["zpt_package", "bundle", "key_list", "complementary_list"]


class Package(Model):
    id: Id
    title: Text
    kind: PackageKind
    description: str = ""
    joint: bool = False
    leader: Id | None = None
    directions: list[Id] = Field(default_factory=list)
    # Only while no project sheet of the package has a cost (a bundle known so far by
    # its order of magnitude: {value: 2200000000, estimate: true, precision: 100000000});
    # once one has, the package costs what its sheets say, never both added.
    cost: EnteredCost | None = None


class Packages(Model):
    packages: list[Package] = Field(min_length=1)
