"""Drawing the maps of the graphic part with matplotlib (reading them is in ``maps``)."""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.patheffects as path_effects  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch, PathPatch  # noqa: E402
from matplotlib.path import Path as MplPath  # noqa: E402

from strategy.compose import charts  # noqa: E402
from strategy.compose.maps import MapWords, output_path  # noqa: E402
from strategy.compose.svgraster import rasterize  # noqa: E402
from strategy.model.maps import Map, MapLayer  # noqa: E402
from strategy.sections.files import copy_resolved  # noqa: E402
from strategy.sections.geojson import (  # noqa: E402
    _ANCHORS,
    KM_PER_DEGREE,
    Feature,
    Shape,
    is_geojson,
    read,
)

_COLOURS = ("#1f4e79", "#c0392b", "#2e8b57", "#c9a227", "#6a3d9a", "#8c8c8c")
_STYLE = {**charts.STYLE, "font.size": 8}


# --- drawing ------------------------------------------------------------------------------

def render(m: Map, target: Path, words: MapWords) -> Path:
    """Draw a GeoJSON map as an SVG at ``target`` (its PNG twin: ``Drawing.twin``), or
    copy the user's image next to it (with the suffix of its format); returns the file
    written. The file is the one the check resolved inside the sections folder
    (``m.file.resolved``), as it was then."""
    resolved = m.file.resolved  # type: ignore[attr-defined]
    if resolved is None:
        raise ValueError(f"map {m.file!r} was not resolved in the sections folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    if resolved.format == "svg":
        return rasterize(resolved, output_path(m, target))
    if not is_geojson(m):
        image = output_path(m, target)
        copy_resolved(resolved, image)
        return image
    draw(read(resolved, str(m.file)), m.layers, target, words, schematic=m.schematic)
    return target


def draw(features: Sequence[Feature], layers: Sequence[MapLayer], target: Path,
         words: MapWords, *, schematic: bool) -> None:
    positions = [p for f in features for part in f.parts for p in part]
    lons, lats = [p[0] for p in positions], [p[1] for p in positions]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    mean_lat = (south + north) / 2
    stretch = 1 / max(math.cos(math.radians(mean_lat)), 0.1)
    pad_x = max((east - west) * 0.08, 0.01)
    pad_y = max((north - south) * 0.08, 0.01)
    width_deg = east - west + 2 * pad_x
    height = 6.8 * (north - south + 2 * pad_y) * stretch / width_deg
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(6.8, min(max(height, 3.0), 8.5)))
        ax.set_xlim(west - pad_x, east + pad_x)
        ax.set_ylim(south - pad_y, north + pad_y)
        ax.set_aspect(stretch)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_linewidth(0.6)
            spine.set_color("#555555")
        handles = []
        for index, layer in enumerate(layers):
            members = [f for f in features if f.category == layer.category]
            colour = layer.colour or _COLOURS[index % len(_COLOURS)]
            shape = members[0].shape if members else "point"
            for feature in members:
                _draw_feature(ax, feature, layer, colour, zorder=index + 1)
            handles.append(_handle(shape, layer, colour))
        _north_arrow(ax, words.north)
        if schematic:
            ax.text(0.02, 0.02, words.not_to_scale, transform=ax.transAxes, fontsize=7.5,
                    ha="left", va="bottom", style="italic", color="#333333",
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 2})
        else:
            _scale_bar(ax, west - pad_x, south - pad_y, width_deg, mean_lat, words)
        if handles:  # long labels in one column, so the legend is no wider than the map
            wide = max(len(layer.label) for layer in layers) > 45
            ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02),
                      ncols=1 if wide else 2, frameon=False, fontsize=7.5, handlelength=2.2)
        charts.save(fig, target)  # the SVG; Drawing.twin makes its PNG


