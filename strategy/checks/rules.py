"""The rules across sections, all in one place.

A rule names the kinds it reads and runs only when all of them are valid, so a
broken file never causes a cascade of false alarms elsewhere. Errors mean the
document would be wrong; warnings mean it would be incomplete.

The rules that judge each kind on its own (``per_kind``), and what the list of
abbreviations reads in each kind, are kept per kind between checks when the pipeline
gives a place for it (``KindsKept``): after an edit they read only the changed kinds,
and say the same as without it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel

from strategy.checks import kept as kept_problems
from strategy.checks.validated import Validated, done_reading, note_read, reading
from strategy.language.books import typography
from strategy.language.labels import LANGS
from strategy.language.messages import localized
from strategy.model.common import ID_PATTERN, total
from strategy.model.files import SectionFile
from strategy.model.kinds import KINDS
from strategy.model.plain import LOCAL_GOVERNMENTS, MAX_GOAL_LEVELS
from strategy.problems import Problem, Severity, display_path
from strategy.sections.load import KEY, KeyPath


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


def run_rules(validated: Validated, kept: KindsKept | None = None) -> list[Problem]:
    """Each rule over the kinds it reads; one that allows partial kinds sees the valid
    items of a kind with errors too, so that one broken item hides only its own checks.
    With ``kept``, what the per-kind rules said of an unchanged kind is taken from it
    (and what they say of the others is kept there): the same problems in the same order."""
    problems: list[Problem] = []
    by_kind = _ByKind(validated, kept) if kept is not None else None
    # The walks of one run: its models and data do not change while rules read them.
    _RUN["on"] = True
    _RUN["by_kind"] = by_kind
    try:
        for r in RULES:
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


# --- identifiers and references ------------------------------------------------------

# Where the strategy declares IDs and where it refers to them, as paths through the
# model: "*" is every item of a list, KEY every key of a mapping (its mark is the key's).
def _goal_levels(depth: int) -> tuple[tuple[str, KeyPath], ...]:
    """The goals of the tree and their indicators, level by level (one level deeper
    than allowed, so that a goal nested too deep still declares its ID)."""
    found: list[tuple[str, KeyPath]] = []
    for level in range(1, depth + 1):
        goal: KeyPath = ("goals", *("goals", "*") * level)
        found += [("goal", (*goal, "id")),
                  ("indicator", (*goal, "results", "*", "indicators", "*", "id")),
                  ("indicator", (*goal, "indicators", "*", "id"))]
    return tuple(found)


_GOAL_TREE = _goal_levels(MAX_GOAL_LEVELS + 1)
_DECLARATIONS: tuple[tuple[str, KeyPath], ...] = (
    ("member", ("partnership", "members", "*", "id")),
    ("partner", ("partnership", "partners", "*", "id")),
    ("meeting", ("meetings", "meetings", "*", "id")),
    ("chapter", ("diagnosis", "chapters", "*", "id")),
    ("indicator", ("diagnosis", "chapters", "*", "indicators", "*", "id")),
    ("survey", ("surveys", "surveys", "*", "id")),
    ("conclusion", ("conclusions", "conclusions", "*", "id")),
    *_GOAL_TREE,
    ("direction", ("directions", "directions", "*", "id")),
    ("indicator", ("directions", "directions", "*", "indicators", "*", "id")),
    ("package", ("packages", "packages", "*", "id")),
    ("investment", ("investments", "investments", "*", "id")),
    ("recommendation", ("spatial", "recommendations", "*", "id")),
    ("osi", ("areas", "regional", "*", "id")),
    ("osi", ("areas", "local", "*", "id")),
    ("document", ("consistency", "documents", "*", "id")),
    ("priority", ("consistency", "documents", "*", "priorities", "*", "id")),
)
_REFERENCES: tuple[tuple[str, KeyPath], ...] = (
    # "entity": where a body takes part, any member or supporting partner; "member":
    # where a territory is meant, only the members (the partners have none here).
    ("entity", ("partnership", "coordinator")),
    ("entity", ("partnership", "council", "*", "member")),
    ("entity", ("partnership", "working_group", "*", "member")),
    ("entity", ("meetings", "meetings", "*", "participants", "*")),
    ("meeting", ("strategy", "history", "*", "meeting")),
    ("entity", ("strategy", "emblems", "*", "member")),
    ("member", ("diagnosis", "chapters", "*", "indicators", "*", "values", KEY)),
    ("chapter", ("conclusions", "conclusions", "*", "chapter")),
    ("goal", ("directions", "directions", "*", "goal")),
    ("conclusion", ("directions", "directions", "*", "conclusions", "*")),
    ("member", ("directions", "directions", "*", "members", "*")),
    ("entity", ("packages", "packages", "*", "leader")),
    ("direction", ("packages", "packages", "*", "directions", "*")),
    ("package", ("investments", "investments", "*", "package")),
    ("entity", ("investments", "investments", "*", "leader")),
    ("entity", ("investments", "investments", "*", "partners", "*")),
    ("direction", ("investments", "investments", "*", "directions", "*")),
    ("member", ("areas", "regional", "*", "members", "*")),
    ("direction", ("areas", "regional", "*", "directions", "*")),
    ("member", ("areas", "local", "*", "members", "*")),
    ("direction", ("areas", "local", "*", "directions", "*")),
    ("goal", ("consistency", "documents", "*", "priorities", "*", "goals", "*")),
)


# The kinds whose loaded data the rules of IDs read.
_DECLARING = tuple(dict.fromkeys(path[0] for _, path in _DECLARATIONS))
_REFERRING = tuple(dict.fromkeys([*_DECLARING, *(path[0] for _, path in _REFERENCES)]))


def _walk(value: Any, pattern: KeyPath, path: KeyPath) -> Iterator[tuple[Any, KeyPath]]:
    """The values found along ``pattern`` in the loaded data ``value``, with the key path
    of each; a part of the wrong shape is passed over (its own error is reported)."""
    if not pattern:
        yield value, path
        return
    step, rest = pattern[0], pattern[1:]
    if step == "*":
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from _walk(item, rest, (*path, i))
    elif step == KEY:
        if isinstance(value, dict):
            for key in value:
                yield key, (*path, key, KEY)
    elif isinstance(value, dict) and step in value:
        yield from _walk(value[step], rest, (*path, step))


def _found(v: Validated, table: tuple[tuple[str, KeyPath], ...]
           ) -> Iterator[tuple[Any, str, KeyPath]]:
    """(value, sort of ID, where) for every entry of ``table``, read from the loaded data
    of every kind, valid or not: an item with a mistake still declares its ID and still
    refers to others, so one mistake does not hide the reference errors around it."""
    for what, (kind, *pattern) in table:
        if kind in v.sections.data:
            yield from ((_as_id(ident), what, path) for ident, path in _walk(
                v.sections.data[kind], tuple(pattern), (kind,)))


def _declarations(v: Validated) -> list[tuple[Any, str, KeyPath]]:
    """``_found`` of every declaration, looked up once per run of the rules (each sort of
    ID a reference names asked for all of them again)."""
    found = _DECLARED.get(id(v))
    if found is None or found[0] is not v:
        found = (v, list(_found(v, _DECLARATIONS)))
        if _RUN["on"]:
            _DECLARED[id(v)] = found
    return found[1]


def _as_id(value: Any) -> Any:
    """An ID written as a number (2.1, 3) as the text typed, as the model reads it."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    return getattr(value, "text", value) if isinstance(value, float) else value


