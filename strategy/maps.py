"""Maps of the graphic part (art. 10e ust. 4 u.s.g.): GeoJSON drawn with matplotlib.

A map is either an image the user supplies (PNG/JPG) or a GeoJSON FeatureCollection in
the sections folder, in longitude/latitude (WGS 84, RFC 7946). Every feature names its
legend entry in the property ``category`` and may carry a ``name`` that is printed
next to it (``"label": false`` hides it, ``"anchor": "nw"`` moves it). Points, lines
and polygons are drawn in the order of the map's layers; a legend, a north arrow and a
scale bar (or, for a scheme, the note that it is not to scale) are always drawn.

No GIS library is needed: the map is small, in degrees, drawn in an equirectangular
view whose aspect is corrected at the map's mean latitude. The PNG is reproducible to
the byte, like the charts.
"""

from __future__ import annotations

import json
import math
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import matplotlib

matplotlib.use("Agg")

import matplotlib.patheffects as path_effects  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch, PathPatch  # noqa: E402
from matplotlib.path import Path as MplPath  # noqa: E402

from strategy.model.maps import Map, MapLayer  # noqa: E402

GEOJSON_SUFFIXES = (".geojson", ".json")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_BYTES = 20 * 1024 * 1024  # a strategy's map is small; more is a wrong file
KM_PER_DEGREE = 111.32
_COLOURS = ("#1f4e79", "#c0392b", "#2e8b57", "#c9a227", "#6a3d9a", "#8c8c8c")
_STYLE = {"font.family": "DejaVu Sans", "font.size": 8}
_DPI = 150
_ANCHORS = {"n": (0, 6, "center", "bottom"), "s": (0, -6, "center", "top"),
            "e": (6, 0, "left", "center"), "w": (-6, 0, "right", "center"),
            "ne": (5, 5, "left", "bottom"), "nw": (-5, 5, "right", "bottom"),
            "se": (5, -5, "left", "top"), "sw": (-5, -5, "right", "top")}

Shape = Literal["point", "line", "area"]
_SHAPES: dict[str, tuple[Shape, int]] = {  # geometry type -> shape, nesting of positions
    "Point": ("point", 0), "MultiPoint": ("point", 1), "LineString": ("line", 1),
    "MultiLineString": ("line", 2), "Polygon": ("area", 2), "MultiPolygon": ("area", 3)}


