"""Charts drawn with matplotlib for the document, reproducible to the byte.

Each chart is written as SVG (vector; the PDF and the HTML show it, and the DOCX
carries it for Word 2016 and later); its 300 dpi PNG twin (what the DOCX shows in older
Word, LibreOffice and other readers) is rasterised from that SVG
(``svgraster.draw_twin``, by ``Drawing.twin``). The SVG's text is turned into outlines
in the document's typeface, so it looks the same everywhere without fonts.
Captions, alt text and sources are written by compose, which knows the chart's data
and language.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on build machines

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter  # noqa: E402

from strategy.compose import timeline as layout  # noqa: E402
from strategy.compose.typeface import FACES, FAMILY, SYMBOL_FALLBACK  # noqa: E402

for _face in FACES.values():
    font_manager.fontManager.addfont(str(_face))

# The document's typeface (compose/typeface.py); the files carry no date or software
# stamp, and SVG ids are salted with a fixed string, so rebuilds give the same bytes.
STYLE = {
    "font.family": [FAMILY, SYMBOL_FALLBACK],
    "font.size": 8.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "strategy",
    "svg.fonttype": "path",
}
_COLOURS = ("#1f4e79", "#2e8b57", "#c9a227", "#8c8c8c")
TEXT_WIDTH = layout.WIDTH  # inches: charts are drawn at the width the page shows them


def save(fig: plt.Figure, path: Path, *, tight: bool = True) -> None:
    """Write ``path`` (an .svg); its PNG twin is made from it (``Drawing.twin``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    box = "tight" if tight else None
    with plt.rc_context(STYLE):  # the SVG settings are read while saving
        fig.savefig(path, format="svg", bbox_inches=box,
                    metadata={"Date": None, "Creator": None})
    plt.close(fig)


def _thousands(sep: str) -> FuncFormatter:
    return FuncFormatter(lambda v, _pos: f"{v:,.0f}".replace(",", sep))


def stacked_bars(
    path: Path,
    categories: Sequence[str],
    series: dict[str, Sequence[float]],
    ylabel: str,
    thousands_sep: str = " ",
) -> None:
    """Amounts per category (e.g. year), stacked by series (e.g. funding source)."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(TEXT_WIDTH, 3.4))
        bottom = [0.0] * len(categories)
        for colour, (label, values) in zip(_COLOURS, series.items(), strict=False):
            ax.bar(categories, values, bottom=bottom, label=label, color=colour)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_ylabel(ylabel)
        ax.yaxis.set_major_formatter(_thousands(thousands_sep))
        ax.legend(frameon=False, ncols=min(4, len(series)), loc="upper center",
                  bbox_to_anchor=(0.5, -0.12))
        save(fig, path)


def horizontal_bars(path: Path, labels: Sequence[str], values: Sequence[float], xlabel: str,
                    thousands_sep: str = " ") -> None:
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(TEXT_WIDTH, 0.32 * len(labels) + 1.0))
        ax.barh(list(reversed(labels)), list(reversed(values)), color=_COLOURS[0])
        ax.set_xlabel(xlabel)
        ax.xaxis.set_major_formatter(_thousands(thousands_sep))
        save(fig, path)


def timeline(path: Path, rows: Sequence[layout.Row], years: tuple[int, int],
             period: tuple[int, int], xlabel: str) -> None:
    save(timeline_figure(rows, years, period, xlabel), path, tight=False)


def timeline_figure(rows: Sequence[layout.Row], years: tuple[int, int],
                    period: tuple[int, int], xlabel: str) -> plt.Figure:
    """A Gantt chart of projects: one row per project, its code and name (wrapped) on
    the left, a bar from the start of its first year to the end of its last. Drawn at
    the text width and at the height its rows need (timeline.py), never taller than
    the text area; years outside the strategy's period are shaded."""
    lo, hi = years
    total = sum(r.height for r in rows)
    fig_h = layout.height(rows)
    with plt.rc_context(STYLE):
        fig = plt.figure(figsize=(TEXT_WIDTH, fig_h))
        left = layout.LABEL_WIDTH / TEXT_WIDTH
        ax = fig.add_axes((left, layout.BOTTOM / fig_h, 1 - left - 0.12 / TEXT_WIDTH,
                           total / fig_h))
        ax.set_xlim(lo, hi)
        ax.set_ylim(total, 0)
        ax.spines["left"].set_visible(False)
        ax.set_yticks([])
        # Ticks at the starts of years, each year's label in its middle.
        ax.xaxis.set_major_locator(FixedLocator(list(range(lo, hi + 1))))
        ax.xaxis.set_major_formatter(NullFormatter())
        ax.xaxis.set_minor_locator(FixedLocator([y + 0.5 for y in range(lo, hi)]))
        ax.xaxis.set_minor_formatter(FuncFormatter(lambda v, _p: str(int(v - 0.5))))
        crowded = (ax.get_position().width * TEXT_WIDTH * 72) / (hi - lo) < 24
        ax.tick_params(axis="x", which="minor", length=0, labelsize=7.5,
                       labelrotation=90 if crowded else 0)
        ax.grid(axis="x", which="major", linewidth=0.4, color="#b0b0b0")
        ax.set_axisbelow(True)
        for start, end in ((lo, period[0]), (period[1] + 1, hi)):
            if end > start:
                ax.axvspan(start, end, color="#eeeeee", zorder=0)
        y = 0.0
        for i, row in enumerate(rows):
            middle = y + row.height / 2
            if i:
                ax.axhline(y, color="#e3e3e3", linewidth=0.4, zorder=1)
            ax.barh(middle, row.last + 1 - row.first, left=row.first,
                    height=min(0.13, row.height * 0.7), color=_COLOURS[0], zorder=2)
            ax.annotate("\n".join(row.lines), xy=(0, middle), xycoords=("axes fraction", "data"),
                        xytext=(-(layout.LABEL_WIDTH - 0.06) * 72, 0),
                        textcoords="offset points", ha="left", va="center",
                        fontsize=layout.LABEL_SIZE, linespacing=1.1, annotation_clip=False)
            y += row.height
        ax.set_xlabel(xlabel, labelpad=4)
    return fig