def _draw_feature(ax: Any, feature: Feature, layer: MapLayer, colour: str, zorder: int) -> None:
    halo = [path_effects.withStroke(linewidth=2.5, foreground="white")]
    if feature.shape == "point":
        size = layer.size or 5.0
        for lon, lat in feature.parts[0]:
            ax.plot([lon], [lat], marker="o", markersize=size, color=colour,
                    markeredgecolor="white", markeredgewidth=0.6, linestyle="none",
                    zorder=zorder + 10)
            if feature.name and feature.show_label:
                dx, dy, ha, va = _ANCHORS.get(feature.anchor, _ANCHORS["ne"])
                ax.annotate(feature.name, (lon, lat), xytext=(dx, dy),
                            textcoords="offset points", ha=ha, va=va, fontsize=7,
                            path_effects=halo, zorder=zorder + 20)
        return
    if feature.shape == "line":
        width = layer.size or 1.4
        for part in feature.parts:
            ax.plot([p[0] for p in part], [p[1] for p in part], color=colour, linewidth=width,
                    linestyle=(0, (4, 2)) if layer.dashed else "solid",
                    solid_capstyle="round", zorder=zorder)
        if feature.name and feature.show_label:
            longest = max(feature.parts, key=len)
            lon, lat = longest[len(longest) // 2]
            ax.annotate(feature.name, (lon, lat), xytext=(4, 4), textcoords="offset points",
                        fontsize=7, style="italic", color=colour, path_effects=halo,
                        zorder=zorder + 20)
        return
    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    for ring in feature.parts:
        vertices += list(ring)
        codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY]
    patch = PathPatch(MplPath(vertices, codes), facecolor=colour, alpha=0.22,
                      edgecolor="none", zorder=zorder)
    ax.add_patch(patch)
    ax.add_patch(PathPatch(MplPath(vertices, codes), facecolor="none", edgecolor=colour,
                           linewidth=layer.size or 0.9,
                           linestyle=(0, (4, 2)) if layer.dashed else "solid", zorder=zorder))
    if feature.name and feature.show_label:
        lon, lat = label_point(feature.parts, ax.get_aspect())
        ax.annotate(feature.name, (lon, lat), ha="center", va="center", fontsize=7.5,
                    color="#222222", path_effects=halo, zorder=zorder + 20)


def label_point(rings: Sequence[Sequence[tuple[float, float]]], stretch: float = 1.0,
                precision: float = 0.001) -> tuple[float, float]:
    """The pole of inaccessibility of a polygon (outer ring first, then holes): the
    point inside it farthest from its edges, where a label sits inside even a concave
    or C-shaped area (the mean of the vertices may fall outside). Found by the
    polylabel algorithm (quadtree search with a priority queue), in map units where a
    degree of latitude is ``stretch`` times a degree of longitude."""
    scaled = [[(x, y * stretch) for x, y in ring] for ring in rings if len(ring) >= 3]
    if not scaled:
        x, y = rings[0][0]
        return x, y
    xs = [p[0] for p in scaled[0]]
    ys = [p[1] for p in scaled[0]]
    west, east, south, north = min(xs), max(xs), min(ys), max(ys)
    size = min(east - west, north - south)
    if size <= 0:
        return xs[0], ys[0] / stretch
    tolerance = max(east - west, north - south) * precision

    def cell(x: float, y: float, half: float) -> tuple[float, float, float, float, float]:
        d = _signed_distance(x, y, scaled)
        return (-(d + half * math.sqrt(2)), d, x, y, half)  # heap key: the best it could be

    half = size / 2
    queue = [cell(x + half, y + half, half)
             for x in _steps(west, east, size) for y in _steps(south, north, size)]
    heapq.heapify(queue)
    cx, cy = _centroid(scaled[0])
    best = cell(cx, cy, 0)
    box = cell(west + (east - west) / 2, south + (north - south) / 2, 0)
    if box[1] > best[1]:
        best = box
    while queue:
        candidate = heapq.heappop(queue)
        _, d, x, y, h = candidate
        if d > best[1]:
            best = candidate
        if -candidate[0] - best[1] <= tolerance:
            continue
        h /= 2
        for dx in (-h, h):
            for dy in (-h, h):
                heapq.heappush(queue, cell(x + dx, y + dy, h))
    return best[2], best[3] / stretch


