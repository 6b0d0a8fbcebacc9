"""Vision, strategic and operational goals, expected results with indicators; directions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from strategy.model.common import Id, Model, Quantity, Text, Year

Dimension = Literal["social", "economic", "spatial"]


class Measure(Quantity):
    """A value with its year, marked like any number a user enters:
    ``{value: 135, year: 2021}``, or ``{value: 135, year: 2021, illustrative: true}``."""

    year: Year


class ResultIndicator(Model):
    id: Id
    name: Text
    unit: Text
    baseline: Measure | None = None
    target: Measure | None = None
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
