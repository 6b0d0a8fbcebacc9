"""Rules of the partnership: its members' and partners' identifiers (TERYT, REGON, KRS)
and what describes each member."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from strategy.checks.rules.engine import rule
from strategy.checks.validated import Validated
from strategy.model.plain import LOCAL_GOVERNMENTS
from strategy.sections.load import KeyPath

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
