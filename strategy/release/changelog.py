"""What changed between two versions of the strategy: a structured diff by ID.

Members, meetings, diagnosis chapters, goals, operational goals, indicators, directions
and investments are matched by their IDs and compared field by field; amounts carry
their delta in zł. Other parts of the document are listed when their content changed.
Only content is reported: what the document computes from it (totals, counts, the
numbering) and what a release itself changes (version, date, history) or files beside
it (the register of comments) are not. Values are formatted here (numbers, amounts, names
instead of IDs); every word around them is in the templates
(``language/<lang>/changes.yaml``, ``document.yaml`` and ``changes.md.j2``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from strategy.compose import typography
from strategy.compose.hierarchy import capital
from strategy.language.books import DEFAULT, book
from strategy.language.labels import labels
from strategy.model import Strategy
from strategy.model.common import Quantity, total
from strategy.model.finance import framework

LONG_TEXT = 160  # longer values are reported as "text changed", not quoted in full


def words(lang: str) -> dict[str, Any]:
    """The changelog's words in ``lang``: ``language/<lang>/changes.yaml``."""
    return book(lang, "changes")


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str | None
    new: str | None
    delta: str | None = None
    subject: str = ""  # whose value: a member for an indicator, a source for funding
    long: bool = False  # a long text: the redline shows its words


@dataclass(frozen=True)
class ItemChange:
    kind: str
    id: str
    title: str
    action: str  # added | removed | changed
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class Total:
    key: str  # "total" or a funding source
    old: str
    new: str
    delta: str


@dataclass
class Changelog:
    old_version: str
    new_version: str | None  # None: the current sections, not a release
    new_date: dt.date
    items: list[ItemChange] = field(default_factory=list)
    totals: list[Total] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # keys of changes.yaml "parts"
    # The words of the levels the partnership names (goals.yaml ``levels``,
    # directions.yaml ``level``) in place of changes.yaml's: kind -> its ``group`` and
    # ``noun``; field -> its name ("goal" of a direction, "directions" of a project).
    level_kinds: dict[str, dict[str, str]] = field(default_factory=dict)
    level_fields: dict[str, str] = field(default_factory=dict)

    def kind_words(self, kind: str, words: dict[str, Any]) -> dict[str, str]:
        """The heading and the noun of one kind of item in ``words`` (changes.yaml),
        a level's by the partnership's names."""
        return self.level_kinds.get(kind) or words["kinds"][kind]

    def field_word(self, name: str, words: dict[str, Any]) -> str:
        return self.level_fields.get(name) or words["fields"][name]

    @property
    def empty(self) -> bool:
        return not (self.items or self.totals or self.parts)

    @property
    def groups(self) -> list[tuple[str, list[ItemChange]]]:
        order = list(words(DEFAULT)["kinds"])
        return [(k, [i for i in self.items if i.kind == k]) for k in order
                if any(i.kind == k for i in self.items)]

    def count(self, action: str) -> int:
        return sum(i.action == action for i in self.items)


