"""Rules of numbers, years and sums: the strategy's period and versions, the opinions on
it, and its projects' money and years."""

from __future__ import annotations

from typing import Any

from strategy.checks.rules.engine import rule
from strategy.checks.validated import Validated
from strategy.language.messages import localized
from strategy.model.common import total
from strategy.sections.load import KEY


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
