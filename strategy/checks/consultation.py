"""What the public consultation's record says, read from plain data (a model's
``model_dump()`` or the loaded YAML, so the readiness report can judge sections that do
not validate yet): its term, the bodies consulted, its comments, one by one in the
review register or as the totals of a consultation already held. The legal profile
says how long the term must be and which bodies must be consulted (for a supra-local
strategy: art. 6 ust. 3–5 of the Act on the principles of development policy,
strategy/law/supra_local.yaml); this module only counts.

How the days are counted. Art. 6 ust. 5 u.z.p.p.: the term for comments is "not
shorter than 35 days from the day of the announcement on the website" (art. 6 ust. 4).
As in art. 111 § 2 of the Civil Code, the day of the announcement is not counted: the
first day is the day after it, and the last day for comments (``end``) must fall at
least 35 days after the announcement, e.g. announced on 1 March, open until 5 April at
the earliest. When the draft was announced on the website more than once, the first
website announcement counts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from strategy.language.labels import in_every_language
from strategy.law.profiles import consulted_bodies

DECISIONS = ("accepted", "partly", "rejected")


def body_name(body: str) -> dict[str, str]:
    """A consulted body's name in each language (the labels the report prints)."""
    return in_every_language("consulted_bodies", body)


_WEBSITE = re.compile(r"stron|internet|www\.|https?://|\bbip\b|website|web site", re.IGNORECASE)


def is_website(announcement: dict[str, Any]) -> bool:
    """Whether an announcement was made on the website: its ``website`` flag, or else its
    ``where`` naming a website, a web address or the BIP (the public information page)."""
    flag = announcement.get("website")
    if isinstance(flag, bool):
        return flag
    return bool(_WEBSITE.search(str(announcement.get("where") or "")))


@dataclass(frozen=True)
class Term:
    announced: dt.date | None  # the first announcement on the website
    end: dt.date | None
    days: int | None  # whole days from the announcement to the end, the end included
    earliest_end: dt.date | None  # the first end date that meets ``min_days``
    min_days: int = 0  # the shortest term the profile allows

    @property
    def long_enough(self) -> bool:
        return self.days is not None and self.days >= self.min_days


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def term(consultation: dict[str, Any], min_days: int = 0) -> Term:
    dates = [d for a in _dicts(consultation.get("announcements"))
             if (d := _date(a.get("date"))) is not None and is_website(a)]
    announced = min(dates) if dates else None
    end = _date(consultation.get("end"))
    if announced is None:
        return Term(None, end, None, None, min_days)
    earliest = announced + dt.timedelta(days=min_days)
    return Term(announced, end, (end - announced).days if end else None, earliest, min_days)


def named_code(name: str) -> str | None:
    """The code of the body a name written out stands for ("Wody Polskie":
    water_authority), or None when no code's words occur in it."""
    folded = " ".join(name.casefold().split())
    return next((code for code, words in consulted_bodies().items()
                 if any(w in folded for w in words)), None)


def body_codes(consultation: Any) -> set[str]:
    """The codes of the bodies consulted: those written as codes (``bodies``) and
    those written by their own name (``body_names``) that a code's words recognise."""
    if not isinstance(consultation, dict):
        return set()
    codes = consultation.get("bodies")
    names = consultation.get("body_names")
    found = {c for c in codes if isinstance(c, str)} if isinstance(codes, list) else set()
    return found | {code for n in (names if isinstance(names, list) else [])
                    if isinstance(n, str) and (code := named_code(n)) is not None}


@dataclass(frozen=True)
class Body:
    """One consulted body as the report lists it: by its own name where the record
    writes one, else by its code's label."""

    code: str | None  # None: a name no code recognises
    name: str = ""  # the body's own name, "" when only its code is written


def listed_bodies(consultation: Any) -> list[Body]:
    """Each consulted body once, in the order of ``bodies``: a code that a body written
    by name stands for gives way to that name (listed in its place); names that no code
    recognises follow, and make the code ``other`` ("other bodies") redundant; a name
    written twice (letter case and spaces aside) is listed once."""
    if not isinstance(consultation, dict):
        return []
    codes = [c for c in consultation.get("bodies") or [] if isinstance(c, str)]
    names: dict[str, tuple[str | None, str]] = {}
    for n in consultation.get("body_names") or []:
        if isinstance(n, str) and n.strip():
            names.setdefault(" ".join(n.casefold().split()), (named_code(n), n))
    unmatched = [Body(None, n) for code, n in names.values() if code is None]
    listed: list[Body] = []
    for code in dict.fromkeys(codes):
        mine = [Body(code, n) for c, n in names.values() if c == code]
        if mine:
            listed += mine
        elif not (code == "other" and unmatched):
            listed.append(Body(code))
    # names of a code the record did not write as a code
    listed += [Body(c, n) for c, n in names.values() if c is not None and c not in codes]
    return listed + unmatched


def missing_bodies(consultation: dict[str, Any], required: list[str]) -> list[str]:
    present = body_codes(consultation)
    return [b for b in required if b not in present]


def comments(review: Any) -> list[dict[str, Any]]:
    """The consultation comments of the review register (source: consultation)."""
    items = review.get("comments") if isinstance(review, dict) else None
    return [c for c in _dicts(items) if c.get("source") == "consultation"]


def totals(consultation: Any) -> dict[str, int] | None:
    """The totals of a consultation recorded in aggregate (``comments`` of
    consultation.yaml): received, accepted, partly, rejected, not_considered; None when
    the consultation is recorded comment by comment (or not at all)."""
    found = consultation.get("comments") if isinstance(consultation, dict) else None
    if not isinstance(found, dict):
        return None
    return {k: v if isinstance(v := found.get(k, 0), int) and not isinstance(v, bool) else 0
            for k in ("received", *DECISIONS, "not_considered")}


def totals_add_up(found: dict[str, int]) -> bool:
    """Every comment received has its decision or was left without consideration."""
    return sum(found[k] for k in (*DECISIONS, "not_considered")) == found["received"]


def report_reference(consultation: Any) -> dict[str, Any] | None:
    """The published consultation report the record points to, when it names where it
    can be read: an address or the resolution that adopted it, besides its title and
    date."""
    report = consultation.get("report") if isinstance(consultation, dict) else None
    if not isinstance(report, dict) or not str(report.get("title") or "").strip():
        return None
    if report.get("date") is None:
        return None
    located = any(str(report.get(k) or "").strip() for k in ("address", "resolution"))
    return report if located else None


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
