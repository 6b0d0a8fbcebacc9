"""A diagnosis built on statistics snapshots, read as a reader reads the documents: each
snapshot cited once under its table (GUS, Bank Danych Lokalnych, the variable, the year
of the data, the day it was retrieved), the area's value made as its notes say, BDL's
marks printed beside the values it flags and in place of a value it withholds.

The fixture strategy (tests/fixtures/bdl-strategy/ over a copy of the tiny one) has no
snapshot of its own: they are made here by ``data fetch`` on the recorded BDL responses
and ``data import`` on a CSV in the BDL site's format. Its numbers are fixture data, not
GUS data, and its citations say "(fixture)"."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest
from bdl_recorded import Clock, Recorded
from checking import copy_tiny, edit, run_check
from docx import Document
from pypdf import PdfReader

from strategy.commands.cli import main
from strategy.data.bdlapi import Client
from strategy.data.snapshots import fetch_into
from strategy.language.books import book, languages
from strategy.model.bdlmarks import MARKS
from strategy.model.schema import schema_line
from strategy.pipeline import Progress, build
from strategy.sections.yamlsource import read

FIXTURE = Path(__file__).parent / "fixtures" / "bdl-strategy"
JOBS_CSV = Path(__file__).parent / "fixtures" / "bdl-csv" / "RYNE_9003_CREL_20240512090000.csv"
STEM = "strategia-testowa-v0.2-rada"

POPULATION = ("Ludność testowa wg płci (fixture) – ogółem, ogółem")
ROADS = "Drogi testowe (fixture) – ogółem"
JOBS = "Pracujący testowi (fixture)"
CONFIDENTIAL = ("brak informacji, konieczność zachowania tajemnicy statystycznej lub "
                "wypełnienie pozycji jest niemożliwe albo niecelowe")
# The source lines the two tables of the diagnosis must carry, as a reader reads them.
DEMOGRAPHY_SOURCE = (
    f"Źródło: GUS, Bank Danych Lokalnych ({POPULATION}, dane za lata 2022–2023, stan na "
    f"10 maja 2024 r.; {ROADS}, dane za 2022 r., stan na 10 maja 2024 r.); dane ilustracyjne "
    "(dane ilustracyjne, do zastąpienia danymi statystyki publicznej)")
JOBS_SOURCE = (
    f"Źródło: GUS, Bank Danych Lokalnych ({JOBS}, dane za 2023 r., stan na 12 maja 2024 r.; "
    f"{POPULATION}, dane za 2023 r., stan na 10 maja 2024 r.)")
JOBS_MARKS = f"Znaki BDL: s – szacunki wstępne; x – {CONFIDENTIAL}."


def _quiet(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, err.getvalue()


def fixture_sections(tmp_path: Path) -> Path:
    """The fixture strategy, its snapshots made by the commands from recorded data."""
    root = copy_tiny(tmp_path)
    for path in FIXTURE.glob("*.yaml"):
        _first, rest = path.read_text(encoding="utf-8").split("\n", 1)
        target = root / path.name  # its schema line as the copy's place has it
        target.write_text(f"{schema_line(target, root)}\n{rest}", encoding="utf-8")
    clock = Clock()
    client = Client(Recorded(), None, clock=clock, sleep=clock.sleep)
    fetch_into(root, client, dt.date(2024, 5, 10))
    code, err = _quiet(["data", "import", str(JOBS_CSV), "--sections", str(root), "--name", JOBS,
                        "--id", "pracujacy", "--variable", "90003"])
    assert code == 0, err
    return root


def _plain(text: str) -> str:
    """Text as a reader compares it: one kind of space, lines joined."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    root = fixture_sections(tmp_path_factory.mktemp("bdl-strategy"))
    out = root.parent / "out"
    written, problems, _ = build(root, out, {"docx", "pdf", "md"}, Progress(quiet=True))
    assert [p.code for p in problems if p.severity == "error"] == []
    return root, out