_ID = re.compile(ID_PATTERN)


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and bool(_ID.match(value))


def _ids(v: Validated) -> Iterator[tuple[str, str, KeyPath]]:
    """Every well-formed ID the strategy declares: (id, what it is, where)."""
    return ((i, w, p) for i, w, p in _declarations(v) if _is_id(i))


@rule(data=_DECLARING)
def unique_ids(s: Any, v: Validated):
    first: dict[str, KeyPath] = {}
    for ident, _what, path in _ids(v):
        if ident in first:
            where = v.sections.mark(first[ident])
            yield "error", "rule.duplicate_id", path, {
                "id": ident, "first": f"{display_path(where.file, v.sections.root)}:{where.line}"}
        else:
            first[ident] = path


# The kind that declares each sort of ID: a reference is checked only when every file of
# the declaring kind was read and every ID it declares is well formed (otherwise the
# target may be the one that is broken, and that one's own error says so).
_DECLARED_IN = {"member": "partnership", "partner": "partnership", "meeting": "meetings",
                "chapter": "diagnosis", "conclusion": "conclusions", "goal": "goals",
                "direction": "directions", "package": "packages"}


def _declared(v: Validated, what: str) -> set[str] | None:
    """The IDs of one sort, or None when they cannot all be known; an "entity" is a
    member or a supporting partner."""
    if what == "entity":
        members, partners = _declared(v, "member"), _declared(v, "partner")
        return None if members is None or partners is None else members | partners
    kind = _DECLARED_IN[what]
    if kind in v.sections.broken:
        return None
    if kind not in v.sections.data:
        # An optional kind the sections do not have declares nothing: a reference to it
        # dangles (a required one missing is an error of its own, not a cascade).
        return None if KINDS[kind].required else set()
    data = v.sections.data[kind]
    if isinstance(data, dict) and set(data) & set(getattr(KINDS[kind].model, "RETIRED", {})):
        return None  # declared in an older shape: the retired field's error says so
    found = [ident for ident, sort, _ in _declarations(v) if sort == what]
    if not all(_is_id(ident) for ident in found):
        return None
    return set(found)


@rule(data=_REFERRING)
def references_resolve(s: Any, v: Validated):
    declared: dict[str, set[str] | None] = {}
    for ident, what, path in _found(v, _REFERENCES):
        if not _is_id(ident):
            continue  # not an ID at all: the value's own error says so
        if what not in declared:  # once per sort of ID, not once per reference
            declared[what] = _declared(v, what)
        known = declared[what]
        if what == "member" and known is not None and ident not in known:
            if "partner" not in declared:
                declared["partner"] = _declared(v, "partner")
            if ident in (declared["partner"] or ()):
                yield "error", "rule.partner_not_territory", path, {
                    "id": ident, "members": ", ".join(sorted(known)[:12]) + (
                        " …" if len(known) > 12 else "")}
                continue
        if known is not None and ident not in known:
            import difflib  # here: only a dangling reference needs it

            close = difflib.get_close_matches(ident, sorted(known), n=1, cutoff=0.5)
            yield "error", "rule.dangling_reference", path, {
                "id": ident, "what": localized(f"what.{what}"),
                "suggestion": localized("rule.dangling_reference.perhaps", id=close[0])
                if close else "",
                "known": ", ".join(sorted(known)[:12]) + (" …" if len(known) > 12 else ""),
            }


@rule("meetings", partial=True)
def meeting_sections_are_kinds(s: Any, v: Validated):
    for i, m in enumerate(s.meetings.meetings):
        for field in ("drafted", "agreed"):
            for j, name in enumerate(getattr(m, field)):
                if name not in KINDS:
                    import difflib  # here: only an unknown section needs it

                    close = difflib.get_close_matches(name, list(KINDS), n=1, cutoff=0.6)
                    yield "error", "rule.unknown_section", ("meetings", "meetings", i, field, j), {
                        "name": name, "known": ", ".join(KINDS),
                        "suggestion": localized("value.did_you_mean", name=close[0]) if close
                        else ""}


# --- the partnership --------------------------------------------------------------

