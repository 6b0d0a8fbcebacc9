"""The strategy's hierarchy as the document names it: zero, one or two levels of goals
above one level of directions, each level with the words the partnership chose
(goals.yaml ``levels``, directions.yaml ``level``) or, where it chose none, the
phrasebook's (labels.yaml ``levels``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strategy.language.books import phrase
from strategy.model.goals import Direction, Goal


def capital(text: str) -> str:
    """A level's name at the start of a heading or a sentence: "cele strategiczne" ->
    "Cele strategiczne" (the rest as the partnership wrote it)."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Name:
    """What one level is called, as written in the middle of a sentence."""

    singular: str
    plural: str

    @property
    def Singular(self) -> str:  # noqa: N802 - the same word at the start of a heading
        return capital(self.singular)

    @property
    def Plural(self) -> str:  # noqa: N802
        return capital(self.plural)


@dataclass(frozen=True)
class Node:
    """One goal or direction of the tree, in reading order."""

    depth: int  # 0 for the top level; the directions are one below the deepest goals
    item: Goal | Direction
    parent: Goal | None
    level: Name
    kind: str  # "goal" or "direction"


# The phrasebook's words for the levels of goals, by the number of levels the tree has.
_DEFAULT_GOALS = {0: (), 1: ("top",), 2: ("top", "second")}


class Hierarchy:
    """The levels and every goal and direction, for the templates (and for any part of
    the document that walks the whole tree: the monitoring table, a matrix)."""

    def __init__(self, s: Any, lang: str) -> None:
        # A strategy without goals.yaml or directions.yaml (the legal profile says
        # whether it needs them) has no level there: an empty tree.
        goals, directions = s.goals, s.directions
        named = [Name(level.singular, level.plural) for level in goals.levels] if goals else []
        # The levels the partnership names, even where a draft has no goal there yet;
        # without names, as many as the tree has.
        depth = min(max(goals.depth if goals else 0, len(named)), len(_DEFAULT_GOALS) - 1)
        defaults = [self._default(lang, key) for key in _DEFAULT_GOALS[depth]]
        # A tree deeper than its names is refused by check; the defaults fill the gap.
        self.goal_levels: list[Name] = (named + defaults[len(named):])[:depth]
        self.direction = (Name(directions.level.singular, directions.level.plural)
                          if directions and directions.level else self._default(lang, "direction"))
        self.goals: list[Goal] = goals.goals if goals else []
        self.directions: list[Direction] = directions.directions if directions else []
        self._depth_of: dict[str, int] = {}
        for d, g, _ in goals.walk() if goals else ():
            self._depth_of[g.id] = d

    @staticmethod
    def _default(lang: str, key: str) -> Name:
        return Name(phrase(lang, "labels", "levels." + key, "singular"),
                    phrase(lang, "labels", "levels." + key, "plural"))

    @property
    def depth(self) -> int:
        """Levels of goals above the directions (0 when the directions are the top)."""
        return len(self.goal_levels)

    def level_of(self, goal_id: str) -> Name:
        return self.goal_levels[self._depth_of[goal_id]]

    def nodes(self) -> list[Node]:
        """Every goal, each followed by the goals under it, then every direction."""
        found: list[Node] = []

        def visit(goals: list[Goal], depth: int, parent: Goal | None) -> None:
            for g in goals:
                found.append(Node(depth, g, parent, self.goal_levels[depth], "goal"))
                visit(g.goals, depth + 1, g)

        visit(self.goals, 0, None)
        by_id = {n.item.id: n.item for n in found}
        found += [Node(self.depth, d, by_id.get(d.goal or ""), self.direction, "direction")
                  for d in self.directions]
        return found

    def at(self, depth: int) -> list[Goal]:
        """The goals of one level."""
        return [n.item for n in self.nodes() if n.kind == "goal" and n.depth == depth]  # type: ignore[misc]

    def served_level(self) -> Name | None:
        """The level of the goals the directions name, when they all name goals of one
        level (the column "Cel operacyjny" of the directions' table); None otherwise."""
        levels = {self._depth_of[d.goal] for d in self.directions
                  if d.goal in self._depth_of}
        return self.goal_levels[levels.pop()] if len(levels) == 1 else None