def test_the_snapshots_come_from_the_commands_and_the_sections_check(built):
    root, _ = built
    fetched = read(root / "statistics" / "ludnosc.yaml")[0].data
    imported = read(root / "statistics" / "pracujacy.yaml")[0].data
    assert fetched["origin"]["kind"] == "api" and imported["origin"]["kind"] == "csv"
    # The CSV's "x" for Huszlew (Beta) keeps the file's 0 beside the attribute, explained.
    assert {"unit": "1410012", "year": 2023, "value": 0, "attribute": "x"} in imported["values"]
    assert imported["attributes"]["x"]["shows"] == "none"
    check = run_check(root)
    assert check.exit_code == 0, check.describe()
    assert check.codes() == ["statistics.withheld", "statistics.withheld"], check.describe()


def test_the_docx_cites_each_snapshot_once_with_its_variable_year_and_day(built):
    _, out = built
    paragraphs = [_plain(p.text) for p in Document(str(out / f"{STEM}.docx")).paragraphs]
    assert DEMOGRAPHY_SOURCE in paragraphs
    assert JOBS_SOURCE in paragraphs
    assert JOBS_MARKS in paragraphs
    assert sum(p.count(POPULATION + ",") for p in paragraphs if p.startswith("Źródło")) == 2
    notes = next(p for p in paragraphs if p.startswith("Objaśnienia: Ludność ogółem"))
    assert "suma wartości członków bez gmin leżących w powiecie członkowskim" in notes
    assert (f"Drogi na 1000 mieszkańców – iloraz zmiennych „{ROADS}” i „{POPULATION}” razy "
            "1000") in notes


def _table(docx: Document, first_value: str) -> dict[str, list[list[tuple[str, bool]]]]:
    """The indicator table whose first member's first value is ``first_value``: row label
    -> each cell's runs (text, superscript)."""
    for table in docx.tables:
        rows = {_plain(r.cells[0].text): [[(run.text, bool(run.font.superscript))
                                           for p in c.paragraphs for run in p.runs]
                                          for c in r.cells[1:]] for r in table.rows}
        first = rows.get("Miasto i Gmina Alfa")
        if first and "".join(t for t, _ in first[0]).replace("\u00a0", " ") == first_value:
            return rows
    raise AssertionError(f"no table starting with {first_value}")


def test_the_docx_marks_estimates_and_prints_a_withheld_value_as_its_mark(built):
    _, out = built
    docx = Document(str(out / f"{STEM}.docx"))
    demography = _table(docx, "10 500s")
    assert demography["Miasto i Gmina Alfa"][0] == [("10\u00a0500", False), ("s", True)]
    # The area is the powiat (which holds Alfa and Beta) and Gamma: 29 700 + 4750.
    assert demography["Obszar partnerstwa"][0] == [("34\u00a0450", False), ("s", True)]
    assert "".join(t for t, _ in demography["Obszar partnerstwa"][1]) == "10,36"
    assert "".join(t for t, _ in demography["Województwo mazowieckie"][0]) == "5\u00a0510\u00a0000s"
    assert demography["Województwo mazowieckie"][1] == []  # roads are not compared with it
    jobs = _table(docx, "2100s")
    assert jobs["Gmina Beta"] == [[("x", False)], [("x", False)]]  # never the file's 0
    assert "".join(t for t, _ in jobs["Obszar partnerstwa"][0]) == "6740"
    assert jobs["Obszar partnerstwa"][1] == [("195,6", False), ("s", True)]


def test_the_pdf_reads_the_same_citations_and_marks(built):
    _, out = built
    text = _plain(" ".join(page.extract_text() for page in PdfReader(
        str(out / f"{STEM}.pdf")).pages))
    for line in (DEMOGRAPHY_SOURCE, JOBS_SOURCE, JOBS_MARKS):
        assert line in text
    assert "Gmina Beta x x Gmina Gamma 640 134,7s" in text
    assert "Obszar partnerstwa 34 450s 10,36 –" in text


