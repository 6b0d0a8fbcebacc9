"""What the submission annexes and maps show, prepared for the templates.

``Annexes`` gives annex_readiness.md.j2 the readiness table and annex_consultation.md.j2
the consultation report. A readiness row says in which chapter an element stands; the
chapter numbers are known only once the whole document is rendered, so the row holds a
placeholder that ``place_chapters`` replaces with the numbers the exporters will print.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from strategy import consult, maps, markdown, outline, readiness, typography
from strategy.document import Drawing
from strategy.markdown import Md
from strategy.model.maps import Map

_PLACE = re.compile("\ue000([^\ue001]*)\ue001")
DECISIONS = ("accepted", "partly", "rejected", "open")


def placeholder(places: tuple[str, ...]) -> Md:
    return Md("\ue000" + " ".join(places) + "\ue001") if places else Md("")


def place_chapters(text: str, words: dict[str, Any], lang: str) -> str:
    """Replace every placeholder with where its places stand: "rozdz. 2.5" for a
    numbered heading, the heading's title for an annex. A place is a key of the labels'
    ``anchors`` (the templates of each language name their headings' anchors)."""
    if "\ue000" not in text:
        return text
    headings = outline.anchors(text)

    def place(match: re.Match[str]) -> str:
        found = []
        for place in match.group(1).split():
            heading = headings.get(words["anchors"].get(place, place))
            if heading is None:
                continue
            found.append(words["chapter_ref"].format(number=heading.number) if heading.number
                         else heading.title)
        return markdown.escape("; ".join(dict.fromkeys(found)), lang)

    return _PLACE.sub(place, text)


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
            rows.append([item.element.name[self.lang], item.element.basis[self.lang],
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
        opening, closing = ("„", "”") if self.lang == "pl" else ("“", "”")
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


def map_figure(view: Any, m: Map) -> Md:
    """A map of the graphic part as a figure: drawn from GeoJSON or copied, with its
    legend's entries added to the alternative text (the legend is inside the image)."""
    words = view.L["maps"]
    index = len([p for p in view.figures if p.parent.name == "maps"]) + 1
    target = view.assets / "maps" / f"map-{index}-{Path(m.file).stem}.png"
    written = maps.output_path(m, target)
    view.drawings.append(Drawing("strategy.mapdraw", "render", (m, view.root, target, maps.MapWords(
        words["north"], words["not_to_scale"], words["km"], "," if view.lang == "pl" else "."))))
    view.figures.append(written)
    alt = m.alt.strip()
    if m.layers and maps.is_geojson(m):
        alt = (alt if alt.endswith(".") else alt + ".") + f" {words['legend']}: " + "; ".join(
            layer.label for layer in m.layers) + "."
    return view.figure(f"maps/{written.name}", m.caption, alt, m.source)
