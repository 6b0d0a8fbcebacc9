"""The parts a reviewer expects across the chapters (compose/overview.py): the
consistency tables, the monitoring table, the abbreviations, and the statutory
chapter's recommendations."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from strategy.compose import overview
from strategy.compose.view import State
from strategy.language import books


class ReviewerParts(State):
    """The tables a reviewer reads across the chapters (compose/overview.py)."""

    @property
    def consistency_tables(self) -> list[SimpleNamespace]:
        return overview.consistency_tables(self) if self.s.consistency else []

    @property
    def consistency_served(self) -> list[str]:
        return [books.fill(self.L["consistency_served"], self.lang, {
            "served": t.served, "n": t.count, "document": t.document.short})
            for t in self.consistency_tables]

    @property
    def monitoring_rows(self) -> list[list[Any]]:
        return overview.monitoring_rows(self)

    @property
    def monitoring_counts(self) -> SimpleNamespace:
        return overview.monitoring_counts(self)

    @property
    def abbreviation_rows(self) -> list[list[Any]]:
        return overview.abbreviation_rows(self) if self.s.abbreviations else []

    @property
    def recommendation_rows(self) -> list[list[Any]]:
        return [[r.id, r.text] for r in self.s.spatial.recommendations] if self.s.spatial else []