_GMINA_DIGIT = {"urban": "1", "rural": "2", "urban-rural": "3", "city-county": "1"}
# The voivodeships' TERC codes: the even numbers 02 to 32.
VOIVODESHIPS = frozenset(f"{n:02d}" for n in range(2, 33, 2))
_REGON_WEIGHTS = {9: (8, 9, 2, 3, 4, 5, 6, 7), 14: (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)}


def regon_valid(regon: str) -> bool:
    """Whether a REGON's check digits hold (GUS: weighted sum mod 11, 10 counts as 0);
    a 14-digit REGON of a local unit starts with the 9-digit REGON of its entity."""
    if len(regon) == 14 and not regon_valid(regon[:9]):
        return False
    weights = _REGON_WEIGHTS[len(regon)]
    check = sum(w * int(d) for w, d in zip(weights, regon, strict=False)) % 11 % 10
    return check == int(regon[-1])


def teryt_fits(teryt: str, kind: str) -> bool:
    """Whether a TERYT code is one of a unit of this kind: 2 digits for a voivodeship, 4
    for a powiat (districts 01–60; 61 and up are cities with powiat rights), 7 for a gmina
    ending in its kind's digit (a city with powiat rights has an urban gmina's code)."""
    if kind == "voivodeship":
        return len(teryt) == 2
    if kind == "powiat":
        return len(teryt) == 4 and int(teryt[2:4]) < 61
    if kind in _GMINA_DIGIT:
        county_city = int(teryt[2:4]) >= 61
        return (len(teryt) == 7 and teryt[-1] == _GMINA_DIGIT[kind]
                and county_city == (kind == "city-county"))
    return False


_DUPLICATE = {"teryt": "rule.duplicate_teryt", "regon": "rule.duplicate_regon",
              "krs": "rule.duplicate_krs"}


def _entities(s: Any) -> Iterator[tuple[Any, KeyPath]]:
    """Every member and supporting partner, with its key path."""
    for field in ("members", "partners"):
        for i, m in enumerate(getattr(s.partnership, field) or ()):
            yield m, ("partnership", field, i)


@rule("partnership", partial=True)
def identifiers_are_valid(s: Any, v: Validated):
    """TERYT fits the kind and the voivodeship, REGON's check digit holds, no code twice;
    a local government without TERYT is a gap (its area is then unknown)."""
    seen: dict[tuple[str, str], str] = {}
    for m, base in _entities(s):
        if m.teryt is not None:
            where = (*base, "teryt")
            if m.kind not in LOCAL_GOVERNMENTS:
                yield "error", "rule.teryt_not_local_government", where, {
                    "teryt": m.teryt, "kind": m.kind, "id": m.id}
            elif m.teryt[:2] not in VOIVODESHIPS:
                yield "error", "rule.teryt_voivodeship", where, {"teryt": m.teryt}
            elif not teryt_fits(m.teryt, m.kind):
                yield "error", "rule.teryt_kind", where, {"teryt": m.teryt, "kind": m.kind}
        elif m.kind in LOCAL_GOVERNMENTS:
            yield "warning", "rule.teryt_missing", (*base, "kind"), {"id": m.id, "name": m.name}
        if m.regon is not None and not regon_valid(m.regon):
            yield "error", "rule.regon_checksum", (*base, "regon"), {"regon": m.regon}
        for field, problem in _DUPLICATE.items():
            code = getattr(m, field)
            if code is None:
                continue
            if (field, code) in seen:
                yield "error", problem, (*base, field), {field: code, "first": seen[(field, code)]}
            else:
                seen[(field, code)] = m.id


@rule("partnership", partial=True)
def members_are_described(s: Any, v: Validated):
    for i, m in enumerate(s.partnership.members):
        base = ("partnership", "members", i)
        if m.population is not None and m.population_year is None and not m.population_note:
            yield "warning", "rule.population_year", (*base, "population"), {"name": m.name}
        numbers = any(x is not None for x in (m.area_km2, m.population, m.solectwa))
        if numbers and not m.source.strip() and not s.partnership.members_source.strip():
            yield "warning", "rule.member_source_missing", (*base, "id"), {"name": m.name}
        if m.kind not in LOCAL_GOVERNMENTS and m.kind not in (
                "municipal-union", "metropolitan-union"):
            yield "warning", "rule.member_not_a_government", (*base, "kind"), {
                "name": m.name, "kind": m.kind}


# --- numbers, years and sums ----------------------------------------------------------

@rule("strategy", partial=True)
def period_order(s: Any, v: Validated):
    p = s.strategy.period
    if p.first > p.last:
        yield "error", "rule.year_order", ("strategy", "period", "last"), {
            "first": p.first, "last": p.last}
    if p.horizon is not None and p.horizon <= p.last:
        yield "error", "rule.horizon_within_period", ("strategy", "period", "horizon"), {
            "horizon": p.horizon, "last": p.last}
    if p.programme is not None and p.programme.first > p.programme.last:
        yield "error", "rule.year_order", ("strategy", "period", "programme", "last"), {
            "first": p.programme.first, "last": p.programme.last}
    versions: set[str] = set()
    for i, entry in enumerate(s.strategy.history):
        if entry.version in versions:
            yield "error", "rule.duplicate_version", ("strategy", "history", i, "version"), {
                "version": entry.version}
        versions.add(entry.version)


@rule("strategy")
def opinions_are_answered(s: Any, v: Validated):
    """A negative opinion, or one with remarks, says how the strategy answers it."""
    for i, o in enumerate(s.strategy.opinions):
        if o.outcome != "positive" and not o.response.strip():
            yield "warning", "opinion.unanswered", ("strategy", "opinions", i, "outcome"), {
                "body": localized(f"opinion.body.{o.body}"),
                "outcome": localized(f"opinion.outcome.{o.outcome}")}


