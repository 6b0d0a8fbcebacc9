"""The hierarchy a partnership names, and the packages its projects belong to.

Three shapes of real strategies, each written on a copy of the tiny strategy: priorities
over goals over directions; domains of cooperation (one cross-cutting) over action plans
numbered 2.1–2.10; directions alone as the top level. Each validates and composes, in
Polish and in English, with its own words for its levels in headings, tables and
sentences. Then numeric IDs as typed, and packages and bundles with their subtotals.
"""

# The sections below are written as an officer writes them, one item a line.
# ruff: noqa: E501

from __future__ import annotations

import re
from pathlib import Path

import pytest
from checking import copy_tiny, edit, run_check, switch_language

from strategy.checks.readiness import evaluate_strategy
from strategy.compose.compose import compose
from strategy.pipeline import load_and_validate

HEAD = "# yaml-language-server: $schema=../schema/{kind}.schema.json\n"

PRIORITIES = """\
vision: Obszar, w którym warto mieszkać i pracować.
levels:
  - {singular: priorytet, plural: priorytety}
  - {singular: cel, plural: cele}
goals:
  - id: PR1
    title: Mieszkańcy
    dimensions: [social]
    goals:
      - id: 1.1
        title: Usługi blisko domu
        results:
          - text: Więcej osób korzysta z usług społecznych.
            indicators:
              - {id: I1, name: Uczestnicy zajęć, unit: osoby, baseline: {value: 120, year: 2021}, target: {value: 300, year: 2030}, source: Sprawozdania gmin}
      - {id: 1.2, title: Aktywność społeczna}
  - id: PR2
    title: Gospodarka i przestrzeń
    dimensions: [economic, spatial]
    goals:
      - id: 2.1
        title: Tereny inwestycyjne
        indicators:
          - {id: I2, name: Uzbrojone tereny, unit: ha, baseline: {value: 0, year: 2021}, target: {value: 40, year: 2030}, source: Dane gmin}
        results:
          - {text: Krótszy dojazd do Alfy., spatial: true, indicators: [{id: I3, name: Czas dojazdu, unit: min, baseline: {value: 55, year: 2021}, target: {value: 35, year: 2030}, source: Rozkłady jazdy}]}
"""
PRIORITY_DIRECTIONS = """\
level: {singular: kierunek, plural: kierunki}
directions:
  - {id: K1, title: Rozwój usług społecznych, goal: 1.1, conclusions: [W1], members: [alfa, beta]}
  - {id: K2, title: Wsparcie przedsiębiorczości, goal: 2.1, conclusions: [W1]}
  - {id: K3, title: Transport zbiorowy, goal: 1.2, conclusions: [W2]}
"""

DOMAINS = """\
vision: Metropolia dobrego życia.
levels:
  - {singular: dziedzina współpracy, plural: dziedziny współpracy}
goals:
  - {id: D1, title: Mobilność, dimensions: [spatial], results: [{text: Więcej podróży transportem zbiorowym., spatial: true, indicators: [{id: I1, name: Pasażerowie, unit: mln, baseline: {value: 10, year: 2021}, target: {value: 12, year: 2030}, source: ZTM}]}]}
  - {id: D2, title: Gospodarka, dimensions: [economic]}
  - {id: D3, title: Usługi społeczne, dimensions: [social]}
  - {id: D4, title: Środowisko, dimensions: [environmental]}
  - {id: D5, title: Zarządzanie i współpraca, dimensions: [cross_cutting]}
"""
DOMAIN_DIRECTIONS = """\
level: {singular: plan działania, plural: plany działania}
directions:
  - {id: 2.1, title: Wspólny bilet, goal: D1, conclusions: [W1]}
  - {id: 2.2, title: Węzły przesiadkowe, goal: D1, conclusions: [W2]}
  - {id: 2.3, title: Strefy aktywności, goal: D2, conclusions: [W1]}
  - {id: 2.4, title: Opieka nad seniorami, goal: D3, conclusions: [W1]}
  - {id: 2.5, title: Retencja, goal: D4, conclusions: [W2]}
  - {id: 2.6, title: Kompetencje urzędów, goal: D5, conclusions: [W1]}
  - {id: 2.7, title: Wspólne zamówienia, goal: D5, conclusions: [W1]}
  - {id: 2.8, title: Dane o metropolii, goal: D5, conclusions: [W2]}
  - {id: 2.10, title: Plan dziesiąty, goal: D2, conclusions: [W2]}
"""

