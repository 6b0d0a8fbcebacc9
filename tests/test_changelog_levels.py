"""The changelog and its annex name the goals and directions by the levels the partnership
names (goals.yaml ``levels``, directions.yaml ``level``), never by the phrasebook's fixed
"cel strategiczny", "cel operacyjny", "kierunek działań" when it names others."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_release_support import cli, edit, new_project

FIXED = ("cel strategiczny", "cele strategiczne", "cel operacyjny", "cele operacyjne",
         "kierunek działań", "kierunki działań")

LEVELS = ("levels:\n  - {singular: priorytet, plural: priorytety}\n"
          "  - {singular: dziedzina, plural: dziedziny, accusative: dziedzinę}\n")
DIRECTIONS = "level: {singular: kierunek interwencji, plural: kierunki interwencji}\n"


def rename_levels(sections: Path) -> None:
    edit(sections / "goals.yaml", "mission: Współpraca dla rozwoju.\n",
         "mission: Współpraca dla rozwoju.\n" + LEVELS)
    edit(sections / "directions.yaml", "directions:\n", DIRECTIONS + "directions:\n")


@pytest.fixture(scope="module")
def series(tmp_path_factory) -> Path:
    """A priorytet → dziedzina → kierunek interwencji strategy released twice: v0.3, then
    v0.4 with a priority added, its one domain merged away and a direction moved."""
    from strategy.commands.cli import main

    root = new_project(tmp_path_factory.mktemp("levels"))
    s = root / "sections"
    rename_levels(s)
    assert main(["release", "--sections", str(s), "--status", "council",
                 "--date", "2021-06-24"]) == 0
    edit(s / "goals.yaml", "    goals:\n      - {id: CO1.1, title: Lepsze usługi społeczne}\n",
         "")
    edit(s / "goals.yaml", "  - id: CS3\n", "  - id: CS4\n    title: Czyste środowisko\n"
         "    dimensions: [environmental]\n  - id: CS3\n")
    edit(s / "directions.yaml", "goal: CO1.1", "goal: CS1")
    edit(s / "directions.yaml", "title: Wsparcie przedsiębiorczości",
         "title: Wsparcie lokalnej przedsiębiorczości")
    assert main(["release", "--sections", str(s), "--status", "council",
                 "--date", "2021-07-08"]) == 0
    return root


def test_the_changelog_says_added_priority_removed_domain_in_the_partnerships_words(
        series, capsys, tmp_path):
    result = cli(capsys, "diff", "v0.3", "v0.4", "--sections", series / "sections",
                 "--out", tmp_path)
    assert result.code == 0, result.err
    text = result.out
    assert "## Priorytety\n\n- Dodano priorytet CS4 „Czyste środowisko”." in text
    # a feminine level is declined as the partnership wrote it
    assert "## Dziedziny\n\n- Usunięto dziedzinę CO1.1 „Lepsze usługi społeczne”." in text
    assert ("## Kierunki interwencji\n\n- Zmieniono kierunek interwencji K1 "
            "„Rozwój usług społecznych”:\n    - cel: CO1.1 → CS1") in text
    assert "- Zmieniono kierunek interwencji K2 „Wsparcie lokalnej przedsiębiorczości”:" in text
    for fixed in FIXED:
        assert fixed not in text.casefold(), fixed


def test_the_annex_of_changes_in_the_released_document_uses_the_same_words(series):
    [markdown] = (series / "releases" / "v0.4").glob("*-v0.4-rada.md")
    annex = markdown.read_text(encoding="utf-8").split("{#zmiany")[1].split("\n# ")[0]
    annex = annex.replace("\\", "")
    assert "## Priorytety {.unnumbered}\n\n- Dodano priorytet CS4" in annex
    assert "Usunięto dziedzinę CO1.1" in annex and "- Zmieniono kierunek interwencji K1" in annex
    # the lead promises no list of kinds the partnership does not have
    assert annex.split("\n\n")[1].endswith("według rodzaju zmienionych elementów.")
    for fixed in FIXED:
        assert fixed not in annex.casefold(), fixed
