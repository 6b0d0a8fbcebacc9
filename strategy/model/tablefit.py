"""How a table fits the page: its columns' widths from their content, and the rule that
decides whether it stays portrait, turns landscape, is transposed or is split.

Used by the compose stage (every table of the document) and by ``check`` (a user's
table that cannot be printed as laid out gets a warning), so both apply one rule.

Widths are measured with the advance widths of the document's typeface (Liberation
Sans, metric-compatible with Arial: the same in the PDF, in Word and in LibreOffice),
read from ``advances.json``; ``python -m strategy.model.tablefit`` regenerates that file
from the font files in ``compose/fonts/``.

- A column is never narrower than its longest word (a word that does not fit would
  print over its neighbour in the PDF, or break without a hyphen in Word), nor wider
  than its longest line; the room left is shared in proportion to what each column
  still lacks.
- A table stays portrait while its longest words fit the portrait text width, unless
  the portrait rows would be far taller than the landscape ones (and the table fills a
  good part of a landscape page, so no landscape page stays mostly empty).
- Wider than a landscape page: transposed when it has more columns than rows and
  turned round fits a portrait page; otherwise split into parts of columns that fit a
  landscape page, each repeating the first column (the row's label).
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Literal

HERE = Path(__file__).resolve().parent
ADVANCES = HERE / "advances.json"
FONTS = HERE.parent / "compose" / "fonts"

CM = 72 / 2.54
# A4 with 2.5 cm margins (strategy.typ and reference.docx say the same).
PORTRAIT_WIDTH = (21.0 - 5.0) * CM
PORTRAIT_HEIGHT = (29.7 - 5.0) * CM
LANDSCAPE_WIDTH, LANDSCAPE_HEIGHT = PORTRAIT_HEIGHT, PORTRAIT_WIDTH
CELL_SIZE = 9.0  # pt: the tables' type size in PDF and DOCX
CELL_PADDING = 9.5  # pt: left + right inset of a cell (typst 2 x 4 pt, Word 2 x 85 twips) + rule
LINE_HEIGHT = CELL_SIZE * 1.25
ROW_PADDING = 7.0  # pt: top + bottom inset and rule of a row
SAFETY = 1.03  # kerning and rounding of the relative widths
# Portrait rows this many times taller than landscape ones make a table go landscape...
LANDSCAPE_GAIN = 2.0
# ...when it then fills at least this share of a landscape page.
LANDSCAPE_FILL = 0.5

Orientation = Literal["portrait", "landscape"]


@functools.cache
def _advances() -> tuple[int, dict[str, int], dict[str, int]]:
    data = json.loads(ADVANCES.read_text(encoding="utf-8"))

    def table(packed: str) -> dict[str, int]:  # by character: summed in one map()
        return {chr(int(cp, 16)): int(w) for cp, w in (pair.split(":") for pair in
                                                       packed.split())}

    return data["units_per_em"], table(data["regular"]), table(data["bold"])


@functools.lru_cache(maxsize=1 << 16)  # a table's cells are measured for each layout
def text_width(text: str, bold: bool = False, size: float = CELL_SIZE) -> float:
    """Width in points of ``text`` on one line."""
    upm, regular, heavy = _advances()
    widths = heavy if bold else regular
    fallback = widths.get("n", upm // 2)
    return sum(map(widths.get, text, repeat(fallback, len(text)))) * size / upm * SAFETY


_BREAKS = re.compile(r"[ \t\n]+|(?<=[-–—/])")


def words(text: str) -> list[str]:
    """The pieces a line may break between: at spaces (not at non-breaking ones) and
    after a hyphen, a dash or a slash, where Word and typst both may break."""
    return [w for w in _BREAKS.split(text) if w]


@dataclass(frozen=True)
class Cell:
    text: str
    bold: bool = False

    @functools.cached_property
    def longest_word(self) -> float:
        return max((text_width(w, self.bold) for w in words(self.text)), default=0.0)

    @functools.cached_property
    def line(self) -> float:
        return max((text_width(p, self.bold) for p in self.text.split("\n")), default=0.0)


@dataclass(frozen=True)
class Fit:
    """How a table is printed: its orientation, its columns' shares of the text width,
    and (when too wide) its parts (lists of column indices) or a transposition."""

    orientation: Orientation
    widths: tuple[float, ...]  # shares of the text width, summing to 1
    parts: tuple[tuple[int, ...], ...] = ()  # empty: the table is printed whole
    transposed: bool = False
    fits: bool = True  # False: even the parts are wider than a landscape page

    @property
    def landscape(self) -> bool:
        return self.orientation == "landscape"


def _columns(header: Sequence[Cell], rows: Sequence[Sequence[Cell]]) -> list[list[Cell]]:
    n = len(header)
    return [[header[i]] + [r[i] for r in rows if i < len(r)] for i in range(n)]


def minimum_widths(columns: Sequence[Sequence[Cell]]) -> list[float]:
    return [max(c.longest_word for c in col) + CELL_PADDING for col in columns]


def natural_widths(columns: Sequence[Sequence[Cell]]) -> list[float]:
    """The widest line of each column; a header may wrap at its words, so the data, not
    a long header, decides how wide a column wants to be."""
    return [max([col[0].longest_word] + [c.line for c in col[1:]]) + CELL_PADDING
            for col in columns]


def share(minimum: Sequence[float], natural: Sequence[float], room: float) -> list[float]:
    """Widths in points. Each column gets at least its minimum. Short columns (labels,
    dates, numbers) get their whole natural width while it is no more than an equal
    share of the room still free, so they never wrap; the long-text columns share what
    is left in proportion to what each still lacks (water-filling). What is left when
    all have their natural width goes in proportion to it."""
    widths = list(minimum)
    if room - sum(widths) <= 0:
        return widths
    free = room
    open_ = sorted(range(len(widths)), key=lambda i: natural[i])
    while open_:
        i = open_[0]
        wanted = max(natural[i], minimum[i])
        rest = sum(minimum[j] for j in open_[1:])
        if wanted <= free / len(open_) and free - wanted >= rest:
            widths[i] = wanted
            free -= wanted
            open_.pop(0)
        else:
            break
    spare = free - sum(widths[j] for j in open_)
    lacking = [max(natural[j] - widths[j], 0.0) if j in open_ else 0.0
               for j in range(len(widths))]
    while spare > 1e-6 and any(lacking):
        total = sum(lacking)
        grant = [min(spare * lack / total, lack) for lack in lacking]
        widths = [w + g for w, g in zip(widths, grant, strict=True)]
        lacking = [lack - g for lack, g in zip(lacking, grant, strict=True)]
        spare -= sum(grant)
        if sum(grant) < 1e-6:
            break
    if spare > 1e-6:
        total = sum(widths)
        widths = [w + spare * w / total for w in widths]
    return widths


def height(rows: Sequence[Sequence[Cell]], widths: Sequence[float]) -> float:
    """Estimated height in points of the rows set in columns of ``widths``."""
    total = 0.0
    for row in rows:
        lines = 1
        for cell, width in zip(row, widths, strict=False):
            room = max(width - CELL_PADDING, 1.0)
            lines = max(lines, sum(max(1, math.ceil(text_width(p, cell.bold) / room))
                                   for p in cell.text.split("\n")))
        total += lines * LINE_HEIGHT + ROW_PADDING
    return total


def _shares(widths: Sequence[float]) -> tuple[float, ...]:
    total = sum(widths)
    return tuple(w / total for w in widths)


def fit(header: Sequence[Cell], rows: Sequence[Sequence[Cell]]) -> Fit:
    """The rule (see the module's docstring) applied to one table."""
    columns = _columns(header, rows)
    minimum, natural = minimum_widths(columns), natural_widths(columns)
    table_rows = [header, *rows]
    if sum(minimum) <= PORTRAIT_WIDTH:
        portrait = share(minimum, natural, PORTRAIT_WIDTH)
        landscape = share(minimum, natural, LANDSCAPE_WIDTH)
        tall, low = height(table_rows, portrait), height(table_rows, landscape)
        if tall >= LANDSCAPE_GAIN * low and low >= LANDSCAPE_FILL * LANDSCAPE_HEIGHT:
            return Fit("landscape", _shares(landscape))
        return Fit("portrait", _shares(portrait))
    if sum(minimum) <= LANDSCAPE_WIDTH:
        return Fit("landscape", _shares(share(minimum, natural, LANDSCAPE_WIDTH)))
    if len(columns) > len(table_rows):
        # Turned round: each column becomes a row, the first column the header row.
        t_columns = [list(cells) for cells in zip(*columns, strict=False)]
        t_min, t_nat = minimum_widths(t_columns), natural_widths(t_columns)
        if sum(t_min) <= PORTRAIT_WIDTH:
            return Fit("portrait", _shares(share(t_min, t_nat, PORTRAIT_WIDTH)),
                       transposed=True)
    parts = split(minimum)
    fits = all(sum(minimum[i] for i in part) <= LANDSCAPE_WIDTH for part in parts)
    if len(parts) < 2:  # one column too wide by itself: splitting would not help
        return Fit("landscape", _shares(minimum), fits=False)
    return Fit("landscape", _shares(minimum), parts=tuple(parts), fits=fits)


def split(minimum: Sequence[float], room: float = LANDSCAPE_WIDTH) -> list[tuple[int, ...]]:
    """Column groups of about equal size, each starting with column 0 (the row labels)
    and no wider than ``room``: as few parts as the widest run of columns allows."""
    rest = list(range(1, len(minimum)))
    first = minimum[0]
    parts: list[list[int]] = []
    for i in rest:
        if not parts or first + sum(minimum[j] for j in parts[-1]) + minimum[i] > room:
            parts.append([])
        parts[-1].append(i)
    # Even out the parts: the same number of parts, columns dealt as evenly as they fit.
    count = len(parts)
    size = math.ceil(len(rest) / count) if count else 0
    even = [rest[k:k + size] for k in range(0, len(rest), size)] if size else []
    if len(even) == count and all(first + sum(minimum[j] for j in p) <= room for p in even):
        parts = even
    return [(0, *p) for p in parts]


def regenerate() -> None:
    """Write advances.json from the font files (needs fontTools, which matplotlib brings)."""
    from fontTools.ttLib import TTFont

    out: dict[str, object] = {"font": "Liberation Sans 2.1.5", "units_per_em": 2048}
    for face, name in (("regular", "Regular"), ("bold", "Bold")):
        font = TTFont(FONTS / f"LiberationSans-{name}.ttf")
        out["units_per_em"] = font["head"].unitsPerEm
        cmap, metrics = font.getBestCmap(), font["hmtx"]
        out[face] = " ".join(f"{cp:x}:{metrics[glyph][0]}" for cp, glyph in sorted(cmap.items())
                             if 0x20 <= cp <= 0x2BFF)
    ADVANCES.write_text(json.dumps(out, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    regenerate()
    print(f"wrote {ADVANCES}")