ALONE = """\
vision: Wybrzeże, które działa razem.
goals: []
"""
ALONE_DIRECTIONS = """\
level: {singular: kierunek wspólnych działań, plural: kierunki wspólnych działań}
directions:
  - {id: K1, title: Usługi dla mieszkańców, dimensions: [social], conclusions: [W1]}
  - {id: K2, title: Gospodarka morska, dimensions: [economic], conclusions: [W1]}
  - {id: K3, title: Przestrzeń wybrzeża, dimensions: [spatial, environmental], conclusions: [W2]}
"""

SHAPES = {
    "priorities": (PRIORITIES, PRIORITY_DIRECTIONS, {"K1": "K1", "K2": "K2", "K3": "K3"}),
    "domains": (DOMAINS, DOMAIN_DIRECTIONS, {"K1": "2.1", "K2": "2.3", "K3": "2.2"}),
    "alone": (ALONE, ALONE_DIRECTIONS, {"K1": "K1", "K2": "K2", "K3": "K3"}),
}


def shaped(tmp_path: Path, shape: str, lang: str = "pl") -> Path:
    goals, directions, renamed = SHAPES[shape]
    root = copy_tiny(tmp_path)
    (root / "goals.yaml").write_text(HEAD.format(kind="goals") + goals, encoding="utf-8")
    (root / "directions.yaml").write_text(HEAD.format(kind="directions") + directions,
                                          encoding="utf-8")
    for sheet in ("P1", "P2"):
        path = root / "investments" / f"{sheet}.yaml"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"directions: \[(\w+)\]",
                      lambda m: f"directions: [{renamed[m.group(1)]}]", text)
        path.write_text(text, encoding="utf-8")
    areas = root / "areas.yaml"
    text = areas.read_text(encoding="utf-8")
    areas.write_text(re.sub(r"\bK(\d)\b", lambda m: renamed[f"K{m.group(1)}"], text),
                     encoding="utf-8")
    if lang != "pl":
        switch_language(root, lang)
        for file in ("goals.yaml", "directions.yaml"):  # an English strategy's own words
            path = root / file
            text = path.read_text(encoding="utf-8")
            for pl, en in ENGLISH.items():
                text = text.replace(pl, en)
            path.write_text(text, encoding="utf-8")
    return root


ENGLISH = {"{singular: priorytet, plural: priorytety}": "{singular: priority, plural: priorities}",
           "{singular: cel, plural: cele}": "{singular: goal, plural: goals}",
           "{singular: kierunek, plural: kierunki}": "{singular: line of action, plural: lines of action}",
           "{singular: dziedzina współpracy, plural: dziedziny współpracy}":
               "{singular: domain of cooperation, plural: domains of cooperation}",
           "{singular: plan działania, plural: plany działania}":
               "{singular: action plan, plural: action plans}",
           "{singular: kierunek wspólnych działań, plural: kierunki wspólnych działań}":
               "{singular: joint direction, plural: joint directions}"}


def composed(root: Path, tmp_path: Path) -> str:
    validated = load_and_validate(root)
    assert validated.strategy is not None, [p.message("en") for p in validated.problems]
    return compose(validated.strategy, tmp_path / "assets", root).markdown


