"""``form investment``: a blank project sheet with the partnership's drop-down lists,
in the strategy's language, for a gmina to fill in (layout: ``formlayout``)."""

from __future__ import annotations

from pathlib import Path

from strategy.data.formlayout import (
    FIELDS,
    LISTS,
    MARK,
    SHEET,
    TABLES,
    lines,
    lists_of,
    valid_strategy,
    words,
)


def write_form(sections: Path, target: Path) -> Path:
    """A blank project sheet with the partnership's lists; written beside and renamed."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    _validated, strategy = valid_strategy(sections)
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
    sheet["A1"] = words(lang, "title", strategy=strategy.strategy.title)
    sheet["A1"].font = head
    sheet.merge_cells("A1:E1")
    sheet["A2"] = words(lang, "intro", first=strategy.strategy.period.first,
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
                    showErrorMessage=True, errorTitle=words(lang, "list_error_title"),
                    error=words(lang, "list_error"))
            validations[kind].add(cell)
        elif kind == "year":
            key = "year"
            if key not in validations:
                validations[key] = DataValidation(
                    type="whole", operator="between", formula1="2000", formula2="2100",
                    allow_blank=True, showErrorMessage=True,
                    errorTitle=words(lang, "year_error_title"), error=words(lang, "year_error"))
            validations[key].add(cell)
        elif kind == "number":
            if "number" not in validations:
                validations["number"] = DataValidation(
                    type="decimal", operator="greaterThanOrEqual", formula1="0",
                    allow_blank=True, showErrorMessage=True,
                    errorTitle=words(lang, "number_error_title"),
                    error=words(lang, "number_error"))
            validations["number"].add(cell)

    def inputs(cell: str, kind: str) -> None:
        sheet[cell].fill = fill
        sheet[cell].alignment = wrap
        sheet[cell].protection = Protection(locked=False)
        if kind == "number":
            sheet[cell].number_format = "#,##0.00"
        elif kind == "year":
            sheet[cell].number_format = "0"

    sheet["A4"], sheet["B4"], sheet["E4"] = (words(lang, "field"), words(lang, "value"),
                                             words(lang, "how"))
    for cell in ("A4", "B4", "E4"):
        sheet[cell].font = bold
    for f in FIELDS:
        sheet[f"A{f.row}"] = words(lang, f"field_{f.key}") + ("" if f.required else
                                                                words(lang, "optional"))
        sheet[f"A{f.row}"].alignment = wrap
        sheet[f"E{f.row}"] = words(lang, f"help_{f.key}")
        sheet[f"E{f.row}"].alignment = wrap
        inputs(f"B{f.row}", f.kind)
        validate(f"B{f.row}", f.kind)
        # Row heights are set, not left to the program: LibreOffice does not grow a row
        # for wrapped text it did not write itself.
        tall = max(lines(sheet[f"E{f.row}"].value, 60), lines(sheet[f"A{f.row}"].value, 38))
        sheet.row_dimensions[f.row].height = 90 if f.kind == "long" else 15 * tall
    for t in TABLES:
        sheet[f"A{t.header}"] = words(lang, f"table_{t.key}")
        sheet[f"A{t.header}"].font = bold
        sheet[f"E{t.header}"] = words(lang, f"help_{t.key}")
        sheet[f"E{t.header}"].alignment = wrap
        sheet.row_dimensions[t.header].height = 15 * lines(sheet[f"E{t.header}"].value, 60)
        for i, kind in enumerate(t.columns):
            heading = sheet.cell(row=t.header + 1, column=i + 1,
                                 value=words(lang, f"column_{t.key}_{i + 1}"))
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
