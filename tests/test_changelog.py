"""The changelog between two versions: items matched by ID, compared field by field, in
the words of the templates (changes.yaml, changes.md.j2)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_release_support import TINY, edit, strategy_of

from strategy.release.changelog import changelog
from strategy.release.render import changelog_text


@pytest.fixture
def pair(tmp_path) -> tuple[Path, Path]:
    shutil.copytree(TINY, tmp_path / "old")
    shutil.copytree(TINY, tmp_path / "new")
    return tmp_path / "old", tmp_path / "new"


def _text(old: Path, new: Path, lang: str = "pl") -> str:
    return changelog_text(changelog(strategy_of(old), strategy_of(new)), lang)


def test_a_new_version_of_the_same_content_says_that_nothing_changed(pair):
    old, new = pair
    edit(new / "strategy.yaml", 'version: "0.2"\nstatus: council\ndate: 2021-06-10',
         'version: "0.3"\nstatus: consultation\ndate: 2021-07-01')
    assert _text(old, new) == (
        "# Zmiany w wersji 0.3 względem wersji 0.2\n\n"
        "Treść strategii nie zmieniła się; zmieniły się tylko dane wersji.\n")


def test_a_member_is_compared_field_by_field_with_names_and_numbers_as_printed(pair):
    old, new = pair
    edit(new / "partnership.yaml", "population: 2814", "population: 2901")
    edit(new / "partnership.yaml", "seat: Beta", "seat: Beta Dolna")
    assert _text(old, new).strip().split("\n\n")[1:3] == [
        "## Członkowie partnerstwa",
        "- Zmieniono członka partnerstwa beta „Gmina Beta”:\n"
        "    - siedziba: Beta → Beta Dolna\n"
        "    - liczba ludności: 2814 → 2901"]


def test_references_print_as_names_and_a_long_text_is_only_said_to_have_changed(pair):
    old, new = pair
    edit(new / "investments" / "P1.yaml", "leader: alfa\npartners: [beta]",
         "leader: beta\npartners: [alfa, powiat]")
    edit(new / "investments" / "P1.yaml", "scope: Zakup dwóch autobusów i uruchomienie linii.",
         "scope: " + "Zakup trzech autobusów niskoemisyjnych, budowa wiat i zajezdni. " * 3)
    lines = _text(old, new).splitlines()
    assert "    - lider: Miasto i Gmina Alfa → Gmina Beta" in lines
    assert "    - partnerzy: Gmina Beta → Miasto i Gmina Alfa, Powiat Testowy" in lines
    assert ("    - zakres: zmieniono treść (zmienione słowa pokazuje wersja z oznaczonymi "
            "zmianami)") in lines


def test_an_indicator_of_the_diagnosis_lists_each_members_value(pair):
    old, new = pair
    edit(new / "diagnosis.yaml", "beta: -4.1", "beta: -3.9")
    edit(new / "diagnosis.yaml", "powiat: null", "powiat: -1.5")
    assert _text(old, new).strip().split("\n\n")[2] == (
        "- Zmieniono wskaźnik saldo „Saldo migracji na 1000 mieszkańców”:\n"
        "    - wartość – Gmina Beta: −4,1 → −3,9\n"
        "    - wartość – Powiat Testowy: brak → −1,5")


def test_the_changelog_of_an_english_strategy_is_in_english(pair):
    old, new = pair
    for side in pair:
        edit(side / "strategy.yaml", "language: pl", "language: en")
    edit(new / "directions.yaml", "title: Transport zbiorowy", "title: Transport publiczny")
    text = _text(old, new, "en")
    assert text.startswith("# Changes in version 0.2 since version 0.2\n\n## Directions of action")
    assert "Changed direction of action K3" in text
    assert "    - title: Transport zbiorowy → Transport publiczny" in text


def test_a_plain_build_has_no_annex_of_changes(tmp_path):
    from strategy.commands.cli import main
    assert main(["build", "--sections", str(TINY), "--out", str(tmp_path), "--format",
                 "md"]) == 0
    assert "Zmiany względem wersji" not in next(tmp_path.glob("*.md")).read_text("utf-8")
