"""Accessibility (WCAG 2.1 AA, PDF/UA): what `check` refuses in the sections, and what the
PDF's structure tree holds, read with pikepdf.

Where user content makes headings: the title of a part (introduction, model,
implementation, financing) is a level-1 heading and each of its subsections a level-2
one; a diagnosis chapter is level 2 and its subsections level 3. Subsections do not
nest, so the sections cannot skip a level; prose prints literally, so a line typed as
"## Heading" would be a heading to the eye only, and `check` refuses it. The composed
documents are checked for skipped levels below, and so is the PDF's structure tree.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from checking import run_check, structure_nodes
from submission import complete_copy, rewrite

from strategy.commands.cli import main
from strategy.compose.compose import compose
from strategy.compose.outline import outline, skipped_levels
from strategy.pipeline import load_and_validate

pikepdf = pytest.importorskip("pikepdf")

TABLE = {"caption": "Liczba sołectw", "columns": ["Gmina", "Sołectwa"],
         "rows": [["Alfa", 21], ["Beta", 18]], "source": "urzędy gmin"}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return complete_copy(tmp_path)


def _codes(root: Path) -> list[tuple[str, str, int]]:
    run = run_check(root)
    return [(p["code"], p["file"], p["line"]) for p in run.problems]


def _line(root: Path, file: str, text: str) -> int:
    lines = (root / file).read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


# --- check: images, tables, titles, headings --------------------------------------------------

@pytest.mark.parametrize("alt", [None, "", "   "])
def test_an_image_without_alt_text_is_an_error_that_says_why(root: Path, alt: Any):
    figure = {"file": "maps/osi.png", "caption": "Sołectwa", "source": "własne"}
    if alt is not None:
        figure["alt"] = alt
    rewrite(root / "spatial.yaml", lambda d: d["model"].update(figures=[figure]))
    run = run_check(root)
    assert [p["code"] for p in run.problems] == ["access.alt_missing"]
    assert run.problems[0]["file"] == "spatial.yaml" and run.exit_code == 1
    assert "osoba niewidoma" in run.problems[0]["hint"]


def test_a_table_without_a_header_row_is_an_error(root: Path):
    rewrite(root / "spatial.yaml", lambda d: d["model"].update(
        tables=[{**TABLE, "columns": []}]))
    assert _codes(root) == [("access.table_header", "spatial.yaml",
                             _line(root, "spatial.yaml", "columns: []"))]


def test_a_row_wider_than_the_header_is_an_error_not_a_lost_cell(root: Path):
    rewrite(root / "spatial.yaml", lambda d: d["model"].update(
        tables=[{**TABLE, "rows": [["Alfa", 21, "zbędna"]]}]))
    [(code, file, line)] = _codes(root)
    assert (code, file) == ("access.table_row_width", "spatial.yaml")


@pytest.mark.parametrize(("where", "value"), [
    ("model title", "—"), ("subsection title", "..."), ("table caption", "***")])
def test_a_title_with_no_letter_or_digit_is_an_error(root: Path, where: str, value: str):
    def change(d: dict[str, Any]) -> None:
        if where == "model title":
            d["model"]["title"] = value
        elif where == "subsection title":
            d["model"]["subsections"] = [{"title": value, "text": "Treść."}]
        else:
            d["model"]["tables"] = [{**TABLE, "caption": value}]
    rewrite(root / "spatial.yaml", change)
    [(code, file, _)] = _codes(root)
    assert (code, file) == ("access.empty_title", "spatial.yaml")


def test_a_blank_title_is_an_error(root: Path):
    rewrite(root / "implementation.yaml", lambda d: d.update(title="   "))
    assert [c for c, _, _ in _codes(root)] == ["value.too_short"]


def test_a_line_typed_as_a_markdown_heading_is_an_error(root: Path):
    rewrite(root / "introduction.yaml", lambda d: d.update(
        text="Wstęp.\n\n## Metodyka\n\nOpis metody."))
    run = run_check(root)
    [problem] = run.problems
    assert problem["code"] == "access.pseudo_heading" and "## Metodyka" in problem["message"]
    assert "subsections" in problem["hint"]


def test_a_hash_inside_a_sentence_is_no_heading(root: Path):
    rewrite(root / "introduction.yaml", lambda d: d.update(text="Projekt #1 i #2 w Alfie."))
    assert _codes(root) == []


def test_alt_text_repeating_the_caption_is_a_warning(root: Path):
    rewrite(root / "areas.yaml", lambda d: d["maps"][0].update(alt=d["maps"][0]["caption"]))
    run = run_check(root)
    assert [(p["code"], p["severity"]) for p in run.problems] == [
        ("access.alt_repeats", "warning")]


# --- headings of the composed document -----------------------------------------------------

def test_skipped_levels_are_found():
    md = "# A\n\n## B\n\n#### C {.unnumbered}\n\n# D\n\n### E\n"
    assert [(h.title, level) for h, level in skipped_levels(md)] == [("C", 3), ("E", 2)]


def test_no_composed_document_skips_a_heading_level(root: Path, tmp_path: Path):
    def subsections(d: dict[str, Any]) -> None:
        d["subsections"] = [{"title": "Metodyka", "text": "Opis."}]
    rewrite(root / "introduction.yaml", subsections)
    rewrite(root / "diagnosis.yaml", lambda d: subsections(d["chapters"][0]))
    for lang in ("pl", "en"):
        rewrite(root / "strategy.yaml", lambda d, lang=lang: d.update(language=lang))
        md = compose(load_and_validate(root).strategy, tmp_path / lang, root).markdown
        assert skipped_levels(md) == [], lang
        levels = {h.title: h.level for h in outline(md)}
        assert levels["Metodyka"] == 2 or levels.get("Metodyka") == 3
        assert all(h.title for h in outline(md)), "no empty heading"


# --- the PDF's structure tree --------------------------------------------------------------

def _of(nodes: list[Any], kind: str) -> list[Any]:
    return [n for n in nodes if str(n.S) == kind]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("a11y")
    sections = complete_copy(tmp)
    code = main(["build", "--sections", str(sections), "--out", str(tmp / "out"),
                 "--format", "pdf"])
    assert code == 0
    with pikepdf.open(next((tmp / "out").glob("*.pdf"))) as document:
        yield document


@pytest.fixture(scope="module")
def tree(pdf) -> list[Any]:
    return structure_nodes(pdf.Root.StructTreeRoot.K, [])


def test_every_figure_has_alternative_text(tree):
    figures = _of(tree, "/Figure")
    assert len(figures) == 4, "two charts and two maps"
    alts = [str(f.get("/Alt", "")) for f in figures]
    assert all(len(alt) > 20 for alt in alts)
    assert any(alt.startswith("Schemat: ośrodek Alfa") and "Legenda:" in alt for alt in alts)


def test_every_table_has_header_cells_with_a_scope(tree):
    tables = _of(tree, "/Table")
    assert len(tables) > 20
    for table in tables:
        headers = _of(structure_nodes(table.K, []), "/TH")
        assert headers, "a table without TH cells"
        scopes = {str(a.get("/Scope")) for h in headers
                  for a in (h.A if isinstance(h.get("/A"), pikepdf.Array) else [h.get("/A")])
                  if isinstance(a, pikepdf.Dictionary) and "/Scope" in a}
        # column headers everywhere; key-value tables also label their rows
        assert "/Column" in scopes and scopes <= {"/Column", "/Row"}


def test_the_language_is_polish_and_the_title_is_displayed(pdf):
    assert str(pdf.Root.Lang) == "pl-PL"
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
    assert str(pdf.docinfo.Title).startswith("Strategia rozwoju ponadlokalnego")
    assert bool(pdf.Root.MarkInfo.Marked) is True


def test_the_pdf_declares_pdf_a_2a_and_pdf_ua_1(pdf):
    with pdf.open_metadata() as xmp:
        assert xmp.get("pdfaid:part") == "2" and xmp.get("pdfaid:conformance") == "A"
        assert xmp.get("pdfuaid:part") == "1"


def test_the_heading_structure_skips_no_level(tree):
    levels = [int(str(n.S)[2:]) for n in tree if re.fullmatch(r"/H[1-6]", str(n.S))]
    assert levels and levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
