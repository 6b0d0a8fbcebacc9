"""Coats of arms and logos on the title page (issue 13, item 5): a working group puts its
members' arms and its programmes' logos as files in the sections folder, each with an
alternative text, and every document shows them on its title page, read back as a
reader's tools read them: python-docx, pikepdf and the HTML, with page-validation
still finding the PDF PDF/UA-1 and PDF/A-2a compliant."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import page
import pikepdf
import pytest
from checking import copy_tiny, edit, run_check, structure_nodes
from docx import Document
from images import png, svg

from strategy.pipeline import Progress, build

LOGO_ALT = "Znaki Funduszy Europejskich i Unii Europejskiej"
ARMS_ALT = {"alfa": "Herb Miasta i Gminy Alfa", "beta": "Herb Gminy Beta"}
EMBLEMS = f"""emblems:
  - file: herby/fe.png
    alt: {LOGO_ALT}
  - file: herby/alfa.png
    alt: {ARMS_ALT["alfa"]}
    member: alfa
  - file: herby/beta.svg
    alt: {ARMS_ALT["beta"]}
    member: beta
"""


def _plain(text: str) -> str:
    """Text as read aloud: the typography's non-breaking spaces are spaces."""
    return text.replace("\u00a0", " ")


def _with_emblems(tmp_path: Path) -> Path:
    root = copy_tiny(tmp_path)
    (root / "herby").mkdir()
    (root / "herby" / "fe.png").write_bytes(png(80, 10))
    (root / "herby" / "alfa.png").write_bytes(png(10, 12))
    (root / "herby" / "beta.svg").write_bytes(svg('<rect width="10" height="10"/>'))
    edit(root, "strategy.yaml", "history:", EMBLEMS + "history:")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("emblems")
    root = _with_emblems(tmp)
    written, problems, _ = build(root, tmp / "out", {"docx", "pdf", "html"},
                                 Progress(quiet=True))
    assert written, problems
    return {p.suffix[1:]: p for p in written}


def test_the_sections_with_emblems_check_clean(tmp_path: Path) -> None:
    run = run_check(_with_emblems(tmp_path))
    assert run.exit_code == 0 and not run.problems, run.describe()


def test_an_emblem_of_a_missing_file_an_unknown_member_or_a_gif_is_located(
        tmp_path: Path) -> None:
    root = _with_emblems(tmp_path)
    (root / "herby" / "fe.gif").write_bytes(b"GIF89a")
    edit(root, "strategy.yaml", "file: herby/alfa.png", "file: herby/alpha.png")
    edit(root, "strategy.yaml", "member: beta", "member: gamma")
    edit(root, "strategy.yaml", "file: herby/fe.png", "file: herby/fe.gif")
    run = run_check(root)
    assert run.exit_code == 1
    found = {p["code"]: p for p in run.problems}
    assert {"path.missing", "rule.dangling_reference", "path.file_type"} <= set(found)
    lines = (root / "strategy.yaml").read_text(encoding="utf-8").splitlines()
    for code, text in (("path.missing", "herby/alpha.png"), ("path.file_type", "fe.gif"),
                       ("rule.dangling_reference", "member: gamma")):
        assert found[code]["file"].endswith("strategy.yaml")
        assert text in lines[found[code]["line"] - 1], (code, found[code])


def test_an_emblem_needs_an_alternative_text(tmp_path: Path) -> None:
    root = _with_emblems(tmp_path)
    edit(root, "strategy.yaml", f"    alt: {ARMS_ALT['alfa']}\n", "")
    run = run_check(root)
    assert run.exit_code == 1 and run.problems, run.describe()
    assert all(p["file"].endswith("strategy.yaml") for p in run.problems)


def test_the_docx_title_page_shows_the_logos_and_arms_with_their_alt_texts(built) -> None:
    doc = Document(str(built["docx"]))
    title_page = []
    for paragraph in doc.paragraphs:
        if paragraph._p.xpath(".//w:pageBreakBefore | .//w:br[@w:type='page']"):
            break
        title_page.append(paragraph)
    styles = [p.style.name for p in title_page]
    assert styles.index("Strona tytułowa – logotypy") < styles.index(
        "Strona tytułowa – partnerstwo") < styles.index("Strona tytułowa – herby") < \
        styles.index("Strona tytułowa – wersja")
    alts = [_plain(d.get("descr")) for p in title_page for d in p._p.xpath(".//wp:docPr")]
    assert alts == [LOGO_ALT, *ARMS_ALT.values()]
    with zipfile.ZipFile(built["docx"]) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
    assert len(media) >= 3


