"""The financing and investments chapters say only what the sheets and packages support
(the reviewer's findings on the real-shape partnerships): each test builds data that
contradicts a sentence once printed regardless, and asserts the false wording is absent
and the true one present."""

from __future__ import annotations

import re
from pathlib import Path

from checking import composed_text, copy_tiny, edit
from submission import rewrite, write_yaml

_document = composed_text


def _chapter(text: str, heading: str) -> str:
    start = text.index(f"# {heading}")
    end = text.find("\n# ", start + 1)
    return text[start:end if end > 0 else None]


def _bundles(root: Path, leader: str | None = None) -> None:
    """Two bundles known only by their estimate (no sheet of theirs has a cost)."""
    lead = {"leader": leader} if leader else {}
    write_yaml(root / "packages.yaml", {"packages": [
        {"id": "W1", "title": "Kolej", "kind": "bundle", "joint": True, "directions": ["K3"],
         "cost": {"value": 200000000, "estimate": True, "precision": 10000000}, **lead},
        {"id": "W2", "title": "Ciepło", "kind": "bundle", "joint": True, "directions": ["K1"],
         "cost": {"value": 100000000, "estimate": True, "precision": 10000000}}]})


def _no_costs(root: Path) -> None:
    """The tiny strategy's two sheets drafted without a cost or funding yet."""
    for sheet in ("P1", "P2"):
        rewrite(root / "investments" / f"{sheet}.yaml",
                lambda d: (d.pop("cost"), d.pop("funding")))


def test_sheets_without_a_cost_are_never_said_to_have_it_given_apart(tmp_path):
    """metro_association: sheets with no cost at all were said to have "no split of the
    cost into sources … their cost given apart"; they have no cost to give."""
    root = copy_tiny(tmp_path)
    _no_costs(root)
    _bundles(root)
    text = _chapter(_document(root, tmp_path), "Ramy finansowe")
    assert "podziału kosztu na źródła" not in text
    assert ("Przedsięwzięcia z fiszką projektową (P1, P2) nie mają jeszcze szacunkowego "
            "kosztu, więc ramy finansowe ich nie obejmują.") in text
    en = _chapter(_document(root, tmp_path / "en", "en"), "Ramy finansowe")
    assert "no split of the cost" not in en
    assert "The investments with a project sheet (P1, P2) have no estimated cost yet" in en


def test_a_sheet_with_a_cost_and_no_split_is_the_one_said_to_have_none(tmp_path):
    """coastal: of the sheets without funding only those with a cost are "not split"."""
    root = copy_tiny(tmp_path)
    rewrite(root / "investments" / "P1.yaml", lambda d: d.pop("funding"))
    rewrite(root / "investments" / "P2.yaml", lambda d: (d.pop("cost"), d.pop("funding")))
    text = _chapter(_document(root, tmp_path), "Ramy finansowe")
    assert ("1 przedsięwzięcie nie ma jeszcze podziału kosztu na źródła finansowania (P1)"
            in text)
    assert "(P1, P2): ich koszt" not in text


def test_a_framework_of_package_estimates_alone_says_so(tmp_path):
    """metro_association: "Ujęto w nich …" followed no sentence "nich" could mean; with
    no sheet with a cost the estimates are the framework."""
    root = copy_tiny(tmp_path)
    _no_costs(root)
    _bundles(root)
    text = _chapter(_document(root, tmp_path), "Ramy finansowe")
    assert "Ujęto w nich" not in text
    assert ("Ramy finansowe wyliczono z szacunkowej wartości 2 pakietów przedsięwzięć, dla "
            "których nie ma jeszcze fiszek z kosztami: W1, W2.") in text
    en = _chapter(_document(root, tmp_path / "en", "en"), "Ramy finansowe")
    assert "It includes" not in en
    assert "The financial framework has been calculated from the estimated value of 2 " \
        "packages" in en


def test_estimates_beside_costed_sheets_are_included_in_the_framework(tmp_path):
    root = copy_tiny(tmp_path)
    _bundles(root)
    text = _chapter(_document(root, tmp_path), "Ramy finansowe")
    assert ("Ramy finansowe wyliczono z fiszek projektowych wszystkich przedsięwzięć (2). "
            "Ujęto w nich szacunkową wartość 2 pakietów") in text


