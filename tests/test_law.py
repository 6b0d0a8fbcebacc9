"""Legal profiles: the law as data. The record names the strategy's profile; `check` and
`readiness` apply that profile's requirements and say which profile requires what.

Each profile is tried on a complete copy of the tiny strategy (tests/submission.py): a
supra-local strategy (the default), a territorial strategy under art. 29 of Regulation
2021/1060 for a regional programme's instrument, a ZIT strategy, and a supra-local
strategy that also serves as the ZIT strategy."""

from __future__ import annotations

import contextlib
import io
import json
import re
import typing
from pathlib import Path
from typing import Any

import pytest
from checking import run_check
from submission import complete_copy, rewrite

from strategy.checks import readiness
from strategy.checks.judges import CHECKS, JUDGES
from strategy.commands.cli import main
from strategy.language import books
from strategy.language.books import book, leaves
from strategy.language.messages import CATALOG, LANGS, placeholders
from strategy.law.profiles import DEFAULT, WHAT, names, profile
from strategy.model.record import ProfileName
from strategy.pipeline import load_and_validate


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def report(root: Path, *options: str) -> dict[str, Any]:
    _, out, _ = run("readiness", "--sections", str(root), "--format", "json", *options)
    return json.loads(out)


def statuses(root: Path) -> dict[str, str]:
    return {e["id"]: e["status"] for e in report(root)["elements"]}


def name_profile(root: Path, name: str | None = None, serves_as: list[str] | None = None,
                 **record: Any) -> None:
    def change(d: dict[str, Any]) -> None:
        if name:
            d["profile"] = name
        if serves_as:
            d["serves_as"] = serves_as
        d.update(record)
    rewrite(root / "strategy.yaml", change)


def no_spatial_goal(root: Path) -> None:
    rewrite(root / "goals.yaml", lambda d: d["goals"][2].update(dimensions=["economic"]))


def codes(root: Path) -> list[str]:
    return run_check(root).codes()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return complete_copy(tmp_path, status="consultation")


# --- the data files ------------------------------------------------------------------------

def test_the_record_offers_exactly_the_profiles_there_are_files_for():
    assert set(typing.get_args(ProfileName)) == set(names())
    assert names()[0] == DEFAULT == "supra_local"


@pytest.mark.parametrize("name", names())
def test_every_profile_is_complete_in_every_language(name: str):
    p = profile(name)
    for words in (p.name, p.title, p.role, p.laws, p.adoption):
        assert set(words) == set(LANGS) and all(w.strip() for w in words.values())
    for e in p.elements:
        for words in (e.name, e.basis):
            assert set(words) == set(LANGS) and all(w.strip() for w in words.values()), e.id
        assert len({e.name[lang] for lang in LANGS}) == len(LANGS), f"{e.id}: untranslated"


def _codes_of(name: str) -> list[tuple[str, str]]:
    """(element, catalog code) for every code a profile's tests name."""
    found = []
    for e in profile(name).elements:
        for t in e.tests:
            found += [(e.id, c) for c in (t.detail, t.note, t.doc) if c]
            if t.check and t.check.code:
                found += [(e.id, t.check.code), (e.id, t.check.code + ".hint")]
    return found


# The command's own words about the report; every other readiness.* code is a detail.
REPORT_CODES = ("readiness.status.",
                "readiness.heading", "readiness.ready", "readiness.not_ready",
                "readiness.errors", "readiness.where_")


def _details(lang: str) -> dict[str, str]:
    """The document's words for each readiness detail, by dotted name."""
    return dict(leaves(book(lang, "labels")["readiness_details"]))


@pytest.mark.parametrize("name", names())
def test_every_code_a_profile_names_is_in_the_catalog(name: str):
    for element, code in _codes_of(name):
        assert code in CATALOG and set(CATALOG[code]) == set(LANGS), (element, code)