def _in_period(s: Any, year: int) -> bool:
    """Whether ``year`` lies in the strategy's period or its horizon (a perspective year
    after it, to which targets and projects may run); a reversed period (reported once
    by period_order) contains every year, so it does not raise an error at each date."""
    p = s.strategy.period
    return p.first > p.last or p.first <= year <= p.end


def _outside(s: Any, year: int) -> dict[str, Any]:
    """The parameters of rule.year_outside_period: the year and the span it misses."""
    p = s.strategy.period
    span = (localized("period.span_horizon", first=p.first, last=p.last, horizon=p.horizon)
            if p.horizon and p.horizon > p.last else
            localized("period.span", first=p.first, last=p.last))
    return {"year": year, "span": span}


def _funding_mismatch(inv: Any) -> tuple[str, Any, Any] | None:
    """How a sheet's funding fails to add up to its cost: ("exact", total, difference)
    when both are exact numbers and differ; ("estimate", …) when an estimate is involved
    and the difference exceeds its precision (a sum of rounded parts may differ a little)."""
    if inv.cost is None or not inv.funding:
        return None
    funded = total(f.amount for f in inv.funding)
    difference = inv.cost.value - funded.value
    if not (funded.estimate or inv.cost.estimate):
        return ("exact", funded.value, difference) if difference else None
    precisions = [p for p in (inv.cost.precision, funded.precision) if p is not None]
    tolerance = max(precisions) if precisions else 0
    return ("estimate", funded.value, difference) if abs(difference) > tolerance else None


@rule("investments", partial=True)
def investment_money(s: Any, v: Validated):
    for i, inv in enumerate(s.investments.investments):
        base = ("investments", "investments", i)
        mismatch = _funding_mismatch(inv)
        if mismatch is not None:
            how, funded, difference = mismatch
            yield ("error" if how == "exact" else "warning"), (
                "rule.funding_sum" if how == "exact" else "rule.funding_sum_estimate"), (
                *base, "funding", KEY), {
                "id": inv.id, "total": _pln(funded), "cost": _pln(inv.cost.value),
                "difference": _pln(difference)}
        if inv.years is not None and inv.years.first > inv.years.last:
            yield "error", "rule.year_order", (*base, "years", "last"), {
                "first": inv.years.first, "last": inv.years.last}
        if inv.leader in inv.partners:
            yield "warning", "rule.leader_is_partner", (*base, "partners"), {"id": inv.leader}
        if not inv.indicators.output and not inv.indicators.result:
            yield "warning", "rule.investment_without_indicators", (*base, "indicators"), {
                "id": inv.id}


@rule("packages", "investments", partial=True)
def packages_have_a_cost(s: Any, v: Validated):
    """A package's cost is the sum of its project sheets, or its own estimate while it has
    none: never both added, and not neither."""
    named = {inv.package for inv in s.investments.investments
             if inv.package and inv.cost is not None}
    for i, pkg in enumerate(s.packages.packages):
        base = ("packages", "packages", i)
        if pkg.cost is not None and pkg.id in named:
            yield "warning", "rule.package_estimate_and_sheets", (*base, "cost"), {
                "id": pkg.id}
        elif pkg.cost is None and pkg.id not in named:
            yield "warning", "rule.package_without_cost", (*base, "id"), {"id": pkg.id}


@rule("strategy", "investments", partial=True)
def investment_years(s: Any, v: Validated):
    for i, inv in enumerate(s.investments.investments):
        base = ("investments", "investments", i)
        for field in ("first", "last") if inv.years is not None else ():
            year = getattr(inv.years, field)
            if not _in_period(s, year):
                yield "error", "rule.year_outside_period", (*base, "years", field), _outside(
                    s, year)
        for group in ("output", "result"):
            for j, ind in enumerate(getattr(inv.indicators, group)):
                if ind.year is not None and not _in_period(s, ind.year):
                    yield "error", "rule.year_outside_period", (
                        *base, "indicators", group, j, "year"), _outside(s, ind.year)


def _pln(amount: Any) -> str:
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",") + " zł"


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


@rule("surveys", partial=True)
def survey_periods(s: Any, v: Validated):
    for i, sv in enumerate(s.surveys.surveys):
        if sv.period.start > sv.period.end:
            yield "error", "rule.date_order", ("surveys", "surveys", i, "period", "end"), {
                "start": sv.period.start.isoformat(), "end": sv.period.end.isoformat()}


@rule("surveys")
def survey_counts_add_up(s: Any, v: Validated):
    for i, sv in enumerate(s.surveys.surveys):
        for j, f in enumerate(sv.findings):
            base = ("surveys", "surveys", i, "findings", j)
            counted = any(a.count is not None for a in f.answers)
            if counted and f.answered is None:
                yield "error", "survey.answered_missing", base, {"question": f.question}
            if f.answered is not None and sv.sample is not None and (
                    f.answered > sv.sample.value and not sv.sample.estimate):
                yield "error", "survey.answered_above_sample", (*base, "answered"), {
                    "answered": f.answered, "sample": int(sv.sample.value)}
            for k, a in enumerate(f.answers):
                where = (*base, "answers", k)
                if a.count is None and a.share is None:
                    yield "error", "survey.share_missing", where, {"label": a.label}
                elif a.count is not None and f.answered is not None and a.count > f.answered:
                    yield "error", "survey.count_too_big", (*where, "count"), {
                        "label": a.label, "count": a.count, "answered": f.answered}
                computed = f.computed_share(a)
                share = None if a.share is None else float(a.share.value)
                if computed is not None and share is not None and abs(share - computed) > 0.05:
                    yield "error", "survey.share_mismatch", (*where, "share"), {
                        "label": a.label, "share": _number(share),
                        "computed": _number(round(computed, 1)), "count": a.count,
                        "answered": f.answered}


def _number(value: float) -> dict[str, str]:
    """A share in each language's way: 45,5 in Polish, 45.5 in English (the decimal mark
    of language.yaml's typography)."""
    text = f"{value:g}"
    return {lang: text.replace(".", typography(lang)["decimal_mark"]) for lang in LANGS}


