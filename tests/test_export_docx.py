"""The DOCX export, read back the way Word and a reader see it."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pypandoc
import pytest
from docx import Document
from docx.document import Document as DocxDocument
from export_sample import (
    COMMENT,
    DELETED,
    FIGURE_ALT,
    INSERTED,
    POLISH_LETTERS,
    TITLE,
    sample_composed,
)

from strategy.export import pandoc as pandoc_module
from strategy.export.docx import export as docx_export
from strategy.export.docx import make_reference as make_reference_docx
from strategy.export.docx.export import REFERENCE_DOCX, export_docx
from strategy.export.pandoc import pandoc_binary
from strategy.export.zipnorm import normalized_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EPOCH_BEFORE = os.environ.get("SOURCE_DATE_EPOCH")


@dataclass
class Built:
    path: Path
    doc: DocxDocument
    xml: str  # word/document.xml
    parts: dict[str, bytes]


def _build(folder: Path, status: str) -> Built:
    composed = sample_composed(folder, status)
    out = folder / "out" / f"{status}.docx"
    export_docx(composed, out)
    with zipfile.ZipFile(out) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    return Built(out, Document(str(out)), parts["word/document.xml"].decode(), parts)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("docx")


@pytest.fixture(scope="module")
def council(folder: Path) -> Built:
    return _build(folder, "council")


@pytest.fixture(scope="module")
def final(folder: Path) -> Built:
    return _build(folder, "final")


def _text(paragraph) -> str:
    """All of a paragraph's text, field results (caption numbers) included."""
    return "".join(
        "\t" if node.tag == f"{W}tab" else node.text or ""
        for node in paragraph._p.iter(f"{W}t", f"{W}tab")
    )


def _body_paragraphs(built: Built, style_id: str) -> list[str]:
    return [_text(p) for p in built.doc.paragraphs if p.style.style_id == style_id]


def _header_xml(built: Built) -> str:
    return "".join(
        data.decode() for name, data in built.parts.items() if name.startswith("word/header")
    )


# ---- structure -----------------------------------------------------------------


def test_chapters_are_numbered_in_polish_style_and_front_matter_is_not(council: Built) -> None:
    level1 = _body_paragraphs(council, "Heading1")
    assert level1 == [
        "Wprowadzenie",
        "1.\tDiagnoza sytuacji społecznej, gospodarczej i przestrzennej",
        "2.\tWspólne przedsięwzięcia",
        "Spis tabel",
        "Spis rysunków",
    ]
    assert _body_paragraphs(council, "Heading2")[0] == "1.1.\tDemografia"
    assert _body_paragraphs(council, "Heading3") == ["1.1.1.\tStruktura wieku"]


def test_title_page_paragraphs_use_the_title_page_styles(council: Built) -> None:
    first = [(p.style.name, p.text) for p in council.doc.paragraphs[:5]]
    assert first == [
        ("Strona tytułowa – partnerstwo", "Partnerstwo „Razem dla Rozwoju”"),
        ("Title", TITLE),
        ("Subtitle", "Diagnoza, cele i kierunki działań"),
        ("Strona tytułowa – wersja", "Wersja 0.3 – projekt dla Rady Partnerstwa"),
        ("Strona tytułowa – data", "27 maja 2021\u00a0r."),
    ]


def test_title_page_is_followed_by_the_table_of_contents_on_a_new_page(council: Built) -> None:
    xml = council.xml
    toc = xml.index('TOC \\o "1-3" \\h \\z \\u')
    assert xml.index("27 maja 2021") < toc < xml.index(">Wprowadzenie<")
    toc_title = xml.rindex("<w:p>", 0, xml.index(">Spis treści<"))
    assert "<w:pageBreakBefore/>" in xml[toc_title : xml.index(">Spis treści<")]
    # The explicit breaks became "page break before": no empty paragraph opens a page.
    assert '<w:br w:type="page"/>' not in xml


def test_lists_of_tables_and_figures_stand_under_their_headings_without_a_second_title(
    council: Built,
) -> None:
    xml = council.xml
    lot = xml.index('TOC \\h \\z \\c "Table"')
    lof = xml.index('TOC \\h \\z \\c "Figure"')
    # (the first "Spis tabel" is the table of contents' entry for that heading)
    assert xml.rindex(">Spis tabel<") < lot < xml.rindex(">Spis rysunków<") < lof
    assert _body_paragraphs(council, "Heading1").count("Spis tabel") == 1
    assert _body_paragraphs(council, "Heading1").count("Spis rysunków") == 1
    assert 'w:val="ListTitle"' not in xml


