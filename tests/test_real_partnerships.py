"""Three strategies in the shapes of real partnerships (issue 9, item 9) build to DOCX,
PDF and HTML, and their documents state nothing their sections contradict.

The fixtures are sections folders a working group would write (tests/fixtures/real/):

- coastal: 6 gminas and a national park as a supporting partner, 21 single-beneficiary
  projects in 7 joint ZPT packages, 5 joint directions as the only level, to 2030 with a
  horizon of 2033, the territorial profile (art. 29 CPR);
- metro_association: an association of 15 gminas (a city with powiat rights among
  them) as author and coordinator, 7 domains (one cross-cutting) over action plans 2.1-2.8,
  bundles known only by estimates, a consultation recorded in totals (231 comments);
- metro_union: a metropolitan union of 41 gminas as author, 5 priorities, 17 goals, 40
  directions numbered as written (2.10 among them), trend targets, 2022-2027 with a
  perspective to 2035, one survey without a sample size.

Every expected sentence is computed here from the fixture's own files, so a test fails
when the document says what the data does not.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
import yaml
from checking import run_check

from strategy.checks import readiness
from strategy.pipeline import Progress, build, load_and_validate

REAL = Path(__file__).parent / "fixtures" / "real"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


class Built:
    """One fixture's documents as a reader gets them."""

    def __init__(self, root: Path, out: Path) -> None:
        written, problems, _ = build(root, out, {"docx", "pdf", "html"}, Progress(quiet=True),
                                     cache=False)
        assert written, problems
        self.root = root
        self.files = {p.suffix: p for p in written}
        self.docx = docx.Document(str(self.files[".docx"]))
        paragraphs = [p.text for p in self.docx.paragraphs]
        cells = [c.text for t in self.docx.tables for r in t.rows for c in r.cells]
        self.text = _flat("\n".join(paragraphs + cells))
        # without the chapter numbers Word prints before them ("4.2.\t")
        self.headings = [_flat(re.sub(r"^[\d.]+\t", "", p.text)) for p in self.docx.paragraphs
                         if p.style is not None and p.style.name.startswith("Heading")]
        reader = pypdf.PdfReader(str(self.files[".pdf"]))
        self.pages = [_flat(page.extract_text() or "") for page in reader.pages]
        self.html = self.files[".html"].read_text("utf-8")

    def table(self, first_header: str) -> list[list[str]]:
        """The rows (header first) of the DOCX table whose first header cell is this."""
        for t in self.docx.tables:
            rows = [[_flat(c.text) for c in r.cells] for r in t.rows]
            if rows and rows[0][0] == first_header:
                return rows
        raise AssertionError(f"no table headed {first_header!r}")

    def project_list(self) -> list[list[str]]:
        """The list of joint investments (the table with the projects' years)."""
        return next(t for t in self.tables("Nr") if "Lata" in t[0])

    def tables(self, first_header: str) -> list[list[list[str]]]:
        found = []
        for t in self.docx.tables:
            rows = [[_flat(c.text) for c in r.cells] for r in t.rows]
            if rows and rows[0][0] == first_header:
                found.append(rows)
        return found


def _yaml(root: Path, name: str) -> Any:
    return yaml.safe_load((root / name).read_text("utf-8"))


def _sheets(root: Path) -> list[dict[str, Any]]:
    return [yaml.safe_load(p.read_text("utf-8"))
            for p in sorted((root / "investments").glob("*.yaml"))]


def _sheet(built: Built, ident: str) -> dict[str, str]:
    """A project sheet's fields (row header -> value), found by its ID in the caption's
    heading: the sheets follow their headings in the document's order."""
    for rows in built.tables("Pole fiszki"):
        fields = dict((r[0], r[1]) for r in rows[1:])
        if fields.get("Zakres") == next(s["scope"] for s in _sheets(built.root)
                                        if s["id"] == ident):
            return fields
    raise AssertionError(f"no sheet of {ident}")