@rule("diagnosis", data=("diagnosis",))
def indicators_are_typed_or_bound(s: Any, v: Validated):
    for i, c in enumerate(s.diagnosis.chapters):
        for j, ind in enumerate(c.indicators):
            base = ("diagnosis", "chapters", i, "indicators", j)
            typed = v.sections.data["diagnosis"]["chapters"][i]["indicators"][j]
            if ind.variable is None:
                for key in ("aggregate", "denominator", "compare"):
                    if getattr(ind, key):
                        yield "error", "statistics.unbound", (*base, key), {"key": key}
                if ind.values is None:
                    yield "error", "statistics.values_missing", base, {"id": ind.id}
                elif not ind.source.strip():
                    yield "error", "statistics.source_missing", base, {"id": ind.id}
                continue
            for key in ("values", "area"):
                if key in typed:
                    yield "error", "statistics.values_typed", (*base, key), {"key": key}
            if ind.source.strip():
                yield "warning", "statistics.source_generated", (*base, "source"), {
                    "id": ind.id}
            if ind.aggregate is None:
                yield "error", "statistics.aggregate_missing", (*base, "variable"), {"id": ind.id}
            elif (ind.aggregate == "rate") != (ind.denominator is not None):
                yield "error", "statistics.rate_denominator", (*base, "aggregate"), {"id": ind.id}


@rule("partnership", "diagnosis", partial=("diagnosis",))
def indicator_values_complete(s: Any, v: Validated):
    members = [m.id for m in s.partnership.members]
    for i, c in enumerate(s.diagnosis.chapters):
        for j, ind in enumerate(c.indicators):
            if ind.variable is not None or ind.values is None:
                continue  # from a snapshot: indicators_have_their_data checks it
            missing = [m for m in members if m not in ind.values]
            if missing:
                yield "warning", "rule.indicator_missing_members", (
                    "diagnosis", "chapters", i, "indicators", j, "values"), {
                    "id": ind.id, "members": ", ".join(missing)}


# --- public statistics: snapshots of GUS BDL (strategy/model/statistics.py) -------------

@rule("statistics")
def snapshots_are_consistent(s: Any, v: Validated):
    first: dict[str, int] = {}
    for i, snap in enumerate(s.statistics.snapshots):
        base = _split_path("statistics", i)
        if snap.id in first:
            yield "error", "statistics.duplicate_id", (*base, "id"), {"id": snap.id}
        first.setdefault(snap.id, i)
        units = {u.code for u in snap.units}
        seen: set[tuple[str, int]] = set()
        for j, value in enumerate(snap.values):
            if value.unit not in units:
                yield "error", "statistics.unknown_unit", (*base, "values", j, "unit"), {
                    "unit": value.unit, "id": snap.id}
            if (value.unit, value.year) in seen:
                yield "error", "statistics.duplicate_value", (*base, "values", j), {
                    "unit": value.unit, "year": value.year}
            seen.add((value.unit, value.year))
            if not snap.explains(value.attribute):
                yield "warning", "statistics.attribute_unexplained", (
                    *base, "values", j, "attribute"), {"attribute": value.attribute}


# A snapshot older than this, counted back from the strategy's own date (not from today,
# so that a rebuild of an old version says what it said then), is worth fetching again.
STALE_DAYS = 365


@rule("strategy", "statistics")
def snapshots_are_recent(s: Any, v: Validated):
    for i, snap in enumerate(s.statistics.snapshots):
        age = (s.strategy.date - snap.retrieved).days
        if age > STALE_DAYS:
            yield "warning", "statistics.stale", (*_split_path("statistics", i), "retrieved"), {
                "id": snap.id, "retrieved": snap.retrieved.isoformat(),
                "date": s.strategy.date.isoformat(), "days": age}


@rule("bdl")
def requested_variables_are_fetched(s: Any, v: Validated):
    statistics = getattr(s, "statistics", None)
    have = {snap.id: snap for snap in statistics.snapshots} if statistics else {}
    if "statistics" in v.sections.broken:
        return
    for i, wanted in enumerate(s.bdl.variables):
        snap = have.get(wanted.id)
        if snap is None:
            yield "warning", "statistics.not_fetched", ("bdl", "variables", i, "id"), {
                "id": wanted.id}
        elif snap.variable is not None and snap.variable != wanted.variable:
            yield "error", "statistics.other_variable", ("bdl", "variables", i, "variable"), {
                "id": wanted.id, "variable": wanted.variable, "snapshot": snap.variable}


@rule("partnership", "diagnosis")
def indicators_have_their_data(s: Any, v: Validated):
    from strategy.model.statistics import needed

    statistics = getattr(s, "statistics", None)
    if "statistics" in v.sections.broken:
        return  # the snapshots' own errors say what is wrong
    snapshots = {snap.id: snap for snap in statistics.snapshots} if statistics else {}
    members = [(m.id, m.teryt) for m in s.partnership.members]
    for i, c in enumerate(s.diagnosis.chapters):
        for j, ind in enumerate(c.indicators):
            base = ("diagnosis", "chapters", i, "indicators", j)
            for field, ident in zip(("variable", "denominator"), needed(ind), strict=False):
                snap = snapshots.get(ident)
                if snap is None:
                    yield "error", "statistics.no_snapshot", (*base, field), {
                        "id": ident, "known": ", ".join(sorted(snapshots)) or "–"}
                    continue
                missing = [m for m, teryt in members
                           if teryt is None or not snap.covers(teryt, ind.year)]
                if missing:
                    yield "error", "statistics.not_covered", (*base, "year"), {
                        "id": ident, "year": ind.year, "members": ", ".join(missing),
                        "years": ", ".join(str(y) for y in snap.years())}


