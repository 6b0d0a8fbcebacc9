"""The engine of the rules across sections: what a rule is, the list they register in, and
running them.

A rule names the kinds it reads and runs only when all of them are valid, so a
broken file never causes a cascade of false alarms elsewhere. Errors mean the
document would be wrong; warnings mean it would be incomplete.

The rules that judge each kind on its own (``per_kind``), and what the list of
abbreviations reads in each kind, are kept per kind between checks when the pipeline
gives a place for it (``KindsKept``): after an edit they read only the changed kinds,
and say the same as without it. The rules themselves are in the modules beside this
one, by domain; the package (``__init__``) imports them in the order they run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from strategy.checks import kept as kept_problems
from strategy.checks.validated import Validated, done_reading, note_read, reading
from strategy.model.kinds import KINDS
from strategy.problems import Problem, Severity
from strategy.sections.load import KeyPath


@dataclass(frozen=True)
class Rule:
    needs: tuple[str, ...]
    check: Callable[[Any, Validated], Iterator[tuple[Severity, str, KeyPath, dict]]]
    # Kinds the rule may read with errors in them (only their valid items, and None for
    # an invalid field): a rule that judges item by item; True for every kind.
    partial: tuple[str, ...] | bool = ()
    # The rule judges every model object of every kind on its own, from that object alone
    # (and the files it names), walking the kinds in their order and keeping nothing from
    # one to the next: what it says of a kind depends on that kind only, so it can be kept
    # per kind (``KindsKept``) and said again while that kind is unchanged.
    per_kind: bool = False
    # The kinds whose loaded data the rule reads (beyond whether a kind is there, or did
    # not read, which every rule may ask): True for every kind. With the kinds whose models
    # it reads (noted as it reads them) and those its problems point into, they are what
    # its judgement is kept by (``_ByKind.judge``).
    data: tuple[str, ...] | bool = ()
    # False for a rule that reads what is kept of every kind (its facts): it is run anew.
    keep: bool = True


RULES: list[Rule] = []


def rule(*needs: str, partial: tuple[str, ...] | bool = (), per_kind: bool = False,
         data: tuple[str, ...] | bool = (), keep: bool = True):
    def register(fn):
        RULES.append(Rule(needs, fn, partial, per_kind, data, keep))
        return fn
    return register


class KindsKept(Protocol):
    """Where the per-kind rules' problems of each kind are kept between checks (the
    pipeline's cache). ``detail`` is what else the kept problems depend on beside the
    kind's files (whether the kind is valid, which items a partial one kept); a kept
    entry is given back only for the same kind, files and detail, and the tool."""

    def get(self, kind: str, detail: Any) -> bytes | None: ...

    def put(self, kind: str, detail: Any, data: bytes) -> None: ...

    def kind_key(self, kind: str) -> str | None:
        """What the kind's files are now (None when that cannot be told)."""

    def get_rules(self) -> bytes | None:
        """What the rules across kinds said last, in this folder as it is around the
        section files."""

    def put_rules(self, data: bytes) -> None: ...


class _View:
    """Attribute access to the validated kinds a rule asked for; a kind's model is made
    when the rule reads it."""

    def __init__(self, kinds: Mapping[str, Any]) -> None:
        self._kinds = kinds

    def __getattr__(self, kind: str) -> Any:
        try:
            return self.__dict__["_kinds"][kind]
        except KeyError:
            raise AttributeError(kind) from None

    def has(self, kind: str) -> bool:
        return kind in self._kinds


class _Usable(Mapping[str, Any]):
    """The valid kinds, and the partial ones a rule may read."""

    def __init__(self, validated: Validated, allowed: set[str]) -> None:
        self.kinds, self.partial, self.allowed = validated.kinds, validated.partial, allowed

    def __getitem__(self, kind: str) -> Any:
        if kind in self.kinds:
            return self.kinds[kind]
        if kind in self.allowed and kind in self.partial:
            return self.partial[kind]
        raise KeyError(kind)

    def __contains__(self, kind: object) -> bool:
        return kind in self.kinds or kind in self.allowed and kind in self.partial

    def __iter__(self) -> Iterator[str]:
        yield from self.kinds
        yield from (k for k in self.partial if k in self.allowed)

    def __len__(self) -> int:
        return sum(1 for _ in self)


