"""Rules of the diagnosis's indicators: typed numbers or bound to public statistics, and
the snapshots of GUS BDL they are bound to (strategy/model/statistics.py)."""

from __future__ import annotations

from typing import Any

from strategy.checks.rules.engine import _split_path, rule
from strategy.checks.validated import Validated


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
