"""What the validate stage hands on: the valid kinds, the problems, the whole Strategy."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel

from strategy.language.messages import LANGS
from strategy.model import KINDS, Strategy
from strategy.model.bound import bind, bindable
from strategy.model.statistics import needed
from strategy.problems import Problem
from strategy.sections.load import Sections


def bind_indicators(strategy: Strategy) -> None:
    """Indicators that name a snapshot get their values from it: each member's and the
    area's, in the indicator's year, with their marks (``model.bound.bind``). A snapshot
    that is missing, or an indicator that does not say how to make the area's value,
    leaves the values empty; the rules report it."""
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
    kinds: dict[str, BaseModel] = field(default_factory=dict)
    # Kinds with errors: their valid fields and items (the rest is None or left out).
    partial: dict[str, BaseModel] = field(default_factory=dict)
    # (kind, list field) -> where each item of that list in ``partial`` stands in the data.
    kept: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    _bound: bool = field(default=False, repr=False)

    @property
    def strategy(self) -> Strategy | None:
        """The whole strategy, once every kind present is valid and no required one is
        missing."""
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
        record = self.kinds.get("strategy")
        if record is not None:
            return record.language  # type: ignore[attr-defined]
        raw = self.sections.data.get("strategy")
        language = raw.get("language") if isinstance(raw, dict) else None
        return language if language in LANGS else "pl"
