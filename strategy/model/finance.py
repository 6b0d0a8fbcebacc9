"""The financial framework, computed from the project sheets (and the estimates of
packages without sheets) and never more exact than they are.

What the framework adds up:

- ``total``: every cost known, an estimate where any part of it is (model/common.py,
  ``total``); a package of projects counts its projects' costs, a package without
  costed projects its own estimate, never both.
- ``by_source``: the funding each sheet splits into sources; a sheet with a cost but no
  split is counted in ``unsplit`` instead, so no source is invented for it.
- ``by_year``: exact amounts spread evenly over the project's years, each source's
  sums rounded once to the precision of its amounts (whole złoty for amounts typed in
  whole złoty, grosze only where they have them), the years adding up to the source's
  amount exactly. An estimate is not spread (a share of "ok. 6,4 mld zł" per year
  would be a precision the estimate does not have), nor an amount of a project
  without years: both are in ``unscheduled``.

What it does not include is listed (``without_cost``, ``without_funding``,
``without_years``), so the document can say so.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
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
    count_by_leader: dict[str | None, int]  # the project sheets with a cost, by leader
    estimates_by_leader: dict[str | None, int] = field(default_factory=dict)  # packages
    without_cost: tuple[str, ...] = ()
    without_funding: tuple[str, ...] = ()
    without_years: tuple[str, ...] = ()
    estimates: tuple[str, ...] = ()  # packages counted by their own estimate
    counted: tuple[str, ...] = field(default=())  # the investments with a cost
    # the sheets with a cost and no split into sources (their cost is in ``unsplit``)
    unsplit_sheets: tuple[str, ...] = ()
    # why the tables by source and year may not add up to ``total``: sheets whose funding
    # has no cost to count it against, and sheets whose funding differs from their cost
    # (an estimate within its precision; an exact difference is an error of ``check``)
    funded_without_cost: tuple[str, ...] = ()
    unequal: tuple[str, ...] = ()
    # whose amounts are in ``unscheduled``: estimates (with years), and amounts of sheets
    # without years
    apart_estimated: tuple[str, ...] = ()
    apart_undated: tuple[str, ...] = ()

    def share(self, amount: Any) -> Decimal:
        value = amount.value if isinstance(amount, Quantity) else amount
        return Decimal(0) if not self.total.value else value * 100 / self.total.value

    @property
    def tables_total(self) -> Quantity:
        """What the tables by source and by year add up to: every source's funding and
        the costs without a split into sources."""
        return total([*self.by_source.values(), *([self.unsplit] if self.unsplit else [])])

    @property
    def unscheduled_total(self) -> Quantity | None:
        parts = list(self.unscheduled.values())
        return total(parts) if parts else None


def unit(amount: Decimal) -> Decimal:
    """The precision an amount was typed with: a grosz where it has grosze, else a złoty
    (2 500 000 says nothing of grosze; 2 500 000,50 does)."""
    return Decimal(1) if amount == amount.to_integral_value() else Decimal("0.01")


def spread(amount: Decimal, first: int, last: int) -> dict[int, Fraction]:
    """An amount split evenly over the years, exactly (a third of a złoty stays a
    third): ``rounded`` rounds a table's sums of such shares once, at the end."""
    years = range(first, last + 1)
    return {y: Fraction(amount) / len(years) for y in years}


def rounded(exact: dict[int, Fraction], step: Decimal) -> dict[int, Decimal]:
    """``exact`` amounts that add up to a whole number of ``step`` (a złoty, a grosz),
    each rounded to ``step`` by the largest remainder: every amount gets its whole steps
    and the steps left over go one each to the largest fractions (the earlier year
    first where they are equal), so the amounts still add up to their sum exactly and
    none shows a fraction of a złoty its data does not have."""
    units = {k: v / Fraction(step) for k, v in exact.items()}
    floors = {k: math.floor(u) for k, u in units.items()}
    left = round(sum(units.values()) - sum(floors.values()))
    for k in sorted(units, key=lambda k: (floors[k] - units[k], k))[:left]:
        floors[k] += 1
    return {k: f * step for k, f in floors.items()}