def test_tables_are_captioned_tabela_n_with_a_full_stop_and_seq_fields(council: Built) -> None:
    captions = _body_paragraphs(council, "TableCaption")
    assert captions == [
        "Tabela\u00a01. Członkowie partnerstwa i ich podstawowe dane",
        "Tabela\u00a02. Wskaźniki rezultatu dla celów operacyjnych",
        "Tabela\u00a03. Lista wspólnych przedsięwzięć z ramami finansowymi",
    ]
    assert council.xml.count('w:instr="SEQ Table') == 3


def test_figure_is_captioned_rysunek_n_and_carries_its_alternative_text(council: Built) -> None:
    assert _body_paragraphs(council, "ImageCaption") == [
        "Rysunek\u00a01. Ludność gmin partnerstwa w 2020 r."
    ]
    described = council.doc.element.body.findall(
        ".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    )
    assert [d.get("descr") for d in described] == [FIGURE_ALT]


def test_source_lines_use_the_small_zrodlo_style(council: Built) -> None:
    sources = [p for p in council.doc.paragraphs if p.text.startswith("Źródło:")]
    assert len(sources) == 4
    assert {p.style.name for p in sources} == {"Źródło"}
    style = council.doc.styles["Źródło"]
    assert style.font.size.pt < 10


def test_every_table_repeats_its_header_row_on_each_page(council: Built) -> None:
    tables = council.doc.tables
    assert len(tables) == 3
    for table in tables:
        first_row = table.rows[0]._tr
        assert first_row.find(f"{W}trPr/{W}tblHeader") is not None
        assert table.style.name == "Tabela"  # pandoc's "Table", named in Polish
    assert len(tables[1].rows) == 61  # the long table really runs over pages


def test_reference_docx_in_the_repository_is_what_its_script_makes() -> None:
    assert make_reference_docx.build() == REFERENCE_DOCX.read_bytes()


def test_the_pandoc_inside_pypandoc_binary_is_the_one_used(folder: Path, monkeypatch) -> None:
    started: list[str] = []
    real_popen = subprocess.Popen

    def spy(command, *args, **kwargs):
        started.append(command[0])
        return real_popen(command, *args, **kwargs)

    monkeypatch.setattr(pandoc_module.subprocess, "Popen", spy)
    export_docx(sample_composed(folder, "council"), folder / "pinned" / "council.docx")
    assert started == [pandoc_binary()]
    # SOURCE_DATE_EPOCH is given to pandoc alone; the build's own is left as it was.
    assert os.environ.get("SOURCE_DATE_EPOCH") == EPOCH_BEFORE
    # One-off conversions go through pypandoc, pinned to the same binary.
    pandoc_module.run_pandoc("x", "plain", args=[], epoch=0)
    assert pypandoc.get_pandoc_path() == pandoc_binary()
    assert os.environ["PYPANDOC_PANDOC"] == pandoc_binary()
    assert os.environ.get("SOURCE_DATE_EPOCH") == EPOCH_BEFORE


def test_table_style_is_defined_in_the_reference_document_with_a_header_look() -> None:
    reference = Document(str(REFERENCE_DOCX))
    style = next(s for s in reference.styles if s.style_id == "Table")
    first_row = style.element.find(f"{W}tblStylePr[@{W}type='firstRow']")
    assert first_row is not None
    assert first_row.find(f"{W}tcPr/{W}shd") is not None
    assert style.element.find(f"{W}tblPr/{W}tblBorders") is not None


def test_pages_are_a4_and_the_wide_table_stands_in_a_landscape_section(council: Built) -> None:
    sections = council.doc.sections
    assert len(sections) == 3
    portrait, landscape, last = sections
    for section in sections:
        assert {round(section.page_width.cm, 1), round(section.page_height.cm, 1)} == {21.0, 29.7}
        for margin in (section.left_margin, section.right_margin, section.top_margin):
            assert margin.cm == pytest.approx(2.5, abs=0.01)
    assert portrait.page_width < portrait.page_height
    assert landscape.page_width > landscape.page_height
    assert landscape._sectPr.find(f"{W}pgSz").get(f"{W}orient") == "landscape"
    assert last.page_width < last.page_height
    # The wide table is the one inside the landscape section.
    landscape_end = council.xml.index('w:orient="landscape"')
    wide = council.xml.index("Lista wspólnych przedsięwzięć")
    assert council.xml.index('<w:type w:val="nextPage"/>') < wide < landscape_end


def test_polish_letters_and_non_breaking_spaces_survive(council: Built) -> None:
    text = "\n".join(p.text for p in council.doc.paragraphs)
    for letter in POLISH_LETTERS:
        assert letter in text
    assert "w\u00a0partnerstwie" in text


def test_styles_are_polish_and_use_a_font_every_office_machine_has(council: Built) -> None:
    styles = council.parts["word/styles.xml"].decode()
    assert re.search(r'<w:lang [^>]*w:val="pl-PL"', styles)
    assert 'w:ascii="Arial"' in styles
    assert "asciiTheme" not in styles


def test_review_marks_stay_as_word_tracked_changes_and_comments(council: Built) -> None:
    assert INSERTED in council.xml and "<w:ins " in council.xml
    assert DELETED in council.xml and "<w:del " in council.xml
    assert COMMENT in council.parts["word/comments.xml"].decode()


# ---- header, footer, properties ---------------------------------------------


def test_header_names_the_document_and_footer_numbers_the_pages(council: Built) -> None:
    section = council.doc.sections[0]
    assert section.different_first_page_header_footer  # the title page has neither
    assert section.header.paragraphs[0].text.startswith(TITLE)
    footer = section.footer._element
    assert "PAGE" in "".join(t.text for t in footer.iter(f"{W}instrText"))


def test_council_draft_shows_the_draft_mark_on_every_page(council: Built) -> None:
    section = council.doc.sections[0]
    mark = "PROJEKT – wersja 0.3"
    assert section.header.paragraphs[0].text.endswith(mark)
    assert section.first_page_header.paragraphs[0].text == mark
    # A watermark in both headers, so the title page is marked too.
    assert _header_xml(council).count(f'string="{mark}"') == 2
    # Later sections inherit the header: none sets its own.
    for later in council.doc.sections[1:]:
        assert later.header.is_linked_to_previous


def test_final_version_carries_no_draft_mark(final: Built) -> None:
    headers = _header_xml(final)
    assert "PROJEKT" not in headers
    assert "PowerPlusWaterMarkObject" not in headers
    assert final.doc.sections[0].header.paragraphs[0].text.endswith("wersja 1.0")


def test_core_properties_describe_the_version_and_are_dated_by_it(council: Built) -> None:
    props = council.doc.core_properties
    assert props.title == TITLE
    assert props.subject == "Strategia rozwoju ponadlokalnego"
    assert props.keywords == "strategia; partnerstwo; Łosice; rozwój ponadlokalny"
    assert props.author == "Grupa robocza Partnerstwa „Razem dla Rozwoju”"
    assert props.version == "0.3"
    assert props.content_status == "projekt dla Rady Partnerstwa"
    assert props.category == "projekt dla Rady Partnerstwa"  # words, not the status code
    assert props.language == "pl-PL"
    noon = dt.datetime(2021, 5, 27, 12, 0, tzinfo=dt.UTC)
    assert props.created == noon
    assert props.modified == noon
    custom = council.parts["docProps/custom.xml"].decode()
    assert 'name="Wersja"><vt:lpwstr>0.3<' in custom
    assert 'name="Status"><vt:lpwstr>projekt dla Rady Partnerstwa<' in custom
    assert "council" not in custom


# ---- reproducibility and safety ------------------------------------------------


def test_zip_entries_have_fixed_dates_and_a_stable_order(council: Built) -> None:
    with zipfile.ZipFile(council.path) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])
    assert {i.date_time for i in infos} == {(2021, 5, 27, 12, 0, 0)}


