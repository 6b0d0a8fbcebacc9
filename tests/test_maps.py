"""Maps of the graphic part (art. 10e ust. 4 u.s.g.): drawn from GeoJSON with matplotlib
(legend, north arrow, scale bar or "not to scale" note) or supplied as images, always
with alternative text and source; a broken map file is a located error in `check`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from checking import run_check
from submission import MODEL_MAP, complete_copy, rewrite

from strategy.compose import mapdraw
from strategy.compose.compose import compose
from strategy.compose.document import Drawing
from strategy.compose.maps import MapWords
from strategy.compose.typography import NBSP
from strategy.model.files import RESOLVER
from strategy.model.maps import Map
from strategy.pipeline import load_and_validate
from strategy.sections import geojson as maps
from strategy.sections.files import resolver

WORDS = MapWords("N", "Schemat poglądowy – nie w skali", "km")
EXAMPLE = Path(__file__).resolve().parent.parent / "sections"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return complete_copy(tmp_path)


def _geojson(root: Path, data: Any) -> None:
    text = data if isinstance(data, str) else json.dumps(data)
    (root / "maps" / "model.geojson").write_text(text, encoding="utf-8")


def _map_problems(root: Path) -> list[dict[str, Any]]:
    run = run_check(root)
    return [p for p in run.problems if p["code"].startswith(("map.", "access.", "path."))]


def _resolved(data: dict[str, Any], root: Path) -> Map:
    """A map as the check validates it: its file resolved in the sections folder."""
    return Map.model_validate(data, context={RESOLVER: resolver(root)})


def _feature(geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"category": "centre", **properties},
            "geometry": geometry}


# --- drawing --------------------------------------------------------------------------------

def _drawn(m: Map, target: Path) -> Path:
    """A GeoJSON map drawn as the build draws it: its SVG, then its PNG twin."""
    Drawing("strategy.compose.mapdraw", "render", (m, target, WORDS), output=target)()
    return target


def test_a_geojson_map_is_drawn_as_the_same_svg_and_png_every_time(root: Path, tmp_path: Path):
    m = _resolved(MODEL_MAP, root)
    first = _drawn(m, tmp_path / "a" / "model.svg")
    second = _drawn(m, tmp_path / "b" / "model.svg")
    assert first.read_bytes().startswith(b"<?xml")
    assert first.read_bytes() == second.read_bytes()
    png = first.with_suffix(".png").read_bytes()
    assert png.startswith(b"\x89PNG") and png == second.with_suffix(".png").read_bytes()


def test_a_scheme_and_a_map_to_scale_differ_only_in_the_scale_mark(root: Path, tmp_path: Path):
    scheme = _drawn(_resolved(MODEL_MAP, root), tmp_path / "s.svg")
    scaled = _drawn(_resolved({**MODEL_MAP, "schematic": False}, root), tmp_path / "m.svg")
    assert scheme.read_bytes() != scaled.read_bytes()
    assert scheme.with_suffix(".png").read_bytes() != scaled.with_suffix(".png").read_bytes()


@pytest.mark.parametrize(("km", "bar"), [(23.4, 20), (9.0, 5), (1.2, 1), (0.7, 0.5),
                                          (140, 100), (260, 200)])
def test_the_scale_bar_has_a_round_length(km: float, bar: float):
    assert mapdraw.nice_length(km) == bar


def test_polygon_holes_stay_holes():
    outer = ((0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0), (0.0, 0.0))  # clockwise
    hole = ((0.2, 0.2), (0.8, 0.2), (0.8, 0.8), (0.2, 0.8), (0.2, 0.2))  # anticlockwise
    oriented = list(maps._orient([outer, hole]))

    def area(ring: tuple[tuple[float, float], ...]) -> float:
        return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))

    assert area(oriented[0]) > 0 > area(oriented[1])


def test_an_image_map_is_copied_as_supplied(root: Path, tmp_path: Path):
    m = _resolved({"kind": "osi", "file": "maps/osi.png", "caption": "OSI",
                   "alt": "Beta zaznaczona na mapie.", "source": "własne"}, root)
    written = mapdraw.render(m, tmp_path / "out" / "map-1-osi.png", WORDS)
    assert written.read_bytes() == (root / "maps" / "osi.png").read_bytes()


# --- maps in the document -----------------------------------------------------------------

@pytest.fixture
def document(root: Path, tmp_path: Path):
    return compose(load_and_validate(root).strategy, tmp_path / "assets", root)


def test_the_model_map_stands_in_the_model_chapter_with_alt_text_and_source(document):
    chapter = document.markdown.split("{#model}")[1].split("\n# ")[0]
    [figure] = [b for b in chapter.split("\n\n") if b.startswith("![")]
    assert "](maps/map-1-model.svg)" in figure
    alt = figure.split('fig-alt="')[1]
    assert alt.startswith("Schemat: ośrodek Alfa połączony z Betą")
    assert "Legenda: dolina rzeki; rzeka; powiązanie lokalne; ośrodek lokalny." in alt
    assert "Źródło: opracowanie własne, schemat poglądowy, nie mapa w skali" in chapter.replace(
        "\\", "").replace(NBSP, " ")


def test_the_osi_map_stands_in_the_osi_chapter(document):
    chapter = document.markdown.split("{#osi}")[1].split("\n# ")[0]
    assert "](maps/map-2-osi.png){fig-alt=\"Mapa: gmina Beta zaznaczona" in chapter


def test_maps_are_handed_to_the_exporters_with_the_charts(document):
    names = {p.name for p in document.figures}
    assert {"map-1-model.svg", "map-1-model.png", "map-2-osi.png", "timeline-1.svg",
            "funding.svg"} <= names
    assert all(p.is_file() for p in document.figures)


# --- a broken map is a located error ------------------------------------------------------

def test_the_complete_copy_has_no_map_problems(root: Path):
    assert _map_problems(root) == []


@pytest.mark.parametrize(("data", "code", "words"), [
    ('{"type": "FeatureCollection", "features": [}', "map.not_json", "wiersz 1"),
    ({"type": "Feature"}, "map.not_collection", "FeatureCollection"),
    ({"type": "FeatureCollection", "features": []}, "map.empty", "nie zawiera"),
    ({"type": "FeatureCollection", "features": ["x"]}, "map.bad_feature", "nr 1"),
    ({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Alfa"},
         "geometry": {"type": "Point", "coordinates": [22.7, 52.2]}}]},
     "map.no_category", "nr 1 (Alfa)"),
    ({"type": "FeatureCollection", "features": [
        _feature({"type": "GeometryCollection", "geometries": []})]},
     "map.bad_geometry", "GeometryCollection"),
    ({"type": "FeatureCollection", "features": [
        _feature({"type": "Point", "coordinates": [522.7, 52.2]})]},
     "map.bad_coordinates", "(Point)"),
    ({"type": "FeatureCollection", "features": [
        _feature({"type": "LineString", "coordinates": [[22.7, 52.2]]}, category="link")]},
     "map.bad_coordinates", "(LineString)"),
    ({"type": "FeatureCollection", "features": [
        _feature({"type": "Polygon", "coordinates": [[[22.5, 52.3], [22.9, 52.2],
                                                      [22.9, 52.4]]]}, category="valley")]},
     "map.bad_coordinates", "(Polygon)"),
    ({"type": "FeatureCollection", "features": [
        _feature({"type": "Point", "coordinates": [22.7, 52.2]}, category="church")]},
     "map.unknown_category", "„church”"),
])
def test_a_broken_geojson_file_is_an_error_at_the_maps_file_field(
        root: Path, data: Any, code: str, words: str):
    _geojson(root, data)
    problems = [p for p in _map_problems(root) if p["severity"] == "error"]
    assert [p["code"] for p in problems] == [code]
    assert problems[0]["file"] == "spatial.yaml"
    text = (root / "spatial.yaml").read_text("utf-8").splitlines()
    assert text[problems[0]["line"] - 1].lstrip(" -").startswith("file:")
    assert words in problems[0]["message"]


def test_a_legend_entry_without_features_is_a_warning(root: Path):
    rewrite(root / "spatial.yaml", lambda d: d["maps"][0]["layers"].append(
        {"category": "church", "label": "kościół"}))
    [problem] = _map_problems(root)
    assert (problem["code"], problem["severity"]) == ("map.layer_unused", "warning")


@pytest.mark.parametrize(("file", "code"), [("maps/none.geojson", "path.missing"),
                                            ("maps/model.shp", "path.file_type")])
def test_a_map_file_must_exist_and_be_an_image_or_geojson(root: Path, file: str, code: str):
    rewrite(root / "spatial.yaml", lambda d: d["maps"][0].update(file=file))
    assert [p["code"] for p in _map_problems(root)] == [code]


def test_layers_on_an_image_map_are_a_warning(root: Path):
    rewrite(root / "areas.yaml", lambda d: d["maps"][0].update(
        layers=[{"category": "x", "label": "x"}]))
    assert [p["code"] for p in _map_problems(root)] == ["map.layers_on_image"]


@pytest.mark.parametrize("field", ["alt", "source"])
def test_a_map_needs_alt_text_and_source(root: Path, field: str):
    rewrite(root / "spatial.yaml", lambda d: d["maps"][0].pop(field))
    run = run_check(root)
    codes = [p["code"] for p in run.problems]
    assert codes == (["access.alt_missing"] if field == "alt" else ["value.missing"])


def test_a_map_file_with_a_wrong_encoding_is_reported_not_raised(root: Path):
    (root / "maps" / "model.geojson").write_bytes(b'{"type": "Feature\xff"}')
    assert [p["code"] for p in _map_problems(root)] == ["map.not_json"]


def test_a_broken_map_stops_the_build_without_a_traceback(root: Path, tmp_path: Path):
    import contextlib
    import io

    from strategy.commands.cli import main

    _geojson(root, "{")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["build", "--sections", str(root), "--out", str(tmp_path / "out")])
    assert code == 1 and "Traceback" not in err.getvalue()
    assert not list((tmp_path / "out").glob("*.pdf"))


# --- the example partnership --------------------------------------------------------------

@pytest.mark.skipif(not (EXAMPLE / "maps").is_dir(), reason="the example has no maps yet")
def test_the_example_model_is_an_honestly_titled_scheme_drawn_from_its_own_data():
    validated = load_and_validate(EXAMPLE)
    spatial = validated.kinds["spatial"]
    [model] = [m for m in spatial.maps if m.kind == "model"]
    assert model.schematic and maps.is_geojson(model)
    assert "schemat" in model.caption.casefold()
    assert "nie mapa w skali" in model.source
    features = maps.read(model.file.resolved, model.file)
    names = {f.name for f in features if f.shape == "point"}
    assert {"Łosice", "Sarnaki", "Siedlce", "Sokołów Podlaski", "Biała Podlaska"} <= names
    assert any(f.shape == "line" and f.name == "Bug" for f in features)
    assert not [p for p in validated.problems if p.code.startswith("map.")]
