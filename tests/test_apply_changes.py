"""Accepted tracked changes are made in the section text, not retyped: `apply` edits the
one field each change maps to, as a minimal edit of the YAML (comments and layout stay),
and `check` warns about an accepted change whose words are not in the sections."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from test_release_support import cli, edit, new_project, snapshot
from word_review import WordReview

from strategy.commands.cli import main

STEM = "strategia-testowa"
EWA = "Ewa Radna"
DAY = dt.date(2021, 7, 1)
INTRO_OLD = "Strategia powstała w partnerstwie dwóch gmin i powiatu."
INTRO = ("Strategia powstała w partnerstwie dwóch gmin i powiatu. Obejmuje lata 2022–2030 "
         "i cały obszar obu gmin. Dokument przygotowała grupa robocza partnerstwa.")


@pytest.fixture(scope="module")
def filed(tmp_path_factory) -> Path:
    """A project whose v0.3 draft came back with four changes, filed and accepted."""
    root = new_project(tmp_path_factory.mktemp("apply"))
    s = root / "sections"
    edit(s / "introduction.yaml", INTRO_OLD, INTRO)
    edit(s / "goals.yaml", "mission: Współpraca dla rozwoju.",
         "mission: Współpraca dla rozwoju.  # uzgodnione z Radą 10 czerwca")
    assert main(["release", "--sections", str(s), "--status", "council", "--date",
                 "2021-06-20", "--format", "docx"]) == 0
    review = WordReview(root / "releases" / "v0.3" / f"{STEM}-v0.3-rada.docx")
    review.insert("Współpraca dla rozwoju", " obszaru", EWA, DAY)  # a plain scalar
    review.replace("przedsiębiorczości", "lokalnej przedsiębiorczości", EWA, DAY)  # flow map
    review.delete(" i cały obszar obu gmin", EWA, DAY)  # a literal block
    review.comment("Transport zbiorowy", "Dodać kolej.", EWA, DAY)
    assert main(["comments", str(review.save(root / "uwagi.docx")), "--sections", str(s)]) == 0
    for path in sorted((s / "review").glob("*.yaml")):
        text = path.read_text("utf-8")
        if "kind: comment" not in text:
            path.write_text(text.replace("status: open\nresponse: ''",
                                         "status: accepted\nresponse: Uwzględniono."), "utf-8")
    return root


@pytest.fixture
def work(filed, tmp_path) -> Path:
    shutil.copytree(filed, tmp_path / "p")
    return tmp_path / "p"


def _not_made(capsys, root: Path) -> list[tuple[str, str]]:
    result = cli(capsys, "check", "--sections", root / "sections", "--format", "json")
    return [(p["file"].rsplit("/", 1)[-1], p["message"]) for p in json.loads(result.out)
            if p["code"] == "review.change_not_made"]


def test_check_warns_about_every_accepted_change_not_yet_in_the_sections(work, capsys):
    assert _not_made(capsys, work) == [
        ("U-0.3-001.yaml", "Zmiany U-0.3-001 uwzględniono, ale nie ma jej w sekcjach "
         "(introduction.yaml, text): „partnerstwie dwóch gmin i powiatu. Obejmuje lata "
         "2022–2030. Dokument przygotowała grupa robocza partnerstwa.”."),
        ("U-0.3-002.yaml", "Zmiany U-0.3-002 uwzględniono, ale nie ma jej w sekcjach "
         "(goals.yaml, mission): „Współpraca dla rozwoju obszaru.”."),
        ("U-0.3-003.yaml", "Zmiany U-0.3-003 uwzględniono, ale nie ma jej w sekcjach "
         "(directions.yaml, directions[K2].title): „Wsparcie lokalnej przedsiębiorczości”.")]


def test_apply_makes_each_accepted_change_in_its_field_and_nothing_else(work, capsys):
    s = work / "sections"
    before = {p.name: p.read_text("utf-8") for p in s.glob("*.yaml")}
    result = cli(capsys, "apply", "--sections", s)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "U-0.3-001: zmianę wprowadzono w introduction.yaml (text).",
        "U-0.3-002: zmianę wprowadzono w goals.yaml (mission).",
        "U-0.3-003: zmianę wprowadzono w directions.yaml (directions[K2].title)."]
    after = {p.name: p.read_text("utf-8") for p in s.glob("*.yaml")}
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"introduction.yaml", "goals.yaml", "directions.yaml"}
    # Minimal edits: the comment stays, the flow mapping stays one line, the block stays.
    assert after["goals.yaml"] == before["goals.yaml"].replace(
        "mission: Współpraca dla rozwoju.  #", "mission: Współpraca dla rozwoju obszaru.  #")
    assert after["directions.yaml"] == before["directions.yaml"].replace(
        "title: Wsparcie przedsiębiorczości,", "title: Wsparcie lokalnej przedsiębiorczości,")
    assert after["introduction.yaml"] == before["introduction.yaml"].replace(
        " i cały obszar obu gmin.", ".")
    assert _not_made(capsys, work) == []


def test_applying_again_changes_nothing_and_says_so(work, capsys):
    assert cli(capsys, "apply", "--sections", work / "sections", "U-0.3-002").code == 0
    before = snapshot(work / "sections")
    again = cli(capsys, "apply", "--sections", work / "sections", "U-0.3-002")
    assert again.code == 0
    assert again.out.strip() == "U-0.3-002: zmiana jest już w sekcjach (goals.yaml, mission)."
    assert snapshot(work / "sections") == before


def test_a_change_whose_text_was_edited_since_is_not_applied_and_says_where(work, capsys):
    edit(work / "sections" / "goals.yaml", "mission: Współpraca dla rozwoju.",
         "mission: Współpraca na rzecz rozwoju.")
    before = snapshot(work / "sections")
    result = cli(capsys, "apply", "--sections", work / "sections", "U-0.3-002")
    assert result.code == 1
    assert "goals.yaml:" in result.err
    assert ("U-0.3-002: tekstu, którego dotyczy zmiana, nie ma już w sekcjach w tej postaci "
            "(goals.yaml, mission)") in result.err
    assert snapshot(work / "sections") == before


def test_a_comment_or_an_open_change_is_not_applied(work, capsys):
    review = work / "sections" / "review"
    edit(review / "U-0.3-003.yaml", "status: accepted", "status: open")
    result = cli(capsys, "apply", "--sections", work / "sections", "U-0.3-003", "U-0.3-004")
    assert result.code == 1
    assert "U-0.3-003: zmiany nie uwzględniono" in result.err
    assert "U-0.3-004: to komentarz, a nie proponowana zmiana tekstu." in result.err
    unknown = cli(capsys, "apply", "--sections", work / "sections", "U-9.9-001")
    assert unknown.code == 2 and "W rejestrze uwag nie ma pozycji U-9.9-001." in unknown.err


def test_words_a_plain_value_cannot_hold_are_written_as_a_quoted_string(tmp_path, capsys):
    root = new_project(tmp_path / "p")
    s = root / "sections"
    assert main(["release", "--sections", str(s), "--status", "council", "--date",
                 "2021-06-20", "--format", "docx"]) == 0
    review = WordReview(root / "releases" / "v0.3" / f"{STEM}-v0.3-rada.docx")
    review.insert("Współpraca dla rozwoju", ": gmin # i powiatu", EWA, DAY)
    assert main(["comments", str(review.save(root / "u.docx")), "--sections", str(s)]) == 0
    edit(s / "review" / "U-0.3-001.yaml", "status: open\nresponse: ''",
         "status: accepted\nresponse: Tak.")
    assert cli(capsys, "apply", "--sections", s).code == 0
    assert 'mission: "Współpraca dla rozwoju: gmin # i powiatu."\n' in (
        s / "goals.yaml").read_text("utf-8")
    assert _not_made(capsys, root) == []
