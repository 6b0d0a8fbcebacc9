"""The rules across sections, all in one place.

A rule names the kinds it reads and runs only when all of them are valid, so a
broken file never causes a cascade of false alarms elsewhere. Errors mean the
document would be wrong; warnings mean it would be incomplete.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from strategy.load import KeyPath
from strategy.model import KINDS
from strategy.problems import Problem, Severity
from strategy.validate import Validated


@dataclass(frozen=True)
class Rule:
    needs: tuple[str, ...]
    check: Callable[[Any, Validated], Iterator[tuple[Severity, str, KeyPath, dict]]]


RULES: list[Rule] = []


def rule(*needs: str):
    def register(fn):
        RULES.append(Rule(needs, fn))
        return fn
    return register


class _View:
    """Attribute access to the validated kinds a rule asked for."""

    def __init__(self, kinds: dict[str, Any]) -> None:
        self.__dict__.update(kinds)


def run_rules(validated: Validated) -> list[Problem]:
    problems: list[Problem] = []
    view = _View(validated.kinds)
    for r in RULES:
        if not all(n in validated.kinds for n in r.needs):
            continue
        for severity, code, path, params in r.check(view, validated):
            problems.append(Problem(severity, code, validated.sections.mark(path), params))
    return problems


def _split_path(kind: str, index: int) -> KeyPath:
    split = KINDS[kind].split
    return (kind, split, index) if split else (kind, kind, index)


# --- identifiers and references ------------------------------------------------------

def _ids(s: Any) -> Iterator[tuple[str, str, KeyPath]]:
    """Every ID the strategy declares: (id, what it is, where)."""
    if hasattr(s, "partnership"):
        for i, m in enumerate(s.partnership.members):
            yield m.id, "member", ("partnership", "members", i, "id")
    if hasattr(s, "meetings"):
        for i, m in enumerate(s.meetings.meetings):
            yield m.id, "meeting", ("meetings", "meetings", i, "id")
    if hasattr(s, "diagnosis"):
        for i, c in enumerate(s.diagnosis.chapters):
            yield c.id, "chapter", ("diagnosis", "chapters", i, "id")
            for j, ind in enumerate(c.indicators):
                yield ind.id, "indicator", ("diagnosis", "chapters", i, "indicators", j, "id")
    if hasattr(s, "surveys"):
        for i, sv in enumerate(s.surveys.surveys):
            yield sv.id, "survey", ("surveys", "surveys", i, "id")
    if hasattr(s, "conclusions"):
        for i, c in enumerate(s.conclusions.conclusions):
            yield c.id, "conclusion", ("conclusions", "conclusions", i, "id")
    if hasattr(s, "goals"):
        for i, g in enumerate(s.goals.strategic_goals):
            base = ("goals", "strategic_goals", i)
            yield g.id, "goal", (*base, "id")
            for j, og in enumerate(g.operational_goals):
                yield og.id, "goal", (*base, "operational_goals", j, "id")
            for j, res in enumerate(g.results):
                for k, ind in enumerate(res.indicators):
                    yield ind.id, "indicator", (*base, "results", j, "indicators", k, "id")
    if hasattr(s, "directions"):
        for i, d in enumerate(s.directions.directions):
            yield d.id, "direction", ("directions", "directions", i, "id")
    if hasattr(s, "investments"):
        for i, inv in enumerate(s.investments.investments):
            yield inv.id, "investment", ("investments", "investments", i, "id")
    if hasattr(s, "spatial"):
        for i, r in enumerate(s.spatial.recommendations):
            yield r.id, "recommendation", ("spatial", "recommendations", i, "id")
    if hasattr(s, "areas"):
        for group in ("regional", "local"):
            for i, osi in enumerate(getattr(s.areas, group)):
                yield osi.id, "osi", ("areas", group, i, "id")


@rule()
def unique_ids(s: Any, v: Validated):
    first: dict[str, KeyPath] = {}
    for ident, _what, path in _ids(s):
        if ident in first:
            where = v.sections.mark(first[ident])
            yield "error", "rule.duplicate_id", path, {
                "id": ident, "first": f"{where.file.name}:{where.line}"}
        else:
            first[ident] = path


def _declared(s: Any, what: str) -> set[str]:
    return {ident for ident, kind, _ in _ids(s) if kind == what}


# The kind that declares each sort of ID: a reference is checked only when both the
# kind holding it and the kind declaring its target are valid.
_DECLARED_IN = {"member": "partnership", "meeting": "meetings", "chapter": "diagnosis",
                "conclusion": "conclusions", "goal": "goals", "direction": "directions"}


def _refs(s: Any) -> Iterator[tuple[str, str, KeyPath]]:
    """Every reference in the valid kinds: (id referred to, sort of ID, where)."""
    if hasattr(s, "partnership"):
        for i, seat in enumerate(s.partnership.council):
            if seat.member:
                yield seat.member, "member", ("partnership", "council", i, "member")
        for i, person in enumerate(s.partnership.working_group):
            if person.member:
                yield person.member, "member", ("partnership", "working_group", i, "member")
    if hasattr(s, "meetings"):
        for i, m in enumerate(s.meetings.meetings):
            for j, p in enumerate(m.participants):
                yield p, "member", ("meetings", "meetings", i, "participants", j)
    if hasattr(s, "strategy"):
        for i, entry in enumerate(s.strategy.history):
            if entry.meeting:
                yield entry.meeting, "meeting", ("strategy", "history", i, "meeting")
    if hasattr(s, "diagnosis"):
        for i, c in enumerate(s.diagnosis.chapters):
            for j, ind in enumerate(c.indicators):
                for key in ind.values:
                    yield key, "member", ("diagnosis", "chapters", i, "indicators", j, "values",
                                          key)
    if hasattr(s, "conclusions"):
        for i, c in enumerate(s.conclusions.conclusions):
            if c.chapter:
                yield c.chapter, "chapter", ("conclusions", "conclusions", i, "chapter")
    if hasattr(s, "directions"):
        for i, d in enumerate(s.directions.directions):
            base = ("directions", "directions", i)
            yield d.goal, "goal", (*base, "goal")
            for j, c in enumerate(d.conclusions):
                yield c, "conclusion", (*base, "conclusions", j)
            for j, m in enumerate(d.members):
                yield m, "member", (*base, "members", j)
    if hasattr(s, "investments"):
        for i, inv in enumerate(s.investments.investments):
            base = ("investments", "investments", i)
            yield inv.leader, "member", (*base, "leader")
            for j, p in enumerate(inv.partners):
                yield p, "member", (*base, "partners", j)
            for j, d in enumerate(inv.directions):
                yield d, "direction", (*base, "directions", j)
    if hasattr(s, "areas"):
        for group in ("regional", "local"):
            for i, osi in enumerate(getattr(s.areas, group)):
                for j, m in enumerate(osi.members):
                    yield m, "member", ("areas", group, i, "members", j)
                for j, d in enumerate(osi.directions):
                    yield d, "direction", ("areas", group, i, "directions", j)


@rule()
def references_resolve(s: Any, v: Validated):
    declared: dict[str, set[str]] = {}
    for ident, what, path in _refs(s):
        if not hasattr(s, _DECLARED_IN[what]):
            continue  # the declaring kind is broken: its own errors say so
        known = declared.setdefault(what, _declared(s, what))
        if ident not in known:
            close = difflib.get_close_matches(ident, sorted(known), n=1, cutoff=0.5)
            yield "error", "rule.dangling_reference", path, {
                "id": ident, "what": {"pl": _WHAT_PL[what], "en": what},
                "suggestion_pl": f" (może „{close[0]}”?)" if close else "",
                "suggestion_en": f" (perhaps '{close[0]}'?)" if close else "",
                "known": ", ".join(sorted(known)[:12]) + (" …" if len(known) > 12 else ""),
            }


_WHAT_PL = {
    "member": "członka partnerstwa", "meeting": "spotkania", "chapter": "rozdziału diagnozy",
    "conclusion": "wniosku z diagnozy", "goal": "celu", "direction": "kierunku działań",
}


@rule("meetings")
def meeting_sections_are_kinds(s: Any, v: Validated):
    for i, m in enumerate(s.meetings.meetings):
        for field in ("drafted", "agreed"):
            for j, name in enumerate(getattr(m, field)):
                if name not in KINDS:
                    yield "error", "rule.unknown_section", ("meetings", "meetings", i, field, j), {
                        "name": name, "known": ", ".join(KINDS)}


# --- the partnership --------------------------------------------------------------

@rule("partnership")
def one_leader(s: Any, v: Validated):
    leaders = [i for i, m in enumerate(s.partnership.members) if m.leader]
    if len(leaders) != 1:
        path = ("partnership", "members", leaders[1], "leader") if leaders else (
            "partnership", "members")
        yield "error", "rule.one_leader", path, {"count": len(leaders)}


_TERYT_KIND = {"1": "urban", "2": "rural", "3": "urban-rural"}


@rule("partnership")
def teryt_matches_kind(s: Any, v: Validated):
    seen: dict[str, int] = {}
    for i, m in enumerate(s.partnership.members):
        path = ("partnership", "members", i, "teryt")
        expected = "powiat" if len(m.teryt) == 4 else _TERYT_KIND.get(m.teryt[-1])
        if expected != m.kind:
            yield "error", "rule.teryt_kind", path, {"teryt": m.teryt, "kind": m.kind}
        if m.teryt in seen:
            yield "error", "rule.duplicate_teryt", path, {"teryt": m.teryt}
        seen[m.teryt] = i
        if m.population is not None and m.population_year is None and not m.population_note:
            yield "warning", "rule.population_year", ("partnership", "members", i, "population"), {
                "name": m.name}


# --- numbers, years and sums ----------------------------------------------------------

@rule("strategy")
def period_order(s: Any, v: Validated):
    p = s.strategy.period
    if p.first > p.last:
        yield "error", "rule.year_order", ("strategy", "period", "last"), {
            "first": p.first, "last": p.last}
    versions: set[str] = set()
    for i, entry in enumerate(s.strategy.history):
        if entry.version in versions:
            yield "error", "rule.duplicate_version", ("strategy", "history", i, "version"), {
                "version": entry.version}
        versions.add(entry.version)


@rule("strategy", "investments")
def investment_money_and_years(s: Any, v: Validated):
    period = s.strategy.period
    for i, inv in enumerate(s.investments.investments):
        base = ("investments", "investments", i)
        total = sum((f.amount for f in inv.funding), start=0)
        if total != inv.cost:
            yield "error", "rule.funding_sum", (*base, "funding"), {
                "id": inv.id, "total": _pln(total), "cost": _pln(inv.cost),
                "difference": _pln(inv.cost - total)}
        if inv.years.first > inv.years.last:
            yield "error", "rule.year_order", (*base, "years", "last"), {
                "first": inv.years.first, "last": inv.years.last}
        for field in ("first", "last"):
            year = getattr(inv.years, field)
            if not period.first <= year <= period.last:
                yield "error", "rule.year_outside_period", (*base, "years", field), {
                    "year": year, "first": period.first, "last": period.last}
        if inv.leader in inv.partners:
            yield "warning", "rule.leader_is_partner", (*base, "partners"), {"id": inv.leader}
        for group in ("output", "result"):
            for j, ind in enumerate(getattr(inv.indicators, group)):
                if ind.year is not None and not period.first <= ind.year <= period.last:
                    yield "error", "rule.year_outside_period", (
                        *base, "indicators", group, j, "year"), {
                        "year": ind.year, "first": period.first, "last": period.last}
        if not inv.indicators.output and not inv.indicators.result:
            yield "warning", "rule.investment_without_indicators", (*base, "indicators"), {
                "id": inv.id}


def _pln(amount: Any) -> str:
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",") + " zł"


@rule("strategy", "goals")
def result_indicators_complete(s: Any, v: Validated):
    period = s.strategy.period
    for i, g in enumerate(s.goals.strategic_goals):
        for j, res in enumerate(g.results):
            for k, ind in enumerate(res.indicators):
                base = ("goals", "strategic_goals", i, "results", j, "indicators", k)
                for field in ("baseline", "target"):
                    if getattr(ind, field) is None:
                        yield "warning", f"rule.indicator_no_{field}", base, {"id": ind.id}
                if ind.target and not period.first <= ind.target.year <= period.last:
                    yield "error", "rule.year_outside_period", (*base, "target", "year"), {
                        "year": ind.target.year, "first": period.first, "last": period.last}
                if ind.baseline and ind.target and ind.baseline.year >= ind.target.year:
                    yield "error", "rule.baseline_after_target", (*base, "baseline", "year"), {
                        "id": ind.id}
        if not g.results:
            yield "warning", "rule.goal_without_results", ("goals", "strategic_goals", i), {
                "id": g.id}


@rule("surveys")
def survey_periods(s: Any, v: Validated):
    for i, sv in enumerate(s.surveys.surveys):
        if sv.period.start > sv.period.end:
            yield "error", "rule.date_order", ("surveys", "surveys", i, "period", "end"), {
                "start": sv.period.start.isoformat(), "end": sv.period.end.isoformat()}


@rule("partnership", "diagnosis")
def indicator_values_complete(s: Any, v: Validated):
    members = [m.id for m in s.partnership.members]
    for i, c in enumerate(s.diagnosis.chapters):
        for j, ind in enumerate(c.indicators):
            missing = [m for m in members if m not in ind.values]
            if missing:
                yield "warning", "rule.indicator_missing_members", (
                    "diagnosis", "chapters", i, "indicators", j, "values"), {
                    "id": ind.id, "members": ", ".join(missing)}


# --- the logic of the strategy ----------------------------------------------------------

@rule("goals")
def three_dimensions(s: Any, v: Validated):
    present = {g.dimension for g in s.goals.strategic_goals}
    missing = [d for d in ("social", "economic", "spatial") if d not in present]
    if missing:
        words = {"social": "społeczny", "economic": "gospodarczy", "spatial": "przestrzenny"}
        yield "error", "rule.dimensions", ("goals", "strategic_goals"), {
            "missing": {"pl": ", ".join(words[d] for d in missing), "en": ", ".join(missing)}}


@rule("goals", "directions")
def goals_have_directions(s: Any, v: Validated):
    served = {d.goal for d in s.directions.directions}
    for i, g in enumerate(s.goals.strategic_goals):
        own = {g.id} | {og.id for og in g.operational_goals}
        if not own & served:
            yield "warning", "rule.goal_without_direction", ("goals", "strategic_goals", i, "id"), {
                "id": g.id}


@rule("directions")
def directions_answer_conclusions(s: Any, v: Validated):
    for i, d in enumerate(s.directions.directions):
        if not d.conclusions:
            yield "warning", "rule.direction_without_conclusion", ("directions", "directions", i,
                                                                  "id"), {"id": d.id}


# --- files the sections point at --------------------------------------------------

def _figures(s: Any) -> Iterator[tuple[Any, KeyPath]]:
    def walk(obj: Any, path: KeyPath) -> Iterator[tuple[Any, KeyPath]]:
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if name == "figures":
                for i, fig in enumerate(value):
                    yield fig, (*path, "figures", i)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if hasattr(type(item), "model_fields"):
                        yield from walk(item, (*path, name, i))
            elif hasattr(type(value), "model_fields"):
                yield from walk(value, (*path, name))
    for kind in KINDS:
        if kind in s.__dict__:
            yield from walk(s.__dict__[kind], (kind,))


@rule()
def figure_files_exist(s: Any, v: Validated):
    for fig, path in _figures(s):
        source_dir = v.sections.mark(path).file.parent
        candidates = [v.sections.root / fig.file, source_dir / fig.file]
        if not any(Path(c).is_file() for c in candidates):
            yield "error", "rule.figure_missing", (*path, "file"), {"file": fig.file}