@rule("partnership", "diagnosis", "statistics")
def bound_indicators_have_numbers(s: Any, v: Validated):
    from strategy.model.bound import bind, bindable, compared
    from strategy.model.statistics import needed

    """What the document will print without a number: members whose number BDL withholds
    (it prints the mark), and comparisons asked for that the snapshots do not hold."""
    snapshots = {snap.id: snap for snap in s.statistics.snapshots}
    members = [(m.id, m.teryt) for m in s.partnership.members if m.teryt is not None]
    for i, c in enumerate(s.diagnosis.chapters):
        for j, ind in enumerate(c.indicators):
            if not bindable(ind) or not all(k in snapshots for k in needed(ind)):
                continue  # the rules above report what is missing
            base = ("diagnosis", "chapters", i, "indicators", j)
            bound = bind(ind, snapshots, members)
            withheld = [m for m, r in bound.members.items() if r.withheld]
            if withheld:
                yield "warning", "statistics.withheld", (*base, "year"), {
                    "id": ind.id, "year": ind.year, "members": ", ".join(withheld)}
            absent = [code for code in compared(ind, members) if code not in bound.compare]
            if absent:
                yield "warning", "statistics.compare_missing", (*base, "compare"), {
                    "id": ind.id, "units": ", ".join(absent)}


# --- the logic of the strategy ----------------------------------------------------------

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


# --- files the sections point at (strategy/model/files.py, strategy/sections/files.py) --

def _named_files(s: Any) -> Iterator[tuple[SectionFile, KeyPath]]:
    """Every value of a field typed as a path in the sections folder, whatever the model
    (a figure, a map, any such field added later), with its key path."""
    for obj, path in _models(s):
        for name in _fields(type(obj)):
            value = getattr(obj, name, None)
            if isinstance(value, SectionFile):
                yield value, (*path, name)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, SectionFile):
                        yield item, (*path, name, i)


@rule(partial=True, per_kind=True)
def named_files_are_in_the_sections_folder(s: Any, v: Validated):
    for value, path in _named_files(s):
        if value.refusal is not None:
            yield "error", value.refusal.code, path, dict(value.refusal.params)


# --- the legal profile: its requirements that check reports (strategy/law/) ------------

@rule(data=("strategy",))
def the_profile_requires(s: Any, v: Validated):
    """The three dimensions of a supra-local strategy, its consultation's term and
    bodies, …: whatever the record's profile marks ``check`` (strategy/checks/readiness.py)."""
    from strategy.checks import readiness

    yield from readiness.problems(v)


# --- the public consultation, whatever the profile (how days are counted: consultation.py) --

@rule("consultation")
def consultation_dates_in_order(s: Any, v: Validated):
    c = s.consultation
    if c.start > c.end:
        yield "error", "rule.date_order", ("consultation", "end"), {
            "start": c.start.isoformat(), "end": c.end.isoformat()}
    for i, a in enumerate(c.announcements):
        if a.date > c.end:
            yield "error", "consultation.announced_after_end", (
                "consultation", "announcements", i, "date"), {
                "date": a.date.isoformat(), "end": c.end.isoformat()}
    if c.report is not None and c.report.date < c.end:
        yield "error", "consultation.report_before_end", ("consultation", "report", "date"), {
            "date": c.report.date.isoformat(), "end": c.end.isoformat()}


@rule("consultation")
def consultation_totals_add_up(s: Any, v: Validated):
    """A consultation recorded in aggregate: the decisions add up to the comments
    received, and the record says where its published report can be read."""
    c = s.consultation
    if c.comments is not None:
        t = c.comments
        decided = t.accepted + t.partly + t.rejected + t.not_considered
        if decided != t.received:
            yield "error", "consultation.totals_sum", ("consultation", "comments", "received"), {
                "received": t.received, "decided": decided, "accepted": t.accepted,
                "partly": t.partly, "rejected": t.rejected, "not_considered": t.not_considered}
        if c.report is None:
            yield "warning", "consultation.totals_without_report", ("consultation", "comments"), {
                "received": t.received}
    if c.report is not None and not (c.report.address.strip() or c.report.resolution.strip()):
        yield "warning", "consultation.report_unlocated", ("consultation", "report"), {
            "title": c.report.title}


@rule("consultation", "review")
def consultation_counted_once(s: Any, v: Validated):
    """Both forms at once must tell the same story: the register's comments are those
    the totals count."""
    t = s.consultation.comments
    register = [c for c in s.review.comments if c.source == "consultation"]
    if t is None or not register:
        return
    counted = {d: sum(c.status == d for c in register) for d in ("accepted", "partly", "rejected")}
    if len(register) != t.received or any(counted[d] != getattr(t, d) for d in counted):
        yield "error", "consultation.totals_register", ("consultation", "comments", "received"), {
            "received": t.received, "register": len(register), **{
                f"register_{d}": n for d, n in counted.items()},
            "accepted": t.accepted, "partly": t.partly, "rejected": t.rejected}


@rule("review")
def consultation_comments_are_anonymous_and_answered(s: Any, v: Validated):
    found = False
    for i, c in enumerate(s.review.comments):
        if c.source != "consultation":
            continue
        found = True
        base = _split_path("review", i)
        if c.category is None:
            yield "error", "consultation.comment_category", (*base, "source"), {"id": c.id}
        if c.author.strip():
            yield "error", "consultation.comment_author", (*base, "author"), {"id": c.id}
        if c.status != "open" and not c.response.strip():
            yield "warning", "consultation.comment_unjustified", (*base, "status"), {"id": c.id}
    if found and "consultation" not in v.sections.data and "consultation" not in v.sections.broken:
        yield "warning", "consultation.comments_without_consultation", ("review",), {}


