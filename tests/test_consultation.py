"""The public consultation (art. 6 u.z.p.p.): `check` knows the 35 days and the bodies
that must be consulted; consultation comments share the review register with the
council's, by the commenter's category; the annex "Raport z konsultacji" answers each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from checking import run_check
from submission import complete_copy, rewrite, write_yaml

from strategy.checks import consultation as consult
from strategy.compose.compose import compose
from strategy.compose.typography import NBSP
from strategy.law.profiles import profile
from strategy.pipeline import load_and_validate

# The bodies art. 6 ust. 3 u.z.p.p. names, as the supra-local profile lists them.
REQUIRED_BODIES = next(t.options["bodies"] for e in profile("supra_local").elements
                       for t in e.tests if t.judge == "consultation_bodies")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return complete_copy(tmp_path, status="consultation")


def _consultation(root: Path, **values: Any) -> None:
    rewrite(root / "consultation.yaml", lambda d: d.update(values))


def _problems(root: Path, code: str) -> list[dict[str, Any]]:
    return [p for p in run_check(root).problems if p["code"] == code]


def _line_of(path: Path, key: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                if line.startswith(f"{key}:"))


# --- the 35 days ----------------------------------------------------------------------------

def test_thirty_five_days_after_the_announcement_is_enough(root: Path):
    _consultation(root, end="2021-10-06")  # announced on the website on 1 September
    run = run_check(root)
    assert run.exit_code == 0, run.describe()
    assert consult.term(load_and_validate(root).strategy.consultation.model_dump()).days == 35


def test_thirty_four_days_is_an_error_at_the_end_date_with_the_earliest_lawful_end(root: Path):
    _consultation(root, end="2021-10-05")
    run = run_check(root)
    assert run.exit_code == 1
    [problem] = [p for p in run.problems if p["code"] == "consultation.too_short"]
    assert problem["file"] == "consultation.yaml"
    assert problem["line"] == _line_of(root / "consultation.yaml", "end")
    assert "mija 34 dni, a ustawa wymaga co najmniej 35" in problem["message"]
    assert "najwcześniej 2021-10-06" in problem["hint"]
    assert "art. 111 § 2 Kodeksu cywilnego" in problem["hint"]


def test_the_days_count_from_the_website_announcement_not_from_the_press(root: Path):
    _consultation(root, announcements=[
        {"where": "prasa lokalna", "date": "2021-08-20"},
        {"where": "strona internetowa lidera", "date": "2021-09-01"}], end="2021-10-05")
    assert [p["code"] for p in _problems(root, "consultation.too_short")] == [
        "consultation.too_short"]


def test_the_first_of_several_website_announcements_counts(root: Path):
    _consultation(root, announcements=[
        {"where": "BIP lidera", "date": "2021-09-01"},
        {"where": "strona internetowa Gminy Beta", "date": "2021-09-03"}], end="2021-10-06")
    assert _problems(root, "consultation.too_short") == []


def test_a_consultation_never_announced_on_the_website_is_an_error(root: Path):
    _consultation(root, announcements=[{"where": "tablica ogłoszeń", "date": "2021-09-01"}])
    [problem] = _problems(root, "consultation.no_website")
    assert "Art. 6 ust. 4" in problem["hint"]


@pytest.mark.parametrize(("where", "flag", "website"), [
    ("strona internetowa lidera", None, True), ("www.alfa.example.pl", None, True),
    ("https://alfa.example.pl/konsultacje", None, True), ("BIP Gminy Alfa", None, True),
    ("tablica ogłoszeń", None, False), ("prasa lokalna", None, False),
    ("portal gminny", True, True), ("strona internetowa", False, False),
])
def test_a_website_announcement_is_recognised_by_its_words_or_its_flag(where, flag, website):
    announcement = {"where": where, "date": "2021-09-01"}
    if flag is not None:
        announcement["website"] = flag
    assert consult.is_website(announcement) is website


def test_a_consultation_starting_before_its_announcement_is_a_warning(root: Path):
    _consultation(root, start="2021-08-30")
    [problem] = _problems(root, "consultation.before_announcement")
    assert problem["severity"] == "warning"


def test_an_end_before_the_start_is_an_error(root: Path):
    _consultation(root, start="2021-10-07", end="2021-10-06")
    assert any(p["code"] == "rule.date_order" and p["file"] == "consultation.yaml"
               for p in run_check(root).problems)


# --- the bodies art. 6 ust. 3 names ------------------------------------------------------------

@pytest.mark.parametrize("body", REQUIRED_BODIES)
def test_each_body_the_law_names_must_be_consulted(root: Path, body: str):
    # not written as a code nor by its own name
    _consultation(root, bodies=[b for b in REQUIRED_BODIES if b != body], body_names=[])
    run = run_check(root)
    assert run.exit_code == 1
    [problem] = [p for p in run.problems if p["code"] == "consultation.body_missing"]
    assert consult.body_name(body)["pl"] in problem["message"]
    assert f"„{body}”" in problem["hint"] and "Art. 6 ust. 3" in problem["hint"]


# --- consultation comments in the review register --------------------------------------------

def test_consultation_and_council_comments_share_one_register(root: Path):
    write_yaml(root / "review" / "R-01.yaml", {
        "id": "R-01", "source": "council", "author": "Jan Kowalski", "date": "2021-06-20",
        "text": "Dopisać wskaźnik.", "status": "accepted", "response": "Dopisano."})
    run = run_check(root)
    assert run.exit_code == 0, run.describe()
    comments = load_and_validate(root).strategy.review.comments
    assert {c.source for c in comments} == {"council", "consultation"}


def test_a_consultation_comment_needs_the_commenters_category(root: Path):
    rewrite(root / "review" / "K-01.yaml", lambda d: d.pop("category"))
    [problem] = _problems(root, "consultation.comment_category")
    assert problem["file"] == "review/K-01.yaml" and problem["severity"] == "error"


def test_a_consultation_comment_carries_no_personal_data(root: Path):
    rewrite(root / "review" / "K-01.yaml", lambda d: d.update(author="Anna Mieszkanka"))
    [problem] = _problems(root, "consultation.comment_author")
    assert problem["line"] == _line_of(root / "review" / "K-01.yaml", "author")


def test_a_decision_without_justification_is_a_warning(root: Path):
    rewrite(root / "review" / "K-02.yaml", lambda d: d.update(response=""))
    [problem] = _problems(root, "consultation.comment_unjustified")
    assert problem["severity"] == "warning" and "K-02" in problem["message"]


def test_a_comment_after_the_end_is_a_warning(root: Path):
    rewrite(root / "review" / "K-03.yaml", lambda d: d.update(date="2021-10-08"))
    [problem] = _problems(root, "consultation.comment_late")
    assert "2021-10-08" in problem["message"] and "2021-10-06" in problem["message"]


def test_consultation_comments_without_a_consultation_are_a_warning(root: Path):
    (root / "consultation.yaml").unlink()
    [problem] = _problems(root, "consultation.comments_without_consultation")
    assert problem["severity"] == "warning"


# --- the annex "Raport z konsultacji" --------------------------------------------------------

@pytest.fixture
def report(root: Path, tmp_path: Path) -> str:
    rewrite(root / "review" / "K-03.yaml", lambda d: d.update(status="open", response=""))
    markdown = compose(load_and_validate(root).strategy, tmp_path / "assets", root).markdown
    text = markdown.split("{#zal-konsultacje .unnumbered}")[1].split("\n# ")[0]
    return text.replace(NBSP, " ").replace("\\", "")


def test_the_report_says_when_where_and_with_whom_the_consultation_ran(report: str):
    assert "Konsultacje trwały od 1 września 2021 r. do 6 października 2021 r.;" in report
    assert "r.." not in report, "no sentence ends right after a date's 'r.'"
    assert "strona internetowa lidera (www.alfa.example.pl) i BIP (1 września 2021 r.)" in report
    assert "Termin na zgłaszanie uwag wyniósł 35 dni od dnia ogłoszenia" in report
    assert "- spotkanie konsultacyjne w Alfie" in report
    # a body written as a code and by its own name is listed once, by its name
    assert "- Dyrektor RZGW w Warszawie PGW Wody Polskie" in report
    assert "dyrektor regionalnego zarządu gospodarki wodnej" not in report
    assert "- Gmina Gamma (sąsiednia)" in report
    assert "sąsiednie gminy i ich związki" not in report
    assert "- mieszkańcy gmin" in report


def test_a_body_named_but_not_written_as_a_code_counts_as_consulted(root: Path):
    _consultation(root, bodies=["neighbouring_gminas", "social_partners",
                                "economic_partners", "residents"],
                  body_names=["Państwowe Gospodarstwo Wodne Wody Polskie, RZGW w Warszawie"])
    assert "consultation.body_missing" not in run_check(root).codes()


def test_each_consulted_body_is_listed_once():
    bodies = consult.listed_bodies({
        "bodies": ["water_authority", "residents", "other", "water_authority"],
        "body_names": ["Dyrektor Regionalnego Zarządu Gospodarki Wodnej w Warszawie",
                       "Nadleśnictwo Sarnaki", "nadleśnictwo  SARNAKI"]})
    assert bodies == [
        consult.Body("water_authority",
                     "Dyrektor Regionalnego Zarządu Gospodarki Wodnej w Warszawie"),
        consult.Body("residents"),
        # "other bodies" gives way to the others named
        consult.Body(None, "Nadleśnictwo Sarnaki")]


def test_the_report_counts_the_decisions(report: str):
    assert "| uwzględniona | 1 |" in report
    assert "| uwzględniona częściowo | 1 |" in report
    assert "| nieuwzględniona | 0 |" in report
    assert "| nierozstrzygnięta | 1 |" in report
    assert "| **Razem** | **3** |" in report


def test_the_report_lists_every_comment_under_its_decision_with_its_justification(report: str):
    sections = report.split("\n## ")
    titles = [s.split("{")[0].strip() for s in sections[1:]]
    assert titles == ["Uwagi uwzględnione", "Uwagi uwzględnione częściowo",
                      "Uwagi jeszcze nierozstrzygnięte"]
    assert ("| K-01 | mieszkaniec | Kierunki działań | Proszę dodać ścieżkę rowerową wzdłuż "
            "doliny. | Dodano działanie w kierunku K3. |") in sections[1]
    assert "| K-02 | organizacja pozarządowa | Diagnoza |" in sections[2]
    assert "| K-03 | przedsiębiorca | – | Zrezygnować z linii autobusowej. | – |" in sections[3]


def test_the_report_headings_carry_no_chapter_number(report: str):
    assert all("{.unnumbered}" in line for line in report.splitlines() if line.startswith("#"))


def test_no_consultation_no_report(tmp_path: Path):
    root = complete_copy(tmp_path, status="consultation")
    (root / "consultation.yaml").unlink()
    markdown = compose(load_and_validate(root).strategy, tmp_path / "assets", root).markdown
    assert "Raport z konsultacji" not in markdown.split("{#zal-gotowosc")[0]
    assert "{#zal-konsultacje" not in markdown


def test_an_empty_register_is_said_as_such_never_as_no_comments(tmp_path: Path):
    """No register and no totals: nothing is known of the comments (the summary may speak
    of hundreds), so the report says what the register holds (issue 9, item 8); totals of
    none received say that none were (tests/test_sentences.py)."""
    import shutil

    root = complete_copy(tmp_path, status="consultation")
    shutil.rmtree(root / "review")
    markdown = compose(load_and_validate(root).strategy, tmp_path / "assets", root).markdown
    assert "W konsultacjach nie zgłoszono uwag." not in markdown
    assert "W rejestrze uwag nie zapisano uwag zgłoszonych w konsultacjach." in markdown


# --- a consultation already held, recorded in aggregate -------------------------------------

REPORT = {"title": "Raport z konsultacji społecznych projektu strategii", "date": "2021-10-15",
          "address": "https://www.alfa.example.pl/konsultacje/raport",
          "resolution": "uchwała nr 5/2021 Zarządu Partnerstwa z dnia 15 października 2021 r."}
TOTALS = {"received": 231, "accepted": 120, "partly": 40, "rejected": 65, "not_considered": 6}


@pytest.fixture
def aggregate(tmp_path: Path) -> Path:
    """The consultation of the complete strategy as a partnership that reports it in
    totals: 231 comments, answered in a published report; no register of comments."""
    import shutil

    root = complete_copy(tmp_path, status="consultation")
    shutil.rmtree(root / "review")
    _consultation(root, comments=dict(TOTALS), report=dict(REPORT))
    return root


def _report_element(root: Path) -> Any:
    from strategy.checks import readiness

    data = readiness.plain_data(load_and_validate(root))
    return next(i for i in readiness.evaluate(data) if i.element.id == "consultation_report")


def test_a_consultation_in_aggregate_with_its_published_report_is_complete(aggregate: Path):
    run = run_check(aggregate)
    assert run.exit_code == 0 and run.problems == [], run.describe()
    item = _report_element(aggregate)
    assert item.status == "present" and item.finding.details == ()


def test_totals_that_do_not_add_up_are_an_error_at_the_number_received(aggregate: Path):
    _consultation(aggregate, comments={**TOTALS, "rejected": 60})
    [problem] = _problems(aggregate, "consultation.totals_sum")
    assert problem["severity"] == "error"
    assert problem["line"] == _line_of(aggregate / "consultation.yaml", "  received")
    assert "razem 226, a zgłoszono 231" in problem["message"]
    item = _report_element(aggregate)
    assert item.status == "incomplete"
    assert "nie sumują się do liczby zgłoszonych uwag (231)" in item.finding.text("pl")


def test_totals_without_the_published_report_leave_the_report_incomplete(aggregate: Path):
    rewrite(aggregate / "consultation.yaml", lambda d: d.pop("report"))
    [problem] = _problems(aggregate, "consultation.totals_without_report")
    assert problem["severity"] == "warning"
    item = _report_element(aggregate)
    assert item.status == "incomplete"
    assert item.finding.text("pl").startswith("brak odwołania do opublikowanego raportu")
    assert "consultation.yaml" in item.finding.text("pl")  # the officer is told where
    assert "consultation.yaml" not in item.finding.reader_text("pl")  # the reader is not


def test_a_report_the_reader_cannot_find_is_a_warning(aggregate: Path):
    _consultation(aggregate, report={k: v for k, v in REPORT.items()
                                     if k not in ("address", "resolution")})
    [problem] = _problems(aggregate, "consultation.report_unlocated")
    assert REPORT["title"] in problem["message"]
    assert _report_element(aggregate).status == "incomplete"


def test_a_report_dated_before_the_end_of_the_consultation_is_an_error(aggregate: Path):
    _consultation(aggregate, report={**REPORT, "date": "2021-10-01"})
    [problem] = _problems(aggregate, "consultation.report_before_end")
    assert "2021-10-01" in problem["message"] and "2021-10-06" in problem["message"]


def test_an_announcement_after_the_end_is_an_error(aggregate: Path):
    rewrite(aggregate / "consultation.yaml", lambda d: d["announcements"].append(
        {"where": "prasa lokalna", "date": "2021-10-10"}))
    [problem] = _problems(aggregate, "consultation.announced_after_end")
    assert "2021-10-10" in problem["message"]


def test_the_register_and_the_totals_must_tell_the_same_story(root: Path):
    """The complete strategy keeps a register of three comments: one accepted, one
    partly, one rejected. Totals that say the same are accepted beside it."""
    _consultation(root, comments={"received": 3, "accepted": 1, "partly": 1, "rejected": 1},
                  report=dict(REPORT))
    assert _problems(root, "consultation.totals_register") == []
    assert _report_element(root).status == "present"
    _consultation(root, comments={"received": 4, "accepted": 2, "partly": 1, "rejected": 1})
    [problem] = _problems(root, "consultation.totals_register")
    assert "(4: uwzględnione 2" in problem["message"] and "(3: uwzględnione 1" in problem["message"]
    assert _report_element(root).status == "incomplete"


def test_a_consultation_in_aggregate_still_has_the_statutory_term_and_bodies(aggregate: Path):
    _consultation(aggregate, end="2021-10-05")
    assert [p["code"] for p in _problems(aggregate, "consultation.too_short")] == [
        "consultation.too_short"]


def _annex(root: Path, tmp_path: Path) -> str:
    markdown = compose(load_and_validate(root).strategy, tmp_path / "assets", root).markdown
    text = markdown.split("{#zal-konsultacje .unnumbered}")[1].split("\n# ")[0]
    return text.replace(NBSP, " ").replace("\\", "")


def test_the_report_of_a_consultation_in_aggregate_gives_its_totals_and_its_report(
        aggregate: Path, tmp_path: Path):
    report = _annex(aggregate, tmp_path)
    assert "W konsultacjach zgłoszono 231 uwag." in report
    assert ("Rozstrzygnięcie każdej uwagi wraz z uzasadnieniem przedstawia raport „Raport z "
            "konsultacji społecznych projektu strategii” z 15 października 2021 r. (uchwała nr "
            "5/2021 Zarządu Partnerstwa z dnia 15 października 2021 r.), opublikowany pod "
            "adresem https://www.alfa.example.pl/konsultacje/raport.") in report
    for row in ("| uwzględniona | 120 |", "| uwzględniona częściowo | 40 |",
                "| nieuwzględniona | 65 |", "| pozostawiona bez rozpatrzenia | 6 |",
                "| **Razem** | **231** |"):
        assert row in report, row
    assert "Źródło: raport z konsultacji „Raport z konsultacji społecznych" in report
    # what only a register of every comment supports is not said
    assert "Każdą uwagę rozpatrzono" not in report and "nie zgłoszono" not in report
    assert "\n## " not in report  # no table per decision: the published report has them
    assert "r.." not in report


def test_a_consultation_in_aggregate_with_no_comments_says_so(aggregate: Path, tmp_path: Path):
    _consultation(aggregate, comments={"received": 0})
    report = _annex(aggregate, tmp_path)
    assert "W konsultacjach nie zgłoszono uwag." in report
    assert "Liczba uwag" not in report


def test_only_a_profile_that_requires_it_says_the_consultation_was_held_under_art_6(
        root: Path, tmp_path: Path):
    assert "poddano konsultacjom na podstawie art. 6 ustawy" in _annex(root, tmp_path)
    rewrite(root / "strategy.yaml", lambda d: d.update(profile="territorial"))
    report = _annex(root, tmp_path)
    assert "Projekt strategii w wersji 0.3 poddano konsultacjom. Konsultacje trwały" in report
    assert "art. 6" not in report
