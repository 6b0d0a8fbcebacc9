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
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from strategy.language.messages import localized
from strategy.model.files import ResolvedFile
from strategy.model.maps import Map
from strategy.sections import files

GEOJSON_SUFFIXES = (".geojson", ".json")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_BYTES = 10 * 2**20  # a strategy's map is small; more is a wrong file
MAX_DEPTH = 16  # a FeatureCollection of MultiPolygons nests 8 deep; properties a little
MAX_POSITIONS = 250_000  # far more than a schematic map needs, little for matplotlib
MAX_VALUES = 4 * MAX_POSITIONS  # numbers, names, lists: each position has two numbers
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
    resolved = getattr(m.file, "resolved", None)
    if resolved is not None:
        return resolved.format == "geojson"
    return Path(m.file).suffix.lower() in GEOJSON_SUFFIXES


# --- reading and checking -------------------------------------------------------------

# Every string, so that the brackets inside names do not count as structure.
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKETS = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKETS = bytes(c for c in range(256) if c not in b"[]{}")


def _too_deep(structure: bytes) -> bool:
    """Whether brackets nest deeper than MAX_DEPTH: peel the innermost pairs MAX_DEPTH
    times; what is left either still holds a pair or too many unclosed openings."""
    for _ in range(MAX_DEPTH):
        peeled = structure.replace(b"[]", b"")
        if peeled == structure:
            break
        structure = peeled
    first_open = structure.find(b"[")
    return (0 <= first_open < structure.rfind(b"]")) or structure.count(b"[") > MAX_DEPTH


def _deep_line(raw: bytes) -> int:
    """The line where the nesting first goes deeper than MAX_DEPTH (only on refusal)."""
    depth = 0
    for match in re.finditer(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', raw):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > MAX_DEPTH:
                return raw.count(b"\n", 0, match.start()) + 1
        elif token in (b"]", b"}"):
            depth -= 1
    return 1


def _number(text: str) -> int | float:
    """JSON integers; one too long for Python's int() is no coordinate but no crash."""
    return int(text) if len(text) < 100 else float(text)


def _constant(name: str) -> None:
    raise ValueError(name)  # NaN and Infinity are not JSON (RFC 8259)


def parse(raw: bytes, name: str) -> Any:
    """The JSON data of a map file, with its size, nesting and number of positions
    bounded before the parser builds anything (it recurses once per nesting level)."""
    if len(raw) > MAX_BYTES:
        raise MapProblem("map.too_large", {"file": name, "mb": MAX_BYTES // 2**20})
    without_strings = _STRING.sub(b"", raw)
    if without_strings.count(b",") > MAX_VALUES:  # bounds what json.loads would build
        raise MapProblem("map.too_many_values", {"file": name, "limit": MAX_VALUES})
    structure = without_strings.translate(_BRACKETS, _NOT_BRACKETS)
    if _too_deep(structure):
        raise MapProblem("map.too_deep", {"file": name, "depth": MAX_DEPTH,
                                          "line": _deep_line(raw)})
    if structure.count(b"[]") > 2 * MAX_POSITIONS:  # each position is an innermost [x, y]
        raise MapProblem("map.too_many_positions", {"file": name, "limit": MAX_POSITIONS})
    try:
        return json.loads(raw.decode("utf-8-sig"), parse_int=_number, parse_constant=_constant)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise MapProblem("map.not_json", {"file": name, "line": line,
                                          "reason": "UTF-8"}) from None
    except json.JSONDecodeError as exc:
        raise MapProblem("map.not_json", {"file": name, "line": exc.lineno,
                                          "reason": exc.msg}) from None
    except (ValueError, RecursionError) as exc:  # NaN; RecursionError cannot happen here
        raise MapProblem("map.not_json", {"file": name, "line": 1,
                                          "reason": str(exc)[:60]}) from None


def read(resolved: ResolvedFile, name: str) -> list[Feature]:
    """The features of a GeoJSON file checked by ``files.resolve``; raises MapProblem
    saying what is wrong and where."""
    try:
        raw = files.read_resolved(resolved, MAX_BYTES)
    except files.FileProblem as problem:
        if problem.kind == "too_large":
            raise MapProblem("map.too_large", {"file": name, "mb": MAX_BYTES // 2**20}
                             ) from None
        reason = problem.params.get("reason") or localized(f"reason.{problem.kind}")
        raise MapProblem("map.unreadable", {"file": name, "reason": reason}) from None
    data = parse(raw, name)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(
            data.get("features"), list):
        raise MapProblem("map.not_collection", {"file": name})
    features = [_feature(name, i, item) for i, item in enumerate(data["features"], 1)]
    if not features:
        raise MapProblem("map.empty", {"file": name})
    if sum(len(part) for f in features for part in f.parts) > MAX_POSITIONS:
        raise MapProblem("map.too_many_positions", {"file": name, "limit": MAX_POSITIONS})
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


def check(m: Map) -> Iterator[tuple[str, str, dict[str, object]]]:
    """Problems of one map whose file resolved, as (severity, code, params); nothing for a
    good map. (Where the file is and what it is, ``files.resolve`` already checked.)"""
    resolved = getattr(m.file, "resolved", None)
    if resolved is None:
        return
    if resolved.format != "geojson":
        if m.layers:
            yield "warning", "map.layers_on_image", {"file": m.file}
        return
    try:
        features = read(resolved, str(m.file))
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