def _steps(start: float, stop: float, step: float) -> list[float]:
    values, value = [], start
    while value < stop:
        values.append(value)
        value += step
    return values


def _centroid(ring: Sequence[tuple[float, float]]) -> tuple[float, float]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        f = x0 * y1 - x1 * y0
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
        area += f * 3
    if area == 0:
        return ring[0]
    return cx / area, cy / area


def _signed_distance(x: float, y: float, rings: Sequence[Sequence[tuple[float, float]]]) -> float:
    """Distance from (x, y) to the polygon's edges: positive inside, negative outside."""
    inside = False
    nearest = math.inf
    for ring in rings:
        for (ax_, ay), (bx, by) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if (ay > y) != (by > y) and x < (bx - ax_) * (y - ay) / (by - ay) + ax_:
                inside = not inside
            nearest = min(nearest, _segment_distance(x, y, ax_, ay, bx, by))
    return nearest if inside else -nearest


def _segment_distance(px: float, py: float, ax_: float, ay: float, bx: float, by: float) -> float:
    dx, dy = bx - ax_, by - ay
    if dx or dy:
        t = max(0.0, min(1.0, ((px - ax_) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
        ax_, ay = ax_ + t * dx, ay + t * dy
    return math.hypot(px - ax_, py - ay)


def _handle(shape: Shape, layer: MapLayer, colour: str) -> Any:
    if shape == "point":
        return Line2D([], [], marker="o", linestyle="none", markersize=layer.size or 5.0,
                      color=colour, markeredgecolor="white", label=layer.label)
    if shape == "line":
        return Line2D([], [], color=colour, linewidth=layer.size or 1.4,
                      linestyle=(0, (4, 2)) if layer.dashed else "solid", label=layer.label)
    return Patch(facecolor=matplotlib.colors.to_rgba(colour, 0.22), edgecolor=colour,
                 linestyle="--" if layer.dashed else "-", label=layer.label)


def _north_arrow(ax: Any, letter: str) -> None:
    ax.annotate("", xy=(0.95, 0.96), xytext=(0.95, 0.86), xycoords="axes fraction",
                arrowprops={"arrowstyle": "-|>", "color": "#222222", "linewidth": 1.2,
                            "mutation_scale": 12})
    ax.text(0.95, 0.84, letter, transform=ax.transAxes, ha="center", va="top",
            fontsize=9, fontweight="bold", color="#222222")


def nice_length(km: float) -> float:
    """A round length (1, 2 or 5 times a power of ten) close to ``km`` and not above it."""
    if km <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(km))
    return max(step * power for step in (1, 2, 5) if step * power <= km)


def _scale_bar(ax: Any, left: float, bottom: float, width_deg: float, mean_lat: float,
               words: MapWords) -> None:
    km_per_deg = KM_PER_DEGREE * math.cos(math.radians(mean_lat))
    length = nice_length(width_deg * km_per_deg / 4)
    x0 = left + width_deg * 0.04
    y0 = bottom + (ax.get_ylim()[1] - ax.get_ylim()[0]) * 0.04
    x1 = x0 + length / km_per_deg
    ax.plot([x0, x1], [y0, y0], color="#222222", linewidth=2, solid_capstyle="butt",
            zorder=50)
    text = f"{length:g}".replace(".", words.decimal)
    ax.annotate(f"{text} {words.km}", ((x0 + x1) / 2, y0), xytext=(0, 3),
                textcoords="offset points", ha="center", va="bottom", fontsize=7, zorder=50,
                path_effects=[path_effects.withStroke(linewidth=2.5, foreground="white")])