class _Format:
    """Values as the document prints them, in the newer version's language."""

    def __init__(self, old: Strategy, new: Strategy) -> None:
        self.lang = new.strategy.language
        self.L = labels(self.lang)
        self.W = words(self.lang)
        self.names = {m.id: m.name for s in (old, new)
                      for m in [*s.partnership.members, *s.partnership.partners]}

    def number(self, value: Any) -> str:
        decimals = 0 if float(value).is_integer() else 2
        return typography.number(value, decimals, self.lang)

    def pln(self, value: Any) -> str:
        return typography.quantity(value, self.lang, unit="amount")

    def delta(self, old: Any, new: Any) -> str:
        """The difference of two amounts; an estimate's difference is an estimate."""
        diff = total([new]).value - total([old]).value
        marked = isinstance(old, Quantity) and old.estimate or (
            isinstance(new, Quantity) and new.estimate)
        text = typography.quantity(Quantity(value=diff, estimate=bool(marked)), self.lang,
                                   unit="amount")
        return ("+" if diff > 0 else "") + text

    def value(self, v: Any) -> str:
        if v is None or v == [] or v == "":
            return self.W["none"]
        if isinstance(v, bool):
            return self.W["answer_yes"] if v else self.W["answer_no"]
        if isinstance(v, Quantity):
            return typography.quantity(v, self.lang)
        if isinstance(v, Decimal):
            return self.pln(v)
        if isinstance(v, int | float):
            return self.number(v)
        if isinstance(v, dt.date):
            return typography.date(v, self.lang)
        if isinstance(v, list):
            return "; ".join(self.value(x) for x in v)
        return str(v)

    def decimal(self, value: Any, decimals: int) -> str:
        """A statistic with the decimals the document prints it with."""
        return self.W["none"] if value is None else typography.quantity(
            value, self.lang, decimals=decimals)

    def members(self, ids: list[str]) -> str:
        return ", ".join(self.names.get(i, i) for i in ids) or self.L.get(
            "all_members", self.W["none"])

    def measure(self, m: Any) -> str | None:
        if m is None:
            return None
        if getattr(m, "trend", None) is not None:  # an expected trend (model/goals.py)
            words = self.L["trends"][m.trend] + (f" – {m.words}" if m.words else "")
            return words + (f" ({m.year})" if m.year else "")
        return f"{typography.quantity(m, self.lang)} ({m.year})"

    def project_indicators(self, items: list[Any]) -> str:
        return "; ".join(f"{i.name}: {typography.quantity(i.target, self.lang)} {i.unit}"
                         + (f" ({i.year})" if i.year else "") for i in items)


Getter = Callable[[Any], Any]


def _fields(item: Any, spec: dict[str, Getter | None]) -> dict[str, Any]:
    return {name: (get(item) if get else getattr(item, name)) for name, get in spec.items()}


def _compare(old: dict[str, Any], new: dict[str, Any], fmt: _Format) -> Iterator[FieldChange]:
    for name, before in old.items():
        after = new[name]
        if before == after:
            continue
        if name in _AMOUNTS and before is not None and after is not None:
            yield FieldChange(name, fmt.pln(before), fmt.pln(after), fmt.delta(before, after))
            continue
        a, b = fmt.value(before), fmt.value(after)
        if a == b:
            continue
        yield FieldChange(name, a, b, long=max(len(a), len(b)) > LONG_TEXT)


# The fields that hold an amount in złoty: compared with their difference.
_AMOUNTS = ("cost",)


def _specs(fmt: _Format) -> dict[str, dict[str, Getter | None]]:
    L = fmt.L
    member: dict[str, Getter | None] = {
        "name": None, "kind": lambda m: L["kinds"][m.kind], "role": None, "teryt": None,
        "regon": None, "krs": None, "powiat": None, "seat": None, "area_km2": None,
        "population": None, "population_year": lambda m: str(m.population_year or ""),
        "population_note": None, "solectwa": None, "source": None}
    return {
        "meeting": {
            "date": None, "form": lambda m: L["forms"][m.form], "place": None,
            "body": lambda m: L["bodies"][m.body],
            "participants": lambda m: fmt.members(m.participants) if m.participants else "",
            "agenda": None, "decisions": None,
            "drafted": lambda m: [L["sections"].get(k, k) for k in m.drafted],
            "agreed": lambda m: [L["sections"].get(k, k) for k in m.agreed]},
        "diagnosis_chapter": {
            "title": None, "covers": None, "text": None,
            "subsections": lambda c: [f"{x.title}: {x.text}" for x in c.subsections],
            "tables": lambda c: [f"{t.caption}: {t.columns} {t.rows} {t.source}"
                                 for t in c.tables],
            "figures": lambda c: [f"{f.caption}: {f.file} {f.alt} {f.source}"
                                  for f in c.figures]},
        "member": member,
        "partner": member,
        "goal": {"title": None, "dimensions": lambda g: ", ".join(
            L["dimensions"][d] for d in g.dimensions),
                 "description": None, "results": lambda g: [r.text for r in g.results]},
        "operational_goal": {"title": None, "description": None, "dimensions": lambda g: ", ".join(
            L["dimensions"][d] for d in g.dimensions),
            "results": lambda g: [r.text for r in g.results]},
        "result_indicator": {"name": None, "unit": None,
                             "baseline": lambda i: fmt.measure(i.baseline),
                             "target": lambda i: fmt.measure(i.target), "source": None},
        "diagnosis_indicator": {"name": None, "unit": None, "year": lambda i: str(i.year),
                                "source": None,
                                "area": lambda i: fmt.decimal(i.area, i.decimals),
                                "illustrative": None,
                                "decimals": None},
        "direction": {"title": None, "goal": None, "conclusions": lambda d: ", ".join(
            d.conclusions), "members": lambda d: fmt.members(d.members),
            "dimensions": lambda d: ", ".join(L["dimensions"][x] for x in d.dimensions),
            "description": None, "actions": None},
        "investment": {
            "title": None, "scope": None, "justification": None,
            "leader": lambda i: fmt.names.get(i.leader, i.leader) if i.leader else "",
            "partners": lambda i: fmt.members(i.partners) if i.partners else "",
            "location": None, "cost": None,
            "years": lambda i: typography.years(i.years.first, i.years.last) if i.years else "",
            "output": lambda i: fmt.project_indicators(i.indicators.output),
            "result": lambda i: fmt.project_indicators(i.indicators.result),
            "directions": lambda i: ", ".join(i.directions),
            "status": lambda i: L["investment_status"][i.status],
            "priority": lambda i: L["priority"][i.priority]},
    }


