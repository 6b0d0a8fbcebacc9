"""Who takes part: members (who adopt the strategy) and supporting partners (who take
part without adopting it), one entity model with a kind and optional identifiers, the
coordinator named once, and a document that tells them apart in words computed from
the data, in Polish and in English."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from checking import run_check

from strategy.checks.rules import regon_valid, teryt_fits
from strategy.compose.compose import compose
from strategy.compose.typography import NBSP
from strategy.pipeline import load_and_validate

TINY = Path(__file__).parent / "fixtures" / "tiny"


# --- identifiers by their real rules ----------------------------------------------------

@pytest.mark.parametrize("regon", ["123456785", "630257493", "12345678512347"])
def test_a_regon_with_its_check_digit_holds(regon):
    assert regon_valid(regon)


@pytest.mark.parametrize("regon", [
    "123456786",        # the last digit changed
    "132456785",        # two digits swapped
    "12345678512348",   # a 14-digit REGON with a wrong check digit
    "12345678612342",   # check digit right, but the first nine digits are no REGON
])
def test_a_regon_with_a_typo_fails_its_check_digit(regon):
    assert not regon_valid(regon)


@pytest.mark.parametrize(("teryt", "kind", "fits"), [
    ("1410023", "urban-rural", True),
    ("1410012", "rural", True),
    ("1410012", "urban", False),         # the last digit is the gmina's kind
    ("1261011", "city-county", True),    # Kraków: an urban gmina's code, powiat 61
    ("1261011", "urban", False),         # a city with powiat rights is not an ordinary town
    ("1410011", "city-county", False),   # powiat 10 is a land powiat
    ("1410", "powiat", True),
    ("1261", "powiat", False),           # 61 and up are cities with powiat rights
    ("14", "voivodeship", True),
    ("1410", "voivodeship", False),
    ("1410023", "powiat", False),
])
def test_a_teryt_code_fits_the_kind_of_its_unit(teryt, kind, fits):
    assert teryt_fits(teryt, kind) is fits


# --- a strategy written by a partnership of another shape --------------------------------

def _strategy(tmp_path: Path, partnership: dict, edit=None) -> Path:
    root = tmp_path / "sections"
    shutil.copytree(TINY, root)
    (root / "partnership.yaml").write_text(
        yaml.safe_dump(partnership, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if edit is not None:
        edit(root)
    return root


def _gmina(ident: str, name: str, kind: str, teryt: str, **more) -> dict:
    return {"id": ident, "name": name, "kind": kind, "teryt": teryt, **more}


# A coastal partnership of six gminas under an association's coordination, a national
# park as a supporting partner: the shape the example does not have.
COAST = {
    "name": "Stowarzyszenie Gmin Wybrzeża",
    "voivodeship": "pomorskie",
    "coordinator": "stowarzyszenie",
    "members": [
        _gmina("leba", "Gmina Miejska Łeba", "urban", "2215011", source="TERC GUS 2024"),
        _gmina("ustka", "Gmina Ustka", "rural", "2212082", source="TERC GUS 2024"),
        _gmina("smoldzino", "Gmina Smołdzino", "rural", "2212062", source="TERC GUS 2024"),
        _gmina("wicko", "Gmina Wicko", "rural", "2208122", source="TERC GUS 2024"),
        _gmina("glowczyce", "Gmina Główczyce", "rural", "2212022", source="TERC GUS 2024"),
        _gmina("leba2", "Gmina Nowa Wieś Lęborska", "urban-rural", "2208063",
               source="TERC GUS 2024"),
    ],
    "partners": [
        {"id": "stowarzyszenie", "name": "Stowarzyszenie Gmin Wybrzeża", "kind": "association",
         "role": "koordynacja i autorstwo strategii", "krs": "0000123456"},
        {"id": "spn", "name": "Słowiński Park Narodowy", "kind": "national-park",
         "role": "ochrona przyrody, projekty edukacyjne", "regon": "123456785"},
    ],
    "council": [{"role": "other", "function": "Dyrektor Parku", "member": "spn"}],
    "working_group": [{"name": "Anna Nowak", "member": "stowarzyszenie"}],
}


def _coast(root: Path) -> None:
    """The tiny fixture's other sections, pointed at the coastal members."""
    for name, old, new in [
        ("directions.yaml", "members: [alfa, beta]", "members: [leba, ustka]"),
        ("areas.yaml", "members: [beta]", "members: [ustka]"),
        ("investments/P1.yaml", "leader: alfa", "leader: spn"),
        ("investments/P1.yaml", "partners: [beta]", "partners: [stowarzyszenie, ustka]"),
        ("investments/P2.yaml", "leader: beta", "leader: wicko"),
    ]:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    diagnosis = root / "diagnosis.yaml"
    data = yaml.safe_load(diagnosis.read_text(encoding="utf-8"))
    for chapter in data["chapters"]:
        for ind in chapter.get("indicators", []):
            if "values" in ind:
                ind["values"] = {m["id"]: 1.0 for m in COAST["members"]}
    diagnosis.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                         encoding="utf-8")
    meetings = root / "meetings.yaml"
    text = meetings.read_text(encoding="utf-8")
    meetings.write_text(re.sub(r"participants: \[[^\]]*\]",
                               "participants: [leba, ustka, spn]", text), encoding="utf-8")