@rule("consultation", "review")
def consultation_comments_within_the_term(s: Any, v: Validated):
    for i, c in enumerate(s.review.comments):
        if c.source == "consultation" and c.date > s.consultation.end:
            yield "warning", "consultation.comment_late", (*_split_path("review", i), "date"), {
                "id": c.id, "date": c.date.isoformat(), "end": s.consultation.end.isoformat()}


# --- the council's comments (Word comments filed by `build_strategy.py comments`) -----

@rule("review", partial=True)
def council_comments_are_answered(s: Any, v: Validated):
    for i, c in enumerate(s.review.comments):
        if c.source != "council":
            continue
        base = _split_path("review", i)
        if c.status == "open":
            yield "warning", "review.comment_open", (*base, "status"), {
                "id": c.id, "author": c.author or "?"}
        elif not c.response.strip():
            yield "warning", "review.comment_unjustified", (*base, "status"), {"id": c.id}


@rule("review", data=True)
def accepted_changes_are_in_the_sections(s: Any, v: Validated):
    """A tracked change the working group accepted must be made: its words as proposed
    are in the sections (``apply`` makes it where it maps to one field)."""
    accepted = [(i, c) for i, c in enumerate(s.review.comments)
                if c.source == "council" and c.status == "accepted" and c.kind != "comment"
                and c.file]
    if not accepted:
        return
    from strategy.sections import texts  # only where a change was accepted

    paragraphs = texts.index(v.sections)
    for i, c in accepted:
        if not texts.change_made(c.quoted, c.proposed, c.moved_to, c.text, paragraphs):
            yield "warning", "review.change_not_made", (*_split_path("review", i), "status"), {
                "id": c.id, "file": c.file, "field": c.field,
                "proposed": texts.unwrap(c.moved_to or c.proposed)[0][:120] or "–"}


# --- accessibility (WCAG 2.1 AA, PDF/UA): what the sections decide ----------------------

# The model objects under each kind's model, walked once per run of the rules (eight
# rules read them all; at 10x content walking them again was a third of check).
_WALKS: dict[int, tuple[Any, list[tuple[Any, KeyPath]]]] = {}
_DECLARED: dict[int, tuple[Any, list[tuple[Any, str, KeyPath]]]] = {}
# Within run_rules: only there are the walks kept, and the kinds' facts (_ByKind).
_RUN: dict[str, Any] = {"on": False, "by_kind": None}
_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(cls.model_fields)
    return names


def _walk_models(obj: Any, path: KeyPath, found: list[tuple[Any, KeyPath]]) -> None:
    found.append((obj, path))
    for name in _fields(type(obj)):
        value = getattr(obj, name, None)
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _walk_models(item, (*path, name, i), found)
        elif isinstance(value, BaseModel):
            _walk_models(value, (*path, name), found)


def _models(s: Any) -> Iterator[tuple[Any, KeyPath]]:
    """Every model object in the valid kinds, with its key path."""
    for kind in KINDS:
        if s.has(kind):
            model = getattr(s, kind)
            walked = _WALKS.get(id(model))
            if walked is None or walked[0] is not model:
                walked = (model, [])
                _walk_models(model, (kind,), walked[1])
                if _RUN["on"]:
                    _WALKS[id(model)] = walked
            yield from walked[1]


_TITLE_FIELDS = ("title", "caption")
_PSEUDO_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+\S", re.MULTILINE)


@rule(partial=True, per_kind=True)
def tables_have_a_header_row(s: Any, v: Validated):
    from strategy.model.common import Table

    for obj, path in _models(s):
        if not isinstance(obj, Table):
            continue
        if not obj.columns:
            yield "error", "access.table_header", (*path, "columns"), {"caption": obj.caption}
            continue
        for j, row in enumerate(obj.rows):
            if len(row) > len(obj.columns):
                yield "error", "access.table_row_width", (*path, "rows", j), {
                    "cells": len(row), "columns": len(obj.columns)}


@rule(per_kind=True)
def tables_fit_a_page(s: Any, v: Validated):
    """The layout rule of compose (model/tablefit.py), told to the user in advance: a
    table of their own that will be turned round or split, or that holds a word wider
    than a landscape column."""
    from strategy.model.common import Table

    for obj, path in _models(s):
        if not isinstance(obj, Table) or not obj.columns:
            continue
        from strategy.model import tablefit  # only where there is a table to lay out

        header = [tablefit.Cell(c, True) for c in obj.columns]
        rows = [[tablefit.Cell("" if c is None else str(c)) for c in row] for row in obj.rows]
        fit = tablefit.fit(header, rows)
        params = {"caption": obj.caption, "columns": len(obj.columns)}
        if fit.transposed:
            yield "warning", "layout.table_turned", (*path, "columns"), params
        elif fit.parts:
            yield "warning", "layout.table_split", (*path, "columns"), {
                **params, "parts": len(fit.parts)}
        if not fit.fits or any(c.longest_word + tablefit.CELL_PADDING > tablefit.LANDSCAPE_WIDTH / 2
                               for r in [header, *rows] for c in r):
            word = max((w for r in [header, *rows] for c in r for w in tablefit.words(c.text)),
                       key=tablefit.text_width)
            yield "warning", "layout.table_too_wide", (*path, "rows"), {**params, "word": word}


@rule(partial=True, per_kind=True)
def titles_are_not_empty(s: Any, v: Validated):
    for obj, path in _models(s):
        for name in _TITLE_FIELDS:
            value = getattr(obj, name, None)
            if isinstance(value, str) and not any(ch.isalnum() for ch in value):
                yield "error", "access.empty_title", (*path, name), {"key": name, "value": value}


@rule(partial=True, per_kind=True)
def alt_texts_describe_the_image(s: Any, v: Validated):
    for obj, path in _models(s):
        alt = getattr(obj, "alt", None)
        if not isinstance(alt, str):
            continue
        said = alt.strip().rstrip(".").casefold()
        caption = str(getattr(obj, "caption", "") or "")  # a title page's emblem has none
        if said in (caption.strip().rstrip(".").casefold(), Path(obj.file).name.casefold(),
                    Path(obj.file).stem.casefold()):
            yield "warning", "access.alt_repeats", (*path, "alt"), {"alt": alt}


