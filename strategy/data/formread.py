"""``import FILES.xlsx``: filled project sheets into ``sections/investments/<id>.yaml``,
written as the example's files are; every wrong cell of every form is reported with the
file, the sheet and the cell, and nothing is written unless all of them are right."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from strategy.checks.validated import Validated
from strategy.data.formlayout import (
    FIELDS,
    KIND,
    LISTS,
    MARK,
    SHEET,
    TABLES,
    Field,
    Lists,
    Table,
    lists_of,
    valid_strategy,
    words,
)
from strategy.data.names import slug
from strategy.data.sectionsio import ID, check_with, line_for, write_all
from strategy.data.tables import open_xlsx
from strategy.data.yamlwrite import checked
from strategy.model.strategy import Strategy
from strategy.problems import Mark, Problem
from strategy.release.errors import Refused


@dataclass
class Imported:
    files: list[Path]
    ids: list[str]


def import_forms(sections: Path, forms: list[Path], replace: bool = False) -> Imported:
    """Every form into a project sheet file; all of them, or none and every problem."""
    validated, strategy = valid_strategy(sections)
    lang = strategy.strategy.language
    lists = lists_of(strategy, lang)
    existing = {inv.id: inv for inv in (strategy.investments.investments
                                          if strategy.investments else [])}
    folder = sections / KIND
    if not validated.sections.folders or KIND not in validated.sections.folders:
        raise Refused(Problem("error", "data.kind_is_file", Mark(sections / f"{KIND}.yaml"),
                              {"kind": KIND}))
    problems: list[Problem] = []
    items: list[tuple[dict[str, Any], Path]] = []
    taken = set(existing)
    for form in forms:
        try:
            item = _read_form(form, lists, strategy, lang)
        except Refused as refusal:
            problems.extend(refusal.problems)
            continue
        if item is None:
            continue
        data, where = item
        if not data.get("id"):
            data["id"] = _next_id(taken)
            data = {"id": data.pop("id"), **data}
        elif not ID.match(data["id"]) or len(data["id"]) > 40:
            problems.append(_at(form, where["id"], "form.bad_id", lang, id=data["id"]))
            continue
        elif data["id"] in existing and not replace:
            problems.append(_at(form, where["id"], "form.id_exists", lang, id=data["id"]))
            continue
        if data["id"] in {d["id"] for d, _ in items}:
            problems.append(_at(form, where["id"], "form.id_twice", lang, id=data["id"]))
            continue
        taken.add(data["id"])
        items.append((data, form))
    if problems:
        raise Refused(*problems)
    files: dict[Path, str] = {}
    for data, _form in items:
        target = _target(folder, data, validated, existing)
        files[target] = checked(target, data, line_for(target, sections))
    check_with(sections, files)
    return Imported(write_all(files), [d["id"] for d, _ in items])


def _target(folder: Path, data: dict[str, Any], validated: Validated, existing: dict) -> Path:
    if data["id"] in existing:
        index = list(existing).index(data["id"])
        return validated.sections.file_of(KIND, (KIND, index, "id"))
    return folder / f"{data['id'].lower()}-{slug(data['title'], words=3)}.yaml"


def _next_id(taken: set[str]) -> str:
    """The next number after the partnership's own IDs, e.g. IPR-17 after IPR-16."""
    numbered = [m for t in taken if (m := re.match(r"^(.*?)(\d+)$", t))]
    if not numbered:
        prefix, width, number = "P-", 2, 0
    else:
        prefixes = [m.group(1) for m in numbered]
        prefix = max(set(prefixes), key=prefixes.count)
        same = [m for m in numbered if m.group(1) == prefix]
        width = max(len(m.group(2)) for m in same)
        number = max(int(m.group(2)) for m in same)
    while True:
        number += 1
        ident = f"{prefix}{number:0{width}d}"
        if ident not in taken:
            return ident


def _at(form: Path, cell: tuple[int, int], code: str, lang: str, **params: object) -> Problem:
    row, column = cell
    name = f"{SHEET}!{chr(ord('A') + column - 1)}{row}"
    return Problem("error", code, Mark(form, row, column), {"cell": name, **params})