def _items(s: Strategy) -> dict[str, dict[str, Any]]:
    """Every itemised entity of a strategy, by kind and ID, in document order."""
    # the top level is "goal", the levels under it "operational_goal"; a kind the
    # strategy does not have (yet) has no items
    tree = s.goals.walk() if s.goals else []
    directions = s.directions.directions if s.directions else []
    chapters = s.diagnosis.chapters if s.diagnosis else []
    measured = [g for _, g, _ in tree] + list(directions)
    return {
        "meeting": {m.id: m for m in (s.meetings.meetings if s.meetings else [])},
        "diagnosis_chapter": {c.id: c for c in chapters},
        "member": {m.id: m for m in s.partnership.members},
        "partner": {m.id: m for m in s.partnership.partners},
        "goal": {g.id: g for depth, g, _ in tree if depth == 0},
        "operational_goal": {g.id: g for depth, g, _ in tree if depth > 0},
        "result_indicator": {i.id: i for g in measured
                             for i in [*(x for r in getattr(g, "results", ())
                                         for x in r.indicators), *g.indicators]},
        "diagnosis_indicator": {i.id: i for c in chapters for i in c.indicators},
        "direction": {d.id: d for d in directions},
        "investment": {i.id: i for i in (s.investments.investments if s.investments else [])},
    }


def _title(item: Any, fmt: _Format | None = None) -> str:
    title = getattr(item, "title", None) or getattr(item, "name", None)
    if title is None and fmt is not None and isinstance(getattr(item, "date", None), dt.date):
        return typography.date(item.date, fmt.lang)  # a meeting is known by its date
    return str(title or "")


def _extra_fields(kind: str, old: Any, new: Any, fmt: _Format) -> Iterator[FieldChange]:
    """Fields compared entry by entry: indicator values per member, funding per source."""
    if kind == "diagnosis_indicator":
        for member in dict.fromkeys([*old.values, *new.values]):
            a, b = old.values.get(member), new.values.get(member)
            if a != b:
                yield FieldChange("values", fmt.decimal(a, new.decimals),
                                  fmt.decimal(b, new.decimals),
                                  subject=fmt.names.get(member, member))
    if kind == "investment":
        def by_source(inv: Any) -> dict[tuple[str, str], Quantity]:
            out: dict[tuple[str, str], list[Quantity]] = {}
            for f in inv.funding:
                out.setdefault((f.source, f.programme), []).append(f.amount)
            return {k: total(v) for k, v in out.items()}
        a, b = by_source(old), by_source(new)
        zero = Quantity(value=Decimal(0))
        for key in dict.fromkeys([*a, *b]):
            before, after = a.get(key, zero), b.get(key, zero)
            if before != after:
                subject = fmt.L["sources"][key[0]] + (f", {key[1]}" if key[1] else "")
                yield FieldChange("funding", fmt.pln(before), fmt.pln(after),
                                  fmt.delta(before, after), subject=subject)