def test_the_table_by_leader_counts_bundles_apart_from_projects(tmp_path):
    """A bundle known by its estimate is no project: never counted as "przedsięwzięcia"."""
    root = copy_tiny(tmp_path)
    _bundles(root, leader="alfa")
    text = _chapter(_document(root, tmp_path), "Ramy finansowe")
    assert re.search(r"\| Lider przedsięwzięć +\| Liczba przedsięwzięć +\| Liczba pakietów "
                     r"i wiązek wycenionych szacunkowo +\| Kwota +\| Udział +\|", text)
    # alfa leads P1 and bundle W1; W2 has no leader yet; beta leads P2
    assert re.search(r"\| Miasto i Gmina Alfa +\| 1 +\| 1 +\|", text)
    assert re.search(r"\| lider jeszcze niewskazany +\| 0 +\| 1 +\|", text)
    assert re.search(r"\| \*\*Razem\*\* +\| \*\*2\*\* +\| \*\*2\*\* +\|", text)
    plain = _chapter(_document(copy_tiny(tmp_path / "plain"), tmp_path / "plain"),
                     "Ramy finansowe")
    assert "wycenionych szacunkowo" not in plain


def test_the_table_by_leader_is_by_whoever_leads(tmp_path):
    """coastal: a supporting partner (the national park) leads projects; the caption
    said "members"."""
    text = _document(copy_tiny(tmp_path), tmp_path)
    assert "według członków prowadzących" not in text
    assert "Ramy finansowe według podmiotów prowadzących przedsięwzięcia" in text
    en = _document(copy_tiny(tmp_path / "en"), tmp_path / "en", "en")
    assert "by the members leading" not in en
    assert "Financial framework by the bodies leading the investments" in en


def test_the_tables_by_source_and_year_say_why_they_do_not_add_up_to_the_total(tmp_path):
    """coastal: the table by years totalled 63,1 mln zł beside a framework of 83,2 mln zł.
    Main now adds the unsplit costs as a row; what still differs is funding counted in
    the tables and not in the total: here P2's funding, its sheet giving no cost."""
    root = copy_tiny(tmp_path)
    text = _chapter(_document(root, tmp_path), "Ramy finansowe")
    assert "a nie do łącznego kosztu" not in text
    assert re.search(r"\| \*\*Razem\*\* +\| \*\*2 125 000 zł\*\* +\| \*\*1 000 000 zł\*\* +"
                     r"\| \*\*575 000,50 zł\*\* +\| \*\*0 zł\*\* +\| \*\*3 700 000,50 zł\*\* +\|",
                     text)
    edit(root, "investments/P2.yaml", "cost: 1200000.50\n", "")
    text = _chapter(_document(root, tmp_path), "Ramy finansowe")
    assert "sumy w tabelach są równe sumie kosztów z fiszek" not in text
    assert ("Tabele według źródeł i lat obejmują także finansowanie przedsięwzięcia bez "
            "szacunkowego kosztu (P2), dlatego sumują się do 3 700 000,50 zł, a nie do "
            "łącznego kosztu.") in text
    assert "Łączny szacunkowy koszt wynosi 2 500 000 zł" in text
    # both tables show the sum of their rows, the sentence says how it differs
    assert text.count("| **3 700 000,50 zł** |") == 2
    en = _chapter(_document(root, tmp_path / "en", "en"), "Ramy finansowe")
    assert "also include the funding of an investment without an estimated cost (P2)" in en


def test_the_coastal_table_by_years_adds_up_to_the_framework(tmp_path):
    """The coastal partnership's four unsplit sheets are a row of the table by years, so
    its total is the framework's 83 200 000 zł, and no sentence of a difference."""
    root = Path(__file__).parent / "fixtures" / "real" / "coastal"
    text = _chapter(_document(root, tmp_path), "Ramy finansowe")  # read, never edited
    by_year = text[text.index("| Rok "):]
    assert "| **83 200 000 zł** |" in by_year.split("Ramy finansowe według lat")[0]
    assert "a nie do łącznego kosztu" not in text
    assert "(PWS-03, PWS-08, PWS-13, PWS-18): ich koszt podano" in text


def test_readiness_says_the_framework_has_a_total_when_estimates_give_one(tmp_path):
    """metro_association: readiness said "the framework cannot be computed" beside a
    framework of 4,2 mld zł from the bundles' estimates; it lacks sources, not a total."""
    root = copy_tiny(tmp_path)
    _no_costs(root)
    _bundles(root)
    text = _document(root, tmp_path)
    assert "ram finansowych nie można wyliczyć" not in text
    assert ("żadne przedsięwzięcie nie ma jeszcze źródeł finansowania: ramy finansowe "
            "podają tylko łączny koszt, bez podziału na źródła") in text
    (root / "packages.yaml").unlink()
    text = _document(root, tmp_path)
    assert ("żadne przedsięwzięcie ani pakiet nie ma kosztu ani źródeł finansowania, więc "
            "ram finansowych nie można wyliczyć") in text
    en = _document(root, tmp_path / "en", "en")
    assert "no investment or package has a cost or funding sources" in en


