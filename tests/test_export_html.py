"""The accessible single-file HTML, read as a browser and a screen reader see it:
its structure parsed, then the example opened in real headless Chromium, screenshot
and audited with axe-core (no serious or critical violation)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import AXE, axe_violations, chromium, screenshot
from large_fixture import large_sections

from strategy.compose.compose import compose
from strategy.export.html.export import export_html
from strategy.pipeline import load_and_validate

REPO = Path(__file__).resolve().parent.parent


class Page(HTMLParser):
    """Elements with their attributes, in order, and the text of each caption."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def all(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag]


def _build(sections: Path, out: Path):
    validated = load_and_validate(sections)
    doc = compose(validated.strategy, out / "assets", sections)
    target = out / "strategia.html"
    export_html(doc, target)
    return doc, target


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory):
    doc, path = _build(REPO / "sections", tmp_path_factory.mktemp("html"))
    return doc, path, path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory):
    root = large_sections(tmp_path_factory.mktemp("large") / "sections", wide_columns=42)
    doc, path = _build(root, tmp_path_factory.mktemp("html-large"))
    return doc, path, path.read_text(encoding="utf-8")


def test_the_page_says_its_language_title_and_description(example):
    doc, _, html = example
    assert '<html lang="pl-PL">' in html
    assert f"<title>{doc.meta.title}</title>" in html
    assert 'name="keywords"' in html and doc.meta.partnership in html


def test_landmarks_banner_main_and_navigation(example):
    page = Page(example[2])
    tags = [t for t, _ in page.elements]
    assert tags.count("header") == 1 and tags.count("main") == 1
    navs = page.all("nav")
    assert {n["class"] for n in navs} == {"toc", "lot", "lof"}
    assert all(n.get("aria-label") for n in navs)


def test_the_table_of_contents_links_to_every_numbered_chapter(example):
    html = example[2]
    toc = html.split('<nav class="toc"')[1].split("</nav>")[0]
    targets = re.findall(r'href="#([^"]+)"', toc)
    ids = set(re.findall(r' id="([^"]+)"', html))
    assert len(targets) > 50 and set(targets) <= ids
    assert "1. Wprowadzenie" in toc and "1.1. " in toc


def test_every_header_cell_has_a_scope_and_key_value_rows_have_row_headers(example):
    html = example[2]
    heads = re.findall(r"<thead>.*?</thead>", html, re.S)
    assert heads and all('scope="col"' in h for h in heads)
    assert not re.search(r"<th(?=[\s>])(?![^>]*scope=)", html)
    record = html.split("Metryka dokumentu</caption>")[1].split("</table>")[0]
    body = record.split("<tbody>")[1]
    assert record.count('scope="row"') == body.count("<tr") >= 8  # one per row of the record


def test_every_image_is_described_by_its_long_description_not_its_caption(example):
    doc, _, html = example
    page = Page(html)
    images = page.all("img")
    alts = re.findall(r'fig-alt="((?:[^"\\]|\\.)*)"', doc.markdown)
    assert len(images) == len(alts) >= 5
    captions = re.findall(r"<figcaption><strong>[^<]*</strong> ([^<]*)</figcaption>", html)
    for image, caption in zip(images, captions, strict=True):
        assert len(image["alt"]) > len(caption) and image["alt"] != caption
    assert "Wykres Gantta" in images[0]["alt"]


def test_one_file_with_every_image_and_style_embedded(example):
    page = Page(example[2])
    assert all(i["src"].startswith("data:image/") for i in page.all("img"))
    assert not page.all("link") and "<style" in example[2]
    assert not re.search(r'(src|href)="(?!data:|#)', example[2])


def test_the_draft_mark_and_a_print_stylesheet(example):
    html = example[2]
    assert '<p class="draft-mark" role="note">PROJEKT – wersja 0.3</p>' in html
    assert "@media print" in html and "size: A4" in html


def test_no_picture_file_name_of_the_tool_in_the_page(example):
    text = re.sub(r"<[^>]+>", " ", example[2].split("<body>")[1])
    assert ".svg" not in text and ".png" not in text


def test_a_42_column_table_of_6_rows_is_turned_round_with_its_columns_as_row_labels(large):
    html = large[2]
    table = re.split(r"Tabela testowa o\s42\skolumnach</caption>", html)[1].split("</table>")[0]
    head = table.split("</thead>")[0]
    assert head.count("<th ") == 7  # the label column and the six rows
    assert table.count('scope="row"') == 41  # each former column labels a row


needs_browser = pytest.mark.skipif(chromium() is None, reason="Chromium is not installed")
needs_axe = pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not installed (npm)")


@needs_browser
def test_chromium_renders_the_page(example, tmp_path: Path):
    from PIL import Image

    shot = screenshot(example[1], tmp_path / "shot.png")
    with Image.open(shot) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50  # text, headings and tables drawn, not a blank page


@needs_browser
@needs_axe
@pytest.mark.parametrize("which", ["example", "large"])
def test_axe_finds_no_serious_or_critical_violation(which, request):
    _, path, _ = request.getfixturevalue(which)
    violations = axe_violations(path)
    grave = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not grave, grave
