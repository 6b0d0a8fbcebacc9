"""The projects' timeline laid out before it is drawn: its rows (project names wrapped
to the label column), the years its axis spans, and how many figures it takes.

Pure arithmetic, no matplotlib: composing decides how many figures (and captions, and
alternative texts) the timeline has before ``charts.timeline`` draws them.

A project of 2023–2027 runs from the start of 2023 to the end of 2027: its bar spans
[2023, 2028) on an axis whose ticks stand at the starts of years and whose labels
stand in the middle of each year. The axis covers the strategy's period and every
project's years, so no bar is ever cut off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from strategy.model.tablefit import PORTRAIT_HEIGHT, PORTRAIT_WIDTH, text_width

# The figure is drawn at the text width, so the page shows it at 1:1 (sizes in inches).
WIDTH = PORTRAIT_WIDTH / 72
LABEL_WIDTH = 2.85  # the project names' column
LABEL_SIZE = 7.5  # pt
LINE = LABEL_SIZE * 1.22 / 72
ROW_PAD = 0.07
TOP, BOTTOM = 0.08, 0.5  # room above the first row; the axis, its labels and its title
# The tallest figure: the text area less its caption and source lines (about 2.5 cm).
MAX_HEIGHT = (PORTRAIT_HEIGHT - 72) / 72


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    first: int
    last: int
    lines: tuple[str, ...]  # the label as drawn, wrapped

    @property
    def height(self) -> float:
        return len(self.lines) * LINE + ROW_PAD


def wrap(text: str, width_in: float = LABEL_WIDTH - 0.12, size: float = LABEL_SIZE) -> list[str]:
    """Lines of ``text`` no wider than ``width_in`` in the chart's type: broken at spaces,
    or after the hyphen of a compound ("miejsko-|wiejska")."""
    room = width_in * 72
    lines: list[str] = []
    for i, chunk in enumerate(text.split()):
        for j, piece in enumerate(_AFTER_HYPHEN.split(chunk)):
            glue = " " if j == 0 and i > 0 else ""
            if lines and text_width(lines[-1] + glue + piece, size=size) <= room:
                lines[-1] += glue + piece
            else:
                lines.append(piece)
    return lines or [""]


_AFTER_HYPHEN = re.compile(r"(?<=[^\W\d]-)(?=[^\W\d])")


def rows(items: Sequence[tuple[str, str, int, int]]) -> list[Row]:
    """(code, name, first year, last year) of each project, as rows of the chart."""
    return [Row(code, name, first, last, tuple(wrap(f"{code} {name}")))
            for code, name, first, last in items]


def height(part: Sequence[Row]) -> float:
    return TOP + BOTTOM + sum(r.height for r in part)


def parts(all_rows: Sequence[Row], limit: float = MAX_HEIGHT) -> list[list[Row]]:
    """The rows split into figures no taller than ``limit``, as evenly as that allows."""
    count = 1
    while True:
        size = -(-len(all_rows) // count)
        chunks = [list(all_rows[i:i + size]) for i in range(0, len(all_rows), size)]
        if all(height(c) <= limit for c in chunks) or size == 1:
            return chunks
        count += 1


def axis(all_rows: Sequence[Row], first: int, last: int) -> tuple[int, int]:
    """The years the axis shows: the period and every project's years, whole years."""
    lo = min([first] + [r.first for r in all_rows])
    hi = max([last] + [r.last for r in all_rows])
    return lo, hi + 1
