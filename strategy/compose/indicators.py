"""The diagnosis's tables of indicators: members as rows, a few indicators as columns,
the area's row, the rows comparing with the voivodeship and Poland, and under each
table its source line and its notes. This module gives their numbers and data; the
template (diagnosis.md.j2) puts them in the phrasebook's words.

An indicator typed in the sections prints its typed source. One taken from a snapshot
(model/bound.py) cites the snapshot instead, generated from what was retrieved: "GUS,
Bank Danych Lokalnych, <the variable's name>, dane za <year> r., stan na <the date of
retrieval>", each snapshot once however many indicators of the table use it. The notes
say how each area's value was made (a sum, a rate of sums, BDL's own value, or none)
and what every mark BDL flags a printed value with means; a value BDL withholds prints
as its mark, never as the number the API carries for it.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from strategy.compose import markdown, typography
from strategy.compose.markdown import Md
from strategy.model.bdlmarks import MARKS
from strategy.model.bound import Bound
from strategy.model.common import Quantity
from strategy.model.diagnosis import Chapter, Indicator
from strategy.model.statistics import POLAND, Reading, Snapshot, needed

MAX_INDICATOR_COLUMNS = 4  # more columns than this do not fit a portrait A4 page
KEY = "diagnosis.indicators"


def tables(view: Any, ch: Chapter, first_column: str) -> list[SimpleNamespace]:
    """The chapter's indicators, a few columns per table, members as rows."""
    groups = [ch.indicators[i:i + MAX_INDICATOR_COLUMNS]
              for i in range(0, len(ch.indicators), MAX_INDICATOR_COLUMNS)]
    return [_table(view, group, first_column, f"{n}/{len(groups)}" if len(groups) > 1 else "")
            for n, group in enumerate(groups, start=1)]


def _table(view: Any, group: list[Indicator], first_column: str, part: str) -> SimpleNamespace:
    cells = _Cells(view)
    columns = [first_column] + [f"{ind.name} [{ind.unit}], {ind.year}" for ind in group]
    rows: list[list[Any]] = []
    for m in view.s.partnership.members:
        rows.append([m.name] + [cells.value(ind, _member(ind, m.id)) for ind in group])
    rows.append([Md("**" + markdown.escape(view.L["area_total"], view.lang) + "**")]
                + [cells.value(ind, _area(ind)) for ind in group])
    compare = [SimpleNamespace(
        level="poland" if code == POLAND else "voivodeship", name=_unit_name(view, group, code),
        cells=[cells.value(ind, ind.bound.compare[code])
               if ind.bound and code in ind.bound.compare else Md("") for ind in group])
        for code in _compared(group)]
    sources, citations = _sources(view, group)
    return SimpleNamespace(
        columns=columns, rows=rows, compare=compare, part=part, sources=sources,
        citations=citations, illustrative=any(ind.illustrative for ind in group),
        area_notes=_area_notes(view, group), marks=_marks(view, group, cells),
        widths=[3] + [2] * len(group), align="l" + "r" * len(group), landscape=False)


def _member(ind: Indicator, member: str) -> Reading | Quantity | float | None:
    if ind.bound is not None:
        return ind.bound.members.get(member)
    return (ind.values or {}).get(member)


def _area(ind: Indicator) -> Reading | Quantity | float | None:
    return ind.bound.area if ind.bound is not None else ind.area


def _compared(group: list[Indicator]) -> list[str]:
    """The units some indicator of the table is compared with: voivodeships, then Poland."""
    codes = {code for ind in group if ind.bound for code in ind.bound.compare}
    return sorted(codes - {POLAND}) + ([POLAND] if POLAND in codes else [])


def _unit_name(view: Any, group: list[Indicator], code: str) -> str:
    """A unit compared with, as its snapshot names it; BDL writes voivodeships in capitals
    (MAZOWIECKIE), the document's sentence in running text."""
    name = next(_snapshots(view, ind)[0].unit_name(code) for ind in group
                if ind.bound and code in ind.bound.compare)
    return name.lower() if name.isupper() else name


class _Cells:
    """Prints the values of one table and remembers the marks it printed."""

    def __init__(self, view: Any) -> None:
        self.view = view
        self.marks: dict[str, None] = {}

    def value(self, ind: Indicator, value: Reading | Quantity | float | None) -> Md:
        lang = self.view.lang
        if isinstance(value, Quantity):  # typed: an estimate or illustrative is marked
            return self.view.q(value, ind.decimals)
        if not isinstance(value, Reading):
            return Md(markdown.escape(typography.number(value, ind.decimals, lang)))
        if value.withheld:
            shown = value.marks[:1]
            self.marks.update(dict.fromkeys(shown))
            return Md(markdown.escape(shown[0] if shown else typography.number(None), lang))
        text = markdown.escape(typography.number(value.number, ind.decimals, lang))
        if value.number is None or not value.marks:
            return Md(text)
        self.marks.update(dict.fromkeys(value.marks))
        # A mark is set as a superscript after the number, as BDL prints it beside it.
        return Md(text + "^" + markdown.escape(",".join(value.marks), lang) + "^")


