"""Vision, strategic and operational goals, expected results with indicators; directions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from strategy.model.common import Id, Model, Quantity, Text, Value, Year

Dimension = Literal["social", "economic", "spatial"]


class Measure(Quantity):
    """A value with its year, marked like any number a user enters:
    ``{value: 135, year: 2021}``, or ``{value: 135, year: 2021, illustrative: true}``."""

    year: Year


class Target(Quantity):
    """A target value with its year, marked like any number a user enters (``{value:
    2.5, year: 2030}``), or an expected trend, as strategies state targets they do not
    quantify (``{trend: growth}``, ``{trend: decline, words: wolniej niż w województwie,
    year: 2035}``). One model rather than a union, so that a mistake in it is reported
    once, at the target, with both shapes in the hint."""

    value: Value | None = None  # type: ignore[assignment]
    year: Year | None = None
    trend: Literal["growth", "decline", "stable"] | None = None
    words: str = ""

    @model_validator(mode="after")
    def _one_shape(self) -> Target:
        valued = self.value is not None and self.year is not None
        trend = self.trend is not None and self.value is None and not self.marked
        if valued == trend or (self.words and self.trend is None):
            raise PydanticCustomError("target_shape", "a value with its year, or a trend")
        return self


class ResultIndicator(Model):
    id: Id
    name: Text
    unit: Text
    # core / detailed (words in the labels' indicator_groups) or the partnership's own
    group: str = ""
    baseline: Measure | None = None
    target: Target | None = None
    source: Text


class ExpectedResult(Model):
    text: Text
    spatial: bool = False
    indicators: list[ResultIndicator] = Field(default_factory=list)


class OperationalGoal(Model):
    id: Id
    title: Text
    description: str = ""


class StrategicGoal(Model):
    id: Id
    title: Text
    dimension: Dimension
    description: str = ""
    operational_goals: list[OperationalGoal] = Field(default_factory=list)
    results: list[ExpectedResult] = Field(default_factory=list)


class Goals(Model):
    vision: Text
    mission: str = ""
    strategic_goals: list[StrategicGoal] = Field(min_length=1)


class Direction(Model):
    id: Id
    title: Text
    goal: Id
    conclusions: list[Id] = Field(default_factory=list)
    members: list[Id] = Field(default_factory=list)
    description: str = ""
    actions: list[Text] = Field(default_factory=list)


class Directions(Model):
    directions: list[Direction] = Field(min_length=1)
