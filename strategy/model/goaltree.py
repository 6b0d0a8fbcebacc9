"""The goals of a strategy as one walk: every goal with its depth and its indicators.

What reads the goals as a whole (the consistency matrix, the monitoring table, the
checks of references to goals) reads them through ``walk``, so a change in how goals
nest touches this one function."""

from __future__ import annotations

from dataclasses import dataclass

from strategy.model.goals import Goals, ResultIndicator


@dataclass(frozen=True)
class GoalNode:
    id: str
    title: str
    depth: int  # 0 for the top level (strategic goals)
    indicators: tuple[ResultIndicator, ...] = ()


def walk(goals: Goals) -> list[GoalNode]:
    """Every goal in document order, each followed by the goals under it."""
    nodes: list[GoalNode] = []
    for g in goals.strategic_goals:
        found = tuple(i for r in g.results for i in r.indicators)
        nodes.append(GoalNode(g.id, g.title, 0, found))
        nodes += [GoalNode(og.id, og.title, 1) for og in g.operational_goals]
    return nodes
