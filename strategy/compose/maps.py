"""A map of the graphic part as a figure of the document: where its image goes, the
words drawn on it, and its alternative text. Drawing it is ``mapdraw``'s job, deferred
so that composing never imports matplotlib."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from strategy.compose.document import Drawing, raster_twin
from strategy.compose.markdown import Md
from strategy.compose.typography import decimal_mark
from strategy.model.maps import Map
from strategy.sections.geojson import is_geojson


@dataclass(frozen=True)
class MapWords:
    """The words drawn on a map, from the document's labels (its language)."""

    north: str
    not_to_scale: str
    km: str
    decimal: str = ","


_SUFFIX = {"png": ".png", "jpeg": ".jpg", "svg": ".png"}  # an SVG is drawn as PNG


def output_path(m: Map, target: Path) -> Path:
    """Where ``mapdraw.render`` writes the map: an SVG drawn from GeoJSON (with its PNG
    twin), or the user's image with the suffix of its format (as its content showed
    when it was checked; a user's SVG is drawn as PNG)."""
    if is_geojson(m):
        return target
    resolved = getattr(m.file, "resolved", None)
    fmt = resolved.format if resolved is not None else ""
    return target.with_suffix(_SUFFIX.get(fmt, Path(m.file).suffix.lower()))


def _read_by(m: Map) -> tuple[Path, ...]:
    """The file drawing the map reads: the one the check resolved."""
    resolved = getattr(m.file, "resolved", None)
    return (resolved.path,) if resolved is not None else ()


def map_figure(view: Any, m: Map) -> Md:
    """A map of the graphic part as a figure: drawn from GeoJSON or copied, with its
    legend's entries added to the alternative text (the legend is inside the image)."""
    words = view.L["maps"]
    index = len({p.stem for p in view.figures if p.parent.name == "maps"}) + 1
    target = view.assets / "maps" / f"map-{index}-{Path(m.file).stem}.svg"
    written = output_path(m, target)
    drawn_words = MapWords(words["north"], words["not_to_scale"], words["km"],
                           decimal_mark(view.lang))
    view.drawings.append(Drawing("strategy.compose.mapdraw", "render",
                                 (m, target, drawn_words), output=written,
                                 inputs=_read_by(m)))
    view.figures.append(written)
    if is_geojson(m):
        view.figures.append(raster_twin(written))
    alt = m.alt.strip()
    if m.layers and is_geojson(m):
        alt = (alt if alt.endswith(".") else alt + ".") + f" {words['legend']}: " + "; ".join(
            layer.label for layer in m.layers) + "."
    return view.figure(f"maps/{written.name}", m.caption, alt, m.source)
