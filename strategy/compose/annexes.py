"""What the submission annexes and maps show, prepared for the templates.

``Annexes`` gives annex_readiness.md.j2 the readiness table, in the reader's words
(never a file, a key or a code), and the law it applies (the strategy's legal profile),
and annex_consultation.md.j2 the consultation report, from the register of comments or
from the totals of a consultation already held. A readiness row says in which chapter
an element stands; the chapter numbers are known only once the whole document is
rendered, so the row holds a placeholder that ``place_chapters`` replaces with the
numbers the exporters will print.
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
from strategy.compose.phrases import Phrase
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

    @cached_property
    def applied(self) -> readiness.Applied:
        return readiness.applied({"strategy": self.s.strategy.model_dump(mode="python")})

    @property
    def law(self) -> SimpleNamespace:
        """The profile's title and laws for the annex's lead, and the other roles the
        strategy serves as. The law's words are the package's own words, not the user's:
        phrases of their own, printed as the phrase's words are (as written, or escaped
        and typeset with phrases.TYPESET_WORDS)."""
        main, *others = self.applied.profiles

        def words(texts: dict[str, str]) -> Phrase:
            return Phrase(texts[self.lang].replace("{", "{{").replace("}", "}}"), self.lang, {})

        return SimpleNamespace(strategy=words(main.title), laws=words(main.laws), roles=[
            SimpleNamespace(role=words(p.role), laws=words(p.laws)) for p in others])

    @property
    def statutory_consultation(self) -> bool:
        """Whether the profile requires the consultation of art. 6 u.z.p.p. (its term is
        judged), so that the report may say the consultation was held under it."""
        return any(t.judge == "consultation_term" for e in self.applied.elements
                   for t in e.tests)

    @property
    def ready(self) -> bool:
        return all(i.status == "present" for i in self.items)

    @property
    def readiness_rows(self) -> list[list[Any]]:
        rows = []
        for item in self.items:
            place = placeholder(item.finding.where)
            note = item.finding.reader_text(self.lang)
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
        # each body once, whether written as a code, by its own name, or both
        return [b.name or self.L["consulted_bodies"][b.code]
                for b in consult.listed_bodies(self.s.consultation.model_dump())]

    @cached_property
    def comments(self) -> list[Any]:
        review = self.s.review
        return [c for c in (review.comments if review else []) if c.source == "consultation"]

    @property
    def totals(self) -> Any:
        """The totals of a consultation recorded in aggregate, when there is no register."""
        return None if self.comments else self.s.consultation.comments

    @property
    def received(self) -> int:
        return self.totals.received if self.totals is not None else len(self.comments)

    @property
    def comments_recorded(self) -> str:
        """How the comments are recorded: "some" (the register), "totals", "none"
        (totals of none received), or "unrecorded" (neither: nothing is known of them)."""
        if self.comments:
            return "some"
        if self.totals is None:
            return "unrecorded"
        return "totals" if self.totals.received else "none"

    @property
    def count_rows(self) -> list[list[Any]]:
        t = self.totals
        counts = ({d: getattr(t, d) for d in (*DECISIONS[:3], "not_considered")} if t is not None
                  else {d: sum(c.status == d for c in self.comments) for d in DECISIONS})
        rows = [[self.L["decisions"][d], Md(str(n))] for d, n in counts.items()
                if n or d in DECISIONS[:3]]
        rows.append([Md("**" + markdown.escape(self.L["total"], self.lang) + "**"),
                     Md(f"**{self.received}**")])
        return rows

    @property
    def report(self) -> SimpleNamespace | None:
        """The published report of a consultation recorded in totals: the variant of its
        sentence by what locates it, and its words."""
        r = self.s.consultation.report
        if r is None or self.comments:
            return None
        located = ("both" if r.address and r.resolution else "address" if r.address
                   else "resolution" if r.resolution else "none")
        return SimpleNamespace(located=located, title=r.title,
                               date=typography.date(r.date, self.lang),
                               address=r.address, resolution=r.resolution)

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
