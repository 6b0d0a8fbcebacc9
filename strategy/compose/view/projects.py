"""The projects: the list of investments, which of them are scheduled, costed, joint or
seek EU money, the packages and bundles of packages.yaml, and each project's sheet."""

from __future__ import annotations

from functools import cached_property
from types import SimpleNamespace
from typing import Any

from strategy.compose import overview, typography
from strategy.compose.view import State
from strategy.model.common import Quantity, total
from strategy.model.investments import Investment

# The rows of a project sheet, in order; their words are labels.yaml's ``sheet_fields``.
SHEET_FIELDS = ("scope", "leader", "partners", "location", "cost", "funding", "years",
                "output_indicators", "result_indicators", "directions", "status", "priority")


class ProjectRows(State):
    """The projects' tables, the packages and the project sheets."""

    @property
    def investment_rows(self) -> list[list[Any]]:
        missing = self.L["no_data"]
        rows = [[inv.id, inv.title, self.leader_name(inv.leader), self.amount(inv.cost),
            self.span_years(inv.years), overview.programme_cell(self, inv)
            if inv.funding else missing,
            self.L["investment_status"][inv.status], self.L["priority"][inv.priority]]
            for inv in self.investments]
        # the known costs only: the lead says how many sheets have none
        known = self.amount(self.sheets_total) if len(self.uncosted_ids) < len(
            self.investments) else self.L["no_data"]  # no cost known: no sum of nothing
        return rows + [overview.total_row(self, [None, None, known, None, None, None, None])]

    def leader_name(self, ident: str | None) -> str:
        """A project's or package's leader by name; "brak danych" while none is named."""
        return self.entity_name(ident) if ident else self.L["no_data"]

    def span_years(self, span: Any) -> str:
        """A project's years ("2023–2025"); "brak danych" while they are not known."""
        return self.years(span.first, span.last) if span is not None else self.L["no_data"]

    @property
    def scheduled(self) -> list[Investment]:
        """The projects whose years are known: the timeline shows only them."""
        return [i for i in self.investments if i.years is not None]

    @property
    def unscheduled_ids(self) -> list[str]:
        return [i.id for i in self.investments if i.years is None]

    @property
    def uncosted_ids(self) -> list[str]:
        return [i.id for i in self.investments if i.cost is None]

    @property
    def joint_ids(self) -> list[str]:
        """The projects joint by the data, as readiness's joint_investments judges it: with
        partners, or in a joint package (a ZPT package of single-beneficiary projects is
        joint as a whole, CPR art. 29(1)(c))."""
        joint = {p.id for p in self.s.packages.packages if p.joint} if self.s.packages else set()
        return [i.id for i in self.investments if i.partners or i.package in joint]

    @property
    def programme_sheets(self) -> list[Investment]:
        """The projects whose sheets name the EU money they seek: a regional programme
        fund, or a programme's territorial instrument or measure."""
        return [i for i in self.investments if any(
            f.source == "eu_regional" or f.instrument or f.measure for f in i.funding)]

    @property
    def instrument_sheets(self) -> list[Investment]:
        """The projects whose sheets name a territorial instrument (ZIT, IIT, RLKS)."""
        return [i for i in self.investments if any(f.instrument for f in i.funding)]

    @cached_property
    def packages(self) -> list[SimpleNamespace]:
        """Each package with its investments and its subtotal from their sheets' costs
        (None while none has a cost: the package's own estimate, if any, stands for it,
        as the financial framework counts it, model/finance.py)."""
        if self.s.packages is None:
            return []
        found = []
        for pkg in self.s.packages.packages:
            invs = [i for i in self.investments if i.package == pkg.id]
            costs = [i.cost for i in invs if i.cost is not None]
            found.append(SimpleNamespace(package=pkg, investments=invs,
                                         subtotal=total(costs) if costs else None))
        return found

    @property
    def sheets_total(self) -> Quantity:
        """The costs of the project sheets alone: the framework's total adds the packages
        known only by their own value, which are no project of this list."""
        return total(i.cost for i in self.investments if i.cost is not None)

    def package_rows(self, p: SimpleNamespace) -> list[list[Any]]:
        rows: list[list[Any]] = [
            [inv.id, inv.title, self.leader_name(inv.leader),
             self.amount(inv.cost)] for inv in p.investments]
        word, amount = self.total_row(self.L["total"], p.subtotal, share=False)
        rows.append([None, word, None, amount])
        return rows

    def sheet_rows(self, inv: Investment) -> list[list[Any]]:
        def amount(value: Any) -> str:
            return typography.quantity(value, self.lang, unit="amount")

        funding = "; ".join(
            f"{self.L['sources'][f.source]}{' – ' + f.programme if f.programme else ''}: "
            f"{amount(f.amount)}" for f in inv.funding) or self.L["no_data"]

        def indicators(items: list) -> str | None:
            return "; ".join(f"{i.name}: " + typography.quantity(
                i.target, self.lang, decimals=0 if float(i.target).is_integer() else 1)
                + f" {i.unit}" + (f" ({i.year})" if i.year else "") for i in items) or None
        words = [self.L["sheet_fields"][k] for k in SHEET_FIELDS]
        values = [inv.scope, self.leader_name(inv.leader),
                  ", ".join(self.entity_name(p) for p in inv.partners) or None, inv.location,
                  amount(inv.cost), funding, self.span_years(inv.years),
                  indicators(inv.indicators.output), indicators(inv.indicators.result),
                  ", ".join(inv.directions), self.L["investment_status"][inv.status],
                  self.L["priority"][inv.priority]]
        rows = [list(pair) for pair in zip(words, values, strict=True)]
        if inv.package:
            title = next((p.package.title for p in self.packages
                          if p.package.id == inv.package), "")
            rows.append([self.L["sheet_package"], f"{inv.package}. {title}"])
        return rows
