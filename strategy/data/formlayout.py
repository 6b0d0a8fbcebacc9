"""The project sheet's XLSX form: one layout for the writer (``formwrite``) and the
reader (``formread``), so the reader looks exactly where the writer put each field.

The sheet ``Fiszka`` holds the fields (label, yellow cell, how to fill it in) and the
tables; the sheet ``Listy`` (hidden) holds the drop-down lists (members, directions,
funding sources, statuses, priorities) and, in A1, the mark that tells a form of this
tool from any other workbook.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from strategy.checks.validated import Validated
from strategy.language.labels import labels
from strategy.language.messages import render
from strategy.model.strategy import Strategy
from strategy.pipeline import load_and_validate
from strategy.problems import Problem
from strategy.release.errors import Refused

SHEET = "Fiszka"
LISTS = "Listy"
MARK = "territorial-strategy-builder form: investment, layout 1"
KIND = "investments"
STATUSES = ("idea", "concept", "documentation", "ready", "in_progress")
PRIORITIES = ("high", "medium", "low")
SOURCES = ("eu_regional", "national", "own", "other")


@dataclass(frozen=True)
class Field:
    key: str
    row: int
    kind: str  # text, long, member, number, year, status, priority, id
    required: bool = True


FIELDS = (
    Field("id", 5, "id", required=False),
    Field("title", 6, "text"),
    Field("scope", 7, "long"),
    Field("justification", 8, "long", required=False),
    Field("leader", 9, "member"),
    Field("location", 10, "text"),
    Field("cost", 11, "number"),
    Field("first", 12, "year"),
    Field("last", 13, "year"),
    Field("status", 14, "status"),
    Field("priority", 15, "priority"),
)


@dataclass(frozen=True)
class Table:
    key: str
    header: int  # the row of the table's heading; its rows follow
    rows: int
    columns: tuple[str, ...]  # kinds of the cells, from column A


TABLES = (
    Table("partners", 17, 12, ("member",)),
    Table("directions", 31, 8, ("direction",)),
    Table("funding", 41, 6, ("source", "text", "number")),
    Table("output", 49, 5, ("text", "text", "number", "year")),
    Table("result", 56, 5, ("text", "text", "number", "year")),
)


def words(lang: str, code: str, **params: object) -> str:
    return render(f"form.{code}", lang, params)


@dataclass
class Lists:
    """The drop-down lists: what the form shows -> the ID the sections use."""

    members: dict[str, str]
    directions: dict[str, str]
    sources: dict[str, str]
    statuses: dict[str, str]
    priorities: dict[str, str]


def lists_of(strategy: Strategy, lang: str) -> Lists:
    words = labels(lang)
    # A project's leader and partners may be members or supporting partners.
    entities = [*strategy.partnership.members, *strategy.partnership.partners]
    names = [m.name for m in entities]
    members = {(m.name if names.count(m.name) == 1 else f"{m.name} ({m.id})"): m.id
               for m in entities}
    found = strategy.directions.directions if strategy.directions else []
    directions = {short(f"{d.id} – {d.title}"): d.id for d in found}
    return Lists(members, directions,
                 {words["sources"][s]: s for s in SOURCES},
                 {words["investment_status"][s]: s for s in STATUSES},
                 {words["priority"][p]: p for p in PRIORITIES})


def lines(text: object, width: int) -> int:
    """About how many lines ``text`` wraps to in a column ``width`` characters wide."""
    return max(1, -(-len(str(text or "")) // width))


def short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def valid_strategy(sections: Path) -> tuple[Validated, Strategy]:
    validated = load_and_validate(sections)
    strategy = validated.strategy
    if strategy is None:
        errors = [p for p in validated.problems if p.severity == "error"]
        raise Refused(*errors, Problem("error", "data.sections_invalid", None, {}))
    return validated, strategy