def test_an_english_document_cites_the_snapshots_in_english(built, tmp_path):
    root = tmp_path / "sections"
    shutil.copytree(built[0], root)
    edit(root, "strategy.yaml", "language: pl", "language: en")
    written, problems, _ = build(root, tmp_path / "out", {"md"}, Progress(quiet=True))
    assert [p.code for p in problems if p.severity == "error"] == []
    text = _plain(written[0].read_text(encoding="utf-8").replace("\\", ""))
    assert (f"Source: GUS (Statistics Poland), Local Data Bank ({JOBS}, data for 2023, "
            f"retrieved on 12 May 2024; {POPULATION}, data for 2023, retrieved on 10 May 2024)"
            in text)
    assert "BDL's marks: s – preliminary estimates; x – no information, statistical " \
           "confidentiality, or the cell cannot or need not be filled." in text
    assert "| Voivodeship: mazowieckie | 1,950,000 | 353.9^s^ |" in text


# --- what check says about indicators on snapshots ---------------------------------------

def test_a_typed_source_beside_a_snapshot_is_reported_as_not_printed(built, tmp_path):
    root = tmp_path / "sections"
    shutil.copytree(built[0], root)
    edit(root, "diagnosis.yaml", "        variable: pracujacy\n        aggregate: sum\n",
         "        variable: pracujacy\n        aggregate: sum\n        source: GUS BDL\n")
    check = run_check(root, "--lang", "en")
    [found] = [p for p in check.problems if p["code"] == "statistics.source_generated"]
    assert found["severity"] == "warning" and found["line"] == 44
    assert "is not printed" in found["message"] and found["hint"] == "Remove 'source'."


def test_typed_values_need_a_source_and_cannot_ask_for_comparisons(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "diagnosis.yaml", "        source: GUS, Bank Danych Lokalnych\n",
         "        compare: [poland]\n")
    check = run_check(root, "--lang", "en")
    assert {"statistics.source_missing", "statistics.unbound"} <= set(check.codes())
    assert check.exit_code == 1


def test_a_comparison_the_snapshot_does_not_hold_is_a_warning_and_no_row(built, tmp_path):
    root = tmp_path / "sections"
    shutil.copytree(built[0], root)
    snapshot = root / "statistics" / "drogi.yaml"
    text = snapshot.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines(keepends=True) if 'unit: "PL"' not in line
            and "code: PL" not in line and "name: POLSKA" not in line]
    snapshot.write_text("".join(kept), encoding="utf-8")
    check = run_check(root, "--lang", "en")
    [found] = [p for p in check.problems if p["code"] == "statistics.compare_missing"]
    assert "'drogi'" in found["message"] and "PL" in found["message"], check.describe()


def test_a_legend_written_as_text_by_an_earlier_fetch_still_reads():
    from strategy.model.statistics import Snapshot

    snap = Snapshot.model_validate({
        "id": "s", "name": "n", "measure": "osoba", "retrieved": dt.date(2024, 5, 10),
        "origin": {"kind": "api"}, "units": [{"code": "1410", "name": "P"}],
        "attributes": {"9": "s – Szacunki wstępne", "4": "x – Brak informacji"},
        "values": [{"unit": "1410", "year": 2023, "value": 5, "attribute": 9},
                   {"unit": "1410", "year": 2022, "value": 0, "attribute": 4}]})
    assert snap.reading("1410", 2023).marks == ("s",)
    withheld = snap.reading("1410", 2022)
    assert withheld.withheld and withheld.number is None and snap.covers("1410", 2022)


@pytest.mark.parametrize("lang", languages())
def test_every_mark_bdl_publishes_has_words_in_every_language(lang):
    words = book(lang, "document")["diagnosis"]["indicators"]["marks"]
    assert sorted(set(MARKS) - set(words)) == []
    assert all(re.search(r"\w", words[symbol]) for symbol in MARKS)
