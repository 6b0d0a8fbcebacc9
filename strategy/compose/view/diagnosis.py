"""The diagnosis as the document sums it up: what its chapters cover, their indicators'
tables and sources, the surveys' findings and the conclusions."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from strategy.checks.readiness import coverage
from strategy.compose import indicators
from strategy.compose.markdown import Md
from strategy.compose.view import State
from strategy.language import books
from strategy.model.diagnosis import Chapter, Finding


class DiagnosisRows(State):
    """The diagnosis's summaries, indicator tables, findings and conclusions."""

    @property
    def diagnosis_indicators(self) -> str:
        """What the chapters' indicators give: for ``each`` member (every indicator has a
        value for every member) or for ``some``, with ``_area`` where every indicator
        also has the whole area's value; "none" without indicators."""
        found = [ind for ch in self.s.diagnosis.chapters for ind in ch.indicators
                 ] if self.s.diagnosis else []
        if not found:
            return "none"
        each = all(all((ind.values or {}).get(m) is not None for m in self.members)
                   for ind in found)
        area = all(ind.area is not None or (ind.bound is not None and ind.bound.area
                                              is not None) for ind in found)
        return ("each" if each else "some") + ("_area" if area else "")

    @property
    def diagnosis_sourced(self) -> str:
        """Whether every indicator names its source (a bound one cites its snapshot)."""
        chapters = self.s.diagnosis.chapters if self.s.diagnosis else []
        return "sourced" if all(ind.source.strip() or ind.variable for ch in chapters
                                for ind in ch.indicators) else "unsourced"

    @property
    def diagnosis_contents(self) -> str:
        """What the chapters cover (their ``covers`` and what their titles name, as the
        readiness report reads them), in the document's words: "sytuację społeczną i
        gospodarczą, stan środowiska"; "" when no area is recognised."""
        chapters = self.s.diagnosis.chapters if self.s.diagnosis else []
        covered = coverage({"diagnosis": {"chapters": [
            {"covers": list(ch.covers), "title": ch.title} for ch in chapters]}})

        def word(key: str) -> str:
            return str(self.L["diagnosis_areas"][key])

        situation = [word(k) for k in ("social", "economic", "spatial") if k in covered]
        parts = ([books.fill(word("situation"), self.lang, {"kinds": self.and_list(situation)})]
                 if situation else [])
        parts += [word(k) for k in ("environmental", "functional_areas") if k in covered]
        return self.and_list(parts)

    def finding_rows(self, f: Finding) -> list[list[Any]]:
        return [[a.label, self.q(a.share, 1, "percent", escaped=False)] for a in f.answers]

    def indicator_tables(self, ch: Chapter, first_column: str) -> list[SimpleNamespace]:
        """The chapter's indicators, a few columns per table (compose/indicators.py)."""
        return indicators.tables(self, ch, first_column)

    def indicator_source(self, t: SimpleNamespace, bdl: str, *notes: str) -> Md:
        return indicators.source(self, t, bdl, *notes)

    @property
    def conclusion_rows(self) -> list[list[Any]]:
        return [[c.id, c.text, self.chapters.get(c.chapter) if c.chapter else None]
                for c in (self.s.conclusions.conclusions if self.s.conclusions else [])]
