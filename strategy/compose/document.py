"""The composed document: what the compose stage hands to the exporters.

``markdown`` is pandoc Markdown (the one AST the writers share). The compose stage
uses only these constructs, and the exporters give each its look in DOCX and PDF:

- ``# Title {#id}``: numbered chapters (levels 1-3); ``{.unnumbered}`` for front
  matter and annex lists that carry no number.
- ``::: {.titlepage}`` ... ``:::``: the title page (paragraphs: partnership, title,
  subtitle, version and status line, date); followed by a page break.
- ``::: {.pagebreak}`` ``:::``: an explicit page break.
- ``::: {.toc}`` ``:::`` / ``::: {.lot}`` ``:::`` / ``::: {.lof}`` ``:::``: where the
  table of contents, the list of tables and the list of figures stand.
- Pipe or grid tables followed by ``: Caption {#tbl:id}``; the caption is numbered
  "Tabela N." by the exporter. The header row is always present.
- ``![Caption](charts/x.svg){#fig:id fig-alt="what the image shows"}`` alone in a
  paragraph: a numbered figure "Rysunek N." with alternative text. Every SVG image
  (charts, maps) has a raster twin beside it (``raster_twin``: same name, .png,
  ``TWIN_PPI``, rasterised from the SVG): the DOCX shows the PNG and carries the SVG
  for Word to prefer; the PDF and the HTML page show the SVG.
- ``::: {.source}`` ``Źródło: …`` ``:::``: the source line under a table or figure.
- ``::: {.landscape}`` ... ``:::``: content (wide tables) set on landscape pages.
- Non-breaking spaces (U+00A0) already placed by the typography stage.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strategy.language import books


@dataclass(frozen=True)
class DocumentMeta:
    title: str
    subtitle: str
    partnership: str
    version: str
    status: str  # working | council | consultation | final
    status_label: str  # e.g. "projekt dla Rady Partnerstwa"
    file_status: str  # the status in file names, e.g. "rada" (labels' file_status)
    date: dt.date
    date_text: str  # e.g. "27 maja 2021 r."
    lang: str  # the language of the document's own words: a folder of strategy/language/
    draft_mark: str | None  # e.g. "PROJEKT – wersja 0.3"; None for a final version
    toc_title: str
    lot_title: str
    lof_title: str
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()

    @property
    def bcp47(self) -> str:
        """Full language tag (language.yaml's ``tag``): plain "pl" would make typst write
        /Lang pl-US."""
        return str(books.language(self.lang)["tag"])

    @property
    def version_line(self) -> str:
        """The running head's "wersja 0.3" (labels.yaml's ``version_line``)."""
        return books.fill(books.book(self.lang, "labels")["version_line"], self.lang,
                          {"version": self.version})

    @property
    def epoch(self) -> int:
        """SOURCE_DATE_EPOCH for reproducible builds: noon UTC of the version's date."""
        moment = dt.datetime.combine(self.date, dt.time(12, 0), tzinfo=dt.UTC)
        return int(moment.timestamp())


TWIN_PPI = 300  # pixels per inch of a raster twin: print quality where the PNG is shown


def raster_twin(svg: Path) -> Path:
    """The PNG written beside an SVG chart or map (see the module's docstring)."""
    return svg.with_suffix(".png")


@dataclass(frozen=True)
class Drawing:
    """A chart or map still to be drawn: named by module and function so that composing
    the text never imports matplotlib, and the build can draw while pandoc runs.

    ``output`` is the file it puts on disk and ``inputs`` every file it reads besides
    its arguments: with both given, the build keeps what it drew and reuses it while
    the function, its arguments, the inputs' contents and the tool are the same
    (``export/cache.py``). Without ``output`` it is drawn on every build. An SVG
    output gets its raster twin (``files``): ``vector()`` draws the output, ``twin()``
    rasterises it, so that the build can go on with the SVGs (all the PDF and the HTML
    page need) while the PNGs are made; calling the drawing does both."""

    module: str
    function: str
    args: tuple[Any, ...]
    output: Path | None = None
    inputs: tuple[Path, ...] = ()

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file the drawing puts on disk: ``output``, and the PNG twin of an SVG."""
        if self.output is None:
            return ()
        if self.output.suffix == ".svg":
            return (self.output, raster_twin(self.output))
        return (self.output,)

    def __call__(self) -> None:
        self.vector()
        self.twin()

    def vector(self) -> None:
        """Draw ``output`` (a user's image: copy or rasterise it)."""
        getattr(importlib.import_module(self.module), self.function)(*self.args)

    def twin(self) -> None:
        """The PNG twin of an SVG ``output`` already drawn; nothing for other outputs."""
        if self.output is not None and self.output.suffix == ".svg":
            from strategy.compose.svgraster import draw_twin

            draw_twin(self.output, raster_twin(self.output), TWIN_PPI)


class HandedOver(list[Drawing]):
    """A composition's list of drawings that hands each one to ``hand`` as it is added,
    so that it can be drawn while the rest of the text is still being composed."""

    def __init__(self, hand: Callable[[Drawing], None]) -> None:
        super().__init__()
        self._hand = hand

    def append(self, drawing: Drawing) -> None:
        super().append(drawing)
        self._hand(drawing)


@dataclass
class Composed:
    markdown: str
    meta: DocumentMeta
    resource_dir: Path  # images in the markdown are relative to this folder
    figures: list[Path] = field(default_factory=list)
    drawings: list[Drawing] = field(default_factory=list)  # images not yet on disk

    def draw(self) -> None:
        """Put every chart and map on disk; the exporters need them."""
        while self.drawings:
            self.drawings.pop(0)()
