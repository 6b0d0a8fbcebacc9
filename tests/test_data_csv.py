"""`data import FILE.csv`: a CSV downloaded from the BDL web site as a snapshot, in either
layout and encoding, with located errors (file, row, column) and nothing changed on one.
The fixtures in tests/fixtures/bdl-csv/ are in the site's format; their numbers are not
GUS data."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest
from checking import copy_tiny, run_check

from strategy.commands.cli import main
from strategy.sections.yamlsource import read

CSV = Path(__file__).parent / "fixtures" / "bdl-csv"
LONG = CSV / "LUDN_9001_CREL_20240510123456.csv"
WIDE = CSV / "TRAN_9002_CTAB_20240511080000.csv"


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _import(root: Path, file: Path, *options: str) -> tuple[int, str, str]:
    return _run("data", "import", str(file), "--sections", str(root), "--lang", "en",
                *options)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _file(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_the_long_layout_in_windows_1250_becomes_a_snapshot_of_the_members(tmp_path):
    root = copy_tiny(tmp_path)
    code, out, err = _import(root, LONG, "--name", "Ludność wg płci", "--id", "ludnosc-csv",
                             "--dimensions", "ogółem", "--variable", "90001")
    assert code == 0, err
    assert "Imported 1 snapshot" in out
    snap = read(root / "statistics" / "ludnosc-csv.yaml")[0].data
    assert snap["name"] == "Ludność wg płci – ogółem" and snap["variable"] == 90001
    assert snap["measure"] == "osoba"
    assert str(snap["retrieved"]) == "2024-05-10"  # from the file's name
    assert snap["origin"]["kind"] == "csv" and snap["origin"]["subject"] == "P9001"
    assert snap["origin"]["file"] == LONG.name and len(snap["origin"]["sha256"]) == 64
    assert [u["code"] for u in snap["units"]] == ["1410023", "1410012", "1410", "14"]
    assert [u["name"] for u in snap["units"]][:2] == ["Łosice (3)", "Huszlew (2)"]
    assert {"unit": "1410023", "year": 2023, "value": 10500} in snap["values"]
    assert "powiat siedlecki" not in (root / "statistics" / "ludnosc-csv.yaml").read_text(
        encoding="utf-8").lower()
    assert "1 unit of the file is not a member and was left out: 1426" in err
    check = run_check(root)
    assert check.exit_code == 0, check.describe()


def test_the_wide_layout_in_utf8_with_bom_reads_decimal_commas_and_dashes(tmp_path):
    root = copy_tiny(tmp_path)
    code, _, err = _import(root, WIDE, "--name", "Drogi gminne", "--id", "drogi")
    assert code == 0, err
    snap = read(root / "statistics" / "drogi.yaml")[0].data
    assert snap["measure"] == "km" and snap["name"] == "Drogi gminne"
    assert str(snap["retrieved"]) == "2024-05-11"
    assert {"unit": "1410012", "year": 2022, "value": 12.25} in snap["values"]
    assert {"unit": "1410012", "year": 2023, "value": None} in snap["values"]  # "-"
    assert {"unit": "14", "year": 2023, "value": 30100.5} in snap["values"]  # "30 100,5"
    assert [u["code"] for u in snap["units"]] == ["1410023", "1410012", "1410", "14"]


def test_a_file_of_several_variables_asks_which_one_and_lists_them(tmp_path):
    root = copy_tiny(tmp_path)
    before = _tree(root)
    code, _, err = _import(root, LONG, "--name", "Ludność")
    assert code == 1
    assert 'The file holds 2 variables: "ogółem" [osoba]; "kobiety" [osoba]' in err
    assert "--dimensions" in err
    assert _tree(root) == before


def test_a_comma_separated_file_is_refused_at_its_first_row(tmp_path):
    root = copy_tiny(tmp_path)
    bad = _file(tmp_path, "x_20240510.csv",
                b'"Kod","Nazwa","Rok","Wartosc"\n"1410023","A","2022","1"\n')
    code, _, err = _import(root, bad, "--name", "X")
    assert code == 1
    assert f"{bad}:1:1: error: The fields are separated by ','" in err


def test_a_value_that_is_not_a_number_is_located_by_row_and_column(tmp_path):
    root = copy_tiny(tmp_path)
    text = WIDE.read_bytes().replace(b'"12,25"', b'"12.25.1"')
    bad = _file(tmp_path, WIDE.name, text)
    before = _tree(root)
    code, _, err = _import(root, bad, "--name", "Drogi")
    assert code == 1
    assert f"{bad}:4:3: error: '12.25.1' is not a number" in err
    assert _tree(root) == before


def test_a_unit_code_a_spreadsheet_mangled_is_located(tmp_path):
    root = copy_tiny(tmp_path)
    bad = _file(tmp_path, WIDE.name, WIDE.read_bytes().replace(b'"071423510012"', b'"1,41E+11"'))
    code, _, err = _import(root, bad, "--name", "Drogi")
    assert code == 1 and f"{bad}:4:1: error: '1,41E+11' is not a code" in err


@pytest.mark.parametrize(("content", "code"), [
    ("Kod;Nazwa;Rok\n".encode("utf-16"), "is saved as UTF-16"),
    (b'"Region";"Name";"2022"\n"a";"b";"1"\n', "is not a CSV of the BDL site"),
    (b'"Kod";"Nazwa";"Suma"\n"1410023";"A";"1"\n', "Unknown layout"),
    (b'"Kod";"Nazwa";"Rok";"Wartosc"\n', "The file holds no values"),
    (b'"Kod";"Nazwa";"Rok";"Wartosc"\n"1410023";"A";"22";"1"\n', "'22' is not a year"),
    (b'"Kod";"Nazwa";"Rok";"Wartosc"\n"1410023";"A";"2022"\n', "The row has 3 fields"),
    (b'"Kod";"Nazwa";"Rok";"Wartosc"\n"1410023";"A";"2022";"1"\n"1410023";"A";"2022";"2"\n',
     "appears a second time (first in row 2)"),
    (b'"Kod";"Nazwa";"Rok";"Wartosc"\n"1426000";"S";"2022";"1"\n',
     "no values for any member"),
])
def test_bad_files_get_a_located_error_and_change_nothing(tmp_path, content, code):
    root = copy_tiny(tmp_path)
    before = _tree(root)
    bad = _file(tmp_path, "BAD_1_CREL_20240510000000.csv", content)
    exit_code, out, err = _import(root, bad, "--name", "X")
    assert exit_code == 1, out
    assert code in err and f"{bad}:" in err
    assert "Traceback" not in err
    assert _tree(root) == before


def test_a_file_without_a_date_in_its_name_needs_retrieved(tmp_path):
    root = copy_tiny(tmp_path)
    renamed = tmp_path / "ludnosc.csv"
    shutil.copy(WIDE, renamed)
    code, _, err = _import(root, renamed, "--name", "Drogi")
    assert code == 1 and "--retrieved YYYY-MM-DD" in err
    code, _, err = _import(root, renamed, "--name", "Drogi", "--retrieved", "2024-06-01")
    assert code == 0, err
    assert str(read(root / "statistics" / "drogi.yaml")[0].data["retrieved"]) == "2024-06-01"


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    root = copy_tiny(tmp_path)
    huge = tmp_path / "HUGE_1_CREL_20240510000000.csv"
    with huge.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    code, _, err = _import(root, huge, "--name", "X")
    assert code == 1 and "The file has 21.0 MB; at most 20 MB is read." in err


def test_an_existing_snapshot_is_replaced_only_when_asked(tmp_path):
    root = copy_tiny(tmp_path)
    assert _import(root, WIDE, "--name", "Drogi", "--id", "drogi")[0] == 0
    before = _tree(root)
    code, _, err = _import(root, WIDE, "--name", "Drogi", "--id", "drogi")
    assert code == 1 and "already exists" in err and _tree(root) == before
    assert _import(root, WIDE, "--name", "Drogi gminne", "--id", "drogi", "--replace")[0] == 0
    assert read(root / "statistics" / "drogi.yaml")[0].data["name"] == "Drogi gminne"


def test_an_id_that_would_leave_the_statistics_folder_is_refused(tmp_path):
    root = copy_tiny(tmp_path)
    code, _, err = _import(root, WIDE, "--name", "Drogi", "--id", "../../poza")
    assert code == 2 and "cannot be the ID of a file" in err
    assert not (tmp_path / "poza.yaml").exists()


def test_the_id_is_made_from_the_name_when_not_given(tmp_path):
    root = copy_tiny(tmp_path)
    assert _import(root, WIDE, "--name", "Długość dróg gminnych")[0] == 0
    assert (root / "statistics" / "dlugosc-drog-gminnych.yaml").is_file()


def test_a_release_archives_the_snapshot_with_the_sections(tmp_path):
    import json

    project = tmp_path / "p"
    project.mkdir()
    root = shutil.copytree(copy_tiny(tmp_path), project / "sections")
    assert _import(root, WIDE, "--name", "Drogi", "--id", "drogi")[0] == 0
    code, _, err = _run("release", "--sections", str(root), "--status", "council",
                        "--format", "md", "--date", "2021-06-24")
    assert code == 0, err
    archived = project / "releases" / "v0.3" / "sections" / "statistics" / "drogi.yaml"
    assert archived.read_bytes() == (root / "statistics" / "drogi.yaml").read_bytes()
    manifest = json.loads((project / "releases" / "v0.3" / "manifest.json").read_text())
    assert "statistics/drogi.yaml" in manifest["sections"]  # its SHA-256 is recorded
