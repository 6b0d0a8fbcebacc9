"""Hostile or mistaken files in the sections folder (issue 10): nothing outside the folder
is read, nothing unbounded is accepted. Each class of input is refused by `check` with a
located, catalogued message and exit 1, no traceback, no file quoted beyond an excerpt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from checking import copy_tiny, edit, run_check
from images import jpeg, png, png_claiming, svg

from strategy.model.files import ResolvedFile
from strategy.problems import EXCERPT, Mark, Problem, excerpt
from strategy.sections import files, geojson, images
from strategy.sections.load import load

REPO = Path(__file__).resolve().parent.parent
SECRET = "TOP-SECRET-LINE-OF-A-SYSTEM-FILE"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_tiny(tmp_path)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the sections, holding files no output may ever contain."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.png").write_bytes(png())
    (folder / "secret.yaml").write_text(f"strengths: [{SECRET}]\n" * 50, encoding="utf-8")
    return folder


def _figure(root: Path, file: str) -> None:
    """The introduction names one figure, ``file`` (written as JSON: any text at all)."""
    (root / "introduction.yaml").write_text(
        "title: Wprowadzenie\ntext: Tekst.\nfigures:\n"
        f"  - file: {json.dumps(file)}\n    caption: Rysunek\n"
        "    alt: Co widać na obrazie testowym.\n    source: opracowanie własne\n",
        encoding="utf-8")


def _content_codes(root: Path) -> list[str]:
    """The problems of the sections themselves (``_figure`` writes a file without the
    editor's schema line, which check would also mention)."""
    return [c for c in run_check(root).codes() if not c.startswith("editor.")]


def _errors(root: Path) -> list[dict]:
    run = run_check(root)
    assert run.exit_code == 1, run.describe()
    assert "Traceback" not in run.stdout + run.stderr
    return [p for p in run.problems if p["severity"] == "error"]


def _one(root: Path, code: str, file: str = "introduction.yaml", line: int = 4) -> dict:
    errors = _errors(root)
    found = [p for p in errors if p["code"] == code]
    assert found, "\n".join(f"{p['file']}:{p['line']} {p['code']}" for p in errors)
    assert (found[0]["file"], found[0]["line"]) == (file, line)
    assert found[0]["hint"]
    return found[0]


# --- paths a section names: one resolver for every field --------------------------------

@pytest.mark.parametrize(("file", "code"), [
    ("../../../etc/passwd", "path.outside"),
    ("..\\..\\outside\\secret.png", "path.outside"),
    ("maps/../../outside/secret.png", "path.outside"),
    ("/etc/passwd", "path.absolute"),
    ("C:\\Users\\urzednik\\mapa.png", "path.absolute"),
    ("\\\\serwer\\udzial\\mapa.png", "path.absolute"),
    ("https://example.org/mapa.png", "path.url"),
    ("file:///etc/passwd", "path.url"),
    ("mapa\u0000.png", "path.invalid"),
    ("mapa.gif", "path.file_type"),
    ("brak.png", "path.missing"),
])
def test_a_path_that_is_not_a_file_in_the_folder_is_a_located_error(root, file, code):
    _figure(root, file)
    _one(root, code)


def test_a_link_out_of_the_folder_is_refused_at_the_link_and_at_the_value(root, outside):
    (root / "img").mkdir()
    os.symlink(outside / "secret.png", root / "img" / "a.png")
    _figure(root, "img/a.png")
    _one(root, "path.link_outside")
    _one(root, "file.link_outside", "img/a.png", 1)


def test_a_linked_folder_leading_out_is_refused(root, outside):
    os.symlink(outside, root / "img")
    _figure(root, "img/secret.png")
    _one(root, "path.link_outside")


def test_a_link_inside_the_folder_is_followed(root):
    (root / "img").mkdir()
    (root / "img" / "v2.png").write_bytes(png())
    os.symlink("v2.png", root / "img" / "current.png")
    _figure(root, "img/current.png")
    assert _content_codes(root) == []


@pytest.mark.parametrize("kind", ["hard_link", "fifo", "folder", "device"])
def test_a_named_file_must_be_one_ordinary_file(root, outside, kind):
    target = root / "a.png"
    if kind == "hard_link":
        os.link(outside / "secret.png", target)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        if os.geteuid() != 0:
            pytest.skip("making a device file needs root")
        os.mknod(target, 0o600 | 0o020000, os.makedev(1, 5))  # /dev/zero's twin
    _figure(root, "a.png")
    _one(root, {"hard_link": "path.hard_link", "fifo": "path.special", "folder": "path.folder",
                "device": "path.special"}[kind])


def test_a_named_file_past_the_size_limit_is_refused_without_reading_it(root):
    with (root / "a.png").open("wb") as handle:  # sparse: costs no disk and no time
        handle.truncate(files.MAX_NAMED_BYTES + 1)
    _figure(root, "a.png")
    assert "20 MB" in _one(root, "path.too_large")["message"]


def test_a_missing_file_suggests_the_name_that_differs_only_in_case(root):
    (root / "Mapa.PNG").write_bytes(png())
    _figure(root, "mapa.png")
    assert "Mapa.PNG" in _one(root, "path.missing")["hint"]


# --- images are what their content says, within bounds -----------------------------------

@pytest.mark.parametrize(("name", "data", "code"), [
    ("a.png", b"not an image at all", "image.not_image"),
    ("a.png", png()[:30], "image.damaged"),
    ("a.png", png()[:-5] + b"XXXXX", "image.damaged"),
    ("a.jpg", png(), "image.mismatch"),
    ("a.png", jpeg(), "image.mismatch"),
    ("a.jpg", jpeg()[:12], "image.damaged"),
    ("a.png", png_claiming(100_000, 100_000), "image.too_many_pixels"),
    ("a.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>", "image.svg_not_xml"),
    ("a.svg", b'<?xml version="1.0"?><html xmlns="x"><svg/></html>', "image.not_svg"),
])
def test_an_image_is_checked_by_its_content(root, name, data, code):
    (root / name).write_bytes(data)
    _figure(root, name)
    _one(root, code)


@pytest.mark.parametrize("data", [png(), jpeg(), svg()])
def test_png_jpeg_and_plain_svg_are_accepted(root, data):
    name = {b"\x89": "a.png", b"\xff": "a.jpg", b"<": "a.svg"}[data[:1]]
    (root / name).write_bytes(data)
    _figure(root, name)
    assert _content_codes(root) == []


UNSAFE_SVG = {
    "script": svg("<script>alert(1)</script>"),
    "event handler": svg(attributes='onload="alert(1)"'),
    "javascript link": svg('<a href="javascript:alert(1)"><rect/></a>'),
    "external image": svg('<image xlink:href="file:///etc/passwd"/>'),
    "relative image": svg('<image href="../../etc/passwd"/>'),
    "css url": svg('<rect style="fill:url(http://example.org/x)"/>'),
    "css import": svg("<style>@import url(x.css);</style>"),
    "foreignObject": svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/>'
                         "</foreignObject>"),
    "xinclude": svg('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"'
                    ' parse="text"/>'),
    "stylesheet": svg(before='<?xml-stylesheet href="http://example.org/s.css"?>'),
    "external entity": svg("<text>&x;</text>", before='<?xml version="1.0"?><!DOCTYPE svg '
                           '[<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
    "billion laughs": svg("<text>&c;</text>", before='<!DOCTYPE svg [<!ENTITY a "aaaaaaaa">'
                          '<!ENTITY b "&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;">]>'),
    "use bomb": svg('<defs><g id="a"><rect/><rect/></g>' + "".join(
        f'<g id="{chr(98 + i)}">' + f'<use href="#{chr(97 + i)}"/>' * 10 + "</g>"
        for i in range(8)) + '</defs><use href="#i"/>'),
    "use loop": svg('<g id="a"><use href="#a"/></g>'),
    "embedded pixel bomb": svg('<image href="data:image/png;base64,' + __import__(
        "base64").b64encode(png_claiming(90_000, 90_000)).decode() + '"/>'),
}


@pytest.mark.parametrize("what", list(UNSAFE_SVG))
def test_an_svg_that_could_run_or_fetch_something_is_refused(root, what):
    (root / "a.svg").write_bytes(UNSAFE_SVG[what])
    _figure(root, "a.svg")
    problem = next(p for p in _errors(root) if p["code"].startswith("image."))
    assert problem["file"] == "introduction.yaml" and problem["line"] == 4
    expected = "image.too_many_pixels" if what == "embedded pixel bomb" else "image.svg_unsafe"
    assert problem["code"] == expected


def test_an_svg_deeper_than_the_xml_reader_allows_is_refused_not_crashing(root):
    (root / "a.svg").write_bytes(svg("<g>" * 100_000 + "</g>" * 100_000))
    _figure(root, "a.svg")
    _one(root, "image.svg_not_xml")


def test_the_build_copies_the_file_that_was_checked_never_a_later_one(tmp_path):
    (tmp_path / "a.png").write_bytes(png())
    resolved = files.resolve(tmp_path, "a.png", ("png",))
    assert isinstance(resolved, ResolvedFile)
    (tmp_path / "b.png").write_bytes(png(5, 5))
    os.replace(tmp_path / "b.png", tmp_path / "a.png")  # another file under the same name
    with pytest.raises(files.FileProblem) as raised:
        files.read_resolved(resolved)
    assert raised.value.kind == "changed"


def test_a_build_with_a_figure_linked_out_of_the_folder_writes_nothing(root, outside, tmp_path):
    os.symlink(outside / "secret.png", root / "a.png")
    _figure(root, "a.png")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, str(REPO / "build_strategy.py"), "build",
                             "--sections", str(root), "--out", str(out), "--format", "md"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not list(out.glob("*.md")) if out.exists() else True


# --- section files ---------------------------------------------------------------------------

def test_a_section_file_linked_to_a_system_file_is_refused_and_not_echoed(root, outside):
    (root / "swot.yaml").unlink()
    os.symlink(outside / "secret.yaml", root / "swot.yaml")
    run = run_check(root, fmt="text")
    assert run.exit_code == 1 and SECRET not in run.stdout
    assert _one(root, "file.link_outside", "swot.yaml", 1)
    assert [p["code"] for p in _errors(root)] == ["file.link_outside"]  # not also "missing"


@pytest.mark.parametrize("where", ["investments/P3.yaml", "investments"])
def test_links_out_of_the_folder_are_refused_inside_split_folders_too(root, outside, where):
    if where == "investments":
        for p in (root / "investments").iterdir():
            p.rename(outside / p.name)
        (root / "investments").rmdir()
        os.symlink(outside, root / "investments")
    else:
        os.symlink(outside / "secret.yaml", root / where)
    _one(root, "file.link_outside", where, 1)


@pytest.mark.parametrize(("make", "code"), [
    (lambda p: (p.unlink(), os.mkfifo(p)), "file.special"),
    (lambda p: (p.unlink(), p.mkdir()), "file.folder"),
])
def test_a_section_file_that_is_a_pipe_or_a_folder_is_reported_not_waited_for(root, make, code):
    make(root / "swot.yaml")
    _one(root, code, "swot.yaml", 1)


def test_a_pipe_inside_a_split_folder_is_reported_never_skipped(root):
    os.mkfifo(root / "investments" / "P3.yaml")
    _one(root, "file.special", "investments/P3.yaml", 1)


def test_a_section_file_with_a_second_name_is_a_hard_link_and_refused(root):
    os.link(root / "swot.yaml", root / "investments" / "P3.yaml")
    codes = [(p["file"], p["code"]) for p in _errors(root)]
    assert ("swot.yaml", "file.hard_link") in codes
    assert ("investments/P3.yaml", "file.hard_link") in codes


def test_a_50_mb_section_file_is_refused_by_its_size_before_it_is_read(root):
    with (root / "swot.yaml").open("r+b") as handle:
        handle.truncate(50 * 2**20)
    assert "5 MB" in _one(root, "file.too_large", "swot.yaml", 1)["message"]


def test_a_section_file_of_too_many_values_is_refused_where_the_limit_is_passed(root):
    (root / "swot.yaml").write_text("".join(f"k{i}: v\n" for i in range(30_000)),
                                    encoding="utf-8")
    problem = _one(root, "file.too_many_nodes", "swot.yaml", 25_000)
    assert "50000" in problem["message"]


def test_the_whole_folder_is_bounded_in_files(root, monkeypatch):
    from strategy.sections import load as loading

    monkeypatch.setattr(loading, "MAX_FILES", 5)
    problems = load(root).problems
    assert [p.code for p in problems] == ["file.too_many_sections"]


@pytest.mark.parametrize("text", [
    "a: " + "[" * 100_000 + "]" * 100_000,
    "a: " + "{a: " * 100_000,
    "- " * 100_000 + "x",
])
def test_deeply_nested_yaml_is_refused_without_recursing(root, text):
    (root / "swot.yaml").write_text(text, encoding="utf-8")
    assert _one(root, "yaml.too_deep", "swot.yaml", 1)


def test_word_and_libreoffice_lock_files_in_the_folder_are_not_section_files(root):
    (root / "~$swot.yaml").write_bytes(b"\x0bJan Kowalski" + b" " * 100)
    (root / ".~lock.swot.yaml#").write_text("Jan,host,01.07.2021 10:00,\n")
    assert run_check(root).codes() == []


# --- messages quote an excerpt, printable --------------------------------------------------

def test_no_message_quotes_more_than_an_excerpt_of_a_value(root):
    edit(root, "introduction.yaml", "title: Wprowadzenie", "title: [" + "x" * 5000 + "]")
    run = run_check(root, fmt="text")
    assert max(len(line) for line in run.stdout.splitlines()) < EXCERPT + 200
    assert "x" * (EXCERPT + 1) not in run.stdout


def test_terminal_escapes_and_direction_marks_in_a_value_are_never_printed(root):
    edit(root, "introduction.yaml", "title: Wprowadzenie",
         'title: ["\\e[2J\\e[31mRED \\u202eTXT.EXE"]')
    run = run_check(root, fmt="text")
    assert "\x1b" not in run.stdout and "\u202e" not in run.stdout


def test_an_excerpt_is_one_line_and_cut_with_an_ellipsis():
    assert excerpt("a\nb\tc") == "a b c"
    cut = excerpt("x" * 1000)
    assert len(cut) == EXCERPT and cut.endswith("…")
    problem = Problem("error", "value.type", Mark(Path("a.yaml")), {
        "key": "k", "value": "y" * 10_000, "expected": "x", "advice": ""})
    assert len(problem.message("en")) < EXCERPT + 200


# --- GeoJSON: bounded before json.loads builds anything -----------------------------------

MAP = """maps:
  - kind: model
    file: m.geojson
    caption: Mapa
    alt: Schemat modelu struktury obszaru.
    source: opracowanie własne
    layers: [{category: a, label: A}]
"""


def _map(root: Path, data: str | bytes) -> None:
    (root / "m.geojson").write_bytes(data if isinstance(data, bytes) else data.encode())
    with (root / "spatial.yaml").open("a", encoding="utf-8") as handle:
        handle.write(MAP)


def _point(coordinates: str) -> str:
    return ('{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
            '{"category":"a"},"geometry":{"type":"Point","coordinates":' + coordinates + "}}]}")


@pytest.mark.parametrize(("data", "code"), [
    ("[" * 100_000 + "]" * 100_000, "map.too_deep"),
    ("[" * 100_000, "map.too_deep"),
    ('{"a":' * 100_000 + "1" + "}" * 100_000, "map.too_deep"),
    ('{"s": "[[[[[[[[[[[[[[[[[[[[[[[[[[[["' + "}", "map.not_collection"),  # brackets in text
    (_point("[" + "1" * 5000 + ", 2]"), "map.bad_coordinates"),
    (_point("[NaN, 2]"), "map.not_json"),
    (_point("[Infinity, 2]"), "map.not_json"),
    (b'{"type": "Feature\xff"}', "map.not_json"),
    (_point("[" + ",".join(["1.5"] * (geojson.MAX_VALUES + 10)) + "]"), "map.too_many_values"),
])
def test_a_hostile_geojson_is_a_located_error_never_a_recursion(root, data, code):
    _map(root, data)
    problem = _one(root, code, "spatial.yaml", 9)
    assert "m.geojson" in problem["message"]


def test_too_many_positions_are_refused(root, monkeypatch):
    monkeypatch.setattr(geojson, "MAX_POSITIONS", 10)
    monkeypatch.setattr(geojson, "MAX_VALUES", 10_000)
    coordinates = "[" + ",".join(["[21.0, 52.0]"] * 11) + "]"
    _map(root, _point(coordinates).replace('"Point"', '"MultiPoint"'))
    _one(root, "map.too_many_positions", "spatial.yaml", 9)


def test_the_depth_check_counts_what_json_would_nest():
    for depth in (1, geojson.MAX_DEPTH):
        data = ("[" * depth + "]" * depth).encode()
        assert geojson.parse(data, "m.geojson") is not None
    with pytest.raises(geojson.MapProblem):
        geojson.parse(("[" * (geojson.MAX_DEPTH + 1) + "]" * (geojson.MAX_DEPTH + 1)).encode(),
                      "m.geojson")


def test_the_image_formats_are_the_ones_every_reader_shows():
    assert images.FORMATS == ("png", "jpeg", "svg")
