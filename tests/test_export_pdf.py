"""The PDF export, read back the way a reader, a screen reader and an archive see it."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdf
import pytest
from export_sample import (
    COMMENT,
    DELETED,
    FIGURE_ALT,
    INSERTED,
    POLISH_LETTERS,
    TITLE,
    sample_composed,
)

from strategy.export.docx.export import export_docx
from strategy.export.pdf import export as pdf_export
from strategy.export.pdf.export import export_pdf

A4 = (595, 842)
MARK = "PROJEKT – wersja 0.3"


@dataclass
class Built:
    path: Path
    reader: pypdf.PdfReader
    pages: list[str]  # each page's text, non-breaking spaces as plain spaces


def _build(folder: Path, status: str) -> Built:
    out = folder / "out" / f"{status}.pdf"
    export_pdf(sample_composed(folder, status), out)
    reader = pypdf.PdfReader(out)
    pages = [page.extract_text().replace("\u00a0", " ") for page in reader.pages]
    return Built(out, reader, pages)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdf")


@pytest.fixture(scope="module")
def council(folder: Path) -> Built:
    return _build(folder, "council")


@pytest.fixture(scope="module")
def final(folder: Path) -> Built:
    return _build(folder, "final")


@pytest.fixture(scope="module")
def council_pdf(council: Built) -> pikepdf.Pdf:
    return pikepdf.open(council.path)


def _text(built: Built) -> str:
    return "\n".join(built.pages)


def _size(page: pypdf.PageObject) -> tuple[int, int]:
    return round(float(page.mediabox.width)), round(float(page.mediabox.height))


def _structure(node: object, kind: str, found: list[pikepdf.Dictionary]) -> list:
    """Every structure element of type ``kind`` under ``node``."""
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == kind:
            found.append(node)
        kids = node.get("/K")
        if kids is not None:
            _structure(kids, kind, found)
    elif isinstance(node, pikepdf.Array):
        for kid in node:
            _structure(kid, kind, found)
    return found


# ---- what a reader sees ----------------------------------------------------------


def test_pages_are_a4_and_the_wide_table_gets_a_landscape_page(council: Built) -> None:
    sizes = [_size(page) for page in council.reader.pages]
    assert len(sizes) > 5
    landscape = [i for i, size in enumerate(sizes) if size == A4[::-1]]
    assert set(sizes) == {A4, A4[::-1]}
    assert len(landscape) == 1
    assert "Lista wspólnych przedsięwzięć" in council.pages[landscape[0]]


def test_every_polish_letter_extracts_as_text(council: Built) -> None:
    text = _text(council)
    for letter in POLISH_LETTERS:
        assert letter in text, letter
    assert "Zażółć gęślą jaźń" in text


def test_title_page_comes_first_then_the_table_of_contents(council: Built) -> None:
    title_page = council.pages[0]
    assert "Partnerstwo „Razem dla Rozwoju”" in title_page
    assert "Wersja 0.3 – projekt dla Rady Partnerstwa" in title_page
    assert "Spis treści" in council.pages[1]
    assert "1. Diagnoza sytuacji społecznej, gospodarczej i przestrzennej" in council.pages[1]


def test_chapters_are_numbered_like_the_docx(council: Built) -> None:
    text = _text(council)
    for heading in ("1. Diagnoza", "1.1. Demografia", "1.1.1. Struktura wieku", "2.1. System"):
        assert heading in text
    assert "1. Wprowadzenie" not in text  # front matter is unnumbered


def test_captions_read_tabela_n_and_rysunek_n_with_a_full_stop(council: Built) -> None:
    text = _text(council)
    assert "Tabela 1. Członkowie partnerstwa i ich podstawowe dane" in text
    assert "Tabela 3. Lista wspólnych przedsięwzięć z ramami finansowymi" in text
    assert "Rysunek 1. Ludność gmin partnerstwa w 2020 r." in text
    assert "Źródło: GUS, Bank Danych Lokalnych" in text


def test_lists_of_tables_and_figures_name_every_caption_under_one_title_each(
    council: Built,
) -> None:
    tables, figures = council.pages[-2], council.pages[-1]
    for entry in ("Tabela 1", "Tabela 2", "Tabela 3"):
        assert entry in tables
    assert "Rysunek 1" in figures
    assert tables.count("Spis tabel") == figures.count("Spis rysunków") == 1


def test_long_table_repeats_its_header_row_on_the_next_page(council: Built) -> None:
    pages = [text for text in council.pages if "(odcinek" in text]
    assert len(pages) >= 2
    for text in pages:
        assert "Lp. Wskaźnik Jednostka" in text


def test_review_marks_are_resolved_insertions_kept_deletions_and_comments_dropped(
    council: Built,
) -> None:
    text = _text(council)
    assert INSERTED in text
    assert DELETED not in text
    assert COMMENT not in text


def test_council_draft_shows_the_draft_mark_on_every_page(council: Built) -> None:
    for number, text in enumerate(council.pages, start=1):
        assert MARK in text, f"page {number}"


def test_final_version_carries_no_draft_mark(final: Built) -> None:
    assert "PROJEKT" not in _text(final)
    assert "wersja 1.0" in final.pages[1]


# ---- what a screen reader and an archive need ------------------------------------


def test_document_language_is_polish_poland(council_pdf: pikepdf.Pdf) -> None:
    assert str(council_pdf.Root.Lang) == "pl-PL"


def test_document_title_is_shown_instead_of_the_file_name(
    council_pdf: pikepdf.Pdf, council: Built
) -> None:
    assert bool(council_pdf.Root.ViewerPreferences.DisplayDocTitle) is True
    assert council.reader.metadata.title == TITLE
    with council_pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == TITLE


def test_pdf_is_tagged(council_pdf: pikepdf.Pdf) -> None:
    assert "/StructTreeRoot" in council_pdf.Root
    assert bool(council_pdf.Root.MarkInfo.Marked) is True
    root = council_pdf.Root.StructTreeRoot
    assert _structure(root, "/Table", [])
    assert _structure(root, "/TH", [])  # real header cells, not bold text


def test_xmp_declares_pdf_a_2a_and_pdf_ua_1(council_pdf: pikepdf.Pdf) -> None:
    with council_pdf.open_metadata() as xmp:
        assert xmp["pdfaid:part"] == "2"
        assert xmp["pdfaid:conformance"] == "A"
        assert xmp["pdfuaid:part"] == "1"


def test_every_figure_has_alternative_text(council_pdf: pikepdf.Pdf) -> None:
    figures = _structure(council_pdf.Root.StructTreeRoot, "/Figure", [])
    assert figures
    assert all("/Alt" in figure and str(figure.Alt).strip() for figure in figures)
    assert FIGURE_ALT in [str(figure.Alt) for figure in figures]


def test_bookmarks_follow_the_chapters(council: Built) -> None:
    def titles(outline: list) -> list[str]:
        found: list[str] = []
        for item in outline:
            found.extend(titles(item) if isinstance(item, list) else [item.title])
        return found

    bookmarks = titles(council.reader.outline)
    assert bookmarks[:3] == [
        "Wprowadzenie",
        "1. Diagnoza sytuacji społecznej, gospodarczej i przestrzennej",
        "1.1. Demografia",
    ]
    assert "2. Wspólne przedsięwzięcia" in bookmarks


# ---- reproducibility and safety ------------------------------------------------


def test_only_fonts_pinned_with_the_project_are_embedded(council_pdf: pikepdf.Pdf) -> None:
    names = set()
    for page in council_pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            names.add(str(font.BaseFont).split("+", 1)[-1])
    families = {name.split("-")[0] for name in names}
    # Liberation Sans from compose/fonts/ (DejaVu Sans, from matplotlib, only for symbols
    # it lacks): no system font.
    assert families <= {"LiberationSans", "DejaVuSans"} and "LiberationSans" in families, names


def test_the_same_document_built_twice_gives_the_same_bytes(council: Built, folder: Path) -> None:
    again = folder / "again" / "council.pdf"
    export_pdf(sample_composed(folder, "council"), again)
    assert again.read_bytes() == council.path.read_bytes()


def test_pdf_dates_are_the_version_date_not_the_clock(council: Built) -> None:
    assert council.reader.metadata["/CreationDate"] == "D:20210527120000Z"


def test_a_failed_export_keeps_the_last_good_document(folder: Path) -> None:
    out = folder / "safety" / "strategy.pdf"
    out.parent.mkdir()
    out.write_bytes(b"last good")

    doc = sample_composed(folder, "council")
    source = pdf_export.typst_source(doc) + "\n#let broken = \n"  # typst cannot compile it
    with pytest.raises(RuntimeError, match="expected expression"):
        export_pdf(doc, out, source)
    assert out.read_bytes() == b"last good"
    assert sorted(p.name for p in out.parent.iterdir()) == ["strategy.pdf"]


def test_docx_and_pdf_exported_side_by_side_give_the_same_files(
    council: Built, folder: Path
) -> None:
    # The build runs both exports in two threads; they share SOURCE_DATE_EPOCH.
    doc = sample_composed(folder, "council")
    alone = folder / "alone" / "council.docx"
    export_docx(doc, alone)
    both = folder / "both"
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [
            pool.submit(export_docx, doc, both / "s.docx"),
            pool.submit(export_pdf, doc, both / "s.pdf"),
        ]
        for job in jobs:
            job.result()
    assert (both / "s.pdf").read_bytes() == council.path.read_bytes()
    assert (both / "s.docx").read_bytes() == alone.read_bytes()


def test_each_chapter_opens_a_page_but_in_a_landscape_block_none_waits_for_one(
        tmp_path: Path) -> None:
    import typst

    from strategy.export.pandoc import convert

    markdown = ("# Pierwszy\n\nTekst.\n\n# Drugi {.unlisted}\n\nTekst.\n\n"
                "::: {.landscape}\n::: {.blok}\n# Trzeci\n\nTekst.\n:::\n\n"
                "# Czwarty\n\nTekst.\n:::\n\n# Piąty\n\nTekst.\n")
    (body,) = convert(markdown, [pdf_export.pandoc_output(None)],  # type: ignore[arg-type]
                      resource_dir=tmp_path, epoch=0)
    source = pdf_export.TEMPLATE.read_text(encoding="utf-8") + "\n" + body.decode()
    pdf = typst.compile(source.encode(), font_paths=pdf_export.FONT_PATHS,
                        ignore_system_fonts=True, sys_inputs={"title": "T", "lang": "pl"})
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    texts = [" ".join(page.extract_text().split()) for page in pages]
    assert [t.count("Tekst.") for t in texts] == [2, 2, 1]  # "unlisted" opens no page
    assert [_size(page) for page in pages] == [A4, A4[::-1], A4]
    assert "Drugi" in texts[0] and "Trzeci" in texts[1] and "Czwarty" in texts[1]