def plain(markdown: str) -> str:
    """The document's text up to its annexes (the readiness annex quotes the law's own
    words, "cele strategiczne" among them), unescaped."""
    text = re.sub(r"\\(.)", r"\1", markdown).replace("\u00a0", " ")
    for annex in ("# Zgodność strategii z wymogami prawa", "# Compliance"):
        text = text.split(annex)[0]
    return text


@pytest.mark.parametrize("shape", SHAPES)
def test_each_shape_validates_without_an_error(tmp_path: Path, shape: str):
    run = run_check(shaped(tmp_path, shape))
    assert [p for p in run.problems if p["severity"] == "error"] == [], run.describe()


def test_priorities_over_goals_over_directions_read_in_the_partnership_s_words(tmp_path):
    text = plain(composed(shaped(tmp_path, "priorities"), tmp_path))
    assert "# Wizja i priorytety" in text
    assert "## Priorytety i cele" in text
    assert "Strategia wyznacza priorytety (2), cele (3) i kierunki (3)." in text
    assert "| Priorytet | Wymiar | Cele |" in text
    assert "### PR1. Mieszkańcy" in text and "Wymiary: gospodarczy i przestrzenny." in text
    # a goal of the second level with results of its own has its own heading and table
    assert "#### 1.1. Usługi blisko domu" in text
    assert "Wskaźniki osiągnięcia: cel 2.1" in text
    assert "# Kierunki {#" in text
    assert "| Kierunek | Cel | Odpowiada na wnioski | Członkowie |" in text
    assert "Cel: 1.1. Usługi blisko domu." in text
    for old in ("cele strategiczne", "Cel strategiczny", "celów strategicznych",
                "cele operacyjne", "Kierunki działań", "Służy celowi"):
        assert old not in text, old


def test_domains_over_numbered_action_plans_with_a_cross_cutting_domain(tmp_path):
    text = plain(composed(shaped(tmp_path, "domains"), tmp_path))
    assert "## Dziedziny współpracy" in text
    assert "Strategia wyznacza dziedziny współpracy (5) i plany działania (9)." in text
    assert ("Razem obejmują one wymiar społeczny, gospodarczy, przestrzenny i środowiskowy "
            "rozwoju obszaru.") in text
    assert "Charakter przekrojowy: D5. Zarządzanie i współpraca." in text
    assert "| Plan działania | Dziedzina współpracy | Odpowiada na wnioski |" in text
    # numbers as the officer typed them: 2.10 is not 2.1
    assert "## 2.1. Wspólny bilet" in text and "## 2.10. Plan dziesiąty" in text
    assert "Dziedzina współpracy: D5. Zarządzanie i współpraca." in text
    # a plan the partnership numbered is not numbered again ("4.1. 2.1. …"); a domain
    # with a code of letters keeps the document's number
    assert "## 2.1. Wspólny bilet {.unnumbered}" in text
    # a domain is no goal to achieve: the level is named as the partnership names it
    assert "aby osiągnąć cele" not in text and "powiązania z celami" not in text
    assert "do których pozycji poziomu „Dziedzina współpracy” należą" in text
    assert re.search(r"^### D5\. Zarządzanie i współpraca$", text, re.M)


def test_directions_alone_as_the_top_level(tmp_path):
    text = plain(composed(shaped(tmp_path, "alone"), tmp_path))
    assert "# Wizja {#" in text
    assert "## Cele" not in text and "Strategia wyznacza" not in text
    assert "# Kierunki wspólnych działań {#" in text
    assert "Kierunki wspólnych działań określają, co partnerstwo zrobi wspólnie." in text
    assert "| Kierunek wspólnych działań | Odpowiada na wnioski | Członkowie |" in text
    assert "Wymiary: przestrzenny i środowiskowy." in text
    assert "Służy" not in text and "Cel:" not in text


def test_the_statutory_dimensions_are_read_from_the_directions_when_they_are_the_top(tmp_path):
    root = shaped(tmp_path, "alone")
    assert "rule.dimensions" not in run_check(root).codes()
    edit(root, "directions.yaml", "dimensions: [economic]", "dimensions: [social]")
    assert "rule.dimensions" in run_check(root).codes()


