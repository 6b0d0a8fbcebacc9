"""Which legal profiles a strategy is judged by, and which section kind a test reads:
what ``check`` asks of the law before anything is judged (readiness.py judges).

Apart from readiness.py so that a check whose sections hold every kind the profiles'
tests read (the usual case: ``required_absent`` says so) needs neither the judges nor
the consultation's rules, which readiness.py imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strategy.law.profiles import DEFAULT, Element, Profile, Test, names, profile

Data = dict[str, Any]  # as checks/findings.py: a kind's plain data by its name


@dataclass(frozen=True)
class Applied:
    """The profiles a strategy is judged by: its own first, then those it serves as."""

    profiles: tuple[Profile, ...]
    named: bool  # the record names its profiles (else the default applies, unnamed)

    @property
    def elements(self) -> list[Element]:
        seen: dict[str, Element] = {}
        for p in self.profiles:
            for e in p.elements:
                seen.setdefault(e.id, e)
        return list(seen.values())

    def name(self, lang: str) -> str:
        return ", ".join(p.name[lang] for p in self.profiles)


def applied(data: Data) -> Applied:
    """The profiles the record in ``data`` names (a value that names no profile is
    reported by ``check``; the default applies meanwhile)."""
    record = data.get("strategy") if isinstance(data.get("strategy"), dict) else {}
    known = names()
    own = record.get("profile")
    main = own if isinstance(own, str) and own in known else DEFAULT
    extra = record.get("serves_as")
    others = [p for p in dict.fromkeys(extra) if isinstance(p, str) and p in known
              and p != main] if isinstance(extra, list) else []
    return Applied(tuple(profile(p) for p in (main, *others)), main == own or bool(others))


def read_kind(t: Test) -> str | None:
    """The section kind a test reads (None for a judge, which may read several)."""
    if t.kind:
        return t.kind
    if t.map:
        return t.section or None
    dotted = t.path or (t.any[0] if t.any else "")
    return dotted.split(".")[0] if dotted else None


def required_absent(data: Data, profiles: Applied | None = None) -> bool:
    """Whether some kind a test of a draft element reads is absent from ``data``: only
    then can ``readiness.required_kinds`` find a kind missing (it names a kind only when
    a test reading it fails and its data is no mapping), so only then is it asked."""
    return any(not isinstance(data.get(kind), dict)
               for e in (profiles or applied(data)).elements if e.due == "draft"
               for kind in map(read_kind, e.tests) if kind is not None)
