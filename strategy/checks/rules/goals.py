"""Rules of the goal tree: its levels, and the indicators of its goals (and of the
directions) complete and within the period."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from strategy.checks.rules.engine import rule
from strategy.checks.rules.years_and_money import _in_period, _outside
from strategy.checks.validated import Validated
from strategy.model.plain import MAX_GOAL_LEVELS
from strategy.sections.load import KeyPath


def goal_paths(goals: Any) -> Iterator[tuple[Any, KeyPath]]:
    """Every goal of the tree with its key path (``("goals", "goals", 0, "goals", 2)``)."""
    def visit(items: list[Any], path: KeyPath) -> Iterator[tuple[Any, KeyPath]]:
        for i, g in enumerate(items or ()):
            here = (*path, i)
            yield g, here
            yield from visit(g.goals, (*here, "goals"))
    yield from visit(goals.goals, ("goals", "goals"))


def _indicators(g: Any, base: KeyPath) -> Iterator[tuple[Any, KeyPath]]:
    """A goal's (or a direction's) indicators: those of its results, then its own."""
    for j, res in enumerate(getattr(g, "results", None) or ()):
        for k, ind in enumerate(res.indicators):
            yield ind, (*base, "results", j, "indicators", k)
    for k, ind in enumerate(g.indicators or ()):
        yield ind, (*base, "indicators", k)


@rule("strategy", "goals", partial=True)
def result_indicators_complete(s: Any, v: Validated):
    """The indicators of every goal of the tree and of every direction (when the
    directions are valid): baseline and target given, in the period, in order."""
    measured = list(goal_paths(s.goals))
    if getattr(s, "directions", None) is not None:
        measured += [(d, ("directions", "directions", i))
                     for i, d in enumerate(s.directions.directions)]
    for g, base in measured:
        for ind, where in _indicators(g, base):
            trend = ind.target is not None and ind.target.trend is not None
            # an expected trend needs no baseline to be read; a target value does
            for field in ("target",) if trend else ("baseline", "target"):
                if getattr(ind, field) is None:
                    yield "warning", f"rule.indicator_no_{field}", where, {"id": ind.id}
            year = ind.target.year if ind.target else None
            if year is not None and not _in_period(s, year):
                yield "error", "rule.year_outside_period", (*where, "target", "year"), (
                    _outside(s, year))
            if ind.baseline and year is not None and ind.baseline.year >= year:
                yield "error", "rule.baseline_after_target", (*where, "baseline", "year"), {
                    "id": ind.id, "baseline": ind.baseline.year, "target": year}
        if len(base) == 3 and base[0] == "goals" and not _measured(g):
            # A top goal with no results anywhere: the goals under it may hold them.
            yield "warning", "rule.goal_without_results", base, {"id": g.id}


def _measured(g: Any) -> bool:
    """Whether a goal or a goal under it has expected results or indicators."""
    return bool(g.results or g.indicators) or any(_measured(sub) for sub in g.goals)


@rule("goals", partial=True)
def goal_tree_has_named_levels(s: Any, v: Validated):
    """At most two levels of goals above the directions; when the partnership names its
    levels, one name for each level the tree has."""
    named = len(s.goals.levels or ())
    for g, base in goal_paths(s.goals):
        depth = (len(base) - 1) // 2  # ("goals", "goals", i) is depth 1
        if depth > MAX_GOAL_LEVELS:
            yield "error", "rule.goal_too_deep", base, {"id": g.id, "max": MAX_GOAL_LEVELS}
        elif named and depth > named:
            yield "error", "rule.goal_level_unnamed", base, {
                "id": g.id, "depth": depth, "named": named}