def _read_form(form: Path, lists: Lists, strategy: Strategy, lang: str
               ) -> tuple[dict[str, Any], dict[str, tuple[int, int]]] | None:
    book = open_xlsx(form)
    try:
        if LISTS not in book.sheetnames or SHEET not in book.sheetnames or str(
                book[LISTS]["A1"].value or "") != MARK:
            raise Refused(Problem("error", "form.not_a_form", Mark(form), {}))
        slug_of_form = str(book[LISTS]["B1"].value or "")
        grid: dict[tuple[int, int], Any] = {}
        for row in book[SHEET].iter_rows(min_row=1, max_row=80, max_col=5):
            for cell in row:
                if getattr(cell, "value", None) not in (None, ""):
                    grid[(cell.row, cell.column)] = cell.value
    finally:
        book.close()
    problems: list[Problem] = []
    if slug_of_form and slug_of_form != strategy.strategy.slug:
        raise Refused(Problem("error", "form.other_strategy", Mark(form), {
            "slug": slug_of_form, "expected": strategy.strategy.slug}))
    reader = _Cells(form, grid, lists, problems, lang)
    values = {f.key: reader.field(f) for f in FIELDS}
    where = {f.key: (f.row, 2) for f in FIELDS}
    partners = [v for v in reader.column(TABLES[0], 0) if v]
    directions = [v for v in reader.column(TABLES[1], 0) if v]
    funding = reader.rows(TABLES[2], ("source", "programme", "amount"))
    indicators = {t.key: reader.rows(t, ("name", "unit", "target", "year")) for t in TABLES[3:]}
    if all(v in (None, "") for v in values.values()) and not (partners or directions or funding):
        raise Refused(Problem("error", "form.empty", Mark(form), {}))
    if not directions:
        problems.append(_at(form, (TABLES[1].header + 2, 1), "form.required", lang,
                            field=words(lang, "table_directions")))
    if not funding:
        problems.append(_at(form, (TABLES[2].header + 2, 1), "form.required", lang,
                            field=words(lang, "table_funding")))
    cost = values["cost"]
    total = sum((f["amount"] for f in funding if isinstance(f.get("amount"), Decimal)),
                start=Decimal(0))
    if isinstance(cost, Decimal) and funding and total != cost:
        problems.append(_at(form, (TABLES[2].header + 2, 3), "form.funding_sum", lang,
                            total=_amount(total), cost=_amount(cost)))
    if problems:
        raise Refused(*problems)
    data: dict[str, Any] = {}
    if values["id"]:
        data["id"] = values["id"]
    data.update({"title": values["title"], "scope": values["scope"]})
    if values["justification"]:
        data["justification"] = values["justification"]
    data.update({"leader": values["leader"], "partners": partners,
                 "location": values["location"], "cost": cost,
                 "funding": [{k: v for k, v in f.items() if v not in (None, "")}
                             for f in funding],
                 "years": {"first": values["first"], "last": values["last"]}})
    found = {k: [{key: v for key, v in i.items() if v not in (None, "")} for i in rows]
             for k, rows in indicators.items() if rows}
    if found:
        data["indicators"] = found
    data.update({"directions": directions, "status": values["status"],
                 "priority": values["priority"]})
    if not data["partners"]:
        del data["partners"]
    return data, where


def _amount(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", " ").replace(".", ",")


class _Cells:
    """Reads cells by kind, collecting a located problem for each wrong one."""

    def __init__(self, form: Path, grid: dict, lists: Lists, problems: list[Problem],
                 lang: str) -> None:
        self.form, self.grid, self.lists, self.problems, self.lang = (form, grid, lists,
                                                                      problems, lang)

    def field(self, f: Field) -> Any:
        value = self.value((f.row, 2), f.kind)
        if value in (None, "") and f.required:
            self.problems.append(_at(self.form, (f.row, 2), "form.required", self.lang,
                                     field=words(self.lang, f"field_{f.key}")))
        return value

    def column(self, t: Table, index: int) -> list[Any]:
        return [self.value((row, index + 1), t.columns[index])
                for row in range(t.header + 2, t.header + 2 + t.rows)]

    def rows(self, t: Table, keys: tuple[str, ...]) -> list[dict[str, Any]]:
        found = []
        for row in range(t.header + 2, t.header + 2 + t.rows):
            cells = {key: self.value((row, i + 1), kind)
                     for i, (key, kind) in enumerate(zip(keys, t.columns, strict=True))}
            if all(v in (None, "") for v in cells.values()):
                continue
            for i, (key, value) in enumerate(cells.items()):
                needed = t.key == "funding" and key in ("source", "amount") or (
                    t.key != "funding" and key in ("name", "unit", "target"))
                if needed and value in (None, ""):
                    self.problems.append(_at(self.form, (row, i + 1), "form.required",
                                             self.lang, field=words(
                                                 self.lang, f"column_{t.key}_{i + 1}")))
            found.append(cells)
        return found

    def value(self, cell: tuple[int, int], kind: str) -> Any:
        raw = self.grid.get(cell)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        text = raw.strip() if isinstance(raw, str) else raw
        choices = {"member": self.lists.members, "direction": self.lists.directions,
                   "source": self.lists.sources, "status": self.lists.statuses,
                   "priority": self.lists.priorities}.get(kind)
        if choices is not None:
            if str(text) in choices:
                return choices[str(text)]
            if str(text) in choices.values():  # an ID typed instead of picked
                return str(text)
            self.problems.append(_at(self.form, cell, "form.not_in_list", self.lang,
                                     value=str(text)))
            return None
        if kind in ("number", "year"):
            number = _number(text)
            if number is None or (kind == "year" and number != int(number)):
                self.problems.append(_at(self.form, cell, f"form.not_a_{kind}", self.lang,
                                         value=str(text)))
                return None
            return int(number) if kind == "year" else number
        if isinstance(text, dt.datetime | dt.date):
            text = text.isoformat()
        text = str(text)
        if kind == "long":
            return text.replace("\r\n", "\n").strip() + "\n"
        return " ".join(text.split())


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = str(value).replace("\u00a0", "").replace(" ", "").replace("zł", "").strip()
    if re.match(r"^\d+(,\d+)?$", text):
        text = text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None