def _document(root: Path, tmp_path: Path, lang: str = "pl") -> str:
    validated = load_and_validate(root)
    errors = [p.message("en") for p in validated.problems if p.severity == "error"]
    assert validated.strategy is not None and not errors, errors
    validated.strategy.strategy.language = lang
    md = compose(validated.strategy, tmp_path / f"assets-{lang}", root, draw=False).markdown
    return re.sub(r"\\(.)", r"\1", md).replace(NBSP, " ")


def test_a_partner_may_coordinate_lead_a_project_sit_on_the_council_and_attend(tmp_path):
    root = _strategy(tmp_path, COAST, _coast)
    run = run_check(root)
    assert [p for p in run.problems if p["severity"] == "error"] == []


def test_the_document_counts_the_members_by_kind_and_names_the_partner_as_coordinator(tmp_path):
    md = _document(_strategy(tmp_path, COAST, _coast), tmp_path)
    # The name already says what the body is: used as written.
    assert "Partnerstwo „Stowarzyszenie" not in md
    assert ("Stowarzyszenie Gmin Wybrzeża (województwo pomorskie) skupia 6 gmin: "
            "1 miejska, 1 miejsko-wiejska i 4 wiejskie.") in md
    assert "Prace partnerstwa koordynuje Stowarzyszenie Gmin Wybrzeża." in md
    assert "Liderem partnerstwa jest" not in md and "Gmina Miejska Łeba." not in md
    assert ("W pracach partnerstwa uczestniczą też 2 partnerzy wspierający, którzy nie "
            "przyjmują strategii: Stowarzyszenie Gmin Wybrzeża i Słowiński Park Narodowy.") in md
    # The partners' table: kind, identifier, role.
    assert "| Słowiński Park Narodowy | park narodowy | REGON 123456785 | ochrona przyrody" in md
    assert "KRS 0000123456" in md and ": Partnerzy wspierający" in md
    # The members' table's source is the members' own, never a fixed register and date.
    assert "Źródło: TERC GUS 2024" in md
    assert "stan na 1 stycznia 2024" not in md
    # A partner in a meeting is counted apart from the members.
    assert "2/6, partnerzy: Słowiński Park Narodowy" in md
    assert "| Koordynator partnerstwa | Stowarzyszenie Gmin Wybrzeża |" in md
    # Its working group is the association's staff: not "representatives of the members".
    assert "z przedstawicieli urzędów członków" not in md
    assert "Projekt strategii opracowała grupa robocza w składzie:" in md


def test_the_english_document_tells_members_and_partners_apart_as_well(tmp_path):
    md = _document(_strategy(tmp_path, COAST, _coast), tmp_path, "en")
    assert "The partnership “Stowarzyszenie" not in md
    assert ("Stowarzyszenie Gmin Wybrzeża (voivodeship: pomorskie) brings together 6 gminas: "
            "1 urban, 1 urban-rural and 4 rural.") in md
    assert "The work of the partnership is coordinated by Stowarzyszenie Gmin Wybrzeża." in md
    assert ("2 supporting partners also take part in the work of the partnership without "
            "adopting the strategy: Stowarzyszenie Gmin Wybrzeża and Słowiński Park Narodowy."
            ) in md
    assert "| Słowiński Park Narodowy | national park | REGON 123456785 |" in md


def test_without_a_coordinator_the_document_names_none(tmp_path):
    partnership = {**COAST, "coordinator": None}
    del partnership["coordinator"]
    md = _document(_strategy(tmp_path, partnership, _coast), tmp_path)
    assert "koordynuje" not in md and "Koordynator partnerstwa" not in md
    assert "Liderem" not in md and "Lider partnerstwa" not in md


