"""The redline: the newer version with every content change as a Word tracked change,
words in prose and cells in tables, never whole blocks that merely contain a change; what
follows from a content change (a total, a heading's number) is the newer text unmarked."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

import pytest
from test_release_support import (
    TINY,
    differences,
    edit,
    pandoc_words,
    plain_docx,
    strategy_of,
    tracked_changes,
)

from strategy.export.pandoc import run_pandoc
from strategy.release.astdiff import Marks, diff_document
from strategy.release.astnodes import number_headings
from strategy.release.redline import write_redline

MARKS = Marks("Grupa robocza", "2021-07-01T00:00:00Z")


def _ast(markdown: str) -> dict:
    ast = json.loads(run_pandoc(markdown, "json", args=[], epoch=0))
    ast["blocks"] = number_headings(ast["blocks"])
    return ast


def _marked(old: str, new: str) -> str:
    """The merged document as pandoc Markdown: [words]{.insertion …} shows a change."""
    text = _to_markdown(diff_document(_ast(old), _ast(new), MARKS))
    return re.sub(r'\{\.(insertion|deletion) author="Grupa robocza" date="[^"]*"\}',
                  lambda m: "{+}" if m.group(1) == "insertion" else "{-}", text)


def _to_markdown(ast: dict) -> str:
    import pypandoc
    return pypandoc.convert_text(json.dumps(ast), "markdown-smart", format="json",
                                 extra_args=["--wrap=none"])


# --- the diff of the composed document ------------------------------------------------------

def test_prose_is_diffed_word_by_word():
    assert _marked("Ala ma kota i psa.\n", "Ala ma kota i dwa psy.\n") == (
        "Ala ma kota i [psa.]{-}[dwa psy.]{+}\n")


def test_a_lone_space_between_two_changed_words_joins_them():
    assert _marked("Gmina buduje drogę i most na rzece.\n",
                   "Gmina buduje ścieżkę rowerową na rzece.\n") == (
        "Gmina buduje [drogę i most]{-}[ścieżkę rowerową]{+} na rzece.\n")


def test_a_table_is_diffed_cell_by_cell_and_a_new_row_is_inserted_whole():
    old = "| Nr | Koszt |\n|---|---|\n| P1 | 100 zł |\n| P2 | 200 zł |\n"
    new = "| Nr | Koszt |\n|---|---|\n| P1 | 150 zł |\n| P2 | 200 zł |\n| P3 | 50 zł |\n"
    marked = _marked(old, new)
    assert "[100]{-}[150]{+} zł" in marked and "[P3]{+}" in marked and "[50 zł]{+}" in marked
    assert marked.count("{+}") == 3 and marked.count("{-}") == 1


def test_a_new_list_item_is_inserted_and_the_others_stay_untouched():
    assert _marked("- a\n- c\n", "- a\n- b\n- c\n") == "- a\n- [b]{+}\n- c\n"


def test_a_new_heading_is_marked_and_the_renumbering_it_causes_is_not():
    old = "# Cele\n\n# Kierunki\n"
    new = "# Wizja\n\n# Cele\n\n# Kierunki\n"
    marked = _marked(old, new).replace('{custom-style="SectionNumber"}', "{N}").replace(
        "`<w:r><w:tab/></w:r>`{=openxml}", "⇥")
    assert marked.splitlines()[::2] == [
        "# [[1.]{N}⇥Wizja]{+} {#wizja .unnumbered}",
        "# [2.]{N}⇥Cele {#cele .unnumbered}",
        "# [3.]{N}⇥Kierunki {#kierunki .unnumbered}"]


def test_an_unchanged_document_has_no_change():
    text = "# Cele\n\nAla ma kota.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert "{+}" not in _marked(text, text) and "{-}" not in _marked(text, text)


# --- the DOCX ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def redline(tmp_path_factory) -> Path:
    """The tiny strategy against itself with one direction added and a cost changed."""
    root = tmp_path_factory.mktemp("redline")
    shutil.copytree(TINY, root / "old")
    shutil.copytree(TINY, root / "new")
    edit(root / "new" / "directions.yaml", "actions: [Wspólna linia autobusowa]}\n",
         "actions: [Wspólna linia autobusowa]}\n"
         "  - {id: K4, title: Cyfrowe usługi, goal: CS1, conclusions: [W2]}\n")
    edit(root / "new" / "investments" / "P2.yaml", "cost: 1200000.50", "cost: 1300000.50")
    edit(root / "new" / "investments" / "P2.yaml", "amount: 1000000}", "amount: 1100000}")
    target = root / "out" / "red.docx"
    target.parent.mkdir()
    write_redline(strategy_of(root / "old"), root / "old", strategy_of(root / "new"),
                  root / "new", target)
    return target


def _xml(docx: Path, name: str = "word/document.xml") -> str:
    with zipfile.ZipFile(docx) as package:
        return package.read(name).decode("utf-8")


def test_every_tracked_change_has_its_own_id(redline):
    ids = re.findall(r'<w:(?:ins|del) w:id="(\d+)"', _xml(redline))
    assert len(ids) > 10 and len(ids) == len(set(ids))


def test_a_new_paragraph_and_a_new_table_row_are_tracked_as_wholes(redline):
    xml = _xml(redline)
    heading = re.search(r"<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/><w:rPr><w:ins [^>]*/>"
                        r"</w:rPr></w:pPr>.*?</w:p>", xml)
    assert heading and "K4. Cyfrowe usługi" in heading.group(0)
    row = re.search(r"<w:tr><w:trPr><w:ins [^>]*/></w:trPr>.*?</w:tr>", xml)
    assert row and "K4. Cyfrowe usługi" in row.group(0)


def test_the_redline_says_which_version_it_compares_with(redline):
    custom = _xml(redline, "docProps/custom.xml")
    assert 'name="Porównanie z wersją"><vt:lpwstr>0.2</vt:lpwstr>' in custom


def test_an_english_redline_names_the_compared_version_in_english_and_is_read_back():
    from strategy.release.revisions import _custom, compared_with_names

    custom = _custom(None, "0.2", "en").decode("utf-8")
    assert 'name="Compared with version"><vt:lpwstr>0.2</vt:lpwstr>' in custom
    # comments on a redline of either language find the version it compares with
    assert {"Compared with version", "Porównanie z wersją"} <= compared_with_names()


def test_a_redrawn_chart_is_the_old_picture_deleted_and_the_new_one_inserted(redline):
    xml = _xml(redline)
    figure = [p for p in re.findall(r"<w:p><w:pPr><w:pStyle w:val=\"CaptionedFigure\"/>.*?</w:p>",
                                    xml) if "<w:del " in p]
    assert len(figure) == 1  # the funding chart; the timeline is the same picture
    assert figure[0].index("<w:del ") < figure[0].index("<w:ins ")
    assert "previous/charts/funding.png" in figure[0]  # the SVG's raster twin, for Word


def test_the_redline_is_reproducible(redline, tmp_path):
    root = redline.parent.parent
    again = tmp_path / "red.docx"
    write_redline(strategy_of(root / "old"), root / "old", strategy_of(root / "new"),
                  root / "new", again)
    assert again.read_bytes() == redline.read_bytes()


# an amount, a share, a count "(4).": what the tables and the sentences compute
COMPUTED = re.compile(r"^\(?[0-9 ,%−]+\)?\.?$")


def test_accepting_all_gives_the_new_document_and_rejecting_all_the_old(redline, tmp_path):
    root = redline.parent.parent
    assert pandoc_words(redline, "accept") == pandoc_words(
        plain_docx(root / "new", tmp_path / "new.docx"), "accept")
    rejected = pandoc_words(redline, "reject")
    old = pandoc_words(plain_docx(root / "old", tmp_path / "old.docx"), "accept")
    # Rejecting every change gives the older text, but for the numbers computed from the
    # changed cost (totals, shares, amounts per year), which are not marked: they follow
    # from the cost, and the changelog gives the totals.
    different = differences(old, rejected)
    assert different and all(COMPUTED.match(a) and COMPUTED.match(b) for a, b in different)
    assert ("700", "800") in different  # 3 700 000,50 zł -> 3 800 000,50 zł in total


def test_what_follows_from_a_change_is_not_marked(redline):
    changes = [text for _, text, _, _ in tracked_changes(redline)]
    assert "1 200 000,50 zł" in changes and "1 300 000,50 zł" in changes  # the sheet's cost
    assert not [t for t in changes if "3 700 000" in t or "3 800 000" in t]  # the total
    assert not [t for t in changes if "%" in t]  # the shares of the funding sources


# --- a council draft after a few real edits: only they are marked -------------------------

@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """The tiny strategy released as v0.3, then seven edits: a diagnosis chapter added
    before the others (every heading after it renumbers), one sentence changed, an
    indicator value, a cost with its funding (every total changes), a direction
    renamed, a goal's result reworded and a meeting added. Returns the changelog and the
    redline ``diff v0.3`` writes."""
    from test_release_support import new_project

    from strategy.commands.cli import main

    root = new_project(tmp_path_factory.mktemp("edited"))
    s = root / "sections"
    assert main(["release", "--sections", str(s), "--status", "council", "--date",
                 "2021-06-20", "--format", "md"]) == 0
    edit(s / "diagnosis.yaml", "chapters:\n", "chapters:\n  - id: polozenie\n"
         "    title: Położenie\n    text: Obszar leży nad rzeką.\n")
    edit(s / "diagnosis.yaml", "spada od dekady.", "spada od dwóch dekad.")
    edit(s / "diagnosis.yaml", "beta: 2814", "beta: 2790")
    edit(s / "investments" / "P2.yaml", "cost: 1200000.50", "cost: 1300000.50")
    edit(s / "investments" / "P2.yaml", "amount: 1000000}", "amount: 1100000}")
    edit(s / "directions.yaml", "title: Transport zbiorowy", "title: Transport publiczny")
    edit(s / "goals.yaml", "Więcej firm.", "Więcej małych firm.")
    (s / "meetings.yaml").write_text((s / "meetings.yaml").read_text("utf-8") + (
        "  - {id: M3, date: 2021-06-24, form: remote, agenda: [Uwagi Rady]}\n"), "utf-8")
    out = root / "out"
    buffer = StringIO()
    with redirect_stdout(buffer):
        assert main(["diff", "v0.3", "--sections", str(s), "--out", str(out),
                     "--date", "2021-06-25"]) == 0
    return buffer.getvalue(), next(out.glob("*.docx"))


def test_the_redline_marks_the_edits_and_nothing_that_follows_from_them(edited):
    _, redline = edited
    changes = [(kind, text) for kind, text, _, _ in tracked_changes(redline)]
    texts = " | ".join(text for _, text in changes)
    for words in ("Położenie", "Obszar leży nad rzeką.", "dekady.", "dwóch dekad.", "2814",
                  "2790", "1 200 000,50 zł", "1 300 000,50 zł", "zbiorowy", "publiczny",
                  "małych", "Uwagi Rady"):
        assert words in texts, words
    # Not the headings renumbered by the new chapter, not the totals, not the version.
    assert not [t for _, t in changes if re.fullmatch(r"(\d+\.)+", t)]  # "3.1."
    assert "3 700 000,50" not in texts and "3 800 000,50" not in texts
    assert not [t for _, t in changes if t in ("0.3", "20 czerwca", "25 czerwca")]  # the record
    # One change each for the seven edits, as many as the places showing them (a cost in
    # its sheet and in two tables, a direction's title in its heading and in a table; the
    # edited funding amount once more in the total row of its source, where the tiny
    # strategy's one project funded from it makes the total the edited number itself).
    assert len(changes) == 31, repr(changes)[:3000]


def test_the_changelog_reports_the_content_that_changed_and_only_that(edited):
    changelog, _ = edited
    assert "- Dodano rozdział diagnozy polozenie „Położenie”." in changelog
    assert ("- Zmieniono rozdział diagnozy demografia „Demografia”:\n"
            "    - tekst: Liczba ludności obszaru spada od dekady. → Liczba ludności obszaru "
            "spada od dwóch dekad.") in changelog
    assert "- Dodano spotkanie M3 „24 czerwca 2021 r.”." in changelog
    assert "tabele" not in changelog and "rysunki" not in changelog
    assert "rejestr uwag" not in changelog
