"""Charts drawn with matplotlib for the document, reproducible to the byte.

Each function writes one PNG and returns nothing else: captions, alt text and
sources are written by the templates, which know the chart's data and language.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on build machines

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

# DejaVu Sans ships with matplotlib and has every Polish letter, so charts look the
# same on every machine; the PNG carries no date or software stamp.
_STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "strategy",
}
_COLOURS = ("#1f4e79", "#2e8b57", "#c9a227", "#8c8c8c")
_DPI = 150


def _save(fig: plt.Figure, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=_DPI, bbox_inches="tight", metadata={"Software": None})
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
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(7.0, 3.6))
        bottom = [0.0] * len(categories)
        for colour, (label, values) in zip(_COLOURS, series.items(), strict=False):
            ax.bar(categories, values, bottom=bottom, label=label, color=colour)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_ylabel(ylabel)
        ax.yaxis.set_major_formatter(_thousands(thousands_sep))
        ax.legend(frameon=False, ncols=min(4, len(series)), loc="upper center",
                  bbox_to_anchor=(0.5, -0.12))
        _save(fig, path)


def horizontal_bars(path: Path, labels: Sequence[str], values: Sequence[float], xlabel: str,
                    thousands_sep: str = " ") -> None:
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(7.0, 0.32 * len(labels) + 1.0))
        ax.barh(list(reversed(labels)), list(reversed(values)), color=_COLOURS[0])
        ax.set_xlabel(xlabel)
        ax.xaxis.set_major_formatter(_thousands(thousands_sep))
        _save(fig, path)


def timeline(path: Path, labels: Sequence[str], spans: Sequence[tuple[int, int]],
             first: int, last: int, xlabel: str) -> None:
    """A Gantt chart of the investments' years within the strategy's period."""
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(7.0, 0.3 * len(labels) + 1.0))
        for row, (label, (start, end)) in enumerate(zip(labels, spans, strict=True)):
            y = len(labels) - 1 - row
            ax.barh(y, end - start + 1, left=start - 0.5, color=_COLOURS[0], height=0.6)
            ax.text(first - 0.6, y, label, ha="right", va="center")
        ax.set_yticks([])
        ax.set_xlim(first - 0.5, last + 0.5)
        ax.set_xticks(range(first, last + 1))
        ax.set_xlabel(xlabel)
        ax.grid(axis="x", linewidth=0.4, alpha=0.6)
        _save(fig, path)