@pytest.mark.parametrize("shape", SHAPES)
def test_each_shape_composes_in_english_with_its_own_level_names(tmp_path: Path, shape: str):
    text = plain(composed(shaped(tmp_path, shape, "en"), tmp_path))
    names = {"priorities": ("## Priorities and goals", "| Line of action | Goal | Responds to",
                            "The strategy sets priorities (2), goals (3) and lines of action (3).",
                            "Goal: 1.1. Usługi blisko domu."),
             "domains": ("## Domains of cooperation", "| Action plan | Domain of cooperation |",
                         "Cross-cutting: D5. Zarządzanie i współpraca.", "## 2.10. Plan"),
             "alone": ("# Vision {#", "# Joint directions {#",
                       "| Joint direction | Responds to conclusions | Members |",
                       "Joint directions set out what the partnership will do together.")}[shape]
    for name in names:
        assert name in text
    assert "strategic objective" not in text and "Serves objective" not in text


def test_without_names_the_levels_are_the_phrasebook_s(tmp_path):
    root = copy_tiny(tmp_path)  # it names no levels
    text = plain(composed(root, tmp_path))
    assert "## Cele strategiczne i cele operacyjne" in text
    assert "Strategia wyznacza cele strategiczne (3), cele operacyjne (1) i kierunki działań (3)." in text


def test_named_levels_stay_when_a_draft_has_no_goal_in_one_yet(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "goals.yaml", "mission: Współpraca dla rozwoju.\n", "mission: Współpraca dla "
         "rozwoju.\nlevels:\n  - {singular: priorytet, plural: priorytety}\n"
         "  - {singular: cel, plural: cele}\n")
    edit(root, "goals.yaml", "    goals:\n      - {id: CO1.1, title: Lepsze usługi społeczne}\n", "")
    edit(root, "directions.yaml", "goal: CO1.1", "goal: CS1")
    text = plain(composed(root, tmp_path))
    assert "## Priorytety i cele" in text and "priorytety (3), cele (0) i kierunki działań (3)" in text


def test_an_unquoted_number_is_the_id_as_typed_and_references_find_it(tmp_path):
    root = shaped(tmp_path, "domains")
    edit(root, "directions.yaml", "{id: 2.2, title: Węzły przesiadkowe, goal: D1",
         "{id: 2.20, title: Węzły przesiadkowe, goal: D1")
    run = run_check(root)
    # the sheet names 2.2, which now is no direction: 2.20 did not become 2.2
    [dangling] = [p for p in run.problems if p["code"] == "rule.dangling_reference"]
    assert "„2.2”" in dangling["message"] and "2.20" in dangling["hint"]


PACKAGES = """\
packages:
  - id: PK1
    title: Sieć usług społecznych
    kind: zpt_package
    joint: true
    leader: alfa
    directions: [K1]
    description: Projekty jednego beneficjenta tworzące wspólny pakiet.
  - id: PK2
    title: Kolej metropolitalna
    kind: bundle
    cost: {value: 2200000000, estimate: true, precision: 100000000}
"""


def packaged(tmp_path: Path) -> Path:
    root = copy_tiny(tmp_path)
    (root / "packages.yaml").write_text(HEAD.format(kind="packages") + PACKAGES,
                                        encoding="utf-8")
    for sheet in ("P1", "P2"):
        path = root / "investments" / f"{sheet}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "status:", "package: PK1\nstatus:"), encoding="utf-8")
    return root