def _images(resources) -> int:
    count = 0
    for obj in resources.get("/XObject", {}).values():
        if obj.get("/Subtype") == "/Image":
            count += 1
        elif obj.get("/Subtype") == "/Form" and "/Resources" in obj:
            count += _images(obj.Resources)
    return count


def test_the_pdf_title_page_shows_them_tagged_as_figures_with_alt_text(built) -> None:
    with pikepdf.open(built["pdf"]) as pdf:
        assert _images(pdf.pages[0].Resources) >= 3
        first = pdf.pages[0].obj.objgen
        figures = [n for n in structure_nodes(pdf.Root.StructTreeRoot.K, [])
                   if str(n.S) == "/Figure"]
        on_first = {_plain(str(f.get("/Alt", ""))) for f in figures
                    if "/Pg" in f and f.Pg.objgen == first}
    assert {LOGO_ALT, *ARMS_ALT.values()} <= on_first


@pytest.mark.parametrize("profile", ["ua1", "2a"])
def test_page_validation_finds_the_pdf_with_emblems_compliant(built, profile: str) -> None:
    report = page.validate_pdf(str(built["pdf"]), profile=profile)
    assert report.is_compliant, [str(f) for f in report.failures][:10]


def test_the_html_title_page_shows_them_with_their_alt_texts(built) -> None:
    html = built["html"].read_text(encoding="utf-8")
    header = html[html.index('<header class="titlepage">'):html.index("</header>")]
    alts = [_plain(a) for a in re.findall(r'<img [^>]*alt="([^"]*)"', header)]
    assert alts == [LOGO_ALT, *ARMS_ALT.values()]
    assert 'src="data:image/' in header  # one self-contained file


def test_a_strategy_without_emblems_has_no_image_on_its_title_page(tmp_path: Path) -> None:
    from strategy.compose.compose import compose
    from strategy.pipeline import load_and_validate
    validated = load_and_validate(copy_tiny(tmp_path))
    assert validated.strategy is not None
    text = compose(validated.strategy, tmp_path / "assets", tmp_path, draw=False).markdown
    title_page = text[:text.index(":::\n\n::: {.pagebreak}")]
    assert "![" not in title_page and ".emblems" not in title_page


def test_a_title_page_without_subtitle_keeps_each_line_in_its_own_style(
        tmp_path: Path) -> None:
    """No subtitle: the version line is not set as a subtitle, nor the date as the
    version line (the title page's paragraphs were styled by their place)."""
    root = copy_tiny(tmp_path)
    edit(root, "strategy.yaml", "subtitle: Dokument testowy\n", "")
    written, problems, _ = build(root, tmp_path / "out", {"docx", "pdf", "html"},
                                 Progress(quiet=True))
    assert written, problems
    built = {p.suffix[1:]: p for p in written}
    doc = Document(str(built["docx"]))
    styles = {p.text.split(" ")[0]: p.style.name for p in doc.paragraphs[:6] if p.text}
    assert styles["Wersja"] == "Strona tytułowa – wersja"
    assert "Subtitle" not in {p.style.name for p in doc.paragraphs[:6]}
    html = built["html"].read_text(encoding="utf-8")
    header = html[html.index('<header class="titlepage">'):html.index("</header>")]
    assert 'class="subtitle"' not in header
    assert re.search(r'<div class="version">\s*<p>Wersja', header)
    with pikepdf.open(built["pdf"]) as pdf:
        assert len(pdf.pages) > 1


def test_emblems_alone_do_not_keep_an_empty_list_of_figures() -> None:
    from strategy.compose.compose import without_empty_lists
    from strategy.language.labels import labels
    words = labels("pl")
    lof = f"# {words['lof_title']} {{.unnumbered}}\n\n::: {{.lof}}\n:::\n"
    text = "::: {.emblems}\n[![Herb](emblems/arms-1.png){.emblem height=2.2cm}]{.emblem}\n:::\n\n"
    assert lof not in without_empty_lists(text + lof, words)
    assert lof in without_empty_lists(text + "![Mapa](maps/a.svg)\n\n" + lof, words)
