"""The judges a legal profile names where a declarative test is not enough.

A judge reads plain data (strategy/checks/findings.py) and the profile's test that
names it (its ``detail`` and ``options``) and returns what fails: a list of
(status, Detail), empty when the test holds; a "present" entry is a note on the element
(what the data shows), not a gap. Where ``check`` reports the same
requirement at its place in the files, ``CHECKS`` holds the judge's located form,
yielding (severity, catalog code, key path, parameters) from the validated data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from strategy.checks import consultation as consult
from strategy.checks.findings import Data, Detail, Status, get, ids, items, joined, text, tree
from strategy.law.profiles import Test

Fail = tuple[Status, Detail]
Located = tuple[str, str, tuple[Any, ...], dict[str, Any]]


def goals_served(d: Data, test: Test) -> list[Fail]:
    """Every goal of the top level is served by a direction: one naming it or a goal of
    any level under it."""
    served = {x.get("goal") for x in items(get(d, "directions.directions"))
              if isinstance(x.get("goal"), str)}
    orphans = [g for g in items(get(d, "goals.goals"))
               if not any(isinstance(i, str) and i in served
                          for i in (x.get("id") for x in items(tree([g], "goals"))))]
    return [("incomplete", Detail(test.detail or "", {"ids": ids(orphans)}))] if orphans else []


def results_have_indicators(d: Data, test: Test) -> list[Fail]:
    """Every expected result has indicators of its achievement (named by its goal)."""
    bare = list(dict.fromkeys(str(g.get("id")) for g in items(get(d, "goals.goals.**"))
                              for r in items(g.get("results")) if not items(r.get("indicators"))))
    return [("incomplete", Detail(test.detail or "", {"ids": ", ".join(bare)}))] if bare else []


def joint_investments(d: Data, test: Test) -> list[Fail]:
    """At least one joint investment: one with partners, or one in a joint package (a ZPT
    package of single-beneficiary projects is joint as a whole, CPR art. 29(1)(c))."""
    joint = {p.get("id") for p in items(get(d, "packages.packages")) if p.get("joint") is True}
    found = [i for i in items(get(d, "investments.investments"))
             if items(i.get("partners")) or [x for x in i.get("partners") or [] if x]
             or (isinstance(i.get("package"), str) and i.get("package") in joint)]
    return [] if found else [("incomplete", Detail(test.detail or ""))]


def framework_funded(d: Data, test: Test) -> list[Fail]:
    """The framework has sources of funding: some sheet splits its cost into them. Without
    one it may still have a total (the sheets' costs, the packages' own estimates, as
    model/finance.py computes it), which the detail says rather than claim there is none."""
    sheets = items(get(d, "investments.investments"))
    if any(items(i.get("funding")) for i in sheets):
        return []
    costed = [x for x in [*sheets, *items(get(d, "packages.packages"))]
              if x.get("cost") is not None]
    return [("incomplete", Detail("readiness.no_funding_sources" if costed
                                  else test.detail or ""))]


# Council seats that speak for others than the members' governments (art. 8 CPR partners).
PARTNER_SEATS = ("residents", "ngo", "business", "lgd", "other")
# Consulted bodies that are partners in the sense of art. 8 CPR (not the neighbouring
# gminas nor the water authority, which are public bodies consulted by law).
PARTNER_BODIES = ("social_partners", "economic_partners", "residents")


def _name(value: Any) -> str | None:
    """An identifier as the sections give it; None for anything else (readiness also
    judges sections that do not validate: an id written as a list is no name)."""
    return value if isinstance(value, str) else None


def _names(values: Any) -> set[str]:
    return {v for v in values if isinstance(v, str)} if isinstance(values, list) else set()


def partners_involved(d: Data, test: Test) -> list[Fail]:
    """How partners (art. 8 CPR: social and economic partners, civil society, other
    bodies than the members' own governments) took part in preparing the strategy and
    take part in carrying it out, from every record that shows it. Preparing: supporting
    partners, council seats held by others than the members, meetings attended by a
    partner or open to the public, a consultation of residents or social and economic
    partners. Carrying out: council seats held by others than the members (the council
    follows the strategy's implementation), a supporting partner leading or joining a
    project or a package."""
    members = {_name(m.get("id")) for m in items(get(d, "partnership.members"))}
    partners = {_name(p.get("id")) for p in items(get(d, "partnership.partners"))
                } - members - {None}
    seats = [s for s in items(get(d, "partnership.council"))
             if _name(s.get("member")) in partners
             or (_name(s.get("member")) not in members
                 and _name(s.get("role")) in PARTNER_SEATS)]
    meetings = [m for m in items(get(d, "meetings.meetings"))
                if m.get("body") == "public" or partners & _names(m.get("participants"))]
    consulted = bool(set(PARTNER_BODIES) & consult.body_codes(d.get("consultation")))
    projects = [x for kind in ("investments.investments", "packages.packages")
                for x in items(get(d, kind))
                if _name(x.get("leader")) in partners or partners & _names(x.get("partners"))]
    fails: list[Fail] = []
    if not (partners or seats or meetings or consulted):
        fails.append(("incomplete", Detail("readiness.partners_not_preparing")))
    if not (seats or projects):
        fails.append(("incomplete", Detail("readiness.partners_not_carrying_out")))
    return fails


def consultation_term(d: Data, test: Test) -> list[Fail]:
    """Announced on the website, with at least ``min_days`` for comments."""
    t = consult.term(d.get("consultation") or {}, test.options["min_days"])
    if t.announced is None:
        return [("incomplete", Detail("readiness.consultation_no_website"))]
    if not t.long_enough:
        return [("incomplete", Detail("readiness.consultation_short", {
            "days": t.days if t.days else 0, "min_days": t.min_days}))]
    return []


def consultation_bodies(d: Data, test: Test) -> list[Fail]:
    """Every body in ``bodies`` was consulted."""
    missing = consult.missing_bodies(d.get("consultation") or {}, test.options["bodies"])
    if not missing:
        return []
    return [("incomplete", Detail("readiness.consultation_bodies", {
        "bodies": joined(*(consult.body_name(b) for b in missing))}))]


def consultation_report(d: Data, test: Test) -> list[Fail]:
    """Every comment answered: in the register, each decided with a justification; or,
    for a consultation recorded in aggregate, totals that add up and the published
    report that answers each comment."""
    c = d.get("consultation")
    register = consult.comments(d.get("review"))
    totals = consult.totals(c)
    fails: list[Fail] = []
    if totals is not None:
        if not consult.totals_add_up(totals):
            fails.append(("incomplete", Detail("readiness.consultation_totals", totals)))
        if register and len(register) != totals.get("received"):
            fails.append(("incomplete", Detail("readiness.consultation_two_counts", {
                "register": len(register), "received": totals.get("received", 0)})))
        if consult.report_reference(c) is None:
            fails.append(("incomplete", Detail("readiness.consultation_no_report")))
    if not register:
        # Nothing to answer: the note says what the register shows (none recorded).
        return fails if totals is not None else [("present", Detail("readiness.no_comments"))]
    undecided = [x for x in register if x.get("status") not in consult.DECISIONS]
    if undecided:
        fails.append(("incomplete", Detail("readiness.comments_open", {
            "count": len(undecided), "ids": ids(undecided)})))
    unjustified = [x for x in register if x not in undecided and not text(x.get("response"))]
    if unjustified:
        fails.append(("incomplete", Detail("readiness.comments_unjustified",
                                           {"ids": ids(unjustified)})))
    return fails


def consistency_names_the_voivodeship(d: Data, test: Test) -> list[Fail]:
    """Where the working group shows the consistency as a matrix (consistency.yaml), it
    names the voivodeship's strategy among its documents; without the matrix, the OSI's
    basis is what shows it (the element's other tests)."""
    documents = items(get(d, "consistency.documents"))
    if not isinstance(d.get("consistency"), dict) or any(
            x.get("level") == "voivodeship" for x in documents):
        return []
    return [("incomplete", Detail(test.detail or "", {"ids": ids(documents)}))]


JUDGES: dict[str, Callable[[Data, Test], list[Fail]]] = {
    "consistency_names_the_voivodeship": consistency_names_the_voivodeship,
    "goals_served": goals_served,
    "joint_investments": joint_investments,
    "framework_funded": framework_funded,
    "partners_involved": partners_involved,
    "results_have_indicators": results_have_indicators,
    "consultation_term": consultation_term,
    "consultation_bodies": consultation_bodies,
    "consultation_report": consultation_report,
}


# --- the located forms, for `check` --------------------------------------------------------

def check_consultation_term(d: Data, test: Test) -> Iterator[Located]:
    c = d["consultation"]
    t = consult.term(c, test.options["min_days"])
    if t.announced is None:
        yield "error", "consultation.no_website", ("consultation", "announcements"), {
            "min_days": t.min_days}
        return
    if not t.long_enough:
        assert t.earliest_end is not None
        yield "error", "consultation.too_short", ("consultation", "end"), {
            "days": t.days, "announced": t.announced.isoformat(), "end": c["end"].isoformat(),
            "earliest": t.earliest_end.isoformat(), "min_days": t.min_days}
    if c["start"] < t.announced:
        yield "warning", "consultation.before_announcement", ("consultation", "start"), {
            "start": c["start"].isoformat(), "announced": t.announced.isoformat()}


def check_consultation_bodies(d: Data, test: Test) -> Iterator[Located]:
    for body in consult.missing_bodies(d["consultation"], test.options["bodies"]):
        yield "error", "consultation.body_missing", ("consultation", "bodies"), {
            "body": consult.body_name(body), "code": body}


CHECKS: dict[str, Callable[[Data, Test], Iterator[Located]]] = {
    "consultation_term": check_consultation_term,
    "consultation_bodies": check_consultation_bodies,
}
