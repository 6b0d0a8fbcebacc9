"""The document's pictures: the user's figures and the title page's emblems copied
beside the document (an SVG drawn as PNG), the maps, and the charts of the projects'
timeline and of the framework by years, handed over as drawings."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from strategy.compose import maps, markdown, timeline, typography
from strategy.compose.document import Drawing, raster_twin
from strategy.compose.markdown import Md
from strategy.compose.view import State
from strategy.model.common import Figure
from strategy.model.finance import SOURCES
from strategy.sections.files import copy_resolved

# The title page's images: programme logos one strip high; coats of arms smaller the
# more there are (at 1 cm, twelve to a row of the text width: 41 arms in four rows).
LOGO_HEIGHT = "1.5cm"
ARMS_HEIGHTS = ((6, "2.2cm"), (12, "1.7cm"), (24, "1.3cm"), (10**6, "1cm"))


class Figures(State):
    """The pictures the document holds, each kept in ``figures`` and, where it is still
    to be drawn, in ``drawings``."""

    def _copied(self, file: Any, target: Path) -> Path:
        """The image the check resolved inside the sections folder, copied to ``target``
        as it was then (never the path text joined again), an SVG drawn as PNG
        (compose/svgraster.py says why); two images of one name get distinct names."""
        resolved = file.resolved
        if resolved is None:
            raise ValueError(f"image {file!r} was not resolved in the sections folder")
        if resolved.format == "svg":
            target = target.with_suffix(".png")
        if target in self.figures:
            target = target.with_stem(f"{target.stem}-{len(self.figures) + 1}")
        if resolved.format == "svg":
            self.drawings.append(Drawing("strategy.compose.svgraster", "rasterize",
                                         (resolved, target), output=target,
                                         inputs=(resolved.path,)))
        else:
            copy_resolved(resolved, target)
        self.figures.append(target)
        return target

    def user_figure(self, fig: Figure) -> Md:
        name = Path(str(fig.file).replace("\\", "/")).name
        target = self._copied(fig.file, self.assets / "figures" / name)
        return self.figure(f"figures/{target.name}", fig.caption, fig.alt, fig.source)

    @property
    def titlepage_attributes(self) -> Md:
        """The title page's classes: without a subtitle the writers must not take the
        version line, by its place, for the subtitle."""
        return Md("{.titlepage}" if self.s.strategy.subtitle else "{.titlepage .nosubtitle}")

    def emblems(self, members: bool) -> Md:
        """The title page's coats of arms (``members``: those naming a member or partner)
        or programme logos, as one paragraph of images of one height, so that a row of
        forty arms wraps into orderly rows; the height shrinks as their number grows.
        Each image's description is its alternative text; each stands in a span, so that
        pandoc does not take a lone image for a figure."""
        chosen = [e for e in self.s.strategy.emblems if (e.member is not None) == members]
        if not chosen:
            return Md("")
        height = LOGO_HEIGHT if not members else next(
            h for most, h in ARMS_HEIGHTS if len(chosen) <= most)
        images = []
        for k, e in enumerate(chosen, start=1):
            kind = "arms" if members else "logo"
            suffix = Path(str(e.file)).suffix.lower()
            target = self._copied(e.file, self.assets / "emblems" / f"{kind}-{k}{suffix}")
            images.append(f"[![{markdown.escape(e.alt, self.lang)}](emblems/{target.name})"
                          f"{{.emblem height={height}}}]{{.emblem}}")
        return Md(" ".join(images))

    def map_figure(self, m: Any) -> Md:
        return maps.map_figure(self, m)

    @cached_property
    def _timeline(self) -> tuple[list[list[timeline.Row]], tuple[int, int]]:
        """The projects' timeline: its figures' rows and the years its axis spans."""
        rows = timeline.rows([(i.id, i.title, i.years.first, i.years.last)
                              for i in self.scheduled])
        period = self.s.strategy.period
        if not rows:  # no project sheet with its years: no timeline
            return [], (period.first, period.last)
        return timeline.parts(rows), timeline.axis(rows, period.first, period.last)

    @property
    def timeline_alt(self) -> str:
        return "; ".join(f"{inv.id} {inv.title}: {self.span_years(inv.years)}"
                         for inv in self.scheduled) + "."

    def timeline_figures(self, caption: str, lead: str, source: str) -> Md:
        """The timeline as one figure, or several ("… (1/3)") when its rows would not
        fit a page; each figure's alternative text is ``lead`` followed by its own
        projects with their years, as the picture shows them."""
        parts, _ = self._timeline
        blocks = []
        for k, part in enumerate(parts, start=1):
            listing = "; ".join(f"{r.code} {r.name}: {self.years(r.first, r.last)}"
                                for r in part) + "."
            title = caption + (f" ({k}/{len(parts)})" if len(parts) > 1 else "")
            blocks.append(self.figure(f"charts/timeline-{k}.svg", title, f"{lead} {listing}",
                                      source))
        return Md("\n\n".join(blocks))

    @property
    def funding_alt(self) -> str:
        return "; ".join(f"{y}: {self.pln(a)}" for y, a in self.fw.by_year.items()) + "."

    def draw_charts(self) -> dict[str, str]:
        sep = typography.group_mark(self.lang)
        period = self.s.strategy.period
        parts, years = self._timeline
        charts = self.assets / "charts"
        for k, part in enumerate(parts, start=1):
            target = charts / f"timeline-{k}.svg"
            self.drawings.append(Drawing("strategy.compose.charts", "timeline", (
                target, part, years, (period.first, period.last), self.L["year"]), output=target))
            self.figures += [target, raster_twin(target)]
        # the framework's chart, in its chapter only, when amounts are given to years
        if self.s.financing is not None and self.fw.by_year:
            series = {self.L["sources"][s]: [float(self.fw.by_year_source[y][s]) / 1000
                                             for y in self.fw.by_year] for s in SOURCES}
            self.drawings.append(Drawing("strategy.compose.charts", "stacked_bars", (
                charts / "funding.svg", [str(y) for y in self.fw.by_year], series,
                self.L["thousand_pln"], sep), output=charts / "funding.svg"))
            self.figures += [charts / "funding.svg", raster_twin(charts / "funding.svg")]
        return {"timeline": "charts/timeline-1.svg", "funding": "charts/funding.svg"}