@pytest.mark.parametrize(("kinds", "pl", "en"), [
    (["rural"] * 5, "skupia 5 gmin wiejskich.", "brings together 5 rural gminas."),
    (["rural"] * 22, "skupia 22 gminy wiejskie.", "brings together 22 rural gminas."),
    (["rural"] * 12, "skupia 12 gmin wiejskich.", "brings together 12 rural gminas."),
    (["urban-rural", "rural", "rural", "powiat"],
     "skupia 4 jednostki samorządu terytorialnego: 3 gminy (1 miejsko-wiejska i 2 wiejskie) "
     "i 1 powiat.",
     "brings together 4 local government units: 3 gminas (1 urban-rural and 2 rural) and "
     "1 powiat."),
    (["city-county", "rural", "rural", "metropolitan-union"],
     "skupia 4 podmioty: 1 miasto na prawach powiatu, 2 gminy wiejskie i 1 związek "
     "metropolitalny.",
     "brings together 4 bodies: 1 city with powiat rights, 2 rural gminas and 1 metropolitan "
     "union."),
])
def test_the_members_are_counted_with_the_plural_forms_of_each_language(
        tmp_path, kinds, pl, en):
    teryt = {"urban-rural": "1410023", "rural": "1410{:02d}2", "powiat": "1410",
             "city-county": "1465011"}
    members = []
    for i, kind in enumerate(kinds):
        code = teryt.get(kind)
        members.append({"id": f"m{i}", "name": f"Gmina {i}", "kind": kind,
                        **({"teryt": code.format(i + 1)} if code else {})})
    members[0]["id"], members[1]["id"] = "alfa", "beta"
    if len(members) > 2:
        members[2]["id"] = "powiat"
    partnership = {"name": "Razem", "voivodeship": "mazowieckie", "members": members}
    root = _strategy(tmp_path, partnership)
    assert f"Partnerstwo „Razem” (województwo mazowieckie) {pl}" in _document(root, tmp_path)
    assert f"The partnership “Razem” (voivodeship: mazowieckie) {en}" in _document(
        root, tmp_path, "en")


def test_the_members_table_shows_only_the_columns_its_data_fills(tmp_path):
    members = [{"id": "alfa", "name": "Miasto Alfa", "kind": "city-county", "teryt": "1465011",
                "source": "BIP miasta"},
               {"id": "beta", "name": "Gmina Beta", "kind": "rural", "teryt": "1412012",
                "source": "BIP gminy"},
               {"id": "powiat", "name": "Gmina Gamma", "kind": "rural", "teryt": "1412022",
                "source": "BIP gminy"}]
    md = _document(_strategy(tmp_path, {"name": "Razem", "voivodeship": "mazowieckie",
                                        "members": members}), tmp_path)
    table = md[md.index("| Członek partnerstwa"):md.index(": Członkowie partnerstwa")]
    assert table.splitlines()[0] == "| Członek partnerstwa | Rodzaj | Kod TERYT |"
    assert "Źródło: BIP miasta; BIP gminy" in md  # each source once, in the members' order
    assert "lata danych o ludności" not in md      # no population figures at all


# --- where a territory is meant, only members ---------------------------------------------

def _problems(root: Path, code: str) -> list[dict]:
    return [p for p in run_check(root).problems if p["code"] == code]


@pytest.mark.parametrize(("file", "old", "new"), [
    ("areas.yaml", "members: [beta]", "members: [spn]"),
    ("directions.yaml", "members: [leba, ustka]", "members: [leba, spn]"),
])
def test_a_partner_named_where_a_territory_is_meant_is_an_error_that_says_why(
        tmp_path, file, old, new):
    def edit(root: Path) -> None:
        _coast(root)
        path = root / file
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old.replace("[beta]", "[ustka]"), new), encoding="utf-8")

    found = _problems(_strategy(tmp_path, COAST, edit), "rule.partner_not_territory")
    assert len(found) == 1 and found[0]["file"].endswith(file)
    assert "partner wspierający" in found[0]["message"]
    assert "leba" in found[0]["hint"] and "members" in found[0]["hint"]


def test_indicator_values_for_a_partner_are_refused_as_a_territory(tmp_path):
    def edit(root: Path) -> None:
        _coast(root)
        diagnosis = root / "diagnosis.yaml"
        data = yaml.safe_load(diagnosis.read_text(encoding="utf-8"))
        ind = next(i for c in data["chapters"] for i in c.get("indicators", []) if "values" in i)
        ind["values"]["spn"] = 3.0
        diagnosis.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                             encoding="utf-8")

    found = _problems(_strategy(tmp_path, COAST, edit), "rule.partner_not_territory")
    assert [p["file"].endswith("diagnosis.yaml") for p in found] == [True]


def test_the_same_regon_or_krs_twice_is_an_error_at_the_second(tmp_path):
    partners = [dict(p) for p in COAST["partners"]]
    partners[1]["krs"] = "0000123456"
    partners[0]["regon"] = partners[1]["regon"]
    root = _strategy(tmp_path, {**COAST, "partners": partners}, _coast)
    krs = _problems(root, "rule.duplicate_krs")
    regon = _problems(root, "rule.duplicate_regon")
    assert len(krs) == 1 and "stowarzyszenie" in krs[0]["message"]
    assert len(regon) == 1 and "stowarzyszenie" in regon[0]["message"]


def test_an_old_leader_key_says_in_english_too_what_to_write_instead(tmp_path):
    def edit(root: Path) -> None:
        path = root / "partnership.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("coordinator: alfa\n", "").replace(
            "    seat: Alfa\n", "    seat: Alfa\n    leader: true\n"), encoding="utf-8")

    root = tmp_path / "sections"
    shutil.copytree(TINY, root)
    edit(root)
    run = run_check(root, "--lang", "en")
    found = [p for p in run.problems if p["code"] == "partnership.leader_retired"]
    assert run.exit_code == 1 and len(found) == 1
    assert "coordinator: alfa" in found[0]["hint"]
    assert found[0]["line"] == 12
