"""Vision, mission, the tree of goals the partnership names (zero to two levels), expected
results with indicators; the directions of action below them."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from strategy.model.common import Id, Model, Quantity, Text, Value, Year
from strategy.model.plain import MAX_GOAL_LEVELS

# "cross_cutting" marks a goal (a domain of cooperation) that runs across the others.
Dimension = Literal["social", "economic", "spatial", "environmental", "cross_cutting"]


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


class Level(Model):
    """What the partnership calls one level of its hierarchy, as written in the middle of
    a sentence: the singular for headings and labels ("priorytet", "plan działania"),
    the plural for titles and column headers ("priorytety"). Counts are printed beside
    the plural ("priorytety (5)"); the one case form a sentence needs is the object of
    a verb ("Dodano dziedzinę 2" in the changelog), where it differs from the singular."""

    singular: Text
    plural: Text
    accusative: str = ""


class Goal(Model):
    """A goal at any level of the tree: a priority, a domain, a strategic or an
    operational goal; ``goals`` are the goals of the next level under it."""

    # Keys of the older format and the message that says what to write instead
    # (checks/validate.py reports them where they stand).
    RETIRED: ClassVar[dict[str, str]] = {"operational_goals": "value.retired.operational_goals",
                                         "dimension": "value.retired.dimension"}

    id: Id
    title: Text
    description: str = ""
    dimensions: list[Dimension] = Field(default_factory=list)
    results: list[ExpectedResult] = Field(default_factory=list)
    indicators: list[ResultIndicator] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)


# Zero, one or two levels of goals above the one level of directions (art. 10e ust. 3
# pkt 2 u.s.g.): priorytet -> cel -> kierunek, dziedzina -> plan działania, kierunki alone.
# (model/plain.py holds the number, for the rules that read it without this module.)


class Goals(Model):
    RETIRED: ClassVar[dict[str, str]] = {"strategic_goals": "value.retired.strategic_goals"}

    vision: Text
    mission: str = ""
    levels: list[Level] = Field(default_factory=list, max_length=MAX_GOAL_LEVELS)
    goals: list[Goal] = Field(default_factory=list)

    def walk(self) -> list[tuple[int, Goal, Goal | None]]:
        """Every goal of the tree in reading order: (depth from 0, goal, its parent)."""
        found: list[tuple[int, Goal, Goal | None]] = []

        def visit(goals: list[Goal], depth: int, parent: Goal | None) -> None:
            for g in goals:
                found.append((depth, g, parent))
                visit(g.goals, depth + 1, g)

        visit(self.goals, 0, None)
        return found

    @property
    def depth(self) -> int:
        """How many levels of goals the tree has (0 when directions are the top level)."""
        return max((d + 1 for d, _, _ in self.walk()), default=0)


class Direction(Model):
    id: Id
    title: Text
    goal: Id | None = None
    conclusions: list[Id] = Field(default_factory=list)
    members: list[Id] = Field(default_factory=list)
    description: str = ""
    dimensions: list[Dimension] = Field(default_factory=list)
    actions: list[Text] = Field(default_factory=list)
    indicators: list[ResultIndicator] = Field(default_factory=list)


class Directions(Model):
    level: Level | None = None
    directions: list[Direction] = Field(min_length=1)
