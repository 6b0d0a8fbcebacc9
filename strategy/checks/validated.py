"""What the validate stage hands on: the valid kinds, the problems, the whole Strategy."""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from strategy.language.messages import LANGS
from strategy.model.kinds import KINDS
from strategy.problems import Problem
from strategy.sections.load import Sections

if TYPE_CHECKING:
    from strategy.model.strategy import Strategy

# The kinds whose models were read since ``reading`` began (``Kinds``): what a rule's
# judgement depends on beside every kind's state (checks/rules.py keeps it by them).
_READ: list[set[str]] = []


def reading() -> set[str]:
    """Start noting the kinds whose models are read (``done_reading`` ends it)."""
    _READ.append(set())
    return _READ[-1]


def done_reading() -> None:
    _READ.pop()


def note_read(kind: str) -> None:
    """A kind's model or loaded data was read (by a rule, for its judgement)."""
    if _READ:
        _READ[-1].add(kind)


class _Later:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


class Kinds(MutableMapping[str, Any]):
    """Models by kind, in the kinds' order. A kind whose validation an earlier check kept
    (unchanged since) is known to be here without its model: the model is made (its
    class imported and built, the kind validated again) only when it is read."""

    def __init__(self) -> None:
        self._items: dict[str, Any] = {}

    def later(self, kind: str, make: Callable[[], Any]) -> None:
        self._items[kind] = _Later(make)

    def made(self, kind: str) -> bool:
        """Whether the kind's model exists already (reading it costs nothing)."""
        return not isinstance(self._items.get(kind), _Later)

    def __getitem__(self, kind: str) -> Any:
        value = self._items[kind]
        note_read(kind)
        if isinstance(value, _Later):
            value = self._items[kind] = value.make()
        return value

    def __setitem__(self, kind: str, model: Any) -> None:
        self._items[kind] = model

    def __delitem__(self, kind: str) -> None:
        del self._items[kind]

    def __contains__(self, kind: object) -> bool:
        return kind in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def bind_indicators(strategy: Strategy) -> None:
    """Indicators that name a snapshot get their values from it: each member's and the
    area's, in the indicator's year, with their marks (``model.bound.bind``). A snapshot
    that is missing, or an indicator that does not say how to make the area's value,
    leaves the values empty; the rules report it."""
    from strategy.model.bound import bind, bindable
    from strategy.model.statistics import needed

    if strategy.statistics is None or strategy.diagnosis is None:
        return
    snapshots = {snap.id: snap for snap in strategy.statistics.snapshots}
    # A member without TERYT has no unit in the snapshots (a rule reports it).
    members = [(m.id, m.teryt) for m in strategy.partnership.members if m.teryt is not None]
    for chapter in strategy.diagnosis.chapters:
        for ind in chapter.indicators:
            if bindable(ind) and all(i in snapshots for i in needed(ind)):
                ind.take(bind(ind, snapshots, members))


@dataclass
class Validated:
    """The validated kinds, and the whole Strategy once every kind is valid."""

    sections: Sections
    kinds: Kinds = field(default_factory=Kinds)
    # Kinds with errors: their valid fields and items (the rest is None or left out).
    partial: Kinds = field(default_factory=Kinds)
    # (kind, list field) -> where each item of that list in ``partial`` stands in the data.
    kept: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # The record's language, when its validation was kept (its model is then not made).
    language: str | None = None
    _bound: bool = field(default=False, repr=False)
    # Each valid kind's plain data once the indicators are bound (``dump``).
    _dumps: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def dump(self, kind: str) -> Any:
        """The valid kind's ``model_dump(mode="python")``. Once ``strategy`` has bound the
        indicators (their values taken from the snapshots change their dump) it is made
        once per kind and shared: readiness's places key and its final gate read the
        same data (at 10x a dump of every kind is ~50 ms). Its readers never change it."""
        if not self._bound:
            return self.kinds[kind].model_dump(mode="python")
        if kind not in self._dumps:
            self._dumps[kind] = self.kinds[kind].model_dump(mode="python")
        return self._dumps[kind]

    @property
    def strategy(self) -> Strategy | None:
        """The whole strategy, once every kind present is valid and no required one is
        missing."""
        from strategy.model.strategy import Strategy

        if any(n not in self.kinds for n, k in KINDS.items()
               if k.required or n in self.sections.data or n in self.sections.broken):
            return None
        optional = {n: None for n, k in KINDS.items() if not k.required}
        strategy = Strategy.model_construct(**{**optional, **self.kinds})
        if not self._bound:
            bind_indicators(strategy)
            self._bound = True
        return strategy

    @property
    def lang(self) -> str:
        """The strategy's language; read from strategy.yaml even when that file has other
        errors, so an English strategy gets its error messages in English."""
        if "strategy" in self.kinds and self.language is not None:
            return self.language
        record = self.kinds.get("strategy")
        if record is not None:
            return record.language  # type: ignore[attr-defined]
        raw = self.sections.data.get("strategy")
        language = raw.get("language") if isinstance(raw, dict) else None
        return language if language in LANGS else "pl"
