"""The legal tests of the public consultation (art. 6 of the Act on the principles of
development policy, u.z.p.p.), shared by ``check`` (strategy/rules.py) and the readiness
report. They read plain data (a model's ``model_dump()`` or the loaded YAML), so the
readiness report can judge sections that do not validate yet.

How the 35 days are counted. Art. 6 ust. 5 u.z.p.p.: the term for comments is "not
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

MIN_DAYS = 35
# Art. 6 ust. 3 u.z.p.p. for a supra-local strategy: neighbouring gminas and their
# unions, local social and economic partners, the residents of the gminas, and the
# competent director of the regional water management authority of Wody Polskie.
REQUIRED_BODIES = ("neighbouring_gminas", "social_partners", "economic_partners", "residents",
                   "water_authority")


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
    earliest_end: dt.date | None  # the first end date that meets the law

    @property
    def long_enough(self) -> bool:
        return self.days is not None and self.days >= MIN_DAYS


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def term(consultation: dict[str, Any]) -> Term:
    dates = [d for a in _dicts(consultation.get("announcements"))
             if (d := _date(a.get("date"))) is not None and is_website(a)]
    announced = min(dates) if dates else None
    end = _date(consultation.get("end"))
    if announced is None:
        return Term(None, end, None, None)
    earliest = announced + dt.timedelta(days=MIN_DAYS)
    return Term(announced, end, (end - announced).days if end else None, earliest)


def missing_bodies(consultation: dict[str, Any]) -> list[str]:
    bodies = consultation.get("bodies")
    present = set(bodies) if isinstance(bodies, list) else set()
    return [b for b in REQUIRED_BODIES if b not in present]


def comments(review: Any) -> list[dict[str, Any]]:
    """The consultation comments of the review register (source: consultation)."""
    items = review.get("comments") if isinstance(review, dict) else None
    return [c for c in _dicts(items) if c.get("source") == "consultation"]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
