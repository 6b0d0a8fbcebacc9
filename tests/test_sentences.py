"""Every sentence the document generates states what the sections support (issue 9, item
8): each test builds data that contradicts a sentence once printed whatever the data said,
and asserts the false wording is absent and the true one present."""

from __future__ import annotations

import re

from checking import composed_text, copy_tiny, edit
from submission import complete_copy, rewrite, write_yaml

NBSP = "\u00a0"


_document = composed_text


def test_the_meetings_sentence_names_only_the_forms_that_took_place(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "meetings.yaml", "form: remote", "form: in_person")
    text = _document(root, tmp_path)
    assert "0 spotkań zdalnych" not in text and "zdaln" not in text.split("## Spotkania")[0]
    assert "na który złożyły się 2 spotkania stacjonarne." in text
    assert "0 remote meetings" not in _document(root, tmp_path, "en")


def test_the_meetings_sentence_counts_both_forms_where_both_took_place(tmp_path):
    text = _document(copy_tiny(tmp_path), tmp_path)
    assert "1 spotkanie zdalne i 1 spotkanie stacjonarne" in text


def test_the_meetings_verb_agrees_with_one_meeting_and_one_day_has_no_span(tmp_path):
    root = copy_tiny(tmp_path)
    rewrite(root / "meetings.yaml", lambda d: d.update(meetings=d["meetings"][:1]))
    text = _document(root, tmp_path)
    assert "złożyły się 1" not in text and "od 27 maja 2021 r. do 27 maja 2021 r." not in text
    assert "Prace nad strategią prowadzono 27 maja 2021 r.: odbyło się wtedy 1 spotkanie " \
        "stacjonarne." in text
    assert "from 27 May 2021 to 27 May 2021" not in _document(root, tmp_path, "en")


def test_the_meetings_table_is_said_to_list_only_what_the_meetings_record(tmp_path):
    root = copy_tiny(tmp_path)
    rewrite(root / "meetings.yaml", lambda d: [
        [m.pop(k, None) for k in ("participants", "drafted", "agreed")] for m in d["meetings"]])
    text = _document(root, tmp_path)
    assert "ich uczestników" not in text and "uzgodnione na nich części" not in text
    assert "Tabela zestawia spotkania." in text
    assert "Tabela zestawia spotkania, ich uczestników i uzgodnione na nich części " \
        "dokumentu." in _document(copy_tiny(tmp_path / "full"), tmp_path / "full")


def test_a_council_draft_names_a_council_only_where_the_partnership_has_one(tmp_path):
    root = copy_tiny(tmp_path)
    assert "projekt dla Rady Partnerstwa" in _document(root, tmp_path)
    rewrite(root / "partnership.yaml", lambda d: d.pop("council"))
    text = _document(root, tmp_path)
    assert "Rady Partnerstwa" not in text
    assert "Wersja 0.2 – projekt do zaopiniowania" in text
    assert "Partnership Council" not in _document(root, tmp_path, "en")


def test_the_surveys_sentence_names_the_groups_that_were_surveyed(tmp_path):
    """The tiny strategy surveyed residents only."""
    text = _document(copy_tiny(tmp_path), tmp_path)
    assert "lokalnych liderów" not in text and "uczniów" not in text
    assert "W badaniach społecznych zapytano o opinię mieszkańców z obszaru partnerstwa." \
        in text
    en = _document(copy_tiny(tmp_path / "en"), tmp_path / "en", "en")
    assert "local leaders" not in en and "students" not in en


def test_the_diagnosis_says_indicators_are_given_only_where_it_has_them(tmp_path):
    root = copy_tiny(tmp_path)
    rewrite(root / "diagnosis.yaml", lambda d: [ch.pop("indicators", None)
                                                 for ch in d["chapters"]])
    text = _document(root, tmp_path)
    assert "Wskaźniki podano" not in text
    assert "Diagnoza obejmuje obszar wszystkich 3 członków partnerstwa." in text