# What one run of the rules walks once, kept only while it runs: the model objects under
# each kind's model (walks.py: eight rules read them all; at 10x content walking them
# again was a third of check), and the IDs the sections declare (ids.py).
_WALKS: dict[int, tuple[Any, list[tuple[Any, KeyPath]]]] = {}
_DECLARED: dict[int, tuple[Any, list[tuple[Any, str, KeyPath]]]] = {}
# Within run_rules: only there are the walks kept, and the kinds' facts (_ByKind).
_RUN: dict[str, Any] = {"on": False, "by_kind": None}


def run(rules: list[Rule], validated: Validated, kept: KindsKept | None = None) -> list[Problem]:
    """``rules`` in their order (``run_rules`` gives the package's ``RULES``): each over the
    kinds it reads; one that allows partial kinds sees the valid items of a kind with
    errors too, so that one broken item hides only its own checks. With ``kept``, what
    the per-kind rules said of an unchanged kind is taken from it (and what they say of
    the others is kept there): the same problems in the same order."""
    problems: list[Problem] = []
    by_kind = _ByKind(validated, kept) if kept is not None else None
    # The walks of one run: its models and data do not change while rules read them.
    _RUN["on"] = True
    _RUN["by_kind"] = by_kind
    try:
        for r in rules:
            if by_kind is not None and r.per_kind:
                by_kind.run(r, problems)
            elif by_kind is not None and r.keep:
                by_kind.judge(r, problems)
            else:
                _run_rule(r, validated, problems)
        if by_kind is not None:
            by_kind.keep()
    finally:
        _RUN["on"] = False
        _RUN["by_kind"] = None
        _WALKS.clear()
        _DECLARED.clear()
    return problems


def _usable(r: Rule, validated: Validated) -> tuple[dict[str, Any], set[str], bool] | None:
    """The kinds ``r`` reads, the partial ones it may read, and whether it reads any of
    those; None when a kind it needs is not valid."""
    allowed = set(validated.partial) if r.partial is True else set(r.partial or ())
    usable = _Usable(validated, allowed)
    if not all(n in usable for n in r.needs):
        return None
    return usable, allowed, any(n in validated.partial for n in allowed)


def _run_rule(r: Rule, validated: Validated, problems: list[Problem],
              usable: Mapping[str, Any] | None = None) -> bool:
    """Run ``r`` (over ``usable``, a part of the kinds it reads, when given), adding its
    problems; False when it stopped at a field that is invalid in a partial kind."""
    found = _usable(r, validated)
    if found is None:
        return True
    every, allowed, reads_partial = found
    try:
        for severity, code, path, params in r.check(_View(every if usable is None else usable),
                                                    validated):
            if path:
                note_read(str(path[0]))  # its mark reads where the value stands in that kind
            problems.append(Problem(severity, code,
                                    validated.sections.mark(_in_data(validated, path,
                                                                     allowed)),
                                    params))
    except (AttributeError, TypeError):
        if not reads_partial:
            raise
        # The rule needs a field that is invalid (None in the partial kind): that
        # field's own error is reported; the rule cannot judge it.
        return False
    return True


