"""Rules of identifiers and references: every ID declared once, every reference naming a
declared one, and meetings naming kinds that exist."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from strategy.checks.rules.engine import _DECLARED, _RUN, rule
from strategy.checks.validated import Validated
from strategy.language.messages import localized
from strategy.model.common import ID_PATTERN
from strategy.model.kinds import KINDS
from strategy.model.plain import MAX_GOAL_LEVELS
from strategy.problems import display_path
from strategy.sections.load import KEY, KeyPath


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