class MapProblem(Exception):
    """What is wrong with a map file: a catalogued message code and its parameters."""

    def __init__(self, code: str, params: dict[str, object] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params = dict(params or {})


@dataclass(frozen=True)
class Feature:
    category: str
    name: str
    shape: Shape
    parts: tuple[tuple[tuple[float, float], ...], ...]  # points, line strings or rings
    polygons: tuple[int, ...] = ()  # for areas: how many rings each polygon has
    show_label: bool = True
    anchor: str = "ne"


@dataclass(frozen=True)
class MapWords:
    """The words drawn on a map, from the document's labels (its language)."""

    north: str
    not_to_scale: str
    km: str
    decimal: str = ","


def is_geojson(m: Map) -> bool:
    return Path(m.file).suffix.lower() in GEOJSON_SUFFIXES


def source_path(m: Map, root: Path) -> Path:
    return root / m.file


# --- reading and checking -------------------------------------------------------------

def read(path: Path) -> list[Feature]:
    """The features of a GeoJSON file; raises MapProblem saying what is wrong and where."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise MapProblem("map.unreadable", {"file": path.name, "reason": exc.strerror or exc}
                         ) from exc
    if len(raw) > MAX_BYTES:
        raise MapProblem("map.too_large", {"file": path.name, "mb": MAX_BYTES // 2**20})
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise MapProblem("map.not_json", {"file": path.name, "line": 1,
                                          "reason": "UTF-8"}) from exc
    except json.JSONDecodeError as exc:
        raise MapProblem("map.not_json", {"file": path.name, "line": exc.lineno,
                                          "reason": exc.msg}) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(
            data.get("features"), list):
        raise MapProblem("map.not_collection", {"file": path.name})
    features = [_feature(path.name, i, item) for i, item in enumerate(data["features"], 1)]
    if not features:
        raise MapProblem("map.empty", {"file": path.name})
    return features


def _feature(file: str, number: int, item: Any) -> Feature:
    where = {"file": file, "number": number}
    if not isinstance(item, dict) or item.get("type") != "Feature":
        raise MapProblem("map.bad_feature", where)
    props = item.get("properties") or {}
    if not isinstance(props, dict):
        raise MapProblem("map.bad_feature", where)
    name = props.get("name", "")
    where["name"] = f" ({name})" if isinstance(name, str) and name else ""
    category = props.get("category")
    if not isinstance(category, str) or not category:
        raise MapProblem("map.no_category", where)
    geometry = item.get("geometry")
    gtype = geometry.get("type") if isinstance(geometry, dict) else None
    if gtype not in _SHAPES:
        raise MapProblem("map.bad_geometry", {**where, "type": str(gtype)})
    shape, depth = _SHAPES[gtype]
    coords = geometry.get("coordinates")
    try:
        if depth == 0:
            parts: list[tuple[tuple[float, float], ...]] = [(_position(coords),)]
        elif shape == "point":
            parts = [tuple(_position(p) for p in _list(coords))]
        elif depth == 1:
            parts = [_line(coords)]
        elif shape == "line":
            parts = [_line(c) for c in _list(coords)]
        else:
            polygons = [coords] if depth == 2 else _list(coords)
            rings = [[_ring(r) for r in _list(poly)] for poly in polygons]
            if not rings or any(not poly for poly in rings):
                raise ValueError
            return Feature(category, name if isinstance(name, str) else str(name), shape,
                           tuple(r for poly in rings for r in _orient(poly)),
                           tuple(len(poly) for poly in rings), props.get("label") is not False,
                           str(props.get("anchor", "ne")).lower())
        if not parts or any(not part for part in parts):
            raise ValueError
    except (TypeError, ValueError) as exc:
        raise MapProblem("map.bad_coordinates", {**where, "type": gtype}) from exc
    anchor = str(props.get("anchor", "ne")).lower()
    return Feature(category, name if isinstance(name, str) else str(name), shape, tuple(parts),
                   (), props.get("label") is not False, anchor if anchor in _ANCHORS else "ne")


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError("not a list")
    return value


def _position(value: Any) -> tuple[float, float]:
    items = _list(value)
    if len(items) < 2 or not all(isinstance(v, int | float) and not isinstance(v, bool)
                                 for v in items[:2]):
        raise ValueError("a position is [longitude, latitude]")
    lon, lat = float(items[0]), float(items[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError("outside the globe")
    return lon, lat


def _line(value: Any) -> tuple[tuple[float, float], ...]:
    points = tuple(_position(p) for p in _list(value))
    if len(points) < 2:
        raise ValueError("a line needs two positions")
    return points


def _ring(value: Any) -> tuple[tuple[float, float], ...]:
    points = _line(value)
    if len(points) < 4 or points[0] != points[-1]:
        raise ValueError("a ring is closed and has four positions")
    return points


def _orient(rings: list[tuple[tuple[float, float], ...]]
            ) -> Iterator[tuple[tuple[float, float], ...]]:
    """Exterior ring anticlockwise, holes clockwise, so holes stay empty when filled."""
    for i, ring in enumerate(rings):
        area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))
        yield ring if (area > 0) == (i == 0) else ring[::-1]


def check(m: Map, root: Path) -> Iterator[tuple[str, str, dict[str, object]]]:
    """Problems of one map as (severity, code, params); nothing for a good map."""
    path = source_path(m, root)
    suffix = path.suffix.lower()
    if suffix not in GEOJSON_SUFFIXES + IMAGE_SUFFIXES:
        yield "error", "map.file_type", {"file": m.file}
        return
    if not path.is_file():
        yield "error", "map.file_missing", {"file": m.file}
        return
    if suffix in IMAGE_SUFFIXES:
        if m.layers:
            yield "warning", "map.layers_on_image", {"file": m.file}
        return
    try:
        features = read(path)
    except MapProblem as problem:
        yield "error", problem.code, problem.params
        return
    known = {layer.category for layer in m.layers}
    for number, feature in enumerate(features, 1):
        if feature.category not in known:
            yield "error", "map.unknown_category", {
                "file": m.file, "number": number, "category": feature.category,
                "known": ", ".join(sorted(known)) or "–"}
            known.add(feature.category)  # one problem per category
    used = {f.category for f in features}
    for layer in m.layers:
        if layer.category not in used:
            yield "warning", "map.layer_unused", {"file": m.file, "category": layer.category}


# --- drawing ------------------------------------------------------------------------------

def render(m: Map, root: Path, target: Path, words: MapWords) -> Path:
    """Draw a GeoJSON map as a PNG at ``target``, or copy the user's image next to it
    (keeping its suffix); returns the file written."""
    source = source_path(m, root)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not is_geojson(m):
        image = target.with_suffix(source.suffix.lower())
        shutil.copyfile(source, image)
        return image
    draw(read(source), m.layers, target, words, schematic=m.schematic)
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
        target.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(target, dpi=_DPI, bbox_inches="tight", metadata={"Software": None})
        plt.close(fig)


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
        ring = feature.parts[0]
        lon = sum(p[0] for p in ring[:-1]) / (len(ring) - 1)
        lat = sum(p[1] for p in ring[:-1]) / (len(ring) - 1)
        ax.annotate(feature.name, (lon, lat), ha="center", va="center", fontsize=7.5,
                    color="#222222", path_effects=halo, zorder=zorder + 20)


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
