"""Rules of the procedure: what the legal profile requires that check reports
(strategy/law/), the public consultation whatever the profile, and the council's comments."""

from __future__ import annotations

from typing import Any

from strategy.checks.rules.engine import _split_path, rule
from strategy.checks.validated import Validated

# --- the legal profile: its requirements that check reports (strategy/law/) ------------

@rule(data=("strategy",))
def the_profile_requires(s: Any, v: Validated):
    """The three dimensions of a supra-local strategy, its consultation's term and
    bodies, …: whatever the record's profile marks ``check`` (strategy/checks/readiness.py)."""
    from strategy.checks import readiness

    yield from readiness.problems(v)


# --- the public consultation, whatever the profile (days counted: checks/consultation.py) --

@rule("consultation")
def consultation_dates_in_order(s: Any, v: Validated):
    c = s.consultation
    if c.start > c.end:
        yield "error", "rule.date_order", ("consultation", "end"), {
            "start": c.start.isoformat(), "end": c.end.isoformat()}
    for i, a in enumerate(c.announcements):
        if a.date > c.end:
            yield "error", "consultation.announced_after_end", (
                "consultation", "announcements", i, "date"), {
                "date": a.date.isoformat(), "end": c.end.isoformat()}
    if c.report is not None and c.report.date < c.end:
        yield "error", "consultation.report_before_end", ("consultation", "report", "date"), {
            "date": c.report.date.isoformat(), "end": c.end.isoformat()}


@rule("consultation")
def consultation_totals_add_up(s: Any, v: Validated):
    """A consultation recorded in aggregate: the decisions add up to the comments
    received, and the record says where its published report can be read."""
    c = s.consultation
    if c.comments is not None:
        t = c.comments
        decided = t.accepted + t.partly + t.rejected + t.not_considered
        if decided != t.received:
            yield "error", "consultation.totals_sum", ("consultation", "comments", "received"), {
                "received": t.received, "decided": decided, "accepted": t.accepted,
                "partly": t.partly, "rejected": t.rejected, "not_considered": t.not_considered}
        if c.report is None:
            yield "warning", "consultation.totals_without_report", ("consultation", "comments"), {
                "received": t.received}
    if c.report is not None and not (c.report.address.strip() or c.report.resolution.strip()):
        yield "warning", "consultation.report_unlocated", ("consultation", "report"), {
            "title": c.report.title}


@rule("consultation", "review")
def consultation_counted_once(s: Any, v: Validated):
    """Both forms at once must tell the same story: the register's comments are those
    the totals count."""
    t = s.consultation.comments
    register = [c for c in s.review.comments if c.source == "consultation"]
    if t is None or not register:
        return
    counted = {d: sum(c.status == d for c in register) for d in ("accepted", "partly", "rejected")}
    if len(register) != t.received or any(counted[d] != getattr(t, d) for d in counted):
        yield "error", "consultation.totals_register", ("consultation", "comments", "received"), {
            "received": t.received, "register": len(register), **{
                f"register_{d}": n for d, n in counted.items()},
            "accepted": t.accepted, "partly": t.partly, "rejected": t.rejected}


@rule("review")
def consultation_comments_are_anonymous_and_answered(s: Any, v: Validated):
    found = False
    for i, c in enumerate(s.review.comments):
        if c.source != "consultation":
            continue
        found = True
        base = _split_path("review", i)
        if c.category is None:
            yield "error", "consultation.comment_category", (*base, "source"), {"id": c.id}
        if c.author.strip():
            yield "error", "consultation.comment_author", (*base, "author"), {"id": c.id}
        if c.status != "open" and not c.response.strip():
            yield "warning", "consultation.comment_unjustified", (*base, "status"), {"id": c.id}
    if found and "consultation" not in v.sections.data and "consultation" not in v.sections.broken:
        yield "warning", "consultation.comments_without_consultation", ("review",), {}


@rule("consultation", "review")
def consultation_comments_within_the_term(s: Any, v: Validated):
    for i, c in enumerate(s.review.comments):
        if c.source == "consultation" and c.date > s.consultation.end:
            yield "warning", "consultation.comment_late", (*_split_path("review", i), "date"), {
                "id": c.id, "date": c.date.isoformat(), "end": s.consultation.end.isoformat()}


# --- the council's comments (Word comments filed by `build_strategy.py comments`) -----

@rule("review", partial=True)
def council_comments_are_answered(s: Any, v: Validated):
    for i, c in enumerate(s.review.comments):
        if c.source != "council":
            continue
        base = _split_path("review", i)
        if c.status == "open":
            yield "warning", "review.comment_open", (*base, "status"), {
                "id": c.id, "author": c.author or "?"}
        elif not c.response.strip():
            yield "warning", "review.comment_unjustified", (*base, "status"), {"id": c.id}


@rule("review", data=True)
def accepted_changes_are_in_the_sections(s: Any, v: Validated):
    """A tracked change the working group accepted must be made: its words as proposed
    are in the sections (``apply`` makes it where it maps to one field)."""
    accepted = [(i, c) for i, c in enumerate(s.review.comments)
                if c.source == "council" and c.status == "accepted" and c.kind != "comment"
                and c.file]
    if not accepted:
        return
    from strategy.sections import texts  # only where a change was accepted

    paragraphs = texts.index(v.sections)
    for i, c in accepted:
        if not texts.change_made(c.quoted, c.proposed, c.moved_to, c.text, paragraphs):
            yield "warning", "review.change_not_made", (*_split_path("review", i), "status"), {
                "id": c.id, "file": c.file, "field": c.field,
                "proposed": texts.unwrap(c.moved_to or c.proposed)[0][:120] or "–"}