def _kinds_required() -> set[str]:
    """The section kinds a profile can find missing (``kind`` tests, kind_missing)."""
    return {t.kind or t.params.get("kind") for n in names() for e in profile(n).elements
            for t in e.tests if t.kind or t.detail == "readiness.kind_missing"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_detail_the_command_says_the_document_says_in_the_readers_words(lang: str):
    details = _details(lang)
    codes = [c for c in CATALOG if c.startswith("readiness.") and not c.startswith(REPORT_CODES)
             and not c.endswith(".hint")]
    assert len(codes) > 30
    for code in codes:
        name = code.removeprefix("readiness.")
        if name == "kind_missing":
            assert {f"kind_missing.{k}" for k in _kinds_required()} <= set(details)
        elif name == "no_map":
            assert {"no_map.model", "no_map.osi", "no_map.local_osi"} <= set(details)
        else:
            assert name in details, code
            # the reader's words need no more than the command's (or the fields' names)
            assert books.placeholders(details[name]) <= placeholders(code, lang) | {
                "fields"}, code


@pytest.mark.parametrize("name", names())
def test_every_judge_a_profile_names_exists_and_every_checked_judge_can_locate(name: str):
    for e in profile(name).elements:
        for t in e.tests:
            assert t.what in WHAT
            if t.judge:
                assert t.judge in JUDGES, (e.id, t.judge)
            if t.check and t.judge:
                assert t.judge in CHECKS, (e.id, t.judge)


def test_the_readers_words_never_name_a_file_a_key_or_a_code():
    """The document's annex prints these; the officer's report may name files."""
    for lang in LANGS:
        for name, template in _details(lang).items():
            phrase = re.sub(r"\{[^}]*\}", "…", template)  # the placeholders' own names
            assert ".yaml" not in phrase and "/" not in phrase, (name, lang, phrase)
            assert not re.search(r"[„'][a-z_]+[”']", phrase), (name, lang, phrase)
            assert not re.search(r"\b[a-z]+_[a-z_]+\b", phrase), (name, lang, phrase)


# --- the default: the supra-local strategy --------------------------------------------------

def test_a_record_without_a_profile_is_judged_as_a_supra_local_strategy(root: Path):
    unnamed = report(root)
    name_profile(root, "supra_local")
    named = report(root)
    assert [e["id"] for e in unnamed["elements"]] == [e["id"] for e in named["elements"]]
    assert [e["id"] for e in unnamed["elements"]] == [e.id for e in readiness.ELEMENTS]
    assert "profile" not in unnamed  # the report reads as before profiles existed
    assert named["profile"] == {"id": "supra_local", "name": "strategia ponadlokalna",
                                "serves_as": []}


def test_a_named_profile_is_named_in_the_heading_of_the_report(root: Path):
    name_profile(root, "territorial")
    _, out, _ = run("readiness", "--sections", str(root))
    assert out.splitlines()[0].startswith("Gotowość strategii do przekazania (strategia "
                                          "terytorialna): wersja 0.3")
    _, out, _ = run("readiness", "--sections", str(root), "--lang", "en")
    assert out.splitlines()[0].startswith("Readiness of the strategy for submission "
                                          "(territorial strategy)")


def test_a_supra_local_strategy_without_a_spatial_goal_fails_naming_the_profile(root: Path):
    no_spatial_goal(root)
    result = run_check(root)
    assert result.exit_code == 1
    [problem] = [p for p in result.problems if p["code"] == "rule.dimensions"]
    assert problem["file"] == "goals.yaml" and problem["severity"] == "error"
    assert problem["message"] == (
        "Cele strategiczne nie obejmują wymiaru: przestrzenny; wymagane przez art. 10e ust. 3 "
        "pkt 1 w zw. z art. 10g ust. 3 u.s.g. (strategia ponadlokalna).")
    assert "territorial" in problem["hint"]
    assert statuses(root)["goals"] == "incomplete"


def test_the_english_message_names_the_profile_too(root: Path):
    no_spatial_goal(root)
    name_profile(root, language="en")
    [problem] = [p for p in run_check(root).problems if p["code"] == "rule.dimensions"]
    assert problem["message"].endswith(
        "required by art. 10e(3)(1) with art. 10g(3), Act on gmina self-government "
        "(supra-local strategy).")


def test_the_consultation_rules_name_the_provision_and_the_profile(root: Path):
    # the water authority neither as a code nor by its name
    rewrite(root / "consultation.yaml", lambda d: d.update(end="2021-10-05", bodies=[
        "neighbouring_gminas", "social_partners", "economic_partners", "residents"],
        body_names=["Gmina Gamma (sąsiednia)"]))
    problems = {p["code"]: p for p in run_check(root).problems}
    assert problems["consultation.too_short"]["message"].endswith(
        "a ustawa wymaga co najmniej 35; wymagane przez art. 6 ust. 4–5 u.z.p.p. "
        "(strategia ponadlokalna).")
    assert problems["consultation.body_missing"]["message"].endswith(
        "wymagane przez art. 6 ust. 3 u.z.p.p. (strategia ponadlokalna).")


# --- a territorial strategy under art. 29 CPR ------------------------------------------------

def test_a_territorial_strategy_without_a_spatial_goal_passes(root: Path):
    name_profile(root, "territorial")
    no_spatial_goal(root)
    result = run_check(root)
    assert result.exit_code == 0, result.describe()
    assert "rule.dimensions" not in result.codes()
    code, out, _ = run("readiness", "--sections", str(root), "--format", "json")
    assert code == 0, out
    assert [e["id"] for e in json.loads(out)["elements"]] == [
        "cpr_area", "cpr_needs", "cpr_integrated", "cpr_partners"]


def test_a_territorial_strategy_needs_no_statutory_consultation_nor_ex_ante_evaluation(
        root: Path):
    name_profile(root, "territorial")
    (root / "evaluation.yaml").unlink()
    rewrite(root / "consultation.yaml", lambda d: d.update(end="2021-09-20", bodies=["residents"]))
    result = run_check(root)
    assert not {"consultation.too_short", "consultation.body_missing"} & set(result.codes())
    assert set(statuses(root).values()) == {"present"}


def test_art_29_still_binds_a_territorial_strategy(root: Path):
    name_profile(root, "territorial")
    rewrite(root / "partnership.yaml", lambda d: d.update(council=d["council"][:3]))
    assert statuses(root)["cpr_partners"] == "incomplete"
    code, _, err = run("release", "--sections", str(root), "--releases",
                       str(root.parent / "releases"), "--status", "final", "--date",
                       "2021-10-20", "--force", "past warnings, never past the law")
    assert code == 1 and "art. 29 ust. 1 lit. d" in err


# --- a ZIT strategy ---------------------------------------------------------------------------

OPINIONS = [
    {"body": "managing_authority", "date": "2021-10-12", "outcome": "positive",
     "reference": "uchwała nr 12/21 Zarządu Województwa Mazowieckiego z dnia 12 października "
                  "2021 r."},
    {"body": "minister", "date": "2021-10-15", "outcome": "remarks",
     "reference": "pismo ministra z dnia 15 października 2021 r.",
     "response": "Uwagi ministra uwzględniono w rozdziale o realizacji."},
]


def test_a_zit_strategy_waits_for_the_opinions_of_the_managing_authority_and_the_minister(
        root: Path):
    name_profile(root, "zit")
    found = statuses(root)
    assert found["zit_managing_authority"] == found["zit_minister"] == "missing"
    name_profile(root, opinions=OPINIONS)
    assert set(statuses(root).values()) == {"present"}


def test_a_negative_opinion_is_no_opinion_the_strategy_can_rely_on(root: Path):
    name_profile(root, "zit", opinions=[{**OPINIONS[0], "outcome": "negative"}, OPINIONS[1]])
    assert statuses(root)["zit_managing_authority"] == "missing"
    [problem] = [p for p in run_check(root).problems if p["code"] == "opinion.unanswered"]
    assert problem["severity"] == "warning" and "instytucji zarządzającej" in problem["message"]


def test_a_supra_local_strategy_serving_as_the_zit_strategy_meets_both(root: Path):
    name_profile(root, serves_as=["zit"])
    found = report(root)
    ids = [e["id"] for e in found["elements"]]
    assert ids == [e.id for e in readiness.ELEMENTS] + ["zit_managing_authority", "zit_minister"]
    assert found["profile"] == {"id": "supra_local", "name": "strategia ponadlokalna, "
                                "strategia ZIT", "serves_as": ["zit"]}
    no_spatial_goal(root)
    assert "rule.dimensions" in codes(root)  # the supra-local rules still apply


def test_an_unknown_profile_is_an_error_with_the_profiles_there_are(root: Path):
    name_profile(root, "ponadlokalna")
    [problem] = [p for p in run_check(root).problems if p["file"] == "strategy.yaml"]
    assert problem["severity"] == "error"
    assert all(n in problem["hint"] for n in names())


def test_readiness_follows_the_profile_even_for_a_strategy_that_does_not_validate(root: Path):
    name_profile(root, "territorial")
    (root / "conclusions.yaml").unlink()
    found = report(root)
    assert found["errors"] > 0 and len(found["elements"]) == 4


def test_the_law_of_a_validated_strategy_is_its_profile(root: Path):
    name_profile(root, "territorial")
    strategy = load_and_validate(root).strategy
    assert [i.element.id for i in readiness.evaluate_strategy(strategy)] == [
        "cpr_area", "cpr_needs", "cpr_integrated", "cpr_partners"]


# --- a law file with a mistake is refused, naming it ------------------------------------------

GOOD_ELEMENT = """
  - id: conclusions
    name: {pl: Wnioski z diagnozy, en: Conclusions of the diagnosis}
    basis: {pl: art. 10e ust. 3, en: art. 10e(3)}
    kinds: [conclusions]
    tests:
      - {some: conclusions.conclusions, has: text, status: missing, detail: readiness.no_results}
"""
HEAD = """name: {pl: próba, en: trial}
title: {pl: próba, en: trial}
role: {pl: próby, en: a trial}
laws: {pl: próba, en: trial}
adoption: {pl: próba, en: trial}
elements:
"""


@pytest.mark.parametrize(("mistake", "said"), [
    (GOOD_ELEMENT.replace("{some:", "{each: conclusions.conclusions, some:"), "exactly one"),
    (GOOD_ELEMENT.replace("conclusions.conclusions", "conclusions.conclusion"),
     "no field 'conclusion'"),
    (GOOD_ELEMENT.replace("en: Conclusions of the diagnosis", "de: Schlussfolgerungen"),
     "words must be given"),
    (GOOD_ELEMENT.replace("status: missing", "status: absent"), "status is missing or"),
    (GOOD_ELEMENT.replace("kinds: [conclusions]", "kinds: [conclusion]"), "no section kind"),
    (GOOD_ELEMENT.replace("tests:", "test:"), "unknown keys"),
])
def test_a_malformed_profile_is_refused_naming_the_file_and_the_element(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mistake: str, said: str):
    from strategy.law import profiles

    (tmp_path / "trial.yaml").write_text(HEAD + mistake, encoding="utf-8")
    monkeypatch.setattr(profiles, "HERE", tmp_path)
    profiles.profile.cache_clear()
    try:
        with pytest.raises(profiles.LawError, match=said) as raised:
            profiles.profile("trial")
        assert "trial.yaml" in str(raised.value) and "conclusions" in str(raised.value)
    finally:
        monkeypatch.undo()
        profiles.profile.cache_clear()


def test_the_trial_profile_of_that_test_is_well_formed_without_its_mistake(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from strategy.law import profiles

    (tmp_path / "trial.yaml").write_text(HEAD + GOOD_ELEMENT, encoding="utf-8")
    monkeypatch.setattr(profiles, "HERE", tmp_path)
    profiles.profile.cache_clear()
    try:
        assert [e.id for e in profiles.profile("trial").elements] == ["conclusions"]
    finally:
        monkeypatch.undo()
        profiles.profile.cache_clear()


@pytest.mark.parametrize("name", names())
def test_readiness_judges_values_of_any_shape_under_every_profile(tmp_path: Path, name: str):
    """Lists where a text belongs, text where a mapping belongs: each profile's tests
    read the loaded sections of a strategy that does not validate, without a traceback."""
    root = complete_copy(tmp_path)
    name_profile(root, name, opinions="pozytywne")

    def goals(d: dict[str, Any]) -> None:
        d["goals"][0].update(dimensions="social", id={"a": 1})
        d["goals"][1]["results"] = "dużo"
    rewrite(root / "goals.yaml", goals)
    rewrite(root / "directions.yaml", lambda d: d["directions"][0].update(goal=["CS1"]))
    rewrite(root / "consultation.yaml", lambda d: d.update(
        comments={"received": "wiele", "accepted": [1]}, report="raport", bodies="all"))
    rewrite(root / "areas.yaml", lambda d: d.update(local="brak", maps={"kind": "osi"}))
    code, out, err = run("readiness", "--sections", str(root), "--format", "json")
    assert code == 1 and "Traceback" not in err
    assert json.loads(out)["errors"] > 0


# --- the document: its annex "Zgodność strategii z wymogami prawa" ------------------------------

def annex(root: Path) -> str:
    from strategy.compose.compose import compose
    from strategy.compose.typography import NBSP

    markdown = compose(load_and_validate(root).strategy, root.parent / "assets", root).markdown
    text = markdown.split("{#zal-gotowosc .unnumbered}")[1].split("\n# ")[0]
    return text.replace(NBSP, " ").replace("\\", "")


def test_the_annex_names_the_law_of_the_strategys_profile(root: Path):
    assert ("Tabela zestawia elementy, które strategia rozwoju ponadlokalnego musi zawierać "
            "według art. 10e ust. 2–4 w związku z art. 10g ust. 3") in annex(root)
    name_profile(root, "territorial")
    text = annex(root)
    assert ("Tabela zestawia elementy, które strategia terytorialna w rozumieniu art. 29 "
            "rozporządzenia (UE) 2021/1060 musi zawierać według art. 29 ust. 1 rozporządzenia "
            "(UE) 2021/1060, i wskazuje") in text
    assert "10g" not in text and "u.z.p.p." not in text


def test_the_annex_says_which_other_role_the_strategy_serves_as(root: Path):
    name_profile(root, serves_as=["zit"])
    text = annex(root)
    assert ("Strategia pełni także rolę strategii zintegrowanych inwestycji terytorialnych "
            "(ZIT) miejskiego obszaru funkcjonalnego; stosuje się do niej również art. 29 ust. 1 "
            "rozporządzenia (UE) 2021/1060 oraz art. 34 ustawy z dnia 28 kwietnia 2022 r.") in text
    assert "| Opinia ministra właściwego do spraw rozwoju regionalnego o projekcie strategii |" \
        in text
    assert "| brak | brak pozytywnej opinii ministra właściwego do spraw rozwoju regionalnego |" \
        in text


def test_what_the_annex_says_is_missing_is_in_the_readers_words(root: Path):
    """Take out one element after another; the officer's report names the files to fix,
    the document's annex names what the reader would look for."""
    (root / "evaluation.yaml").unlink()
    (root / "consultation.yaml").unlink()
    rewrite(root / "spatial.yaml", lambda d: d.pop("maps"))
    rewrite(root / "goals.yaml", lambda d: d["goals"][2]["results"][0].update(
        spatial=False))
    rewrite(root / "implementation.yaml", lambda d: d.update(text="", subsections=[]))
    rewrite(root / "diagnosis.yaml", lambda d: d["chapters"][-1].update(
        covers=[], title="Rozdział trzeci"))
    text = annex(root)
    for said in ("brak uprzedniej oceny (ewaluacji ex ante)", "brak opisu konsultacji projektu",
                 "brak mapy modelu struktury funkcjonalno-przestrzennej",
                 "brak rezultatu w wymiarze przestrzennym", "brak opisu systemu realizacji",
                 "diagnoza nie obejmuje: sytuacji przestrzennej"):
        assert said in text, said
    for code_word in (".yaml", "„", "maps", "spatial: true", "results", "covers", "kind",
                      "evaluation", "consultation"):
        assert code_word not in text, code_word
    _, out, _ = run("readiness", "--sections", str(root))
    assert "(evaluation.yaml)" in out and "„covers”" in out  # the command says where


def test_a_territorial_strategy_without_a_consultation_is_packaged_naming_its_profile(
        tmp_path: Path):
    import zipfile

    root = complete_copy(tmp_path)
    name_profile(root, "territorial")
    (root / "consultation.yaml").unlink()
    for comment in (root / "review").iterdir():
        comment.unlink()
    code, out, err = run("package", "--sections", str(root), "--out", str(tmp_path / "out"))
    assert code == 0, err
    archive = zipfile.ZipFile(out.strip())
    assert "raport-z-konsultacji.pdf" not in archive.namelist()
    data = json.loads(archive.read("raport-gotowosci.json"))
    assert data["ready"] is True and data["profile"]["name"] == "strategia terytorialna"
    assert [e["id"] for e in data["elements"]] == [
        "cpr_area", "cpr_needs", "cpr_integrated", "cpr_partners"]