def test_the_project_list_calls_joint_only_the_projects_joint_by_the_data(tmp_path):
    """The lead called every project "wspólne"; the tiny strategy's P1 has a partner, P2
    has none and is in no package, so only P1 is joint (readiness's joint_investments)."""
    root = copy_tiny(tmp_path)
    text = _chapter(_document(root, tmp_path), "Wspólne przedsięwzięcia")
    assert "wspólne przedsięwzięcia" not in text and "Lista wspólnych" not in text
    assert ("Partnerstwo planuje 2 przedsięwzięcia o łącznym szacunkowym koszcie "
            "3 700 000,50 zł. Przedsięwzięcia wspólne (z partnerami lub we wspólnym "
            "pakiecie): 1 z 2 (P1).") in text
    en = _document(copy_tiny(tmp_path / "en"), tmp_path / "en", "en")
    assert "2 joint investments" not in en
    assert "Joint investments (with partners or in a joint package): 1 of 2 (P1)." in en
    # P2 in a joint package: a ZPT package of single-beneficiary projects is joint
    write_yaml(root / "packages.yaml", {"packages": [
        {"id": "Z1", "title": "Usługi", "kind": "zpt_package", "joint": True,
         "directions": ["K1"]}]})
    edit(root, "investments/P2.yaml", "leader: beta\n", "leader: beta\npackage: Z1\n")
    assert "Wszystkie są przedsięwzięciami wspólnymi (z partnerami lub we wspólnym " \
        "pakiecie)." in _document(root, tmp_path)
    rewrite(root / "investments" / "P1.yaml", lambda d: d.pop("partners"))
    rewrite(root / "packages.yaml", lambda d: d["packages"][0].update(joint=False))
    text = _chapter(_document(root, tmp_path), "Wspólne przedsięwzięcia")
    assert "wspóln" not in text.split("\n", 1)[1].split("| Nr")[0]


def test_the_project_list_cites_the_sheets_whoever_wrote_them(tmp_path):
    """coastal: the national park, a supporting partner, leads sheets; the source said
    "sheets of the partnership's members"."""
    root = copy_tiny(tmp_path)
    text = _document(root, tmp_path)
    assert "fiszki projektowe członków partnerstwa" not in text
    assert "Źródło: fiszki projektowe\n" in text
    assert "project sheets of the partnership members" not in _document(
        copy_tiny(tmp_path / "en"), tmp_path / "en", "en")


def test_funding_differing_from_an_estimated_cost_is_said_to_move_the_tables(tmp_path):
    """An estimated cost whose sources differ from it within its precision (a warning of
    ``check``, not an error): the tables add up to the sources, and say so."""
    root = copy_tiny(tmp_path)
    edit(root, "investments/P1.yaml", "cost: 2500000\n",
         "cost: {value: 2500000, estimate: true, precision: 100000}\n")
    edit(root, "investments/P1.yaml", "{source: own, amount: 375000}",
         "{source: own, amount: 425000}")
    text = _chapter(_document(root, tmp_path), "Ramy finansowe")
    assert ("Finansowanie przedsięwzięcia P1 różni się od jego szacunkowego kosztu, dlatego "
            "tabele według źródeł i lat sumują się do") in text
    assert "sumy w tabelach są równe" not in text


def test_readiness_names_a_joint_package_among_what_makes_a_project_joint(tmp_path):
    """The document's detail said only "no project has partners", though the judge also
    counts a project in a joint package as joint."""
    root = copy_tiny(tmp_path)
    rewrite(root / "investments" / "P1.yaml", lambda d: d.pop("partners"))
    text = _document(root, tmp_path)
    assert ("żadne przedsięwzięcie nie ma partnerów ani nie należy do pakietu wspólnego "
            "(brak przedsięwzięć wspólnych)") in text


