"""The financial framework (model/finance.py) as the document's tables show it: by
source, by year and by leader, each share of the total no more exact than its amounts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from strategy.compose import markdown, overview, typography
from strategy.compose.markdown import Md
from strategy.compose.view import State
from strategy.language import books
from strategy.model.common import Quantity, total
from strategy.model.finance import SOURCES


def share_places(amount: Any, whole: Quantity, value: Decimal) -> int:
    """Decimal places of a share ``value`` (in per cent) of ``amount`` in ``whole`` that
    their precision supports: one where both are exact; where either is an estimate to
    a precision, as many as the share's own uncertainty allows (half a precision of
    each, relative to it), never more than one. An estimate without a precision keeps
    one place, as it prints its own digits."""
    relative = Decimal(0)
    for q in (amount, whole):
        if isinstance(q, Quantity) and q.precision is not None and q.value:
            relative += q.precision / 2 / abs(q.value)
    if not relative or not value:
        return 1
    return 1 if value * relative < Decimal("0.05") else 0


class FrameworkRows(State):
    """The financial framework's tables, shares and totals."""

    @property
    def source_labels(self) -> list[str]:
        return [self.L["sources"][s] for s in SOURCES]

    @property
    def source_rows(self) -> list[list[Any]]:
        return [[self.L["sources"][s], self.amount(a), self._share(a)]
                for s, a in self.fw.by_source.items()]

    def share(self, amount: Any) -> Md:
        """A share of the framework's total, marked as an estimate where the amount or
        the total is one, and no more exact than they are (``share_places``): a share
        too small for that precision is "poniżej 0,1%", never "ok. 0,0%"."""
        value = self.fw.share(amount)
        whole = amount.value if isinstance(amount, Quantity) else amount
        if whole in (0, self.fw.total.value):  # none of it, or all of it: exactly so
            return Md(typography.percent(value, 1, self.lang))
        estimate = getattr(amount, "estimate", False) or self.fw.total.estimate
        places = share_places(amount, self.fw.total, value)
        shown = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if value > 0 and shown == 0:
            least = typography.percent(Decimal(1).scaleb(-places), places, self.lang)
            return markdown.escape(books.fill(
                self.L["numbers"]["below"], self.lang, {"number": least}), self.lang)
        return self.q(Quantity(value=value, estimate=estimate), places, "percent",
                      escaped=False)

    _share = share

    def total_row(self, word: str, amount: Any, share: bool = True) -> list[Any]:
        """The bold last row of a table: its word, the amount, 100%."""
        row = [Md("**" + markdown.escape(word, self.lang) + "**"),
               Md("**" + self.amount(amount) + "**")]
        return row + [Md("**" + typography.percent(100, 1, self.lang) + "**")] if share else row

    @property
    def year_rows(self) -> list[list[Any]]:
        rows = []
        for year, by_source in self.fw.by_year_source.items():
            rows.append([str(year)] + [Md(markdown.escape(self.pln(by_source[s])))
                                       for s in SOURCES]
                        + [Md(markdown.escape(self.pln(self.fw.by_year[year])))])
        return rows

    @property
    def year_total_row(self) -> list[Any]:
        """The total of the table by years: the years, the unscheduled row and the row
        of costs split neither into sources nor years add up to each source's amount and
        to the framework's total."""
        split = [self.fw.by_source[s] for s in SOURCES]
        return overview.total_row(self, [self.amount(q) for q in split]
                                  + [self.amount(self.fw.tables_total)])

    @property
    def unsplit_ids(self) -> list[str]:
        """What the costs without a split into sources are: the sheets with a cost and
        no funding, and the packages counted by their own estimate."""
        return [i.id for i in self.investments if i.cost is not None and not i.funding] + [
            *self.fw.estimates]

    def unsplit_year_row(self, word: str) -> list[Any]:
        """The costs split neither into sources nor years, in the total column only: a
        package known by its estimate is in the framework's total, so the table by
        years says so rather than leave it out."""
        return [word] + [None] * len(SOURCES) + [self.amount(self.fw.unsplit)]

    def unscheduled_row(self, word: str) -> list[Any]:
        """The amounts not given to years (estimates, projects without years), by source."""
        zero = Quantity(value=0)
        return [word] + [self.amount(self.fw.unscheduled.get(s, zero)) for s in SOURCES] + [
            self.amount(self.fw.unscheduled_total)]

    @property
    def leader_rows(self) -> list[list[Any]]:
        """Each leader's projects and amount; where packages are counted by their own
        estimate, a column of them apart (a package or bundle is no project)."""
        apart = bool(self.fw.estimates)

        def counts(projects: int, packages: int) -> list[Any]:
            return [Md(str(projects))] + ([Md(str(packages))] if apart else [])

        rows = [[self.entity_name(m) if m else self.L["no_leader"],
                 *counts(self.fw.count_by_leader.get(m, 0), self.fw.estimates_by_leader.get(m, 0)),
                 self.amount(a), self._share(a)]
                for m, a in sorted(self.fw.by_leader.items(), key=lambda kv: -kv[1].value)]
        led = total(self.fw.by_leader.values())
        return rows + [overview.total_row(self, [
            *counts(sum(self.fw.count_by_leader.values()),
                    sum(self.fw.estimates_by_leader.values())),
            self.amount(led), self._share(led)])]

    @property
    def framework_exact(self) -> bool:
        """Whether every table of the framework adds up to its total exactly: no
        estimate in it, every costed sheet split into sources that add up to its cost."""
        invs = self.investments
        return not self.fw.total.estimate and not self.fw.unsplit and not (
            self.fw.funded_without_cost) and all(
            inv.cost is None or total(f.amount for f in inv.funding).value == inv.cost.value
            for inv in invs)

    @property
    def fw_first(self) -> int:
        return min(self.fw.by_year) if self.fw.by_year else self.s.strategy.period.first

    @property
    def fw_last(self) -> int:
        return max(self.fw.by_year) if self.fw.by_year else self.s.strategy.period.last