def test_the_diagnosis_claims_values_for_each_member_and_the_area_only_where_it_gives_them(
        tmp_path):
    """The tiny diagnosis: two indicators, one without the area's value, one without the
    powiat's ("powiat: null")."""
    text = _document(copy_tiny(tmp_path), tmp_path)
    assert "dla każdego członka" not in text and "dla całego" not in text
    assert "Wskaźniki podano dla członków partnerstwa, z rokiem i źródłem danych." in text

    root = copy_tiny(tmp_path / "full")
    edit(root, "diagnosis.yaml", "powiat: null}", "powiat: -1.5}\n        area: -2.9")
    text = _document(root, tmp_path / "full")
    assert ("Wskaźniki podano dla każdego członka i dla całego obszaru partnerstwa, "
            "z rokiem i źródłem danych.") in text

    edit(root, "diagnosis.yaml", "        area: 13629\n", "")
    text = _document(root, tmp_path / "full")
    assert "dla całego obszaru" not in text
    assert "Wskaźniki podano dla każdego członka partnerstwa, z rokiem i źródłem danych." \
        in text


def test_the_diagnosis_claims_sources_only_where_every_indicator_names_one(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "diagnosis.yaml", "source: dane ilustracyjne", "source: ''")
    text = _document(root, tmp_path)
    assert "Wskaźniki podano dla członków partnerstwa, z rokiem danych." in text
    assert "z rokiem i źródłem danych" not in text


def test_the_diagnosis_lead_says_what_its_chapters_cover_and_nothing_else(tmp_path):
    """The tiny diagnosis has one chapter, "Demografia": the social situation only."""
    text = _document(copy_tiny(tmp_path), tmp_path)
    assert "gospodarczą" not in text and "przestrzenną" not in text
    assert "powiązania funkcjonalne" not in text
    assert ("Diagnoza obejmuje obszar wszystkich 3 członków partnerstwa. "
            "Przedstawia ich sytuację społeczną. Wskaźniki") in text

    root = copy_tiny(tmp_path / "more")
    rewrite(root / "diagnosis.yaml", lambda d: d["chapters"][0].update(
        covers=["economic", "environmental", "functional_areas"]))
    text = _document(root, tmp_path / "more")
    assert ("Przedstawia ich sytuację społeczną i gospodarczą, stan środowiska "
            "i powiązania funkcjonalne między nimi.") in text
    assert "przestrzenną" not in text

    root = copy_tiny(tmp_path / "none")
    rewrite(root / "diagnosis.yaml", lambda d: d["chapters"][0].update(title="Wprowadzenie"))
    text = _document(root, tmp_path / "none")
    assert "Przedstawia" not in text
    en = _document(copy_tiny(tmp_path / "en"), tmp_path / "en", "en")
    assert "It presents their social situation." in en and "spatial situation." not in en


def test_comments_given_in_the_summary_but_not_recorded_are_never_said_to_be_none(tmp_path):
    """231 comments the summary speaks of, none in the register and no totals: the
    document says what the register holds, not that nobody commented."""
    root = complete_copy(tmp_path, status="consultation")
    for path in (root / "review").glob("K-*.yaml"):
        path.unlink()
    rewrite(root / "consultation.yaml", lambda d: d.update(
        summary="W konsultacjach wpłynęło 231 uwag."))
    text = _document(root, tmp_path)
    assert "nie zgłoszono uwag" not in text
    assert "W rejestrze uwag nie zapisano uwag zgłoszonych w konsultacjach." in text


def test_totals_of_zero_say_no_comments_were_received(tmp_path):
    root = complete_copy(tmp_path, status="consultation")
    for path in (root / "review").glob("K-*.yaml"):
        path.unlink()
    rewrite(root / "consultation.yaml", lambda d: d.update(comments={"received": 0}))
    assert "W konsultacjach nie zgłoszono uwag." in _document(root, tmp_path)


def test_a_consulted_body_is_listed_once(tmp_path):
    root = complete_copy(tmp_path, status="consultation")
    rewrite(root / "consultation.yaml", lambda d: d.update(
        bodies=[*d["bodies"], "residents"],
        body_names=[*d["body_names"], "Mieszkańcy gmin", "Gmina Gamma (sąsiednia)"]))
    text = _document(root, tmp_path)
    assert text.count("- mieszkańcy gmin") + text.count("- Mieszkańcy gmin") == 1
    assert text.count("- Gmina Gamma (sąsiednia)") == 1


def test_a_final_without_a_consultation_section_never_says_none_was_held(tmp_path):
    root = complete_copy(tmp_path)
    (root / "consultation.yaml").unlink()
    text = _document(root, tmp_path)
    assert "konsultacji jeszcze nie przeprowadzono" not in text


