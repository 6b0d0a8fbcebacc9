"""What the submission annexes and maps show, prepared for the templates.

``Annexes`` gives annex_readiness.md.j2 the readiness table and annex_consultation.md.j2
the consultation report. A readiness row says in which chapter an element stands; the
chapter numbers are known only once the whole document is rendered, so the row holds a
placeholder that ``place_chapters`` replaces with the numbers the exporters will print.
"""

from __future__ import annotations

import re
from functools import cached_property
from types import SimpleNamespace
from typing import Any

from strategy.checks import consultation as consult
from strategy.checks import readiness
from strategy.compose import markdown, outline, typography
from strategy.compose.markdown import Md
from strategy.language.books import fill, pick
from strategy.language.messages import render

_PLACE = re.compile("\ue000([^\ue001]*)\ue001")
DECISIONS = ("accepted", "partly", "rejected", "open")


def placeholder(places: tuple[str, ...]) -> Md:
    return Md("\ue000" + " ".join(places) + "\ue001") if places else Md("")


def place_chapters(text: str, words: dict[str, Any], lang: str) -> str:
    """Replace every placeholder with where its places stand: "rozdz. 2.5" for a
    numbered heading, the heading's title for an annex. A place is a key of the labels'
    ``anchors``, through which the templates name their headings' anchors."""
    if "\ue000" not in text:
        return text
    headings = outline.anchors(text)

    def place(match: re.Match[str]) -> str:
        found = []
        for place in match.group(1).split():
            heading = headings.get(words["anchors"].get(place, place))
            if heading is None:
                continue
            found.append(fill(words["chapter_ref"], lang, {"number": heading.number})
                         if heading.number else heading.title)
        return markdown.escape("; ".join(dict.fromkeys(found)), lang)

    return _PLACE.sub(place, text)


def places_in(markdown: str, doc_labels: dict[str, Any], lang: str) -> dict[str, str]:
    """Place -> where it stands in ``markdown``, in the words of the messages (``lang``):
    "rozdz. 2.4 (Wnioski z diagnozy)" for a numbered chapter, the title for an annex."""
    headings = outline.anchors(markdown)
    found: dict[str, str] = {}
    for place, anchor in doc_labels["anchors"].items():
        heading = headings.get(anchor)
        if heading is not None:
            found[place] = (render("readiness.where_chapter", lang, {
                "number": heading.number, "title": heading.title}) if heading.number
                else heading.title)
    return found


class Annexes:
    """Rows for the annex templates, computed once per document."""

    def __init__(self, view: Any) -> None:
        self.v = view
        self.s = view.s
        self.lang: str = view.lang
        self.L: dict[str, Any] = view.L

    # --- the readiness annex ----------------------------------------------------------
    @cached_property
    def items(self) -> list[readiness.Item]:
        return readiness.evaluate_strategy(self.s)

    @property
    def ready(self) -> bool:
        return all(i.status == "present" for i in self.items)

    @property
    def readiness_rows(self) -> list[list[Any]]:
        rows = []
        for item in self.items:
            place = placeholder(item.finding.where)
            note = item.finding.text(self.lang)
            cell = Md(place + (Md("; ") if place and note else "")
                      + markdown.escape(note, self.lang)) if note or place else None
            rows.append([pick(item.element.name, self.lang),
                         pick(item.element.basis, self.lang),
                         self.L["readiness_status"][item.status], cell])
        return rows

    # --- the consultation report ------------------------------------------------------
    @property
    def consultation(self) -> Any:
        return self.s.consultation

    @cached_property
    def term(self) -> consult.Term:
        return consult.term(self.s.consultation.model_dump())

    @property
    def announcements(self) -> str:
        return "; ".join(f"{a.where} ({typography.date(a.date, self.lang)})"
                         for a in self.s.consultation.announcements)

    @property
    def bodies(self) -> list[str]:
        c = self.s.consultation
        return [self.L["consulted_bodies"][b] for b in c.bodies] + list(c.body_names)

    @cached_property
    def comments(self) -> list[Any]:
        review = self.s.review
        return [c for c in (review.comments if review else []) if c.source == "consultation"]

    @property
    def count_rows(self) -> list[list[Any]]:
        rows = [[self.L["decisions"][d], Md(str(n))] for d in DECISIONS
                if (n := sum(c.status == d for c in self.comments)) or d != "open"]
        rows.append([Md("**" + markdown.escape(self.L["total"], self.lang) + "**"),
                     Md(f"**{len(self.comments)}**")])
        return rows

    @property
    def groups(self) -> list[SimpleNamespace]:
        """The comments by decision, in the order accepted, partly, rejected, open."""
        groups = []
        opening, closing = typography.quotes(self.lang)
        for decision in DECISIONS:
            rows = [[c.id, self.L["commenter_categories"].get(c.category or "other"),
                     (c.section + (f" – {opening}{c.quoted}{closing}" if c.quoted else ""))
                     or None,
                     c.text, c.response or None]
                    for c in self.comments if c.status == decision]
            if rows:
                groups.append(SimpleNamespace(decision=decision, rows=rows,
                                              title=self.L["decision_groups"][decision]))
        return groups
