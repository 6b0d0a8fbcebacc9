"""The outline of a composed document: its headings, numbered as the exporters number them.

Pandoc numbers every heading that is not ``{.unnumbered}`` (or ``{-}``): level-1
headings are chapters 1, 2, 3…, a level-2 heading under chapter 2 is 2.1, and so on.
The readiness report points into the document with these numbers, and the
accessibility test checks that no heading skips a level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+\{([^{}]*)\})?[ \t]*$")
_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True)
class Heading:
    level: int
    title: str  # as the reader sees it: escapes removed
    anchor: str  # the explicit {#id}, or ""
    number: str  # "2.5", or "" for an unnumbered heading


def outline(markdown: str) -> list[Heading]:
    headings: list[Heading] = []
    counters = [0] * 6
    fenced = False
    for line in markdown.splitlines():
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if not match:
            continue
        level = len(match.group(1))
        attributes = (match.group(3) or "").split()
        anchor = next((a[1:] for a in attributes if a.startswith("#")), "")
        numbered = not any(a in (".unnumbered", "-") for a in attributes)
        number = ""
        if numbered:
            counters[level - 1] += 1
            counters[level:] = [0] * (6 - level)
            number = ".".join(str(n) for n in counters[:level])
        title = _ESCAPE.sub(r"\1", match.group(2)).replace("\u00a0", " ").strip()
        headings.append(Heading(level, title, anchor, number))
    return headings


def anchors(markdown: str) -> dict[str, Heading]:
    return {h.anchor: h for h in outline(markdown) if h.anchor}


def skipped_levels(markdown: str) -> list[tuple[Heading, int]]:
    """Headings that go more than one level deeper than the heading before them (a
    level-3 heading right under a level-1 one), with the level they should have had."""
    found: list[tuple[Heading, int]] = []
    previous = 0
    for heading in outline(markdown):
        if heading.level > previous + 1:
            found.append((heading, previous + 1))
        previous = heading.level
    return found