def test_comments_are_said_to_be_each_considered_only_when_each_is(tmp_path):
    root = complete_copy(tmp_path, status="consultation")
    rewrite(root / "review" / "K-02.yaml", lambda d: (d.update(status="open"),
                                                      d.pop("response")))
    text = _document(root, tmp_path)
    assert "Każdą uwagę rozpatrzono" not in text and "Każdą rozpatrzono" not in text
    assert "Z uzasadnieniem rozpatrzono 2 z nich; pozostałe (1) czekają na rozpatrzenie." in text


def test_the_programme_period_is_the_records_never_a_fixed_2021_2027(tmp_path):
    root = copy_tiny(tmp_path)
    assert "Okres programowania UE" not in _document(root, tmp_path)  # the record names none
    edit(root, "strategy.yaml", "period: {first: 2022, last: 2030}",
         "period: {first: 2022, last: 2030, programme: {first: 2028, last: 2034}}")
    text = _document(root, tmp_path)
    assert "| Okres programowania UE | 2028–2034 |" in text
    # a programme period is no claim that the projects may get its money
    assert "mogą ubiegać się o wsparcie" not in text


def test_the_project_list_counts_the_sheets_that_name_eu_programme_money(tmp_path):
    """Which projects seek a regional programme's money is what their sheets say: P1 of
    the tiny strategy names FEM 2021–2027, P2 national money only."""
    root = copy_tiny(tmp_path)
    assert "Fiszka 1 z 2 przedsięwzięć (P1) wskazuje jako źródło finansowania fundusze UE" \
        in _document(root, tmp_path)
    edit(root, "investments/P2.yaml", "source: national", "source: eu_regional")
    assert "Fiszki wszystkich przedsięwzięć wskazują jako źródło finansowania fundusze UE" \
        in _document(root, tmp_path)
    edit(root, "investments/P1.yaml", "source: eu_regional", "source: national")
    edit(root, "investments/P2.yaml", "source: eu_regional", "source: national")
    assert "jako źródło finansowania fundusze UE" not in _document(root, tmp_path)


def test_the_project_list_says_which_sheets_its_total_and_schedule_leave_out(tmp_path):
    """A sheet without a cost or years yet is listed with "brak danych"; the lead says
    the total leaves it out, the schedule says it does not show it."""
    root = copy_tiny(tmp_path)
    edit(root, "investments/P2.yaml", "cost: 1200000.50\n", "")
    edit(root, "investments/P2.yaml", "funding:\n  - {source: national, programme: Rządowy "
         "Fundusz Polski Ład, amount: 1000000}\n  - {source: own, amount: 200000.50}\n", "")
    edit(root, "investments/P2.yaml", "years: {first: 2024, last: 2026}\n", "")
    edit(root, "investments/P2.yaml", "leader: beta\n", "")
    text = _document(root, tmp_path)
    assert ("Łączny szacunkowy koszt 1 z nich wynosi 2 500 000 zł; suma nie obejmuje 1 "
            "przedsięwzięcia bez szacunku kosztów (P2).") in text.replace(NBSP, " ")
    assert "Harmonogram nie obejmuje 1 przedsięwzięcia bez określonych lat realizacji (P2)." \
        in text.replace(NBSP, " ")
    assert re.search(r"\| P2 +\| Centrum usług społecznych +\| brak danych +\| brak danych +"
                     r"\| brak danych +\|", text)


# --- the sweep: sentences that stated more than their data ---------------------------------

def test_the_monitoring_lead_counts_only_the_kinds_of_indicators_there_are(tmp_path):
    root = copy_tiny(tmp_path)
    for sheet in ("P1", "P2"):
        rewrite(root / "investments" / f"{sheet}.yaml",
                lambda d: d.update(indicators={"output": [], "result": []}))
    text = _document(root, tmp_path)
    assert "0 wskaźników" not in text and "wskaźników przedsięwzięć" not in text
    assert ("Tabela zbiera wszystkie wskaźniki strategii: 3 wskaźniki rezultatu celów, "
            "z jednostką") in text


def test_the_surveys_table_cites_the_surveys_own_sources(tmp_path):
    root = copy_tiny(tmp_path)
    rewrite(root / "surveys.yaml", lambda d: d["surveys"][0].update(
        source="Pracownia Badań Społecznych Uniwersytetu Testowego, 2021 r."))
    text = _document(root, tmp_path)
    assert "Źródło: Pracownia Badań Społecznych Uniwersytetu Testowego, 2021 r." in text
    assert "Źródło: badania własne partnerstwa" not in text
    rewrite(root / "surveys.yaml", lambda d: d["surveys"][0].update(source=""))
    assert "Źródło: badania własne partnerstwa" in _document(root, tmp_path)


