"""The built PDF checked as a typographer and an accessibility auditor would, on the
example and on a large partnership (42 members, 60 projects, a 42-column table):

- page-validation, a validator independent of typst, finds it PDF/UA-1 and PDF/A-2a
  compliant (beside typst's own checks when writing and the pikepdf tests);
- no two glyphs print over each other (table headers included);
- no figure is taller than the text area or reaches into a margin;
- the row labels of key-value tables are row headers in the tags.
"""

from __future__ import annotations

from pathlib import Path

import page
import pikepdf
import pytest
import yaml
from large_fixture import large_sections
from layout import figures_outside_the_text_area, overlapping_glyphs

from strategy.export.pdf.rowheaders import _kids, _tables
from strategy.pipeline import Progress, build

REPO = Path(__file__).resolve().parent.parent


def _pdf(sections: Path, out: Path) -> Path:
    written, problems, _ = build(sections, out, {"pdf"}, Progress(quiet=True))
    assert written, problems
    return written[0]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _pdf(REPO / "sections", tmp_path_factory.mktemp("layout"))


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = large_sections(tmp_path_factory.mktemp("large") / "sections", wide_columns=42)
    return _pdf(root, tmp_path_factory.mktemp("layout-large"))


@pytest.mark.parametrize("which", ["example", "large"])
@pytest.mark.parametrize("profile", ["ua1", "2a"])
def test_page_validation_finds_the_pdf_compliant(which: str, profile: str, request) -> None:
    report = page.validate_pdf(str(request.getfixturevalue(which)), profile=profile)
    assert report.is_compliant, [str(f) for f in report.failures][:10]


@pytest.mark.parametrize("which", ["example", "large"])
def test_no_text_prints_over_other_text(which: str, request) -> None:
    assert overlapping_glyphs(request.getfixturevalue(which)) == []


@pytest.mark.parametrize("which", ["example", "large"])
def test_every_figure_lies_within_the_text_area(which: str, request) -> None:
    assert figures_outside_the_text_area(request.getfixturevalue(which)) == []


def test_the_check_sees_a_header_word_running_into_the_next_column(tmp_path: Path) -> None:
    """The defect the checks guard against, made on purpose: fixed narrow columns."""
    import typst

    source = tmp_path / "bad.typ"
    source.write_text('#set text(font: "DejaVu Sans Mono", size: 9pt)\n'
                      "#table(columns: (1.2cm, 1.2cm), [Powierzchnia], [Ludność])\n",
                      encoding="utf-8")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(typst.compile(str(source)))
    assert overlapping_glyphs(bad)


def _row_headers(pdf: Path) -> int:
    with pikepdf.open(pdf) as document:
        count = 0
        for table in _tables(document.Root.StructTreeRoot):
            for part in _kids(table):
                for row in _kids(part):
                    for cell in _kids(row):
                        attrs = cell.get("/A")
                        items = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs]
                        count += any(isinstance(a, pikepdf.Dictionary)
                                     and a.get("/Scope") == "/Row" for a in items)
        return count


def test_record_and_project_sheets_have_row_headers(example: Path, large: Path) -> None:
    # the record (9 rows, with the programme period), 16 sheets of 12 rows and the list
    # of abbreviations (a row each); 60 sheets in the large partnership
    listed = yaml.safe_load((REPO / "sections" / "abbreviations.yaml").read_text(
        encoding="utf-8"))["abbreviations"]
    assert _row_headers(example) == 9 + 16 * 12 + len(listed)
    assert _row_headers(large) >= 8 + 60 * 11