def _snapshots(view: Any, ind: Indicator) -> list[Snapshot]:
    known = {snap.id: snap for snap in view.s.statistics.snapshots} if view.s.statistics \
        else {}
    return [known[i] for i in needed(ind) if i in known]


# --- under the table: the source line and the notes (their words: the template's) -------

def source(view: Any, t: SimpleNamespace, bdl: str, *notes: str) -> Md:
    """The source line of table ``t``: its typed sources with the citation of its
    snapshots (``bdl``) in their place and the mark of illustrative data; then each of
    ``notes`` (how the area's values were made, what BDL's marks mean) as a paragraph."""
    text = "; ".join(bdl if s is None else s for s in t.sources)
    if t.illustrative:
        text += f" ({view.L['illustrative']})"
    return Md("\n\n".join(markdown.escape(p, view.lang) for p in (text, *notes) if p))


def _sources(view: Any, group: list[Indicator]) -> tuple[list[str | None], list[SimpleNamespace]]:
    """The typed sources of the table, in order, with None where the citations of the
    snapshots go (once, however many indicators use each snapshot), and those citations."""
    sources: list[str | None] = []
    cited: dict[str, tuple[Snapshot, list[int]]] = {}
    for ind in group:
        if ind.bound is None:
            sources.append(ind.source)
            continue
        if not cited:
            sources.append(None)
        for snap in _snapshots(view, ind):
            years = cited.setdefault(snap.id, (snap, []))[1]
            if ind.year not in years:
                years.append(ind.year)
    citations = []
    for snap, years in cited.values():
        years.sort()
        span = typography.years(years[0], years[-1]) if years == list(
            range(years[0], years[-1] + 1)) else ", ".join(str(y) for y in years)
        citations.append(SimpleNamespace(name=snap.name, years=years, span=span,
                                         retrieved=snap.retrieved))
    return list(dict.fromkeys(sources)), citations


def _area_notes(view: Any, group: list[Indicator]) -> list[SimpleNamespace]:
    """How each area's value was made, indicators alike in one note."""
    alike: dict[tuple[str, ...], list[str]] = {}
    for ind in group:
        if ind.bound is not None:
            for how in _how(view, ind, ind.bound):
                alike.setdefault(how, []).append(ind.name)
    return [SimpleNamespace(basis=basis, variable=variable, denominator=denominator, per=per,
                            unit=unit, members=members, indicators=", ".join(names))
            for (basis, variable, denominator, per, unit, members), names in alike.items()]


def _how(view: Any, ind: Indicator, bound: Bound) -> list[tuple[str, ...]]:
    """The notes (basis, variable, denominator, per, unit, members) an indicator needs:
    the keys by which indicators share a note."""
    names = view.members
    notes: list[tuple[str, ...]] = []
    if ind.aggregate == "rate":
        top, bottom = (snap.name for snap in _snapshots(view, ind))
        per = typography.number(ind.per, 0 if float(ind.per).is_integer() else 2, view.lang)
        notes.append(("rate_nested" if bound.nested else "rate", top, bottom, per, "", ""))
    elif bound.basis in ("sum", "none"):
        basis = "sum_nested" if bound.basis == "sum" and bound.nested else bound.basis
        notes.append((basis, "", "", "", "", ""))
    elif bound.basis == "unit":
        notes.append(("unit", "", "", "", names[bound.unit].name, ""))
    if bound.basis == "lacking":
        notes.append(("lacking", "", "", "", "",
                      ", ".join(names[m].name for m in bound.lacking)))
    return notes


def _marks(view: Any, group: list[Indicator], cells: _Cells) -> list[SimpleNamespace]:
    """The marks the table printed: a published one of BDL has the phrasebook's words
    (``published``), another the description its snapshot recorded (``recorded``, empty
    when none explains it)."""
    recorded: dict[str, str] = {}
    for ind in group:
        for snap in _snapshots(view, ind):
            for value in snap.values:
                meaning = snap.meaning(value.attribute)
                if meaning is not None and meaning.symbol and snap.explains(value.attribute):
                    recorded.setdefault(meaning.symbol, meaning.description)
    return [SimpleNamespace(symbol=symbol, published=symbol in MARKS,
                            recorded=recorded.get(symbol, "")) for symbol in cells.marks]
