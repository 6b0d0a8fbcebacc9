"""The financial framework, computed from the project sheets (and the estimates of
packages without sheets) and never more exact than they are.

What the framework adds up:

- ``total``: every cost known, an estimate where any part of it is (model/common.py,
  ``total``); a package of projects counts its projects' costs, a package without
  costed projects its own estimate, never both.
- ``by_source``: the funding each sheet splits into sources; a sheet with a cost but no
  split is counted in ``unsplit`` instead, so no source is invented for it.
- ``by_year``: exact amounts spread evenly over the project's years, to the grosz. An
  estimate is not spread (a share of "ok. 6,4 mld zł" per year would be a precision the
  estimate does not have), nor an amount of a project without years: both are in
  ``unscheduled``.

What it does not include is listed (``without_cost``, ``without_funding``,
``without_years``), so the document can say so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from strategy.model.common import Quantity, total

SOURCES = ("eu_regional", "national", "own", "other")


@dataclass(frozen=True)
class Framework:
    total: Quantity
    by_source: dict[str, Quantity]
    unsplit: Quantity | None  # costs of sheets without a funding split
    by_year: dict[int, Decimal]
    by_year_source: dict[int, dict[str, Decimal]]
    unscheduled: dict[str, Quantity]  # by source: estimates, and amounts without years
    by_leader: dict[str | None, Quantity]  # None: projects without a leader yet
    count_by_leader: dict[str | None, int]
    without_cost: tuple[str, ...] = ()
    without_funding: tuple[str, ...] = ()
    without_years: tuple[str, ...] = ()
    estimates: tuple[str, ...] = ()  # packages counted by their own estimate
    counted: tuple[str, ...] = field(default=())  # the investments with a cost

    def share(self, amount: Any) -> Decimal:
        value = amount.value if isinstance(amount, Quantity) else amount
        return Decimal(0) if not self.total.value else value * 100 / self.total.value

    @property
    def unscheduled_total(self) -> Quantity | None:
        parts = list(self.unscheduled.values())
        return total(parts) if parts else None


def spread(amount: Decimal, first: int, last: int) -> dict[int, Decimal]:
    """Split an amount evenly over the years, to the grosz; the last year takes the rest,
    so the years always add up to the amount exactly."""
    years = list(range(first, last + 1))
    part = (amount / len(years)).quantize(Decimal("0.01"))
    result = {y: part for y in years[:-1]}
    result[years[-1]] = amount - part * (len(years) - 1)
    return result


def _costed_packages(investments: list[Any], packages: list[Any]) -> list[Any]:
    """The packages counted by their own estimate: those none of whose projects has a
    cost (a package's projects, when costed, are its subtotal)."""
    costed = {getattr(inv, "package", None) for inv in investments if inv.cost is not None}
    return [p for p in packages if p.cost is not None and p.id not in costed]


def framework(investments: list[Any], packages: list[Any] | None = None) -> Framework:
    """The framework of ``investments`` (project sheets) and ``packages``. It never
    fails on a sheet whose funding does not add up to its cost (``check`` reports that
    at the sheet): each table adds up what it counts."""
    by_source: dict[str, list[Quantity]] = {s: [] for s in SOURCES}
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    by_year_source: dict[int, dict[str, Decimal]] = defaultdict(
        lambda: {s: Decimal(0) for s in SOURCES})
    unscheduled: dict[str, list[Quantity]] = defaultdict(list)
    by_leader: dict[str | None, list[Quantity]] = defaultdict(list)
    count: dict[str | None, int] = defaultdict(int)
    costs: list[Quantity] = []
    unsplit: list[Quantity] = []
    without_cost, without_funding, without_years = [], [], []
    for inv in investments:
        if inv.cost is None:
            without_cost.append(inv.id)
        else:
            costs.append(inv.cost)
            by_leader[inv.leader].append(inv.cost)
            count[inv.leader] += 1
        if not inv.funding:
            without_funding.append(inv.id)
            if inv.cost is not None:
                unsplit.append(inv.cost)
        if inv.years is None:
            without_years.append(inv.id)
        for f in inv.funding:
            by_source[f.source].append(f.amount)
            if inv.years is None or f.amount.marked:
                unscheduled[f.source].append(f.amount)
                continue
            for year, part in spread(f.amount.value, inv.years.first, inv.years.last).items():
                by_year[year] += part
                by_year_source[year][f.source] += part
    estimated = _costed_packages(investments, packages or [])
    for p in estimated:
        costs.append(p.cost)
        unsplit.append(p.cost)
        by_leader[p.leader].append(p.cost)
        count[p.leader] += 1
    return Framework(
        total=total(costs),
        by_source={s: total(a) for s, a in by_source.items()},
        unsplit=total(unsplit) if unsplit else None,
        by_year=dict(sorted(by_year.items())),
        by_year_source=dict(sorted(by_year_source.items())),
        unscheduled={s: total(unscheduled[s]) for s in SOURCES if unscheduled.get(s)},
        by_leader={k: total(v) for k, v in by_leader.items()},
        count_by_leader=dict(count),
        without_cost=tuple(without_cost), without_funding=tuple(without_funding),
        without_years=tuple(without_years), estimates=tuple(p.id for p in estimated),
        counted=tuple(inv.id for inv in investments if inv.cost is not None))
