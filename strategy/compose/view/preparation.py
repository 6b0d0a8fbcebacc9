"""How the strategy was prepared: the history of its versions, the meetings of the
register, the surveys, and the annexes of readiness and consultation."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from strategy.compose import annexes, markdown, phrases, typography
from strategy.compose.markdown import Md
from strategy.compose.view import State
from strategy.language import books


class PreparationRows(State):
    """The versions, meetings and surveys of the strategy's preparation."""

    @property
    def history_meetings(self) -> bool:
        """Whether the history's table has its column of meetings: a version was adopted
        at a meeting of the register (none without meetings.yaml)."""
        meetings = {m.id for m in self.meetings}
        return any(e.meeting in meetings for e in self.s.strategy.history)

    @property
    def history_rows(self) -> list[list[Any]]:
        meetings = {m.id: m for m in self.meetings}
        return [[e.version, Md(markdown.escape(typography.date(e.date, self.lang))),
                 self.L["status"][e.status], self._history_note(e),
                 *([Md(markdown.escape(typography.date(meetings[e.meeting].date, self.lang)))
                    if e.meeting in meetings else None] if self.history_meetings else [])]
                for e in self.s.strategy.history]

    def _history_note(self, e: Any) -> str | None:
        """The version's note; for a withdrawn version, when and why it was withdrawn."""
        if e.withdrawn is None:
            return e.note or None
        withdrawn = self.L["withdrawn"].format(
            date=typography.date(e.withdrawn.date, self.lang), reason=e.withdrawn.reason)
        return f"{e.note} ({withdrawn})" if e.note else withdrawn

    @property
    def meetings(self) -> list[Any]:
        """The meetings of the register (none without meetings.yaml), by date."""
        return sorted(self.s.meetings.meetings, key=lambda m: m.date) if self.s.meetings else []

    @property
    def first_meeting(self) -> Any:
        return self.meetings[0] if self.meetings else None

    @property
    def last_meeting(self) -> Any:
        return self.meetings[-1] if self.meetings else None

    @property
    def surveyed_groups(self) -> list[str]:
        """The respondent groups the surveys asked, each once, in the surveys' order."""
        surveys = self.s.surveys.surveys if self.s.surveys else []
        return list(dict.fromkeys(sv.group for sv in surveys))

    @property
    def meetings_remote(self) -> int:
        return sum(m.form == "remote" for m in self.meetings)

    @property
    def meetings_in_person(self) -> int:
        return sum(m.form == "in_person" for m in self.meetings)

    @property
    def meeting_rows(self) -> list[list[Any]]:
        rows = []
        total = len(self.members)
        for m in self.meetings:
            form = self.L["forms"][m.form] + (f", {m.place}" if m.place else "")
            present = [p for p in m.participants if p in self.members]
            who = f"{len(present)}/{total}" if m.participants else None
            if len(present) < len(m.participants):
                who = books.fill(self.L["participants_with_partners"], self.lang, {
                    "members": len(present), "total": total, "partners": ", ".join(
                        self.entities[p].name for p in m.participants
                        if p not in self.members)})
            worked = [f"{self.L['sections'][k]} (+)" for k in m.drafted] + [
                f"{self.L['sections'][k]} (✓)" for k in m.agreed]
            rows.append([Md(markdown.escape(typography.date(m.date, self.lang))), form,
                         self.L["bodies"][m.body], who, "; ".join(m.agenda) or None,
                         "; ".join(worked) or None])
        return rows

    @property
    def survey_rows(self) -> list[list[Any]]:
        return [[sv.title, self.L["groups"][sv.group], Md(markdown.escape(
            self.span(sv.period.start, sv.period.end))), self.q(sv.sample, 0, escaped=False),
            sv.method]
            for sv in (self.s.surveys.surveys if self.s.surveys else [])]

    @property
    def survey_sources(self) -> list[str]:
        """The sources the surveys name, each once; empty when none names one (they are
        then the partnership's own). A survey that names none beside others that do is
        the partnership's own, said in its own words."""
        surveys = self.s.surveys.surveys if self.s.surveys else []
        named = list(dict.fromkeys(sv.source.strip() for sv in surveys if sv.source.strip()))
        if named and any(not sv.source.strip() for sv in surveys):
            named.append(str(books.phrase(self.lang, phrases.BOOK, "intro.surveys.source",
                                          "own")))
        return named

    @cached_property
    def submission(self) -> annexes.Annexes:
        """The readiness and consultation annexes (strategy/annexes.py)."""
        return annexes.Annexes(self)