def _kinds_sentence(members: list[dict[str, Any]]) -> str:
    """How the document counts the members by kind, computed from the data."""
    kinds = Counter(m["kind"] for m in members)
    assert set(kinds) <= {"urban", "rural", "urban-rural", "city-county"}
    return kinds


def _problems(root: Path) -> tuple[list[dict], list[dict]]:
    run = run_check(root)
    errors = [p for p in run.problems if p["severity"] == "error"]
    warnings = [p for p in run.problems if p["severity"] == "warning"]
    return errors, warnings


# --- coastal: a ZPT partnership with a national park -------------------------------------

COASTAL = REAL / "coastal"


@pytest.fixture(scope="module")
def coastal(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return Built(COASTAL, tmp_path_factory.mktemp("coastal"))


def test_coastal_checks_clean():
    errors, warnings = _problems(COASTAL)
    assert errors == [] and warnings == [], (errors, warnings)


def test_coastal_members_are_the_gminas_and_the_park_is_a_supporting_partner(coastal: Built):
    data = _yaml(COASTAL, "partnership.yaml")
    members = [r[0] for r in coastal.table("Członek partnerstwa")[1:]]
    assert members == [m["name"] for m in data["members"]]
    assert "Słowiński Park Narodowy" not in members
    partners = [r[0] for r in coastal.table("Partner wspierający")[1:]]
    assert partners == ["Słowiński Park Narodowy"]
    kinds = _kinds_sentence(data["members"])
    assert kinds == {"rural": 4, "urban": 2}
    assert "skupia 6 gmin: 2 miejskie i 4 wiejskie." in coastal.text
    assert "Prace partnerstwa koordynuje Gmina Miejska Łeba." in coastal.text
    assert "Partnerstwo „Partnerstwo" not in coastal.text
    # a partnership without a council: its council draft names none
    assert "council" not in data and "projekt do zaopiniowania" in coastal.text
    assert "Rady Partnerstwa" not in coastal.text


def test_coastal_directions_are_the_top_level_in_the_partnerships_words(coastal: Built):
    level = _yaml(COASTAL, "directions.yaml")["level"]
    assert any(h.startswith(level["plural"].capitalize()) for h in coastal.headings)
    for d in _yaml(COASTAL, "directions.yaml")["directions"]:
        assert f"{d['id']}. {d['title']}" in coastal.headings
    assert not any(h.startswith("Cele") for h in coastal.headings)


def test_coastal_horizon_is_printed(coastal: Built):
    assert "w perspektywie 2033 roku" in coastal.pages[0]
    # a package runs to the horizon: the project list and its sheet show it
    assert "2027–2033" in coastal.text


def test_coastal_project_list_says_which_projects_its_total_and_schedule_leave_out(
        coastal: Built):
    sheets = _sheets(COASTAL)
    assert len(sheets) == 21
    uncosted = [s["id"] for s in sheets if "cost" not in s]
    unscheduled = [s["id"] for s in sheets if "years" not in s]
    eu = [s["id"] for s in sheets
          if any(f["source"] == "eu_regional" for f in s.get("funding", []))]
    total = sum(s.get("cost", 0) for s in sheets)
    amount = f"{total:,}".replace(",", " ")
    assert (f"Łączny szacunkowy koszt {21 - len(uncosted)} z nich wynosi {amount} zł; suma nie "
            f"obejmuje {len(uncosted)} przedsięwzięć bez szacunku kosztów "
            f"({', '.join(uncosted)}).") in coastal.text
    assert (f"Harmonogram nie obejmuje {len(unscheduled)} przedsięwzięć bez określonych lat "
            f"realizacji ({', '.join(unscheduled)}).") in coastal.text
    assert f"Fiszki {len(eu)} z 21 przedsięwzięć ({', '.join(eu)}) wskazują" in coastal.text
    assert "mogą ubiegać się o wsparcie" not in coastal.text
    rows = {r[0]: r for r in coastal.project_list()[1:]}
    assert rows["PWS-12"][2] == "brak danych"  # no leader yet
    assert rows["PWS-12"][3] == "brak danych" and rows["PWS-12"][4] == "brak danych"


def test_coastal_packages_are_joint_and_list_their_single_beneficiary_projects(coastal: Built):
    packages = _yaml(COASTAL, "packages.yaml")["packages"]
    assert len(packages) == 7
    for p in packages:
        assert f"{p['id']}. {p['title']}" in coastal.headings
    assert coastal.text.count("Jest to przedsięwzięcie wspólne partnerów") == 7
    sheet = _sheet(coastal, "PWS-06")
    assert sheet["Lider"] == "Słowiński Park Narodowy"
    # the park's own contribution is not the members' money
    assert "Wkład własny członków" not in coastal.text


def test_coastal_readiness_names_the_territorial_profile(coastal: Built):
    assert "strategia terytorialna w rozumieniu art. 29 rozporządzenia (UE) 2021/1060" in (
        coastal.text)
    assert "art. 10e" not in coastal.text.split("Zgodność strategii z wymogami prawa")[-1]


def test_coastal_states_no_survey_and_no_osi_it_does_not_have(coastal: Built):
    """A territorial strategy need not rest on surveys of its own nor name OSI or a
    spatial policy of art. 10e u.s.g.: the coastal folder has no surveys.yaml and no
    areas.yaml, and the document says nothing about either."""
    assert not (COASTAL / "surveys.yaml").exists() and not (COASTAL / "areas.yaml").exists()
    assert "Wyniki badań ankietowych" not in coastal.headings
    assert "W badaniach społecznych" not in coastal.text
    assert "Obszary strategicznej interwencji" not in coastal.headings


def test_a_supra_local_strategy_without_osi_is_told_which_profile_requires_them(
        tmp_path: Path):
    import shutil

    root = tmp_path / "coastal"
    shutil.copytree(COASTAL, root)
    (root / "strategy.yaml").write_text((root / "strategy.yaml").read_text("utf-8").replace(
        "profile: territorial", "profile: supra_local"), "utf-8")
    _, warnings = _problems(root)
    [missing] = [w for w in warnings if w["code"] == "law.kind_required"
                 and "„areas”" in w["message"]]
    assert missing["file"] == "strategy.yaml"  # at the profile it names
    assert "strategia rozwoju ponadlokalnego" in missing["message"]


# --- metro_association: an association as coordinator, domains, bundles, 231 comments --

ASSOCIATION = REAL / "metro_association"


@pytest.fixture(scope="module")
def association(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return Built(ASSOCIATION, tmp_path_factory.mktemp("association"))


def test_association_checks_with_only_the_warnings_its_drafts_deserve():
    """The bundles' two project sheets name no leader, funding or indicators yet: the
    supra-local profile requires leader and funding before adoption (located, the
    profile named), and a sheet without indicators is incomplete."""
    errors, warnings = _problems(ASSOCIATION)
    assert errors == [], errors
    assert Counter(w["code"] for w in warnings) == {
        "rule.investment_incomplete": 2, "rule.investment_without_indicators": 2}
    incomplete = [w for w in warnings if w["code"] == "rule.investment_incomplete"]
    assert {w["file"] for w in incomplete} == {"investments/WZ-01.yaml",
                                                "investments/WZ-02.yaml"}
    assert all("strategia ponadlokalna" in w["message"] and "leader, funding" in w["message"]
               for w in incomplete)


def test_association_readiness_and_final_gate_report_the_missing_leaders():
    strategy = load_and_validate(ASSOCIATION).strategy
    missing = {i.element.id: i for i in readiness.missing(strategy)}
    financing = missing["financing"]
    assert financing.status == "incomplete"
    assert "WZ-01, WZ-02" in financing.finding.text("pl")


def test_association_final_gate_blocks_on_each_sheet_without_leader_or_funding():
    from strategy.checks import final

    found = final.blockers(load_and_validate(ASSOCIATION))
    sheets = {b.problem.mark.file.name for b in found
              if b.problem.code == "rule.investment_incomplete"}
    assert sheets == {"WZ-01.yaml", "WZ-02.yaml"}
    [framework] = [b for b in found if b.kind == "readiness"
                   and "WZ-01, WZ-02" in b.problem.params["detail"]["pl"]]
    assert "art. 10e ust. 3 pkt 9" in framework.problem.params["basis"]["pl"]


def test_association_is_the_coordinator_and_not_a_member(association: Built):
    data = _yaml(ASSOCIATION, "partnership.yaml")
    members = [r[0] for r in association.table("Członek partnerstwa")[1:]]
    assert members == [m["name"] for m in data["members"]] and len(members) == 15
    assert "Stowarzyszenie Metropolia Krakowska" not in members
    assert "Prace partnerstwa koordynuje Stowarzyszenie Metropolia Krakowska." in (
        association.text)
    assert "Liderem partnerstwa jest" not in association.text
    kinds = _kinds_sentence(data["members"])
    assert kinds == {"city-county": 1, "urban-rural": 4, "rural": 10}
    assert ("skupia 15 jednostek samorządu terytorialnego: 1 miasto na prawach powiatu i 14 "
            "gmin (4 miejsko-wiejskie i 10 wiejskich).") in association.text
    assert "Partnerstwo „Stowarzyszenie" not in association.text


def test_association_domains_and_action_plans_keep_their_names_and_numbers(
        association: Built):
    assert "Wizja i dziedziny współpracy" in association.headings
    assert "Plany działania" in association.headings
    for d in yaml.safe_load((ASSOCIATION / "directions.yaml").read_text("utf-8"))[
            "directions"]:
        assert f"{d['id']}. {d['title']}" in association.headings
    assert "Charakter przekrojowy: 7. Współpraca i zarządzanie metropolitalne." in (
        association.text)


def test_association_bundles_carry_only_their_estimates(association: Built):
    assert "ramy finansowe ujmują pakiet jego własną wartością: ok. 2,2 mld zł." in (
        association.text)
    assert "Łączny szacunkowy koszt wynosi ok. 4,2 mld zł." in association.text
    assert "Partnerstwo planuje 2 przedsięwzięcia; żadne nie ma jeszcze szacunku " \
           "kosztów." in association.text
    # the framework is the bundles' estimates alone, and says so; the uncosted sheets are
    # never said to have a cost given apart
    assert ("Ramy finansowe wyliczono z szacunkowej wartości 4 pakietów przedsięwzięć, dla "
            "których nie ma jeszcze fiszek z kosztami: WK1, WK2, WK3, WK4.") in association.text
    assert "Ujęto w nich" not in association.text
    assert "podziału kosztu na źródła finansowania (WZ-01, WZ-02)" not in association.text
    total = association.project_list()[-1]
    assert total[0] == "Razem" and total[3] == "brak danych", total
    for ident in ("WZ-01", "WZ-02"):
        sheet = _sheet(association, ident)
        assert sheet["Lider"] == sheet["Okres realizacji"] == "brak danych"
        assert sheet["Źródła finansowania"] == sheet["Szacunkowy koszt"] == "brak danych"
    assert "Harmonogram wspólnych przedsięwzięć" not in association.text
    assert "lista nie ma harmonogramu" in association.text


def test_association_consultation_reports_its_231_comments(association: Built):
    comments = _yaml(ASSOCIATION, "consultation.yaml")["comments"]
    assert "nie zgłoszono uwag" not in association.text
    assert "konsultacji jeszcze nie przeprowadzono" not in association.text
    assert f"W konsultacjach zgłoszono {comments['received']} uwag." in association.text
    rows = {r[0]: r[1] for r in association.table("Rozstrzygnięcie")[1:]}
    assert rows == {"uwzględniona": str(comments["accepted"]),
                    "uwzględniona częściowo": str(comments["partly"]),
                    "nieuwzględniona": str(comments["rejected"]),
                    "Razem": str(comments["received"])}
    assert "https://www.metropoliakrakowska.pl/konsultacje/raport" in association.text


# --- metro_union: 41 gminas, three levels, trends, a perspective ----------------------

UNION = REAL / "metro_union"


@pytest.fixture(scope="module")
def union(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return Built(UNION, tmp_path_factory.mktemp("union"))


def test_union_checks_clean():
    errors, warnings = _problems(UNION)
    assert errors == [] and warnings == [], (errors, warnings)


def test_union_folder_is_what_its_generator_writes(tmp_path: Path, monkeypatch):
    """The committed files are the generator's output: a change to one is made in both."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_metro_union",
                                                  REAL / "make_metro_union.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "HERE", tmp_path)
    module.main()
    for name in ("partnership.yaml", "goals.yaml", "directions.yaml"):
        assert (tmp_path / name).read_text("utf-8") == (UNION / name).read_text("utf-8"), name


def test_union_counts_its_41_members_by_kind_and_is_their_coordinator(union: Built):
    data = _yaml(UNION, "partnership.yaml")
    rows = union.table("Członek partnerstwa")[1:]
    assert [r[0] for r in rows] == [m["name"] for m in data["members"]] and len(rows) == 41
    assert "Górnośląsko-Zagłębiowska Metropolia" not in [r[0] for r in rows]
    kinds = _kinds_sentence(data["members"])
    gminas = kinds["urban"] + kinds["rural"] + kinds["urban-rural"]
    assert (f"skupia 41 jednostek samorządu terytorialnego: {kinds['city-county']} miast na "
            f"prawach powiatu i {gminas} gmin ({kinds['urban']} miejskich, "
            f"{kinds['urban-rural']} miejsko-wiejskie i {kinds['rural']} wiejskich).") in (
        union.text)
    assert "Prace partnerstwa koordynuje Górnośląsko-Zagłębiowska Metropolia." in union.text
    # the union is its coordinating body, called by its own name, never a "Partnerstwo";
    # with no council, its council draft is not "dla Rady Partnerstwa"
    assert "Partnerstwo „Górnośląsko" not in union.text
    assert "Rady Partnerstwa" not in union.text or data.get("council")


def test_union_hierarchy_has_its_levels_and_ids_as_written(union: Built):
    goals = _yaml(UNION, "goals.yaml")["goals"]
    assert len(goals) == 5 and sum(len(p["goals"]) for p in goals) == 17
    directions = (UNION / "directions.yaml").read_text("utf-8")
    ids = re.findall(r"id: (\d+\.\d+),", directions)
    assert len(ids) == 40 and "2.10" in ids  # written unquoted, kept as typed
    assert "2.10. Dane dla gospodarki" in union.headings
    assert "2.1. Obsługa inwestorów" in union.headings
    assert sum(1 for h in union.headings if re.match(r"\d+\.\d+\. ", h)) == 40
    assert "Kierunki działania" in union.headings
    for p in goals:
        assert f"{p['id']}. {p['title']}" in union.headings


def test_union_targets_are_worded_as_trends_and_the_perspective_is_printed(union: Built):
    for words in ("wzrost (2035)", "spadek (2035)", "stabilizacja (2035)",
                  "wzrost – szybciej niż w województwie"):
        assert words in union.text, words
    assert "z perspektywą do 2035 roku" in union.pages[0]
    assert "2022–2027, z perspektywą do 2035 roku" in union.text


def test_union_surveyed_only_residents_without_a_sample_size(union: Built):
    assert "W badaniach społecznych zapytano o opinię mieszkańców z obszaru partnerstwa." in (
        union.text)
    assert "lokalnych liderów" not in union.text and "uczniów" not in union.text
    row = union.table("Badanie")[1]
    assert row[3] == "brak danych"


def test_every_fixture_builds_html_too(coastal: Built, association: Built, union: Built):
    for built in (coastal, association, union):
        assert "<h1" in built.html and len(built.pages) > 5
