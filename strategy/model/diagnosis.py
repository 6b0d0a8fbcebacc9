"""The diagnosis: thematic chapters with indicators, surveys, SWOT and conclusions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field, PrivateAttr, model_validator

from strategy.model.bound import Bound
from strategy.model.common import (
    Count,
    EnteredCount,
    EnteredNumber,
    Figure,
    Id,
    Model,
    Number,
    Quantity,
    Subsection,
    Table,
    Text,
    Year,
    number,
)
from strategy.model.statistics import Compare

Aggregate = Literal["sum", "rate", "none"]


class Indicator(Model):
    """A statistic per member and for the whole area, with its year and source: typed in
    ``values``, or taken from a snapshot of public statistics (``variable``)."""

    id: Id
    name: Text
    unit: Text
    year: Year
    source: str = ""
    illustrative: bool = False
    decimals: Count = Field(default=0, ge=0, le=3)
    values: dict[Id, EnteredNumber | None] | None = None
    area: EnteredNumber | None = None
    variable: Id | None = None
    aggregate: Aggregate | None = None
    denominator: Id | None = None
    per: Number = Field(default=100, gt=0)
    compare: list[Compare] = Field(default_factory=list)
    _bound: Bound | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _bound_values(self) -> Indicator:
        """A bound indicator's values are filled from its snapshot once the sections are
        validated (checks/validated.py); the rules report a mix of typed and bound."""
        if self.variable is not None and self.values is None:
            self.values = {}
        return self

    @property
    def bound(self) -> Bound | None:
        """The numbers taken from the snapshots, with their marks (model/bound.py); None
        for typed values, or before the sections are validated."""
        return self._bound

    def take(self, bound: Bound) -> None:
        """Take the numbers computed from the snapshots."""
        self._bound = bound
        self.values, self.area = bound.values, bound.area.number


# What a chapter of the diagnosis covers (art. 10a ust. 1 u.z.p.p., art. 29(1)(b) CPR);
# the readiness report also recognises it from the chapter's title.
Coverage = Literal["social", "economic", "spatial", "environmental", "functional_areas",
                   "needs_potential"]


class Chapter(Model):
    id: Id
    title: Text
    covers: list[Coverage] = Field(default_factory=list)
    text: str = ""
    indicators: list[Indicator] = Field(default_factory=list)
    subsections: list[Subsection] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)


class Diagnosis(Model):
    chapters: list[Chapter] = Field(min_length=1)


class Answer(Model):
    label: Text
    count: Count | None = Field(default=None, ge=0)
    share: number(ge=0, le=100) | None = None  # type: ignore[valid-type]


class Finding(Model):
    question: Text
    answers: list[Answer] = Field(min_length=1)
    multiple: bool = False
    answered: Count | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _shares(self) -> Finding:
        """Shares are computed from counts wherever they can be; the rules report a count
        or share that cannot be right (checks/rules/surveys.py)."""
        counts = [a.count for a in self.answers if a.count is not None]
        if counts and self.answered is None and not self.multiple:
            self.answered = sum(counts)
        for a in self.answers:
            if a.count is not None and a.share is None and self.answered:
                a.share = Quantity(value=Decimal(100 * a.count) / Decimal(self.answered))
        return self

    def computed_share(self, answer: Answer) -> float | None:
        """The share a count makes of those who answered; None without both."""
        if answer.count is None or not self.answered:
            return None
        return 100 * answer.count / self.answered


class SurveyPeriod(Model):
    start: dt.date
    end: dt.date


RespondentGroup = Literal["residents", "leaders", "students"]


class Survey(Model):
    id: Id
    group: RespondentGroup
    title: Text
    period: SurveyPeriod
    sample: EnteredCount | None = None  # not known: the document says so
    method: Text
    summary: str = ""
    findings: list[Finding] = Field(default_factory=list)
    source: str = ""


class Surveys(Model):
    surveys: list[Survey] = Field(min_length=1)


class Swot(Model):
    strengths: list[Text] = Field(min_length=1)
    weaknesses: list[Text] = Field(min_length=1)
    opportunities: list[Text] = Field(min_length=1)
    threats: list[Text] = Field(min_length=1)


class Conclusion(Model):
    id: Id
    text: Text
    chapter: Id | None = None


class Conclusions(Model):
    conclusions: list[Conclusion] = Field(min_length=1)