def _item_changes(old: Strategy, new: Strategy, fmt: _Format) -> list[ItemChange]:
    specs = _specs(fmt)
    before, after = _items(old), _items(new)
    changes: list[ItemChange] = []
    for kind, spec in specs.items():
        a, b = before[kind], after[kind]
        for ident, item in b.items():
            if ident not in a:
                changes.append(ItemChange(kind, ident, _title(item, fmt), "added"))
                continue
            fields = [*_compare(_fields(a[ident], spec), _fields(item, spec), fmt),
                      *_extra_fields(kind, a[ident], item, fmt)]
            if fields:
                changes.append(ItemChange(kind, ident, _title(item, fmt), "changed",
                                          tuple(fields)))
        changes += [ItemChange(kind, ident, _title(item, fmt), "removed")
                    for ident, item in a.items() if ident not in b]
    return changes


def _totals(old: Strategy, new: Strategy, fmt: _Format) -> list[Total]:
    a, b = (framework(s.investments.investments if s.investments else []) for s in (old, new))
    totals = []
    if a.total != b.total:
        totals.append(Total("total", fmt.pln(a.total), fmt.pln(b.total),
                            fmt.delta(a.total, b.total)))
    zero = Quantity(value=Decimal(0))
    for source in b.by_source:
        x, y = a.by_source.get(source, zero), b.by_source[source]
        if x != y:
            totals.append(Total(source, fmt.pln(x), fmt.pln(y), fmt.delta(x, y)))
    return totals


# What each part of the document is, once the itemised entities are taken out of it. The
# register of comments is not content: it is filed beside the strategy, not written in it.
_PARTS: dict[str, Callable[[Strategy], Any]] = {
    "record": lambda s: s.strategy.model_dump(exclude={"version", "status", "date", "history"}),
    "partnership": lambda s: s.partnership.model_dump(exclude={"members", "partners"}),
    # (a part the strategy does not have is None: adding it later is a change)
    "introduction": lambda s: s.introduction.model_dump() if s.introduction else None,
    "surveys": lambda s: s.surveys.model_dump() if s.surveys else None,
    "swot": lambda s: s.swot.model_dump() if s.swot else None,
    "conclusions": lambda s: s.conclusions.model_dump() if s.conclusions else None,
    "vision": lambda s: s.goals.vision if s.goals else None,
    "mission": lambda s: s.goals.mission if s.goals else None,
    "spatial": lambda s: s.spatial.model_dump() if s.spatial else None,
    "areas": lambda s: s.areas.model_dump() if s.areas else None,
    "implementation": lambda s: s.implementation.model_dump() if s.implementation else None,
    "financing": lambda s: s.financing.model_dump() if s.financing else None,
    "consultation": lambda s: s.consultation.model_dump() if s.consultation else None,
}


def _levels(s: Strategy) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """The kinds and fields named by the levels the newer version names; a level it does
    not name keeps changes.yaml's words (the phrasebook's defaults, already declined)."""
    def noun(level: Any) -> str:
        return level.accusative or level.singular

    kinds = {kind: {"group": capital(level.plural), "noun": noun(level)}
             for kind, level in zip(("goal", "operational_goal"), s.goals.levels[:2], strict=False)}
    # A direction's ``goal`` keeps the generic word: its old and new goals may be of
    # different levels ("cel: CO1.1 → CS1" when an operational goal is merged away).
    fields: dict[str, str] = {}
    if s.directions.level is not None:
        kinds["direction"] = {"group": capital(s.directions.level.plural),
                              "noun": noun(s.directions.level)}
        fields["directions"] = s.directions.level.plural
    return kinds, fields


def changelog(old: Strategy, new: Strategy, *, new_is_release: bool = True) -> Changelog:
    """The changes from ``old`` to ``new``, both validated strategies."""
    fmt = _Format(old, new)
    levels = _levels(new)
    return Changelog(
        old_version=old.strategy.version,
        new_version=new.strategy.version if new_is_release else None,
        new_date=new.strategy.date,
        items=_item_changes(old, new, fmt),
        totals=_totals(old, new, fmt),
        parts=[name for name, part in _PARTS.items() if part(old) != part(new)],
        level_kinds=levels[0], level_fields=levels[1],
    )
