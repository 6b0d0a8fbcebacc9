"""The hierarchy as the document prints it: goals of zero to two levels, then the
directions, with their dimensions of development and their indicators."""

from __future__ import annotations

from typing import Any

from strategy.compose import markdown
from strategy.compose.markdown import Md
from strategy.compose.view import State
from strategy.model.goals import Goal


class GoalRows(State):
    """The goals' and directions' headings, tables and indicators."""

    def dimension_words(self, dimensions: list[str]) -> str:
        return self.and_list([self.L["dimensions"][d] for d in dimensions])

    @property
    def dimensions_covered(self) -> list[str]:
        """The dimensions of development the goals and directions name, in the model's
        order, the cross-cutting mark left out (it is no dimension of development)."""
        named = {d for n in self.hierarchy.nodes() for d in n.item.dimensions}
        return [d for d in self.L["dimensions"] if d in named and d != "cross_cutting"]

    @property
    def cross_cutting(self) -> list[str]:
        return [f"{n.item.id}. {n.item.title}" for n in self.hierarchy.nodes()
                if "cross_cutting" in n.item.dimensions]

    @property
    def hierarchy_counts(self) -> str:
        """"cele strategiczne (3), cele operacyjne (11) i kierunki działań (11)": the plural
        with the count beside it, so that no case form of a partnership's word is needed."""
        h = self.hierarchy
        counts = [f"{name.plural} ({len(h.at(depth))})"
                  for depth, name in enumerate(h.goal_levels)]
        if h.directions:  # without directions.yaml, no count of them
            counts.append(f"{h.direction.plural} ({len(h.directions)})")
        return self.and_list(counts)

    @property
    def goals_with_dimensions(self) -> bool:
        return any(g.dimensions for _, g, _ in self.s.goals.walk()) if self.s.goals else False

    @property
    def goal_rows(self) -> list[list[Any]]:
        rows = []
        for g in self.hierarchy.goals:
            row: list[Any] = [f"{g.id}. {g.title}"]
            if self.goals_with_dimensions:
                row.append(self.dimension_words(g.dimensions) or None)
            if self.hierarchy.depth > 1:
                row.append("; ".join(f"{sub.id}. {sub.title}" for sub in g.goals) or None)
            rows.append(row)
        return rows

    def heading(self, level: int) -> Md:
        """The mark of a heading of ``level`` (a goal's heading is as deep as the goal)."""
        return Md("#" * level)

    def plain_goals(self, goals: list[Goal]) -> bool:
        """Whether goals print as a list under their parent (a title and a description,
        as operational goals often are) rather than each under its own heading."""
        return all(not (g.results or g.indicators or g.dimensions or g.goals) for g in goals)

    def _goal_indicators(self, g: Any) -> list[Any]:
        """A goal's or a direction's indicators: those of its results, then its own."""
        return [*(ind for r in getattr(g, "results", ()) for ind in r.indicators),
                *g.indicators]

    def result_indicator_rows(self, g: Any) -> list[list[Any]]:
        """The indicators of a goal or a direction, grouped (core, detailed or the
        partnership's own groups, in the order they first appear) when any has a group:
        then a group column leads."""
        found = self._goal_indicators(g)
        grouped = any(ind.group for ind in found)
        order = list(dict.fromkeys(ind.group for ind in found))
        rows = []
        for ind in sorted(found, key=lambda i: order.index(i.group)) if grouped else found:
            row = [ind.name, ind.unit, self._measure(ind.baseline),
                   self._measure(ind.target), ind.source]
            rows.append([self.L["indicator_groups"].get(ind.group, ind.group) or None, *row]
                        if grouped else row)
        return rows

    def indicators_grouped(self, g: Any) -> bool:
        return any(ind.group for ind in self._goal_indicators(g))

    def _measure(self, m: Any) -> Md | None:
        if m is None:  # a baseline or target not known (yet): said, not left blank
            return Md(markdown.escape(self.L["numbers"]["unknown"], self.lang))
        if getattr(m, "trend", None) is not None:  # an expected trend (model/goals.py)
            words = self.L["trends"][m.trend] + (f" – {m.words}" if m.words else "")
            return Md(markdown.escape(words + (f" ({m.year})" if m.year else ""), self.lang))
        decimals = 0 if float(m.value).is_integer() else 1
        return Md(self.q(m, decimals) + " " + markdown.escape(f"({m.year})"))

    @property
    def direction_rows(self) -> list[list[Any]]:
        goal = bool(self.hierarchy.depth)
        answered = self.s.conclusions is not None  # else no column of conclusions
        return [[f"{d.id}. {d.title}", *([d.goal] if goal else []),
                 *([", ".join(d.conclusions) or None] if answered else []),
                 self.member_names(d.members)] for d in self.hierarchy.directions]
