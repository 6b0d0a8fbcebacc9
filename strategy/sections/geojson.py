"""Maps of the graphic part (art. 10e ust. 4 u.s.g.): reading and checking GeoJSON files.

A map is either an image the user supplies (PNG/JPG) or a GeoJSON FeatureCollection in
the sections folder, in longitude/latitude (WGS 84, RFC 7946). Every feature names its
legend entry in the property ``category`` and may carry a ``name`` that is printed
next to it (``"label": false`` hides it, ``"anchor": "nw"`` moves it). Points, lines
and polygons are drawn in the order of the map's layers; a legend, a north arrow and a
scale bar (or, for a scheme, the note that it is not to scale) are always drawn.

No GIS library is needed: the map is small, in degrees, drawn in an equirectangular
view whose aspect is corrected at the map's mean latitude. The PNG is reproducible to
the byte, like the charts. Drawing lives in ``compose/mapdraw`` so that reading and checking a
map never imports matplotlib.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from strategy.model.maps import Map

GEOJSON_SUFFIXES = (".geojson", ".json")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_BYTES = 20 * 1024 * 1024  # a strategy's map is small; more is a wrong file
KM_PER_DEGREE = 111.32

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
