"""Tables a reviewer reads across the chapters, computed from the sections: the
consistency matrix (goals × priorities of higher-level documents), the monitoring table
of every indicator, the projects' programme, instrument and measure, the list of
abbreviations, and the total row of a table of sums.

The goals are read through ``model/goaltree.walk`` only."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from strategy.compose import markdown, typography
from strategy.compose.markdown import Md
from strategy.model.goaltree import GoalNode, walk
from strategy.model.investments import Investment


def total_row(view: Any, cells: list[Any]) -> list[Any]:
    """The "Razem" row of a table of sums: its word first, then the computed cells, each
    in bold; a cell of None stays blank (no dash: nothing is missing there)."""
    word = markdown.escape(view.L["total"], view.lang)
    out: list[Any] = [Md(f"**{word}**")]
    for cell in cells:
        if cell is None:
            out.append(Md(""))
        else:
            text = cell if isinstance(cell, Md) else markdown.escape(cell, view.lang)
            out.append(Md(f"**{text}**"))
    return out


# --- the consistency matrix -----------------------------------------------------------

def matrix_columns(view: Any) -> list[GoalNode]:
    """The goals the matrix has a column for: every goal of each level that some
    priority names (strategic goals when the priorities name only those)."""
    nodes = walk(view.s.goals)
    named = {g for d in view.s.consistency.documents for p in d.priorities for g in p.goals}
    depths = {n.depth for n in nodes if n.id in named} or {0}
    return [n for n in nodes if n.depth in depths]


def consistency_tables(view: Any) -> list[SimpleNamespace]:
    """One table per higher-level document: a row per priority, a column per goal, the
    mark where the goal serves the priority; with how many priorities the goals serve."""
    say = view.say
    goals = matrix_columns(view)
    tables = []
    for d in view.s.consistency.documents:
        # A blank cell where the goal does not serve the priority: a matrix of dashes
        # hides its marks.
        rows = [[p.title] + [say("consistency.mark") if g.id in p.goals else Md("")
                             for g in goals] for p in d.priorities]
        served = sum(1 for p in d.priorities if any(g.id in p.goals for g in goals))
        tables.append(SimpleNamespace(
            document=d, served=served, count=len(d.priorities),
            columns=[view.L["consistency_column"].format(document=d.short)]
            + [g.id for g in goals],
            rows=rows, align="l" + "c" * len(goals)))
    return tables


# --- the monitoring table ---------------------------------------------------------------

def _measure(view: Any, m: Any) -> Md | None:
    """A baseline or target as the goals' own tables print it (marked where estimated
    or illustrative)."""
    return view._measure(m)


def _target(view: Any, i: Any) -> Md:
    decimals = 0 if float(getattr(i.target, "value", i.target)).is_integer() else 1
    text = view.q(i.target, decimals)
    return Md(text + (" " + markdown.escape(f"({i.year})") if i.year else ""))


def monitoring_rows(view: Any) -> list[list[Any]]:
    """Every indicator of the strategy in one table: the goals' result indicators, the
    directions' own, then each project's output and result indicators, with what the
    sections give of each."""
    rows: list[list[Any]] = []
    for node in walk(view.s.goals):
        for ind in node.indicators:
            rows.append([ind.name, view.L["indicator_kinds"]["goal_result"], node.id, ind.unit,
                         _measure(view, ind.baseline), _measure(view, ind.target),
                         ind.source])
    kind = view.L["indicator_kinds"]["direction_result"].format(
        level=view.hierarchy.direction.singular)
    for d in view.hierarchy.directions:
        for ind in d.indicators:
            rows.append([ind.name, kind, d.id, ind.unit, _measure(view, ind.baseline),
                         _measure(view, ind.target), ind.source])
    for inv in view.investments:
        for kind, items in (("project_output", inv.indicators.output),
                            ("project_result", inv.indicators.result)):
            for ind in items:
                rows.append([ind.name, view.L["indicator_kinds"][kind], inv.id, ind.unit,
                             None, _target(view, ind),
                             view.L["project_sheet_source"].format(id=inv.id)])
    return rows


def monitoring_counts(view: Any) -> SimpleNamespace:
    goals = sum(len(n.indicators) for n in walk(view.s.goals))
    projects = sum(len(i.indicators.output) + len(i.indicators.result)
                   for i in view.investments)
    directions = sum(len(d.indicators) for d in view.hierarchy.directions)
    return SimpleNamespace(goals=goals, directions=directions, projects=projects,
                           level=view.hierarchy.direction.plural)


# --- the project list: programme, instrument, measure -----------------------------------

def programme_cell(view: Any, inv: Investment) -> str | None:
    """The programmes that fund the project through EU money or name an instrument or a
    measure, each with its instrument and measure ("brak danych" where the sheet gives
    none); nothing where the project has no such funding."""
    missing = view.L["no_data"]
    found = []
    for f in inv.funding:
        if f.source != "eu_regional" and not (f.instrument or f.measure):
            continue
        instrument = view.L["instruments"][f.instrument] if f.instrument else missing
        variant = "given" if f.instrument or f.measure else "none"
        found.append(view.L["programme_cell"][variant].format(
            programme=f.programme or missing, instrument=instrument,
            measure=f.measure or missing))
    return "; ".join(found) or None


# --- the list of abbreviations ----------------------------------------------------------

# The order of the letters in a list sorted for a reader (Polish letters in their place).
_ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"


def _sort_key(text: str) -> tuple[int, ...]:
    return tuple(_ALPHABET.index(c) if c in _ALPHABET else 100 + ord(c)
                 for c in text.casefold())


def abbreviation_rows(view: Any) -> list[list[Any]]:
    items = sorted(view.s.abbreviations.abbreviations,
                   key=lambda a: (_sort_key(a.short), a.short))
    return [[a.short, a.full] for a in items]


def percent(view: Any, value: Any) -> Md:
    return Md(typography.percent(value, 1, view.lang))
