"""The templates' formatting helpers and lookups: numbers, amounts and quantities as
the document prints them, tables and figures in Markdown, years and dates, anchors, and
the names of members, partners and goals by their IDs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cached_property
from typing import Any

from pydantic import BaseModel

from strategy.compose import markdown, typography
from strategy.compose.markdown import Md
from strategy.compose.view import State
from strategy.language import books
from strategy.model.common import Quantity, Table

_LEAVES = (str, int, float, bool, type(None), dt.date, Decimal)


def _quantities(root: Any) -> list[Quantity]:
    """Every Quantity in a model, as ``model.common.quantities`` finds them (fields, list
    items, mapping values), without their key paths and in no particular order: for
    what the document's numbers carry, at a fraction of the cost on a large strategy."""
    found: list[Quantity] = []
    stack = [root]
    while stack:
        obj = stack.pop()
        if type(obj) in _LEAVES:
            continue
        if isinstance(obj, Quantity):
            found.append(obj)
        elif isinstance(obj, BaseModel):
            stack.extend(getattr(obj, name) for name in type(obj).model_fields)
        elif isinstance(obj, list):
            stack.extend(obj)
        elif isinstance(obj, dict):
            stack.extend(obj.values())
    return found


class Formatting(State):
    """Numbers, tables, figures, dates and names as the templates print them."""

    def num(self, value: Any, decimals: int = 0) -> str:
        return typography.number(value, decimals, self.lang)

    def pln(self, value: Any) -> str:
        return typography.amount(value, self.lang)

    def q(self, value: Any, decimals: int | None = None, unit: str = "number",
          escaped: bool = True) -> Md:
        """A number a user entered, as the document prints it: with how it is known
        (an estimate rounded and marked, an illustrative figure marked), "brak danych"
        when it is not known (compose/typography.py, ``quantity``). A plain number in a
        table cell may stay unescaped (``escaped=False``): it holds no markup."""
        text = typography.quantity(value, self.lang, decimals=decimals, unit=unit)
        plain = value is not None and not getattr(value, "marked", False)
        return Md(text) if plain and not escaped else markdown.escape(text, self.lang)

    def amount(self, value: Any) -> Md:
        return self.q(value, unit="amount")

    def qty(self, value: Any, decimals: int | None = None, unit: str = "number") -> str:
        """``q`` as plain text, for a phrase's parameter (the phrase escapes it)."""
        return typography.quantity(value, self.lang, decimals=decimals, unit=unit)

    def table(self, columns: list, rows: list, caption: str, source: str, **kw: Any) -> Md:
        kw.update(lang=self.lang, source_word=self.L["source_word"])
        if self._kept_tables is not None:  # each as an earlier build made it, if known
            return self._kept_tables.table(markdown.table, columns, rows, caption, source, **kw)
        return markdown.table(columns, rows, caption, source, **kw)

    def figure(self, path: str, caption: str, alt: str, source: str) -> Md:
        return markdown.figure(path, caption, alt, source, lang=self.lang,
                               source_word=self.L["source_word"])

    def user_table(self, tb: Table) -> Md:
        n = len(tb.columns)
        rows = [[self._cell(c) for c in row] for row in tb.rows]
        numeric = [all(isinstance(r[i], Md) for r in rows if i < len(r)) for i in range(n)]
        align = "".join("r" if numeric[i] else "l" for i in range(n))
        return self.table(tb.columns, rows, tb.caption, tb.source, align=align)

    def _cell(self, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return Md(markdown.escape(self.num(value, 0 if float(value).is_integer() else 2)))
        return value

    def years(self, first: int, last: int) -> str:
        return typography.years(first, last)

    def span(self, start: dt.date, end: dt.date) -> str:
        return f"{typography.date(start, self.lang)} – {typography.date(end, self.lang)}"

    def place(self, key: str) -> Md:
        """The anchor of a heading of the document, e.g. place("diagnosis") -> diagnoza:
        the labels' ``anchors``, which the readiness annex points to."""
        return Md(self.L["anchors"][key])

    def anchor(self, ident: str) -> Md:
        return Md("d-" + "".join(c if c.isascii() and c.isalnum() else "-"
                                 for c in ident.lower()))

    def entity_name(self, ident: str | None) -> str:
        """The name of a member (or a partner) by its ID; the ID itself where the
        sections name one that does not exist (check reports it)."""
        entity = self.entities.get(ident) if ident else None
        return entity.name if entity is not None else str(ident or "")

    def member_names(self, ids: list[str]) -> str:
        # Every member named one by one is still "all members": forty names in a cell
        # ran a table to pages of names (issue 13, item 2).
        if not ids or set(ids) >= set(self.members):
            return self.L["all_members"]
        return ", ".join(self.members[i].name for i in ids)

    def goal_title(self, ident: str) -> str:
        return f"{ident}. {self.goals[ident]}"

    def pairs(self, left: list[str], right: list[str]) -> list[list[str]]:
        n = max(len(left), len(right))
        return [[left[i] if i < len(left) else "", right[i] if i < len(right) else ""]
                for i in range(n)]

    def and_list(self, items: list[str]) -> str:
        """Items joined as the language lists them: "a, b i c"."""
        if len(items) < 2:
            return "".join(items)
        return books.fill(self.L["list_and"], self.lang, {
            "items": books.typography(self.lang)["list_separator"].join(items[:-1]),
            "last": items[-1]})

    @cached_property
    def number_marks(self) -> str:
        """Which marks the document's numbers carry ("estimate", "illustrative", "both"
        or ""), so that the note explaining them is printed once, and only when needed."""
        marked = [q for q in _quantities(self.s) if q.marked]
        estimate = any(q.estimate for q in marked)
        illustrative = any(q.illustrative for q in marked)
        return ("both" if estimate and illustrative else "estimate" if estimate
                else "illustrative" if illustrative else "")
