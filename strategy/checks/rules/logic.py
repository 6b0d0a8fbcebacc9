"""Rules of the logic of the strategy: goals served by directions, directions naming their
goal and answering the diagnosis's conclusions."""

from __future__ import annotations

from typing import Any

from strategy.checks.rules.engine import rule
from strategy.checks.validated import Validated
from strategy.sections.load import KeyPath


@rule("goals", "directions", partial=("goals",))
def goals_have_directions(s: Any, v: Validated):
    """Every goal is served by a direction: one naming it or a goal under it. Only the
    highest goal not served is reported, not each goal under it again."""
    served = {d.goal for d in s.directions.directions}

    def reached(g: Any) -> bool:
        return g.id in served or any(reached(sub) for sub in g.goals)

    def visit(items: list[Any], path: KeyPath):
        for i, g in enumerate(items):
            if not reached(g):
                yield "warning", "rule.goal_without_direction", (*path, i, "id"), {"id": g.id}
            elif g.id not in served:
                yield from visit(g.goals, (*path, i, "goals"))
    yield from visit(s.goals.goals, ("goals", "goals"))


@rule("goals", "directions", partial=("directions",))
def directions_name_their_goal(s: Any, v: Validated):
    """Where there are goals, every direction names the one it serves."""
    if not s.goals.goals:
        return
    for i, d in enumerate(s.directions.directions):
        if d.goal is None:
            yield "warning", "rule.direction_without_goal", ("directions", "directions", i,
                                                            "id"), {"id": d.id}


@rule("directions", partial=True)
def directions_answer_conclusions(s: Any, v: Validated):
    for i, d in enumerate(s.directions.directions):
        if not d.conclusions:
            yield "warning", "rule.direction_without_conclusion", ("directions", "directions", i,
                                                                  "id"), {"id": d.id}