def test_the_same_document_built_twice_gives_the_same_bytes(council: Built, folder: Path) -> None:
    again = folder / "again" / "council.docx"
    export_docx(sample_composed(folder, "council"), again)
    assert again.read_bytes() == council.path.read_bytes()


def test_python_docx_saving_the_finished_docx_again_changes_no_byte(council: Built) -> None:
    # The finishing edits the parts with lxml and zips once; what it writes is what
    # python-docx's open and save (and the fixed-date re-zip) would write.
    saved = io.BytesIO()
    Document(str(council.path)).save(saved)
    assert normalized_zip(saved.getvalue(), date=(2021, 5, 27, 12, 0, 0)) == (
        council.path.read_bytes())


def test_a_failed_export_keeps_the_last_good_document(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = folder / "safety" / "strategy.docx"
    out.parent.mkdir()
    out.write_bytes(b"last good")

    def broken(*_args: object, **_kwargs: object) -> bytes:
        raise RuntimeError("finishing failed")

    monkeypatch.setattr(docx_export, "finish_docx", broken)
    with pytest.raises(RuntimeError, match="finishing failed"):
        export_docx(sample_composed(folder, "council"), out)
    assert out.read_bytes() == b"last good"
    assert sorted(p.name for p in out.parent.iterdir()) == ["strategy.docx"]


def test_libreoffice_opens_the_docx_as_a4_pages(council: Built, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; it only cross-checks the DOCX")
    pypdf = pytest.importorskip("pypdf")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(council.path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reader = pypdf.PdfReader(tmp_path / "council.pdf")
    assert len(reader.pages) > 1
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    }
    assert sizes == {(595, 842), (842, 595)}  # A4 portrait, and the landscape pages