class _ByKind:
    """The per-kind rules run kind by kind, each kind's problems taken from ``kept`` when
    that kind is unchanged: kinds in their order, as the rule walks them, and a rule that
    stops at an invalid field in one kind says nothing of the kinds after it, as when it
    runs over all of them at once."""

    def __init__(self, validated: Validated, kept: KindsKept) -> None:
        self.validated, self.kept = validated, kept
        self.details: dict[str, Any] = {}
        self.earlier: dict[str, dict[str, tuple[list[Problem], bool]]] = {}
        self.made: dict[str, dict[str, tuple[list[Problem], bool]]] = {}
        self.facts: dict[str, dict[str, Any]] = {}  # kept facts, by kind and rule
        self.new_facts: dict[str, dict[str, Any]] = {}
        self._states: list[Any] | None = None
        # The rules across kinds: what they said before, and what they say now.
        self.judged: dict[str, tuple[dict[str, str], list[Problem]]] | None = None
        self.judged_before: dict[str, tuple[dict[str, str], list[Problem]]] = {}
        self.changed = False

    def _earlier(self, kind: str) -> dict[str, tuple[list[Problem], bool]]:
        if kind not in self.earlier:
            v = self.validated
            detail = ["valid"] if kind in v.kinds else ["partial", sorted(
                [f, i] for (k, f), i in v.kept.items() if k == kind)]
            self.details[kind] = detail
            data = self.kept.get(kind, detail)
            found = kept_problems.load_parts(data) if data is not None else None
            self.earlier[kind], self.facts[kind] = found or ({}, {})
        return self.earlier[kind]

    def fact(self, name: str, kind: str, model: Callable[[], Any],
             find: Callable[[str, Any], Any]) -> Any:
        """What ``find`` finds in one kind's model (made by ``model`` only then) for the
        rule ``name`` (plain JSON data), kept with the kind's judgements."""
        self._earlier(kind)
        if name in self.facts[kind]:
            return self.facts[kind][name]
        found = find(kind, model())
        self.new_facts.setdefault(kind, {})[name] = found
        return found

    def run(self, r: Rule, problems: list[Problem]) -> None:
        found = _usable(r, self.validated)
        if found is None:
            return
        usable, _allowed, reads_partial = found
        name = r.check.__name__
        for kind in KINDS:
            if kind not in usable:
                continue
            earlier = self._earlier(kind).get(name)
            if earlier is not None and (earlier[1] or reads_partial):
                said, finished = earlier
                problems.extend(said)
            else:
                said = []
                finished = _run_rule(r, self.validated, said, {kind: usable[kind]})
                problems.extend(said)
                self.made.setdefault(kind, {})[name] = (said, finished)
            if not finished:
                return

    def states(self) -> list[Any]:
        """What every rule may ask of every kind: whether it is there, did not read, is
        valid or partial, and which items a partial one kept."""
        if self._states is None:
            v = self.validated
            self._states = [[k, k in v.sections.data, k in v.sections.broken,
                             "valid" if k in v.kinds else "partial" if k in v.partial
                             else ""] for k in KINDS]
            self._states.append(sorted([k, f, i] for (k, f), i in v.kept.items()))
        return self._states

    def judge(self, r: Rule, problems: list[Problem]) -> None:
        """Run ``r``, unless what it said last is still true: every kind in the same state,
        and each kind it read (its models, its data, where its problems point) unchanged;
        the kinds it reads are noted as it reads them, so a kind it does not read is not
        validated for it."""
        name = r.check.__name__
        if self.judged is None:
            data = self.kept.get_rules()
            earlier = kept_problems.load_rules(data) if data is not None else None
            self.judged = {}
            if earlier is not None and earlier[0] == self.states():
                self.judged_before = earlier[1]
        before = self.judged_before.get(name)
        if before is not None and all(self.kept.kind_key(k) == key
                                      for k, key in before[0].items()):
            problems.extend(before[1])
            self.judged[name] = before
            return
        read = reading()
        try:
            said: list[Problem] = []
            _run_rule(r, self.validated, said)
        finally:
            done_reading()
        problems.extend(said)
        read |= set(KINDS) if r.data is True else set(r.data or ())
        now = {k: self.kept.kind_key(k) for k in sorted(read)}
        if all(key is not None for key in now.values()):
            self.judged[name] = ({k: str(key) for k, key in now.items()}, said)
        self.changed = True

    def keep(self) -> None:
        if self.judged is not None and self.changed:
            data = kept_problems.dump_rules(self.states(), self.judged)
            if data is not None:
                self.kept.put_rules(data)
        for kind in {**self.made, **self.new_facts}:
            data = kept_problems.dump_parts(
                {**self.earlier.get(kind, {}), **self.made.get(kind, {})},
                {**self.facts.get(kind, {}), **self.new_facts.get(kind, {})})
            if data is not None:
                self.kept.put(kind, self.details[kind], data)


def _in_data(validated: Validated, path: KeyPath, partial: set[str]) -> KeyPath:
    """A rule counts the items of a partial kind's list without the invalid ones; the
    path of its problem counts them as the file does. (Rules that read the loaded data
    count as the file does already and are given no partial kinds.)"""
    if len(path) >= 3 and isinstance(path[2], int) and path[0] in partial:
        kept = validated.kept.get((str(path[0]), str(path[1])))
        if kept is not None and path[2] < len(kept):
            return (path[0], path[1], kept[path[2]], *path[3:])
    return path


def _split_path(kind: str, index: int) -> KeyPath:
    split = KINDS[kind].split
    return (kind, split, index) if split else (kind, kind, index)
