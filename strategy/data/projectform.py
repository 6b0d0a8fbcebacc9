"""The project sheet as an XLSX form a gmina fills in, and the filled forms back as
``sections/investments/<id>.yaml``.

One layout (``FIELDS``, ``TABLES``) serves both directions, so the reader looks exactly
where the writer put each field. The sheet ``Listy`` (hidden) holds the drop-down lists
(members, directions, funding sources, statuses, priorities) and, in A1, the mark that
tells a form of this tool from any other workbook.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from strategy.checks.validated import Validated
from strategy.data.names import slug
from strategy.data.sectionsio import ID, check_with, line_for, write_all
from strategy.data.tables import open_xlsx
from strategy.data.yamlwrite import checked
from strategy.language.labels import labels
from strategy.language.messages import render
from strategy.model.strategy import Strategy
from strategy.pipeline import load_and_validate
from strategy.problems import Mark, Problem
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


def _words(lang: str, code: str, **params: object) -> str:
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
    names = [m.name for m in strategy.partnership.members]
    members = {(m.name if names.count(m.name) == 1 else f"{m.name} ({m.id})"): m.id
               for m in strategy.partnership.members}
    directions = {_short(f"{d.id} – {d.title}"): d.id for d in strategy.directions.directions}
    return Lists(members, directions,
                 {words["sources"][s]: s for s in SOURCES},
                 {words["investment_status"][s]: s for s in STATUSES},
                 {words["priority"][p]: p for p in PRIORITIES})


def _lines(text: object, width: int) -> int:
    """About how many lines ``text`` wraps to in a column ``width`` characters wide."""
    return max(1, -(-len(str(text or "")) // width))


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _valid_strategy(sections: Path) -> tuple[Validated, Strategy]:
    validated = load_and_validate(sections)
    strategy = validated.strategy
    if strategy is None:
        errors = [p for p in validated.problems if p.severity == "error"]
        raise Refused(*errors, Problem("error", "data.sections_invalid", None, {}))
    return validated, strategy


# --- the blank form -----------------------------------------------------------------

def write_form(sections: Path, target: Path) -> Path:
    """A blank project sheet with the partnership's lists; written beside and renamed."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    _validated, strategy = _valid_strategy(sections)
    lang = strategy.strategy.language
    lists = lists_of(strategy, lang)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    hidden = book.create_sheet(LISTS)
    hidden.sheet_state = "hidden"
    hidden["A1"] = MARK
    hidden["B1"] = strategy.strategy.slug
    ranges = {}
    for column, (key, values) in enumerate((
            ("member", lists.members), ("direction", lists.directions),
            ("source", lists.sources), ("status", lists.statuses),
            ("priority", lists.priorities)), start=1):
        letter = chr(ord("A") + column - 1)
        for row, label in enumerate(values, start=2):
            hidden[f"{letter}{row}"] = label
        ranges[key] = f"{LISTS}!${letter}$2:${letter}${max(2, len(values) + 1)}"

    bold, head = Font(bold=True), Font(bold=True, size=14)
    fill = PatternFill("solid", start_color="FFF2CC")
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 38
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 22
    sheet.column_dimensions["D"].width = 12
    sheet.column_dimensions["E"].width = 60
    sheet["A1"] = _words(lang, "title", strategy=strategy.strategy.title)
    sheet["A1"].font = head
    sheet.merge_cells("A1:E1")
    sheet["A2"] = _words(lang, "intro", first=strategy.strategy.period.first,
                         last=strategy.strategy.period.last)
    sheet["A2"].alignment = wrap
    sheet.merge_cells("A2:E3")
    sheet.row_dimensions[2].height = 45

    validations: dict[str, DataValidation] = {}

    def validate(cell: str, kind: str) -> None:
        if kind in ranges:
            if kind not in validations:
                validations[kind] = DataValidation(
                    type="list", formula1=f"={ranges[kind]}", allow_blank=True,
                    showErrorMessage=True, errorTitle=_words(lang, "list_error_title"),
                    error=_words(lang, "list_error"))
            validations[kind].add(cell)
        elif kind == "year":
            key = "year"
            if key not in validations:
                validations[key] = DataValidation(
                    type="whole", operator="between", formula1="2000", formula2="2100",
                    allow_blank=True, showErrorMessage=True,
                    errorTitle=_words(lang, "year_error_title"), error=_words(lang, "year_error"))
            validations[key].add(cell)
        elif kind == "number":
            if "number" not in validations:
                validations["number"] = DataValidation(
                    type="decimal", operator="greaterThanOrEqual", formula1="0",
                    allow_blank=True, showErrorMessage=True,
                    errorTitle=_words(lang, "number_error_title"),
                    error=_words(lang, "number_error"))
            validations["number"].add(cell)

    def inputs(cell: str, kind: str) -> None:
        sheet[cell].fill = fill
        sheet[cell].alignment = wrap
        sheet[cell].protection = Protection(locked=False)
        if kind == "number":
            sheet[cell].number_format = "#,##0.00"
        elif kind == "year":
            sheet[cell].number_format = "0"

    sheet["A4"], sheet["B4"], sheet["E4"] = (_words(lang, "field"), _words(lang, "value"),
                                             _words(lang, "how"))
    for cell in ("A4", "B4", "E4"):
        sheet[cell].font = bold
    for f in FIELDS:
        sheet[f"A{f.row}"] = _words(lang, f"field_{f.key}") + ("" if f.required else
                                                                _words(lang, "optional"))
        sheet[f"A{f.row}"].alignment = wrap
        sheet[f"E{f.row}"] = _words(lang, f"help_{f.key}")
        sheet[f"E{f.row}"].alignment = wrap
        inputs(f"B{f.row}", f.kind)
        validate(f"B{f.row}", f.kind)
        # Row heights are set, not left to the program: LibreOffice does not grow a row
        # for wrapped text it did not write itself.
        lines = max(_lines(sheet[f"E{f.row}"].value, 60), _lines(sheet[f"A{f.row}"].value, 38))
        sheet.row_dimensions[f.row].height = 90 if f.kind == "long" else 15 * lines
    for t in TABLES:
        sheet[f"A{t.header}"] = _words(lang, f"table_{t.key}")
        sheet[f"A{t.header}"].font = bold
        sheet[f"E{t.header}"] = _words(lang, f"help_{t.key}")
        sheet[f"E{t.header}"].alignment = wrap
        sheet.row_dimensions[t.header].height = 15 * _lines(sheet[f"E{t.header}"].value, 60)
        for i, kind in enumerate(t.columns):
            heading = sheet.cell(row=t.header + 1, column=i + 1,
                                 value=_words(lang, f"column_{t.key}_{i + 1}"))
            heading.font = bold
            for row in range(t.header + 2, t.header + 2 + t.rows):
                cell = sheet.cell(row=row, column=i + 1).coordinate
                inputs(cell, kind)
                validate(cell, kind)
    for v in validations.values():
        sheet.add_data_validation(v)
    sheet.freeze_panes = "A5"
    # Printed, the sheet fits the width of a landscape page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.protection.sheet = False  # the officers may add notes; the reader ignores them
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.tmp")
    book.save(temp)
    temp.replace(target)
    return target


# --- filled forms back into the sections ----------------------------------------------

@dataclass
class Imported:
    files: list[Path]
    ids: list[str]


def import_forms(sections: Path, forms: list[Path], replace: bool = False) -> Imported:
    """Every form into a project sheet file; all of them, or none and every problem."""
    validated, strategy = _valid_strategy(sections)
    lang = strategy.strategy.language
    lists = lists_of(strategy, lang)
    existing = {inv.id: inv for inv in strategy.investments.investments}
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
                            field=_words(lang, "table_directions")))
    if not funding:
        problems.append(_at(form, (TABLES[2].header + 2, 1), "form.required", lang,
                            field=_words(lang, "table_funding")))
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
                                     field=_words(self.lang, f"field_{f.key}")))
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
                                             self.lang, field=_words(
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
