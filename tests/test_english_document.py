"""The English document: the one template tree with the English phrasebooks.

That English has every phrase Polish has, with the same placeholders and variants, is
tests/test_phrasebooks.py's; here the English document is read as a reader would."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypandoc
import pytest
import yaml
from pandoc_ast import nodes

from strategy.compose.compose import compose
from strategy.compose.document import Composed
from strategy.compose.typography import NBSP
from strategy.language.books import book
from strategy.pipeline import load_and_validate

TINY = Path(__file__).parent / "fixtures" / "tiny"

# The document's own chapter titles (level 1), in order. The four that come from the
# sections (introduction, model, implementation, financing) are set in the copy below.
# The annexes a draft has stand between the financial framework and the lists.
ENGLISH_CHAPTERS = [
    "Document information",
    "Introduction",
    "Diagnosis of the social, economic and spatial situation",
    "Vision, mission and strategic objectives",
    "Directions of action",
    "Joint investments",
    "Model of the functional-spatial structure",
    "Findings and recommendations for shaping and pursuing spatial policy",
    "Areas of strategic intervention (ASI)",
    "Implementation system",
    "Financial framework",
    "List of tables",
    "List of figures",
]

# Characters that mean something to Markdown, pandoc, Jinja or typst.
HOSTILE = r"*Alfa* _b_ #tag | [x](y) <b>&amp; $x$ @ref ~s~ ^t^ `c` {{ n }} {% x %} -- 1."


def _rewrite(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _set(**values: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d.update(values)


def _compose(sections: Path, tmp: Path) -> Composed:
    validated = load_and_validate(sections)
    assert validated.strategy is not None, [p.message("en") for p in validated.problems]
    return compose(validated.strategy, tmp / "assets", sections)


def _english_copy(tmp: Path) -> Path:
    """The tiny fixture in English: language en, section titles in English, one indicator
    whose area value shows decimal and thousands separators."""
    sections = tmp / "sections"
    shutil.copytree(TINY, sections)
    _rewrite(sections / "strategy.yaml", _set(language="en"))
    _rewrite(sections / "introduction.yaml", _set(title="Introduction"))
    _rewrite(sections / "implementation.yaml", _set(title="Implementation system"))
    _rewrite(sections / "financing.yaml", _set(title="Financial framework"))

    def spatial(d: dict[str, Any]) -> None:
        d["model"]["title"] = "Model of the functional-spatial structure"

    def diagnosis(d: dict[str, Any]) -> None:
        d["chapters"][0]["indicators"][1]["area"] = 12345.6

    _rewrite(sections / "spatial.yaml", spatial)
    _rewrite(sections / "diagnosis.yaml", diagnosis)
    return sections


def _chapters(md: str) -> list[str]:
    """Level-1 headings without attributes and escapes."""
    return [re.sub(r"\s*\{[^}]*\}\s*$", "", line[2:]).replace("\\", "")
            for line in md.splitlines() if line.startswith("# ")]


def _plain(md: str) -> str:
    """The Markdown with backslash escapes removed and non-breaking spaces as spaces."""
    return re.sub(r"\\(.)", r"\1", md).replace(NBSP, " ")


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Composed:
    tmp = tmp_path_factory.mktemp("english")
    return _compose(_english_copy(tmp), tmp)


@pytest.fixture(scope="module")
def polish(tmp_path_factory: pytest.TempPathFactory) -> Composed:
    return _compose(TINY, tmp_path_factory.mktemp("polish"))


# --- the English document ------------------------------------------------------------

def test_english_document_has_the_english_chapter_titles_in_order(english: Composed) -> None:
    chapters = _chapters(english.markdown)
    assert chapters[:len(ENGLISH_CHAPTERS) - 2] == ENGLISH_CHAPTERS[:-2]
    assert chapters[-2:] == ENGLISH_CHAPTERS[-2:], "the lists of tables and figures come last"
    # Between them stand the annexes a draft has (the readiness check, …).
    assert "Compliance of the strategy with legal requirements" in chapters


def test_english_document_has_no_polish_chapter_titles(english: Composed,
                                                       polish: Composed) -> None:
    polish_titles = set(_chapters(polish.markdown))
    assert polish_titles, "the Polish document has chapters"
    assert not polish_titles & set(_chapters(english.markdown))


def test_english_document_has_no_polish_words_of_the_templates(english: Composed) -> None:
    text = _plain(english.markdown)
    for word in ("Źródło", "Tabela", "Wykaz", "Wersja", "Razem", "wszyscy członkowie",
                 "przewodniczący", "koordynator", "Zakres", "Lider", "opracowanie własne"):
        assert word not in text, word
    # Polish amounts and dates: "12 345 zł", "27 maja 2021 r." (user text may say "2030 r.").
    assert f"{NBSP}zł" not in english.markdown and f"{NBSP}r\\." not in english.markdown
    assert english.meta.draft_mark == "DRAFT – version 0.2"
    assert english.meta.bcp47 == "en-GB"
    assert english.meta.toc_title == "Contents"


def test_english_numbers_use_a_decimal_point_and_thousands_commas(english: Composed) -> None:
    text = _plain(english.markdown)
    assert "| 12,345.6 |" in text, "an indicator's value for the partnership area"
    assert "| 10,815 |" in text, "a population"
    assert "3,700,000.50 PLN" in text, "the total of the financial framework"
    assert "| 57.4% |" in text, "a share"
    assert "12 345,6" not in text and "3 700 000,50" not in text


def test_english_dates_are_day_month_year(english: Composed) -> None:
    text = _plain(english.markdown)
    assert "| 0.1 | 27 May 2021 | working draft |" in text
    assert "from 27 May 2021 to 10 June 2021" in text
    assert english.meta.date_text == f"10{NBSP}June 2021"


def test_english_project_sheet_words_come_from_the_labels(english: Composed) -> None:
    text = _plain(english.markdown)
    for word in book("en", "labels")["sheet_fields"].values():
        assert f"\n| {word} | " in text, word
    assert "(chair of the Council)" in text
    assert "(coordinator of the working group)" in text
    assert "| all members of the partnership |" in text
    assert "| **Total** | **3,700,000.50 PLN** |" in text


# --- pandoc reads it -----------------------------------------------------------------

def _kinds(node: object, found: list[str]) -> list[str]:
    if isinstance(node, dict):
        if "t" in node:
            found.append(node["t"])
        for value in node.values():
            _kinds(value, found)
    elif isinstance(node, list):
        for value in node:
            _kinds(value, found)
    return found


def test_pandoc_parses_the_english_document_with_every_table_and_figure(
        english: Composed) -> None:
    ast = json.loads(pypandoc.convert_text(english.markdown, "json", format="markdown"))
    kinds = _kinds(ast, [])
    separators = [ln for ln in english.markdown.splitlines() if re.match(r"^\|:?-{3,}", ln)]
    assert kinds.count("Table") == len(separators), "every pipe table is read as a table"
    assert kinds.count("Figure") == 2


def test_hostile_user_text_creates_no_markup_in_english(tmp_path: Path) -> None:
    sections = _english_copy(tmp_path)

    def partnership(d: dict[str, Any]) -> None:
        d["name"] = HOSTILE
        d["members"][1]["name"] = "Gmina " + HOSTILE

    _rewrite(sections / "partnership.yaml", partnership)
    md = _compose(sections, tmp_path).markdown
    ast = json.loads(pypandoc.convert_text(md, "json", format="markdown"))
    kinds = set(_kinds(ast, []))
    assert not kinds & {"Emph", "Link", "Code", "Math", "Cite", "RawInline", "RawBlock",
                        "Subscript", "Superscript", "OrderedList", "Strikeout"}
    assert f"The partnership “{HOSTILE}”" in _plain(md)


# --- the annexes -------------------------------------------------------------------------

def _headers(md: str) -> list[str]:
    """The headings pandoc reads, without numbering or attributes."""
    ast = json.loads(pypandoc.convert_text(md, "json", format="markdown"))
    return ["".join(i["c"] if i["t"] == "Str" else " "
                    for i in node["c"][2] if i["t"] in ("Str", "Space"))
            for node in nodes(ast) if node["t"] == "Header"]


def test_english_annex_of_council_comments(tmp_path: Path) -> None:
    sections = _english_copy(tmp_path)
    (sections / "review.yaml").write_text(yaml.safe_dump({"comments": [
        {"id": "U1", "source": "council", "version": "0.1", "author": "Jan Kowalski",
         "date": "2021-06-01", "kind": "insertion", "section": "Diagnoza",
         "quoted": "spada od dekady", "text": "Dodać dane za 2020 r.", "status": "partly"},
        {"id": "U2", "source": "council", "author": "Anna Nowak", "date": "2021-06-02",
         "text": "Uwaga ogólna", "status": "accepted"},
    ]}, allow_unicode=True), encoding="utf-8")
    md = _compose(sections, tmp_path).markdown
    title = "Comments of the Partnership Council and the working group's responses"
    chapters = _chapters(md)
    assert chapters.index("Financial framework") < chapters.index(title) < chapters.index(
        "List of tables")
    text = _plain(md)
    assert "submitted 2 comments on the drafts" in text
    assert ("| U1 | Jan Kowalski, 1 June 2021 (version 0.1) | Diagnoza – “spada od dekady” "
            "| Proposed insertion: Dodać dane za 2020 r. | partly accepted |") in text
    assert "uwzględniona" not in text


def test_english_annex_of_changes_and_the_changelog(tmp_path: Path) -> None:
    from strategy.release.changelog import changelog
    from strategy.release.render import annexes_against, changelog_text

    sections = _english_copy(tmp_path)
    validated = load_and_validate(sections)
    new = validated.strategy
    assert new is not None
    old = new.model_copy(deep=True)
    old.strategy.version = "0.1"
    old.goals.goals.pop()
    old.investments.investments[0].title = "Stary tytuł"
    extra = annexes_against(old)
    assert extra is not None
    md = compose(new, tmp_path / "assets", sections, extra=extra(new)).markdown
    headers = _headers(md)
    assert "Changes since version 0.1" in headers
    assert {"Strategic objectives", "Joint investments"} <= set(headers), (
        "the annex's subheadings are headings, not escaped text")
    text = _plain(md)
    assert "- Added strategic objective CS3 “Spójna przestrzeń”." in text
    assert "- Changed joint investment P1 “Wspólna linia autobusowa Alfa–Beta”:" in text
    plain = changelog_text(changelog(old, new), "en")
    assert plain.startswith("# Changes in version 0.2 since version 0.1\n")
    assert "\n## Strategic objectives\n" in plain
