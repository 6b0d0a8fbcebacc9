"""The compose stage: what the composed pandoc Markdown says, and that it says it literally."""

from __future__ import annotations

import json
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pypandoc
import pytest
import yaml
from pandoc_ast import nodes

from strategy.compose.compose import compose
from strategy.compose.typography import NBSP
from strategy.model.finance import framework, rounded, spread, unit
from strategy.pipeline import load_and_validate

TINY = Path(__file__).parent / "fixtures" / "tiny"
GOLDEN = Path(__file__).parent / "golden" / "tiny.md"

# Characters that mean something to Markdown, pandoc, Jinja or typst.
HOSTILE = (r"*Alfa* _b_ #tag | [x](y) <b>&amp; \n $x$ @ref ~s~ ^t^ `c` {{ n }} {% x %} "
           r"#set text(red) -- ... 1.")


def _composed(sections: Path, tmp: Path):
    validated = load_and_validate(sections)
    assert validated.strategy is not None, [p.message("en") for p in validated.problems]
    return compose(validated.strategy, tmp / "assets", sections)


def _rewrite(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _texts(ast: object) -> list[str]:
    """Every run of inline text in a pandoc JSON AST, spaces restored."""
    found: list[str] = []

    def inlines(items: list) -> str:
        out = ""
        for item in items:
            t, c = item["t"], item.get("c")
            if t == "Str":
                out += c
            elif t in ("Space", "SoftBreak"):
                out += " "
            elif t in ("Emph", "Strong"):
                out += inlines(c)
            elif t in ("Span", "Quoted"):
                out += inlines(c[1])
            elif t == "Code":
                out += c[1]
        return out

    for node in nodes(ast):
        if node["t"] in ("Para", "Plain", "Header"):
            c = node["c"]
            found.append(inlines(c[-1] if node["t"] == "Header" else c))
    return found


@pytest.fixture(scope="module")
def hostile_doc(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    sections = tmp / "sections"
    shutil.copytree(TINY, sections)

    def partnership(d):
        d["name"] = HOSTILE
        d["members"][1]["name"] = "Gmina " + HOSTILE

    def record(d):
        d["title"] = "Strategia " + HOSTILE

    def spatial(d):
        d["model"]["tables"] = [{"caption": "Tabela " + HOSTILE, "columns": ["A", HOSTILE],
                                 "rows": [[HOSTILE, 1]], "source": HOSTILE}]

    _rewrite(sections / "partnership.yaml", partnership)
    _rewrite(sections / "strategy.yaml", record)
    _rewrite(sections / "spatial.yaml", spatial)
    return _composed(sections, tmp)


def test_hostile_user_text_prints_literally_in_names_titles_and_cells(hostile_doc):
    ast = json.loads(pypandoc.convert_text(hostile_doc.markdown, "json", format="markdown"))
    texts = [t.replace(NBSP, " ") for t in _texts(ast)]
    assert any(t == HOSTILE for t in texts), "a table cell or the partnership name"
    assert any(t == "Gmina " + HOSTILE for t in texts), "a member's name in a table"
    assert any(t == "Strategia " + HOSTILE for t in texts), "the title"
    assert any(t == "Tabela " + HOSTILE for t in texts) or any(
        HOSTILE in t for t in texts), "a user table's caption"


def test_hostile_text_creates_no_markup(hostile_doc):
    ast = json.loads(pypandoc.convert_text(hostile_doc.markdown, "json", format="markdown"))
    kinds = {node["t"] for node in nodes(ast)}
    # The templates use Strong for table totals only; nothing else may appear.
    assert not kinds & {"Emph", "Link", "Code", "Math", "Cite", "RawInline", "RawBlock",
                        "Subscript", "Superscript", "OrderedList", "Strikeout"}


def test_composed_markdown_of_the_tiny_strategy_matches_the_golden_file(tmp_path):
    doc = _composed(TINY, tmp_path)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(doc.markdown, encoding="utf-8")
    assert doc.markdown == GOLDEN.read_text(encoding="utf-8"), (
        "the composed document changed; if intended, rerun with UPDATE_GOLDEN=1 and review "
        "the diff of tests/golden/tiny.md")


def test_document_has_every_statutory_chapter_in_order(tmp_path):
    md = _composed(TINY, tmp_path).markdown
    headings = [line for line in md.splitlines() if line.startswith("# ")]
    expected = ["Metryka dokumentu", "Wprowadzenie", "Diagnoza", "Wizja, misja i cele",
                "Kierunki działań", "Wspólne przedsięwzięcia", "Model struktury",
                "Ustalenia i rekomendacje", "Obszary strategicznej interwencji",
                "System realizacji", "Ramy finansowe", "Wykaz tabel", "Wykaz rysunków"]
    positions = [next(i for i, h in enumerate(headings) if h[2:].replace("\\", "")
                      .startswith(e)) for e in expected]
    assert positions == sorted(positions)


def test_charts_are_drawn_with_alt_text_and_source(tmp_path):
    doc = _composed(TINY, tmp_path)
    assert {p.name for p in doc.figures} >= {"timeline-1.svg", "timeline-1.png", "funding.svg",
                                            "funding.png"}
    for p in doc.figures:  # vector pictures, each with a raster twin for Word
        assert p.read_bytes().startswith(b"\x89PNG" if p.suffix == ".png" else b"<?xml")
    blocks = doc.markdown.split("\n\n")
    figures = [i for i, b in enumerate(blocks) if b.startswith("![")]
    assert len(figures) == 2
    for i in figures:
        assert 'fig-alt="' in blocks[i] and len(blocks[i].split('fig-alt="')[1]) > 40
        assert blocks[i + 1].startswith("::: {.source}\nŹródło: ")


def test_charts_are_identical_when_drawn_twice(tmp_path):
    first = _composed(TINY, tmp_path / "a")
    second = _composed(TINY, tmp_path / "b")
    for a, b in zip(sorted(first.figures), sorted(second.figures), strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_financial_framework_adds_up_by_source_year_and_leader(tmp_path):
    validated = load_and_validate(TINY)
    fw = framework(validated.strategy.investments.investments)
    assert fw.total.value == Decimal("3700000.50") and not fw.total.marked
    assert fw.by_source["eu_regional"].value == Decimal("2125000")
    assert sum(fw.by_year.values()) == fw.total.value
    assert {k: v.value for k, v in fw.by_leader.items()} == {
        "alfa": Decimal("2500000"), "beta": Decimal("1200000.50")}
    md = _composed(TINY, tmp_path).markdown
    assert f"3{NBSP}700{NBSP}000\\,50{NBSP}zł" in md


def test_spreading_an_amount_over_years_keeps_its_precision_and_its_sum():
    """Whole złoty stay whole złoty, grosze stay grosze; the units left over go to the
    earlier years, so the years add up to the amount exactly."""
    whole = Decimal("100")
    assert rounded(spread(whole, 2023, 2025), unit(whole)) == {
        2023: Decimal(34), 2024: Decimal(33), 2025: Decimal(33)}
    grosze = Decimal("100.01")
    assert rounded(spread(grosze, 2023, 2025), unit(grosze)) == {
        2023: Decimal("33.34"), 2024: Decimal("33.34"), 2025: Decimal("33.33")}


def test_draft_mark_and_file_metadata_follow_the_record(tmp_path):
    meta = _composed(TINY, tmp_path).meta
    assert meta.draft_mark == "PROJEKT – wersja 0.2"
    assert meta.bcp47 == "pl-PL"
    assert meta.date_text == f"10{NBSP}czerwca 2021{NBSP}r."


@pytest.fixture(scope="module")
def hostile_outputs(hostile_doc, tmp_path_factory):
    from strategy.export.docx.export import export_docx
    from strategy.export.pdf.export import export_pdf

    out = tmp_path_factory.mktemp("hostile-out")
    hostile_doc.draw()
    export_docx(hostile_doc, out / "h.docx")
    export_pdf(hostile_doc, out / "h.pdf")
    return out


def _squeeze(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


def test_hostile_text_comes_out_exactly_as_typed_in_the_docx(hostile_outputs):
    from docx import Document

    doc = Document(str(hostile_outputs / "h.docx"))
    cells = [_squeeze(c.text) for t in doc.tables for row in t.rows for c in row.cells]
    paragraphs = [_squeeze(p.text) for p in doc.paragraphs]
    assert HOSTILE in cells, "a table cell"
    assert "Gmina " + HOSTILE in cells, "a member's name"
    assert any(p.endswith("Strategia " + HOSTILE) for p in paragraphs), "the title page"
    assert doc.core_properties.title == "Strategia " + HOSTILE


def test_hostile_text_comes_out_exactly_as_typed_in_the_pdf(hostile_outputs):
    from pypdf import PdfReader

    pdf = PdfReader(str(hostile_outputs / "h.pdf"))
    text = _squeeze(" ".join(page.extract_text() for page in pdf.pages))
    # Extraction may break a long cell over lines; spaces are normalised on both sides.
    assert _squeeze(HOSTILE) in text
    assert pdf.metadata.title == "Strategia " + HOSTILE


def test_the_numbers_note_looks_at_every_quantity_the_model_holds():
    """What the document's numbers carry is read from the same quantities as the model's
    own walk finds (fields, list items, mapping values), on the example and the real
    fixtures."""
    from strategy.compose.compose import _quantities
    from strategy.model.common import quantities

    folders = [Path(__file__).parent.parent / "sections",
               *sorted(p for p in (Path(__file__).parent / "fixtures" / "real").iterdir()
                       if (p / "strategy.yaml").exists())]
    assert len(folders) == 4
    for folder in folders:
        strategy = load_and_validate(folder, cache=False).strategy
        if strategy is None:
            continue
        expected = sorted(id(q) for _, q in quantities(strategy))
        assert sorted(id(q) for q in _quantities(strategy)) == expected, folder
