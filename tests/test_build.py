"""The whole pipeline as the working group runs it: `python build_strategy.py [build]`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from strategy.commands.cli import main
from strategy.export.pdf import export as pdf_export

REPO = Path(__file__).resolve().parent.parent
TINY = Path(__file__).parent / "fixtures" / "tiny"
STEM = "strategia-testowa-v0.2-rada"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    assert main(["build", "--sections", str(TINY), "--out", str(out)]) == 0
    return out


def test_build_writes_docx_pdf_html_and_markdown_named_by_slug_version_and_status(built):
    names = sorted(p.name for p in built.iterdir())
    assert names == [f"{STEM}.docx", f"{STEM}.html", f"{STEM}.md", f"{STEM}.pdf"]


def test_a_council_draft_of_a_partnership_without_a_council_is_not_named_for_one(tmp_path):
    """The document calls it "projekt do zaopiniowania" (labels' status_without_council):
    its files say the same, not "rada"."""
    root = tmp_path / "sections"
    shutil.copytree(TINY, root)
    text = (root / "partnership.yaml").read_text("utf-8")
    start = text.index("\ncouncil:")
    end = text.index("\nworking_group:")
    (root / "partnership.yaml").write_text(text[:start] + text[end:], "utf-8")
    assert main(["build", "--sections", str(root), "--out", str(tmp_path / "out"),
                 "--format", "md"]) == 0
    [name] = [p.name for p in (tmp_path / "out").iterdir()]
    assert name == "strategia-testowa-v0.2-do-zaopiniowania.md"
    assert "projekt do zaopiniowania" in (tmp_path / "out" / name).read_text("utf-8")


def test_build_leaves_no_temporary_files_behind(built):
    assert not [p for p in built.iterdir() if p.name.startswith(".")]


def test_two_builds_of_the_same_sections_are_byte_identical(built, tmp_path):
    assert main(["build", "--sections", str(TINY), "--out", str(tmp_path)]) == 0
    for ext in ("docx", "pdf", "md"):
        first = (built / f"{STEM}.{ext}").read_bytes()
        assert first == (tmp_path / f"{STEM}.{ext}").read_bytes(), ext


def test_build_says_each_stage_plainly_and_times_it_only_with_verbose(tmp_path, capsys):
    assert main(["build", "--sections", str(TINY), "--out", str(tmp_path), "--format", "md"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "Sprawdzanie sekcji…", "Składanie tekstu dokumentu…", "Zapisywanie Markdown…"]
    assert main(["build", "--sections", str(TINY), "--out", str(tmp_path), "--format", "md",
                 "--verbose"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert [line.split(":")[0].strip() for line in err if line.endswith(" s")] == [
        "validate", "compose", "markdown"]


def test_format_option_writes_only_the_chosen_format(tmp_path):
    assert main(["build", "--sections", str(TINY), "--out", str(tmp_path), "--format", "docx"]) == 0
    assert [p.suffix for p in tmp_path.iterdir()] == [".docx"]


def test_sections_with_errors_build_nothing_and_keep_the_last_good_documents(built, tmp_path,
                                                                             capsys):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    broken = tmp_path / "sections"
    shutil.copytree(TINY, broken)
    (broken / "swot.yaml").write_text("strengths: [a]\nstrengths: [b]\n", encoding="utf-8")
    assert main(["build", "--sections", str(broken), "--out", str(out)]) == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    err = capsys.readouterr().err
    assert "swot.yaml:2:1" in err and "Traceback" not in err


def test_an_exporter_failing_midway_keeps_the_last_good_documents(built, tmp_path, monkeypatch,
                                                                  capsys):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def exploding(doc, converted):
        raise RuntimeError("typst ran out of paper")

    monkeypatch.setattr(pdf_export, "finish", exploding)
    assert main(["build", "--sections", str(TINY), "--out", str(out)]) == 1
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before
    assert "typst ran out of paper" in capsys.readouterr().err


def test_missing_sections_folder_is_a_usage_error(tmp_path):
    assert main(["build", "--sections", str(tmp_path / "nope"), "--out", str(tmp_path)]) == 2


def test_the_docx_and_pdf_say_the_same_version_and_title(built):
    docx = Document(str(built / f"{STEM}.docx"))
    assert docx.core_properties.title.startswith("Strategia rozwoju ponadlokalnego")
    pdf = PdfReader(str(built / f"{STEM}.pdf"))
    assert pdf.metadata.title == docx.core_properties.title
    text = "".join(page.extract_text() for page in pdf.pages[:2])
    assert "0.2" in text


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """The example partnership, built the way the README says, in a fresh process."""
    out = tmp_path_factory.mktemp("example")
    result = subprocess.run([sys.executable, "build_strategy.py", "--out", str(out)], cwd=REPO,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


def test_the_example_strategy_builds_both_documents_of_forty_pages_or_more(example):
    pdfs = list(example.glob("strategia-razem-dla-rozwoju-v*.pdf"))
    docxs = list(example.glob("strategia-razem-dla-rozwoju-v*.docx"))
    assert len(pdfs) == 1 and len(docxs) == 1
    assert len(PdfReader(str(pdfs[0])).pages) >= 40


def test_every_polish_letter_of_the_example_extracts_from_the_pdf(example):
    pdf = next(example.glob("*.pdf"))
    text = "".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    written = set(next(example.glob("*.md")).read_text(encoding="utf-8"))
    polish = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
    assert len(written & polish) >= 12, "the example uses most Polish letters"
    assert (written & polish) - set(text) == set()
