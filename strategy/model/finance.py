"""The financial framework, computed from the project sheets and checked against them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from strategy.model.investments import Investment

SOURCES = ("eu_regional", "national", "own", "other")


@dataclass(frozen=True)
class Framework:
    total: Decimal
    by_source: dict[str, Decimal]
    by_year: dict[int, Decimal]
    by_year_source: dict[int, dict[str, Decimal]]
    by_leader: dict[str, Decimal]
    count_by_leader: dict[str, int]

    def share(self, amount: Decimal) -> Decimal:
        return Decimal(0) if not self.total else amount * 100 / self.total


def spread(amount: Decimal, first: int, last: int) -> dict[int, Decimal]:
    """Split an amount evenly over the years, to the grosz; the last year takes the rest,
    so the years always add up to the amount exactly."""
    years = list(range(first, last + 1))
    part = (amount / len(years)).quantize(Decimal("0.01"))
    result = {y: part for y in years[:-1]}
    result[years[-1]] = amount - part * (len(years) - 1)
    return result


def framework(investments: list[Investment]) -> Framework:
    by_source: dict[str, Decimal] = {s: Decimal(0) for s in SOURCES}
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    by_year_source: dict[int, dict[str, Decimal]] = defaultdict(
        lambda: {s: Decimal(0) for s in SOURCES})
    by_leader: dict[str, Decimal] = defaultdict(Decimal)
    count: dict[str, int] = defaultdict(int)
    for inv in investments:
        by_leader[inv.leader] += inv.cost
        count[inv.leader] += 1
        for f in inv.funding:
            by_source[f.source] += f.amount
            for year, part in spread(f.amount, inv.years.first, inv.years.last).items():
                by_year[year] += part
                by_year_source[year][f.source] += part
    total = sum((inv.cost for inv in investments), start=Decimal(0))
    fw = Framework(total, by_source, dict(sorted(by_year.items())),
                   dict(sorted(by_year_source.items())), dict(by_leader), dict(count))
    # The tables must agree with the sheets to the grosz; check catches sums per sheet,
    # this guards the aggregation itself.
    assert sum(fw.by_source.values()) == total == sum(fw.by_year.values()) == sum(
        fw.by_leader.values()), "financial framework does not add up to the project sheets"
    return fw