def test_packages_list_their_projects_with_a_subtotal_and_bundles_their_estimate(tmp_path):
    root = packaged(tmp_path)
    assert [p for p in run_check(root).problems if p["severity"] == "error"] == []
    text = plain(composed(root, tmp_path))
    assert "## Pakiety i wiązki przedsięwzięć" in text
    assert "### PK1. Sieć usług społecznych" in text
    assert "Rodzaj: pakiet przedsięwzięć (ZPT). Jest to przedsięwzięcie wspólne partnerów" in text
    section = text[text.index("### PK1."):text.index("### PK2.")]
    costs = re.findall(r"\| (\d[\d ]*,\d\d zł|\d[\d ]* zł) \|", section)
    assert "**Razem**" in section and "**3 700 000,50 zł**" in section, costs
    assert ("Przedsięwzięcia pakietu nie mają jeszcze fiszek z kosztem; ramy finansowe ujmują "
            "pakiet jego własną wartością: ok. 2,2 mld zł.") in text
    # the framework counts the bundle by its estimate, as an estimate, beside the sheets
    assert ("Ujęto w nich szacunkową wartość 1 pakietu przedsięwzięć, dla których nie ma jeszcze "
            "fiszek z kosztami: PK2.") in text
    assert "| **Razem** | **ok. 2,2 mld zł** |" in text
    assert "| Pakiet lub wiązka | PK1. Sieć usług społecznych |" in text  # on the sheet


def test_a_package_s_estimate_is_ignored_once_sheets_name_it_and_check_says_so(tmp_path):
    root = packaged(tmp_path)
    edit(root, "packages.yaml", "    directions: [K1]\n", "    directions: [K1]\n    cost: 5000000\n")
    assert "rule.package_estimate_and_sheets" in run_check(root).codes()
    text = plain(composed(root, tmp_path))
    assert "5 000 000" not in text and "**3 700 000,50 zł**" in text


def test_a_package_without_sheets_or_estimate_is_reported(tmp_path):
    root = packaged(tmp_path)
    edit(root, "packages.yaml", "    cost: {value: 2200000000, estimate: true, precision: 100000000}\n", "")
    run = run_check(root)
    assert "rule.package_without_cost" in run.codes(), run.describe()


def test_single_beneficiary_projects_of_a_joint_package_are_joint_investments(tmp_path):
    root = packaged(tmp_path)
    for sheet in ("P1", "P2"):
        path = root / "investments" / f"{sheet}.yaml"
        path.write_text(re.sub(r"partners: \[[^\]]*\]\n", "", path.read_text(
            encoding="utf-8")), encoding="utf-8")

    def joint_status() -> str:
        validated = load_and_validate(root)
        assert validated.strategy is not None
        [item] = [i for i in evaluate_strategy(validated.strategy)
                  if i.element.id == "cpr_integrated"]
        return item.status

    assert joint_status() == "present"
    edit(root, "packages.yaml", "    joint: true\n", "")
    assert joint_status() != "present"


def test_a_package_names_only_what_exists(tmp_path):
    root = packaged(tmp_path)
    edit(root, "investments/P1.yaml", "package: PK1", "package: PK9")
    edit(root, "packages.yaml", "leader: alfa", "leader: omega")
    run = run_check(root)
    found = sorted(p["message"] for p in run.problems if p["code"] == "rule.dangling_reference")
    assert len(found) == 2 and any("PK9" in m for m in found) and any("omega" in m for m in found)


def test_a_goal_numbered_by_the_partnership_stays_a_heading_in_the_pdf_source(tmp_path):
    """An unnumbered heading is typst's #heading(...)[…], whose content is markup: "1. "
    there would begin an enumerated list (the contents then broke the entry over lines)."""
    import pypandoc

    from strategy.export.pdf.export import TYPST_FILTER

    source = tmp_path / "h.md"
    source.write_text("### 1. Mobilność {.unnumbered}\n\n### 2.1. Bilet {.unnumbered}\n",
                      encoding="utf-8")
    typst = pypandoc.convert_file(str(source), "typst", format="markdown",
                                  filters=[str(TYPST_FILTER)])
    assert "[1\\. Mobilność]" in typst and "[2.1. Bilet]" in typst