def _costed_packages(investments: list[Any], packages: list[Any]) -> list[Any]:
    """The packages counted by their own estimate: those none of whose projects has a
    cost (a package's projects, when costed, are its subtotal)."""
    costed = {getattr(inv, "package", None) for inv in investments if inv.cost is not None}
    return [p for p in packages if p.cost is not None and p.id not in costed]


def framework(investments: list[Any], packages: list[Any] | None = None,
              period: tuple[int, int] | None = None) -> Framework:
    """The framework of ``investments`` (project sheets) and ``packages``. It never
    fails on a sheet whose funding does not add up to its cost (``check`` reports that
    at the sheet): each table adds up what it counts. Given the strategy's ``period``
    (first and last year), the by-year table runs over all of it (a year without
    amounts shows 0), and beyond it where a project does."""
    by_source: dict[str, list[Quantity]] = {s: [] for s in SOURCES}
    shares: dict[str, dict[int, Fraction]] = {s: defaultdict(Fraction) for s in SOURCES}
    steps: dict[str, Decimal] = {s: Decimal(1) for s in SOURCES}
    unscheduled: dict[str, list[Quantity]] = defaultdict(list)
    by_leader: dict[str | None, list[Quantity]] = defaultdict(list)
    count: dict[str | None, int] = defaultdict(int)
    bundles: dict[str | None, int] = defaultdict(int)
    costs: list[Quantity] = []
    unsplit: list[Quantity] = []
    without_cost, without_funding, without_years, unsplit_sheets = [], [], [], []
    apart: dict[str, list[str]] = {"estimated": [], "undated": []}
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
                unsplit_sheets.append(inv.id)
        if inv.years is None:
            without_years.append(inv.id)
        for f in inv.funding:
            by_source[f.source].append(f.amount)
            if inv.years is None or f.amount.marked:
                unscheduled[f.source].append(f.amount)
                why = apart["undated" if inv.years is None else "estimated"]
                if inv.id not in why:
                    why.append(inv.id)
                continue
            for year, part in spread(f.amount.value, inv.years.first, inv.years.last).items():
                shares[f.source][year] += part
            steps[f.source] = min(steps[f.source], unit(f.amount.value))
    # Each source's column rounded once, to the finest precision of its amounts.
    columns = {s: rounded(shares[s], steps[s]) for s in SOURCES}
    years = sorted({y for column in columns.values() for y in column})
    if years and period is not None:
        years = list(range(min(years[0], period[0]), max(years[-1], period[1]) + 1))
    by_year_source = {y: {s: columns[s].get(y, Decimal(0)) for s in SOURCES} for y in years}
    by_year = {y: sum(row.values(), start=Decimal(0)) for y, row in by_year_source.items()}
    estimated = _costed_packages(investments, packages or [])
    for p in estimated:
        costs.append(p.cost)
        unsplit.append(p.cost)
        by_leader[p.leader].append(p.cost)
        bundles[p.leader] += 1  # a package is no project: counted apart
    return Framework(
        total=total(costs),
        by_source={s: total(a) for s, a in by_source.items()},
        unsplit=total(unsplit) if unsplit else None,
        by_year=by_year, by_year_source=by_year_source,
        unscheduled={s: total(unscheduled[s]) for s in SOURCES if unscheduled.get(s)},
        by_leader={k: total(v) for k, v in by_leader.items()},
        count_by_leader=dict(count), estimates_by_leader=dict(bundles),
        without_cost=tuple(without_cost), without_funding=tuple(without_funding),
        without_years=tuple(without_years), estimates=tuple(p.id for p in estimated),
        counted=tuple(inv.id for inv in investments if inv.cost is not None),
        unsplit_sheets=tuple(unsplit_sheets),
        apart_estimated=tuple(apart["estimated"]), apart_undated=tuple(apart["undated"]),
        funded_without_cost=tuple(i.id for i in investments if i.cost is None and i.funding),
        unequal=tuple(i.id for i in investments if i.cost is not None and i.funding
                      and total(f.amount for f in i.funding).value != i.cost.value))