def test_the_council_comments_are_called_what_they_are(tmp_path):
    """Comments typed into the register, none a tracked change: no "proposed changes",
    no Word document the data does not speak of."""
    root = copy_tiny(tmp_path)
    (root / "review").mkdir()
    for i, kind in enumerate(("comment", "comment"), 1):
        write_yaml(root / "review" / f"R-0{i}.yaml", {
            "id": f"R-0{i}", "source": "council", "author": "Jan Kowalski",
            "date": "2021-06-20", "kind": kind, "text": "Dopisać wskaźnik.",
            "status": "accepted", "response": "Dopisano."})
    text = _document(root, tmp_path)
    assert "zgłosili do projektów strategii 2 uwagi (komentarze)." in text
    assert "proponowane zmiany" not in text and "Word" not in text
    rewrite(root / "review" / "R-02.yaml", lambda d: d.update(kind="insertion"))
    assert "2 uwagi (komentarze i proponowane zmiany)." in _document(root, tmp_path)


def test_the_consultation_report_says_commenters_by_category_only_where_recorded(tmp_path):
    root = complete_copy(tmp_path, status="consultation")
    for path in (root / "review").glob("K-*.yaml"):
        rewrite(path, lambda d: d.pop("category"))
    text = _document(root, tmp_path)
    assert "według kategorii" not in text
    assert "Zgłaszających nie wskazano; raport nie podaje danych osobowych." in text
    rewrite(root / "review" / "K-01.yaml", lambda d: d.update(category="resident"))
    assert "według kategorii tam, gdzie ją zapisano" in _document(root, tmp_path)


def test_the_area_is_the_territories_of_the_members_that_have_one(tmp_path):
    root = copy_tiny(tmp_path)
    rewrite(root / "partnership.yaml", lambda d: d["members"].append(
        {"id": "stow", "name": "Stowarzyszenie Doliny", "kind": "association",
         "krs": "0000123456"}))
    text = _document(root, tmp_path)
    assert "terytoria wszystkich członków" not in text
    assert ("Obszar strategii obejmuje terytoria członków partnerstwa będących jednostkami "
            "samorządu terytorialnego, wymienionych w tabeli.") in text
    # the indicator tables' rows are members, not all of them local governments
    assert "| Jednostka samorządu |" not in text and "| Członek partnerstwa |" in text
    assert "| Jednostka samorządu |" in _document(copy_tiny(tmp_path / "t"), tmp_path / "t")


def test_the_diagnosis_covers_the_area_only_of_members_that_have_one(tmp_path):
    """An association among the members has no territory of its own: the diagnosis
    covers the area of the local governments, counted; of none, it names no area."""
    def association(member):
        member.update(kind="association", teryt=None)

    def copy(name, *associations):
        root = copy_tiny(tmp_path / name)
        rewrite(root / "partnership.yaml", lambda d: [association(d["members"][i])
                                                       for i in associations])
        return root

    text = _document(copy("some", 2), tmp_path / "some")
    assert "wszystkich 3 członków" not in text
    assert ("Diagnoza obejmuje obszar 2 członków partnerstwa będących jednostkami "
            "samorządu terytorialnego. Przedstawia") in text
    en = _document(copy("en", 2), tmp_path / "en", "en")
    assert ("The diagnosis covers the area of the 2 members of the partnership that are "
            "local governments.") in en

    text = _document(copy("none", 0, 1, 2), tmp_path / "none")
    assert "Diagnoza obejmuje obszar" not in text
    assert "Diagnoza dotyczy wszystkich 3 członków partnerstwa. Przedstawia" in text



def test_the_working_group_represents_offices_only_of_local_governments(tmp_path):
    """The tiny working group's one person represents Alfa, a gmina: its office. Once
    Alfa is an association, it has members' representatives, no office to speak of."""
    text = _document(copy_tiny(tmp_path / "gmina"), tmp_path / "gmina")
    assert "grupa robocza złożona z przedstawicieli urzędów członków partnerstwa:" in text

    root = copy_tiny(tmp_path / "association")
    rewrite(root / "partnership.yaml", lambda d: d["members"][0].update(
        kind="association", teryt=None))
    text = _document(root, tmp_path / "association")
    assert "urzędów" not in text
    assert "grupa robocza złożona z przedstawicieli członków partnerstwa:" in text
    en = _document(root, tmp_path / "en", "en")
    assert "offices" not in en
    assert "a working group of representatives of the partnership members:" in en
