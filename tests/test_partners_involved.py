"""CPR art. 29(1)(d): the readiness report judges how partners took part in preparing and
carrying out the strategy from every record that shows it (supporting partners, council
seats held by others than the members, meetings, the consultation, projects), and says
which profile requires it under which provision."""

from __future__ import annotations

from typing import Any

from strategy.checks import readiness

MAYORS = [{"role": "wojt", "member": "alfa"}, {"role": "burmistrz", "member": "beta"}]


def _data(profile: str = "territorial", **kinds: Any) -> dict[str, Any]:
    partnership = {"name": "Partnerstwo", "voivodeship": "pomorskie",
                   "members": [{"id": "alfa", "name": "Gmina Alfa", "kind": "rural"},
                               {"id": "beta", "name": "Gmina Beta", "kind": "urban"}],
                   "council": MAYORS, **kinds.pop("partnership", {})}
    return {"strategy": {"profile": profile}, "partnership": partnership,
            "meetings": {"meetings": [{"id": "GR1", "participants": ["alfa", "beta"]}]},
            **kinds}


def _partners(data: dict[str, Any]) -> readiness.Finding:
    return next(i.finding for i in readiness.evaluate(data)
                if i.element.id == "cpr_partners")


def test_members_alone_do_not_show_partners_involved_and_the_message_names_the_profile():
    finding = _partners(_data())
    assert finding.status == "incomplete"
    assert [d.code for d in finding.details] == [
        "readiness.partners_not_preparing", "readiness.partners_not_carrying_out"]
    said = finding.text("pl")
    assert said.startswith("art. 29 ust. 1 lit. d rozporządzenia (UE) 2021/1060 "
                           "(strategia terytorialna) wymaga opisu udziału partnerów")
    assert "(supra-local strategy)" in _partners(_data("supra_local")).text("en")
    assert "strategia nie pokazuje udziału partnerów" in finding.reader_text("pl")


def test_a_supporting_partner_who_attends_and_leads_a_project_is_involved_without_council_seats():
    data = _data(partnership={"partners": [
        {"id": "park", "name": "Park Narodowy", "kind": "national-park"}]},
        investments={"investments": [{"id": "P1", "leader": "park", "partners": ["alfa"]}]})
    assert _partners(data).status == "present"


def test_a_partner_on_the_council_shows_both_preparing_and_carrying_out():
    for seat in ({"role": "ngo"}, {"role": "other", "member": "uczelnia"}):
        data = _data(partnership={"council": [*MAYORS, seat], "partners": [
            {"id": "uczelnia", "name": "Uczelnia", "kind": "university"}]})
        assert _partners(data).status == "present", seat


def test_a_consultation_of_residents_shows_the_preparing_not_the_carrying_out():
    data = _data(consultation={"bodies": ["neighbouring_gminas"],
                               "body_names": ["mieszkańcy obszaru partnerstwa"]})
    assert [d.code for d in _partners(data).details] == [
        "readiness.partners_not_carrying_out"]


def test_the_consultation_of_public_bodies_alone_is_no_partners_involvement():
    data = _data(consultation={"bodies": ["neighbouring_gminas", "water_authority"]})
    assert "readiness.partners_not_preparing" in [d.code for d in _partners(data).details]


def test_a_meeting_open_to_the_public_or_a_listed_supporting_partner_counts_as_preparing():
    public = _data()
    public["meetings"]["meetings"].append({"id": "SP1", "body": "public"})
    listed = _data(partnership={"partners": [{"id": "lgd", "name": "LGD", "kind": "lgd"}]})
    for data in (public, listed):
        assert [d.code for d in _partners(data).details] == [
            "readiness.partners_not_carrying_out"]