def test_the_framework_tables_cite_what_they_count(tmp_path):
    """A framework of package estimates alone was sourced "na podstawie fiszek
    projektowych"; the estimates come from packages.yaml."""
    root = copy_tiny(tmp_path)
    _no_costs(root)
    _bundles(root)
    text = _chapter(_document(root, tmp_path), "Ramy finansowe")
    assert "na podstawie fiszek projektowych" not in text
    assert text.count("Źródło: opracowanie własne na podstawie szacunków wartości pakietów "
                      "przedsięwzięć") == 2
    both = copy_tiny(tmp_path / "both")
    _bundles(both)
    assert "Źródło: opracowanie własne na podstawie fiszek projektowych i szacunków " \
        "wartości pakietów przedsięwzięć" in _document(both, tmp_path / "both")
    sheets = _chapter(_document(copy_tiny(tmp_path / "s"), tmp_path / "s"), "Ramy finansowe")
    assert "pakietów" not in sheets
    assert "Źródło: opracowanie własne na podstawie fiszek projektowych\n" in sheets


def test_a_package_with_uncosted_sheets_says_the_framework_counts_its_own_value(tmp_path):
    """metro_association: WK2 holds WZ-01, a sheet without a cost; the framework counts
    WK2's estimate, but the package's section showed only "brak danych"."""
    root = copy_tiny(tmp_path)
    _bundles(root)
    rewrite(root / "investments" / "P2.yaml", lambda d: (
        d.pop("cost"), d.pop("funding"), d.update(package="W2")))
    text = _document(root, tmp_path)
    section = text[text.index("### W2. Ciepło"):]
    assert ("Przedsięwzięcia pakietu nie mają jeszcze fiszek z kosztem; ramy finansowe "
            "ujmują pakiet jego własną wartością: ok. 100 mln zł.") in section
    assert "| P2 " in section.split("###")[1]


def test_the_amounts_not_given_to_years_are_said_by_why_and_whose(tmp_path):
    """coastal: "Kwot szacunkowych i kwot przedsięwzięć bez okresu realizacji nie
    dzielono…" though it has no estimate; only PWS-09's amounts lack years."""
    root = copy_tiny(tmp_path)
    edit(root, "investments/P2.yaml", "years: {first: 2024, last: 2026}\n", "")
    text = _chapter(_document(root, tmp_path), "Ramy finansowe")
    assert "Kwot szacunkowych" not in text
    assert ("Kwot przedsięwzięć bez okresu realizacji (P2) nie dzielono na lata: tabela "
            "według lat podaje je w osobnym wierszu.") in text
    edit(root, "investments/P1.yaml", "cost: 2500000\n",
         "cost: {value: 2500000, estimate: true, precision: 100000}\n")
    edit(root, "investments/P1.yaml", "amount: 2125000}", "amount: {value: 2125000, "
         "estimate: true, precision: 100000}}")
    text = _chapter(_document(root, tmp_path), "Ramy finansowe")
    assert ("Kwot szacunkowych (P1) i kwot przedsięwzięć bez okresu realizacji (P2) nie "
            "dzielono na lata") in text
    en = _chapter(_document(copy_tiny(tmp_path / "en"), tmp_path / "en", "en"),
                  "Ramy finansowe")
    assert "have not been divided between years" not in en


def test_a_framework_with_nothing_costed_gives_no_total_of_0_zl(tmp_path):
    """Sheets without a cost and no package: "Łączny szacunkowy koszt wynosi 0 zł; sumy
    w tabelach są równe sumie kosztów z fiszek" and tables of zeros at 100,0%."""
    root = copy_tiny(tmp_path)
    _no_costs(root)
    text = _chapter(_document(root, tmp_path), "Ramy finansowe")
    assert "0 zł" not in text and "| Źródło finansowania" not in text
    assert ("Przedsięwzięcia z fiszką projektową (P1, P2) nie mają jeszcze szacunkowego "
            "kosztu, a żaden pakiet nie ma własnej wartości, więc ram finansowych nie można "
            "jeszcze wyliczyć.") in text
    en = _chapter(_document(root, tmp_path / "en", "en"), "Ramy finansowe")
    assert "0 PLN" not in en and "cannot be calculated yet" in en


def test_the_plan_by_year_runs_to_the_end_of_the_strategy_s_period(tmp_path):
    """The tiny strategy runs 2022–2030 and its projects 2023–2026: the by-year table
    and its chart cover the whole period, a year without amounts showing 0 zł (a plan
    that stopped at the last project's year looked like a strategy ending there)."""
    text = _chapter(_document(copy_tiny(tmp_path), tmp_path), "Ramy finansowe")
    years = re.findall(r"^\| (20\d\d) \|", text, re.M)
    assert years == [str(y) for y in range(2022, 2031)], years
    assert "| 2030 | 0 zł | 0 zł | 0 zł | 0 zł | 0 zł |" in text
    assert "w latach 2022–2030 według źródeł finansowania" in text
