"""`form investment` writes the XLSX project sheet a gmina fills in, with drop-down lists
from the sections; `import FILES.xlsx` reads filled sheets into sections/investments/,
all or none, with every error located by file, sheet and cell."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import openpyxl
from checking import copy_tiny, edit, run_check

from strategy.commands.cli import main
from strategy.sections.yamlsource import read


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _form(root: Path, target: Path) -> Path:
    code, out, err = _run("form", "investment", "--sections", str(root), "--out", str(target))
    assert code == 0, err
    return target


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _fill(blank: Path, target: Path, **changes: object) -> Path:
    """The blank form filled as a gmina would, picking from the lists; ``changes`` set
    cells (``B6=None`` empties one)."""
    book = openpyxl.load_workbook(blank)
    sheet, lists = book["Fiszka"], book["Listy"]
    values = {
        "B6": "Ścieżka rowerowa Alfa – Beta",
        "B7": "Budowa 12 km drogi rowerowej\nwzdłuż drogi powiatowej.",
        "B9": lists["A2"].value, "B10": "Alfa i Beta", "B11": 1_200_000,
        "B12": 2024, "B13": 2026, "B14": lists["D3"].value, "B15": lists["E2"].value,
        "A19": lists["A3"].value, "A33": lists["B2"].value,
        "A43": lists["C2"].value, "B43": "FEM 2021–2027", "C43": 1_000_000,
        "A44": lists["C4"].value, "C44": "200 000",
        "A51": "Długość drogi rowerowej", "B51": "km", "C51": 12, "D51": 2026,
    }
    values.update(changes)
    for cell, value in values.items():
        sheet[cell] = value
    book.save(target)
    return target


def test_the_form_has_drop_down_lists_from_the_sections_and_polish_instructions(tmp_path):
    root = copy_tiny(tmp_path)
    book = openpyxl.load_workbook(_form(root, tmp_path / "fiszka.xlsx"))
    assert book.sheetnames == ["Fiszka", "Listy"]
    assert book["Listy"].sheet_state == "hidden"
    sheet, lists = book["Fiszka"], book["Listy"]
    assert "Wypełnij żółte komórki" in sheet["A2"].value
    assert [sheet[f"A{r}"].value for r in (6, 9, 11)] == ["Tytuł", "Lider",
                                                          "Szacunkowy koszt (zł)"]
    column = [c.value for c in lists["A"][1:] if c.value]
    assert column == ["Miasto i Gmina Alfa", "Gmina Beta", "Powiat Testowy"]
    assert [c.value for c in lists["C"][1:] if c.value][0] == "Fundusze UE (program regionalny)"
    assert lists["B2"].value.startswith("K1 – ")
    by_list = {v.formula1: str(v.sqref) for v in sheet.data_validations.dataValidation
               if v.type == "list"}
    assert "B9" in by_list["=Listy!$A$2:$A$4"] and "A19" in by_list["=Listy!$A$2:$A$4"]
    assert "A33" in by_list["=Listy!$B$2:$B$4"]   # directions
    assert "A43" in by_list["=Listy!$C$2:$C$5"]   # funding sources
    assert "B14" in by_list["=Listy!$D$2:$D$6"] and "B15" in by_list["=Listy!$E$2:$E$4"]
    whole = [v for v in sheet.data_validations.dataValidation if v.type == "whole"]
    assert whole and "B12" in str(whole[0].sqref)


def test_a_filled_form_becomes_a_project_sheet_that_validates(tmp_path):
    root = copy_tiny(tmp_path)
    filled = _fill(_form(root, tmp_path / "blank.xlsx"), tmp_path / "gmina-alfa.xlsx")
    code, out, err = _run("import", str(filled), "--sections", str(root), "--lang", "en")
    assert code == 0, err
    assert "Imported 1 project sheet (P3)" in out
    target = root / "investments" / "p3-sciezka-rowerowa-alfa.yaml"
    text = target.read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../schema/investments-item.schema.json\nid: P3\n")
    assert "years: {first: 2024, last: 2026}\n" in text and "directions: [K1]\n" in text
    assert "scope: |\n  Budowa 12 km drogi rowerowej\n  wzdłuż drogi powiatowej.\n" in text
    data = read(target)[0].data
    assert data["leader"] == "alfa" and data["partners"] == ["beta"]
    assert data["funding"] == [
        {"source": "eu_regional", "programme": "FEM 2021–2027", "amount": 1_000_000},
        {"source": "own", "amount": 200_000}]
    assert data["indicators"] == {"output": [
        {"name": "Długość drogi rowerowej", "unit": "km", "target": 12, "year": 2026}]}
    assert (data["status"], data["priority"]) == ("concept", "high")
    check = run_check(root)
    assert check.exit_code == 0, check.describe()


def test_every_wrong_cell_is_reported_with_file_sheet_and_cell_and_nothing_is_written(tmp_path):
    root = copy_tiny(tmp_path)
    blank = _form(root, tmp_path / "blank.xlsx")
    good = _fill(blank, tmp_path / "good.xlsx")
    bad = _fill(blank, tmp_path / "bad.xlsx", B6=None, B9="Gmina Gamma", B11="dużo",
                C43=900_000, D51="w przyszłości")
    before = _tree(root)
    code, out, err = _run("import", str(good), str(bad), "--sections", str(root), "--lang", "en")
    assert code == 1, out
    assert f"{bad}:6:2: error: Fiszka!B6: 'Tytuł' must be filled in." in err
    assert f"{bad}:9:2: error: Fiszka!B9: 'Gmina Gamma' is not one of the list's choices." in err
    assert f"{bad}:11:2: error: Fiszka!B11: 'dużo' is not an amount." in err
    assert f"{bad}:51:4: error: Fiszka!D51: 'w przyszłości' is not a year." in err
    assert "Traceback" not in err
    assert _tree(root) == before  # the good form is not written either


def test_funding_that_does_not_add_up_to_the_cost_is_located_at_the_amounts(tmp_path):
    root = copy_tiny(tmp_path)
    bad = _fill(_form(root, tmp_path / "blank.xlsx"), tmp_path / "bad.xlsx", C43=900_000)
    code, _, err = _run("import", str(bad), "--sections", str(root), "--lang", "en")
    assert code == 1
    assert ("Fiszka!C43: the funding adds up to 1 100 000,00 zł, the cost is "
            "1 200 000,00 zł.") in err


def test_a_workbook_that_is_not_the_form_is_refused(tmp_path):
    root = copy_tiny(tmp_path)
    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    text = tmp_path / "fiszka.xlsx"
    text.write_text("Tytuł;Lider\n", encoding="utf-8")
    code, _, err = _run("import", str(other), str(text), "--sections", str(root),
                        "--lang", "en")
    assert code == 1
    assert f"{other}:1:1: error: This workbook is not a project sheet form of this tool." in err
    assert f"{text}:1:1: error: This is not an Excel workbook (XLSX)." in err


def test_a_form_of_another_strategy_is_refused(tmp_path):
    root = copy_tiny(tmp_path)
    filled = _fill(_form(root, tmp_path / "blank.xlsx"), tmp_path / "filled.xlsx")
    edit(root, "strategy.yaml", "slug: strategia-testowa", "slug: inna-strategia")
    code, _, err = _run("import", str(filled), "--sections", str(root), "--lang", "en")
    assert code == 1 and "made for the strategy 'strategia-testowa'" in err


def test_a_form_naming_an_existing_id_replaces_its_sheet_only_when_asked(tmp_path):
    root = copy_tiny(tmp_path)
    filled = _fill(_form(root, tmp_path / "blank.xlsx"), tmp_path / "p1.xlsx", B5="P1")
    before = _tree(root)
    code, _, err = _run("import", str(filled), "--sections", str(root), "--lang", "en")
    assert code == 1 and "Fiszka!B5: an investment with ID 'P1' already exists." in err
    assert _tree(root) == before
    code, _, err = _run("import", str(filled), "--replace", "--sections", str(root))
    assert code == 0, err
    assert read(root / "investments" / "P1.yaml")[0].data["title"] == (
        "Ścieżka rowerowa Alfa – Beta")
    assert len(list((root / "investments").glob("*.yaml"))) == 2


def test_several_forms_get_consecutive_ids(tmp_path):
    root = copy_tiny(tmp_path)
    blank = _form(root, tmp_path / "blank.xlsx")
    first = _fill(blank, tmp_path / "a.xlsx")
    second = _fill(blank, tmp_path / "b.xlsx", B6="Świetlica w Becie")
    code, out, err = _run("import", str(first), str(second), "--sections", str(root))
    assert code == 0, err
    assert "(P3, P4)" in out
    assert (root / "investments" / "p4-swietlica-w-becie.yaml").is_file()


def test_an_id_that_would_name_a_file_outside_the_sections_is_refused(tmp_path):
    root = copy_tiny(tmp_path)
    bad = _fill(_form(root, tmp_path / "blank.xlsx"), tmp_path / "bad.xlsx", B5="../../poza")
    before = _tree(root)
    code, _, err = _run("import", str(bad), "--sections", str(root), "--lang", "en")
    assert code == 1 and "Fiszka!B5: '../../poza' cannot be an ID" in err
    assert _tree(root) == before and not list(tmp_path.glob("*poza*"))


CALC = Path("/usr/lib/libreoffice/program/libscfiltlo.so")


def test_libreoffice_calc_opens_the_form_and_reads_what_was_filled_in(tmp_path):
    """A real spreadsheet program, not only openpyxl, reads the workbook: the form as a
    gmina opens it, with the lists on their hidden sheet."""
    import shutil as sh
    import subprocess

    import pytest

    if not sh.which("soffice") or not CALC.exists():
        pytest.skip("LibreOffice Calc is not installed")
    root = copy_tiny(tmp_path)
    filled = _fill(_form(root, tmp_path / "blank.xlsx"), tmp_path / "filled.xlsx")
    out = tmp_path / "out"
    subprocess.run(["soffice", "--headless", "--norestore",
                    f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,"
                    "false,false,false,-1", "--outdir", str(out), str(filled)],
                   check=True, capture_output=True, timeout=180)
    sheets = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.csv")}
    fiszka = next(text for name, text in sheets.items() if "Fiszka" in name)
    listy = next(text for name, text in sheets.items() if "Listy" in name)
    assert "Ścieżka rowerowa Alfa – Beta" in fiszka and "Miasto i Gmina Alfa" in fiszka
    assert "Wypełnij żółte komórki" in fiszka
    assert "territorial-strategy-builder form: investment" in listy
