"""What the validate stage hands on: the valid kinds, the problems, the whole Strategy."""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from strategy.checks.kept import DATA_FORMAT, dump_data, load_data
from strategy.language.kept import later
from strategy.language.messages import LANGS
from strategy.model.kinds import KINDS
from strategy.problems import Problem
from strategy.sections.load import Sections

if TYPE_CHECKING:
    from strategy.model.strategy import Strategy

# The kinds whose models were read since ``reading`` began (``Kinds``): what a rule's
# judgement depends on beside every kind's state (checks/rules/engine.py keeps it by them).
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

    def then(self, kind: str, after: Callable[[Any], None]) -> None:
        """Have ``after`` see the kind's model as soon as it is made (now, if it is)."""
        value = self._items[kind]
        if not isinstance(value, _Later):
            after(value)
            return
        make = value.make

        def made() -> Any:
            model = make()
            after(model)
            return model
        value.make = made

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


def bind_indicators(statistics: Any, diagnosis: Any, partnership: Any) -> None:
    """Indicators that name a snapshot get their values from it: each member's and the
    area's, in the indicator's year, with their marks (``model.bound.bind``). A snapshot
    that is missing, or an indicator that does not say how to make the area's value,
    leaves the values empty; the rules report it."""
    from strategy.model.bound import bind, bindable
    from strategy.model.statistics import needed

    if statistics is None or diagnosis is None:
        return
    snapshots = {snap.id: snap for snap in statistics.snapshots}
    # A member without TERYT has no unit in the snapshots (a rule reports it).
    members = [(m.id, m.teryt) for m in partnership.members if m.teryt is not None]
    for chapter in diagnosis.chapters:
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
    # Where each valid kind's plain data is kept between runs (``rules.KindsKept``: the
    # pipeline's cache, under the kind's files and the folder around them); None
    # without a cache.
    kept_dumps: Any = field(default=None, repr=False, compare=False)

    @property
    def whole(self) -> bool:
        """Whether the whole strategy can be made: every kind present is valid and no
        required one is missing. Told without making any kind's model."""
        return not any(n not in self.kinds for n, k in KINDS.items()
                       if k.required or n in self.sections.data or n in self.sections.broken)

    def bind(self) -> None:
        """Bind a whole strategy's indicators to their snapshots (``bind_indicators``),
        once. A diagnosis whose model is not made yet is bound as it is made: binding
        makes no model, so a kind whose validation was kept is not validated again for
        it."""
        if self._bound or not self.whole:
            return
        self._bound = True
        if "diagnosis" in self.kinds:
            self.kinds.then("diagnosis", lambda diagnosis: bind_indicators(
                self.kinds.get("statistics"), diagnosis, self.kinds["partnership"]))

    def dump(self, kind: str) -> Any:
        """The valid kind's ``model_dump(mode="python")``, of a whole strategy with its
        indicators bound (their values taken from the snapshots change their dump). Made
        once per kind and shared: readiness's places key and its final gate read the same
        data; its readers never change it. A kind whose model is not made (its validation
        kept) gives the data kept by its files in an earlier run, when there is one."""
        if kind in self._dumps:
            return self._dumps[kind]
        whole = self.whole
        self.bind()
        detail = self._dump_detail(kind, whole)
        found = None
        if detail is not None and not self.kinds.made(kind):
            data = self.kept_dumps.get(kind, detail)
            found = load_data(data) if data is not None else None
        if found is not None:
            value = found[0]
        else:
            value = self.kinds[kind].model_dump(mode="python")
            if detail is not None:  # at 10x the diagnosis takes ~30 ms to write
                later(partial(self._keep_dump, kind, detail, value))
        self._dumps[kind] = value
        return value

    def _keep_dump(self, kind: str, detail: Any, value: Any) -> None:
        data = dump_data(value)
        if data is not None:
            self.kept_dumps.put(kind, detail, data)

    def _dump_detail(self, kind: str, whole: bool) -> Any:
        """What a kind's plain data depends on beside its own files (the key of the kept
        entry adds them): whether the indicators are bound, and for the diagnosis the
        files they are bound from. None when it cannot be kept."""
        if self.kept_dumps is None:
            return None
        detail: list[Any] = ["dump", DATA_FORMAT, whole]
        if kind == "diagnosis":
            detail += [self.kept_dumps.kind_key(k) for k in ("statistics", "partnership")]
        return None if None in detail else detail

    @property
    def strategy(self) -> Strategy | None:
        """The whole strategy, once every kind present is valid and no required one is
        missing."""
        from strategy.model.strategy import Strategy

        if not self.whole:
            return None
        self.bind()
        optional = {n: None for n, k in KINDS.items() if not k.required}
        return Strategy.model_construct(**{**optional, **self.kinds})

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