@rule(partial=True, per_kind=True)
def prose_has_no_pseudo_headings(s: Any, v: Validated):
    for obj, path in _models(s):
        for name in _fields(type(obj)):
            value = getattr(obj, name, None)
            if isinstance(value, str) and name not in ("id", "file"):
                match = _PSEUDO_HEADING.search(value)
                if match:
                    line = value[match.start():].splitlines()[0].strip()
                    yield "error", "access.pseudo_heading", (*path, name), {"line": line}


# --- maps of the graphic part (strategy/sections/geojson.py) --------------------------

@rule(partial=True, per_kind=True)
def maps_are_readable(s: Any, v: Validated):
    for obj, path in _models(s):
        # A map is an instance of the maps' model, so that model's module is imported by
        # then: where it is not, there is no map (and its models are not built for this).
        maps_model = sys.modules.get("strategy.model.maps")
        if maps_model is not None and isinstance(obj, maps_model.Map):
            from strategy.sections import geojson as maps

            for severity, code, params in maps.check(obj):
                yield severity, code, (*path, "file"), params


# --- the list of abbreviations (abbreviations.yaml) ----------------------------------

# A word of two or more capitals, not part of a code ("IPR-01", "CS1") nor a Roman numeral.
# It and the address start with a letter they must match, the look-behind after it: one
# that starts with a look-behind is tried at every position of every text, these only
# where that letter is (the same matches, 4x and 30x faster).
_ABBREVIATION = re.compile(
    r"[A-ZĄĆĘŁŃÓŚŹŻ](?<![\w-][A-ZĄĆĘŁŃÓŚŹŻ])[A-ZĄĆĘŁŃÓŚŹŻ]+(?![\w-])")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_URL = re.compile(r"h(?<!\wh)ttps?://\S+")  # \bhttps?://\S+
# Text the document does not print: a member's note on where its figures come from, and
# the data that `data fetch` writes.
_UNPRINTED_FIELDS = {("Member", "source")}
_UNPRINTED_KINDS = {"abbreviations", "statistics", "bdl"}


def _texts(obj: Any) -> Iterator[tuple[str, KeyPath]]:
    """Every text a model holds directly, in its fields and its lists (table rows too),
    with its key path under the model."""
    for name in _fields(type(obj)):
        value = getattr(obj, name, None)
        if isinstance(value, str) and not isinstance(value, SectionFile):
            yield value, (name,)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str) and not isinstance(item, SectionFile):
                    yield item, (name, i)
                elif isinstance(item, list):
                    yield from ((c, (name, i, j)) for j, c in enumerate(item)
                                if isinstance(c, str))


def _abbreviations_seen(kind: str, model: Any) -> list[Any]:
    """What ``abbreviations_are_listed`` reads in one kind: each word of capitals (not a
    Roman numeral) where it first stands, and every printed text, in their order (plain
    JSON data: the kind's fact, kept with its judgements)."""
    first: list[Any] = []
    seen: set[str] = set()
    texts: list[str] = []
    for obj, path in _models(_View({kind: model})):
        for value, where in _texts(obj):
            if (type(obj).__name__, where[0]) in _UNPRINTED_FIELDS or where[0] == "unit":
                continue
            value = _URL.sub(" ", value)
            texts.append(value)
            for word in _ABBREVIATION.findall(value):
                if word not in seen and not _ROMAN.match(word):
                    seen.add(word)
                    first.append([word, [*path, *where]])
    return [first, texts]


@rule("abbreviations", keep=False)
def abbreviations_are_listed(s: Any, v: Validated):
    """Every abbreviation the sections use is in the list, and every listed one is used
    (the list is the working group's; check only compares it with the text). A listed
    "SP ZOZ" covers both of its words; units ("MW", "km") are no abbreviations to list."""
    by_kind = _RUN["by_kind"]
    shorts = by_kind.fact("abbreviations_are_listed", "abbreviations", partial(
        getattr, s, "abbreviations"), _shorts) if by_kind is not None else (
        _shorts("abbreviations", s.abbreviations))
    listed = {w for short in shorts for w in short.split()}
    warned: set[str] = set()
    texts: list[str] = []
    for kind in KINDS:
        if not s.has(kind) or kind in _UNPRINTED_KINDS:
            continue
        model = partial(getattr, s, kind)  # made only where no fact of it is kept
        first, printed = by_kind.fact("abbreviations_are_listed", kind, model,
                                      _abbreviations_seen) if by_kind is not None else (
            _abbreviations_seen(kind, model()))
        texts += printed
        for word, path in first:
            if word not in listed and word not in warned:
                warned.add(word)
                yield "warning", "abbreviations.unlisted", tuple(path), {"short": word}
    text = "\n".join(texts)
    for i, short in enumerate(shorts):
        if not _used(short, text):
            yield "warning", "abbreviations.unused", ("abbreviations", "abbreviations", i,
                                                       "short"), {"short": short}


def _shorts(kind: str, model: Any) -> list[str]:
    """The abbreviations the list holds, in its order (the list's fact)."""
    return [a.short for a in model.abbreviations]


def _used(short: str, text: str) -> bool:
    """Whether ``short`` stands in ``text`` as a word of its own: where it occurs, neither
    the character before nor the one after is a word character (as ``\\w`` means it: a
    letter, digit or underscore, ``str.isalnum``). Looked at by hand, not by a regular
    expression made for each abbreviation (compiling them was most of this rule)."""
    start = text.find(short)
    while start != -1:
        end = start + len(short)
        if not (start and _word(text[start - 1])) and not (end < len(text) and _word(text[end])):
            return True
        start = text.find(short, start + 1)
    return False


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"
