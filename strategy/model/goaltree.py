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
    depth: int  # 0 for the top level of the partnership's goals
    indicators: tuple[ResultIndicator, ...] = ()


def walk(goals: Goals | None) -> list[GoalNode]:
    """Every goal in document order, each followed by the goals under it, with the
    indicators of its expected results and its own (none without goals.yaml)."""
    if goals is None:
        return []
    return [GoalNode(g.id, g.title, depth,
                     tuple(i for r in g.results for i in r.indicators) + tuple(g.indicators))
            for depth, g, _parent in goals.walk()]
