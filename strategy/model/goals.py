"""Vision, strategic and operational goals, expected results with indicators; directions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from strategy.model.common import Id, Model, Text, Year

Dimension = Literal["social", "economic", "spatial"]


class Measure(Model):
    value: float
    year: Year


class ResultIndicator(Model):
    id: Id
    name: Text
    unit: Text
    baseline: Measure | None = Field(default=None, description="Wartość bazowa i jej rok")
    target: Measure | None = Field(default=None, description="Wartość docelowa i jej rok")
    source: Text = Field(description="Źródło danych do monitorowania")


class ExpectedResult(Model):
    text: Text
    spatial: bool = Field(default=False, description="true dla rezultatu przestrzennego")
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
    goal: Id = Field(description="ID celu (strategicznego lub operacyjnego), któremu służy")
    conclusions: list[Id] = Field(default_factory=list, description="ID wniosków z diagnozy")
    members: list[Id] = Field(default_factory=list, description="ID członków; pusta = wszyscy")
    description: str = ""
    actions: list[Text] = Field(default_factory=list)


class Directions(Model):
    directions: list[Direction] = Field(min_length=1)
