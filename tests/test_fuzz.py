"""Fuzzing (issue 10): random mutations of the example's section files and of a released
DOCX never make the loader, the rules or the comment import raise; they give located,
catalogued problems. Bounded: a fixed number of examples, derandomized so that CI runs
the same ones each time (FUZZ_EXAMPLES=500 FUZZ_RANDOM=1 explores further by hand)."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_release_support import new_project

from strategy.commands.cli import main
from strategy.pipeline import load_and_validate
from strategy.release.comments import import_comments
from strategy.release.errors import Refused

EXAMPLE = Path(__file__).resolve().parent.parent / "sections"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                derandomize=not os.environ.get("FUZZ_RANDOM"),
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])

# What an attacker or a confused officer puts into a file, beside random bytes.
HOSTILE = [
    b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\t", b"\r", b"\x1b[2J", b"\xc5", b"\xe2\x80\xae",
    b"&a [x]", b"*a", b"!!python/object:os.system", b"!custom", b"<<: *a", b"? [a, b]",
    b"[" * 200, b"{" * 200, b"]", b"}", b"---\n", b"...\n", b": ", b" - ", b"'", b'"',
    b"file: /etc/passwd", b"file: ../../../etc/passwd", b"file: maps", b"file: \"a\\0.png\"",
    b"id: x" * 50, b"1e999", b"-.inf", b".nan", b"0o17", b"2021-02-30", b"~", b"null",
    b"x" * 5000, b"\n" * 50, b"#" * 10, b"\\u0000", b"%YAML 1.1\n", b"%TAG ! tag:x,2000:\n",
]


def _mutate(data: bytes, draw: st.DrawFn) -> bytes:
    """One to three edits: a flipped byte, a hostile piece inserted, a span removed or
    repeated, the file cut."""
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        how = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "cut"]))
        if how == "flip" and data:
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
        elif how == "insert":
            data = data[:at] + draw(st.sampled_from(HOSTILE)) + data[at:]
        elif how == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 200)):]
        elif how == "repeat":
            data = data[:at] + data[at:at + 300] * draw(st.integers(2, 5)) + data[at:]
        else:
            data = data[:at]
    return data


@st.composite
def mutations(draw: st.DrawFn, files: list[Path]) -> tuple[Path, bytes]:
    path = draw(st.sampled_from(files))
    return path, _mutate(path.read_bytes(), draw)


# --- the loader and the rules -------------------------------------------------------------

@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "sections"
    shutil.copytree(EXAMPLE, target)
    return target


def _example_files() -> list[Path]:
    return sorted(p.relative_to(EXAMPLE) for p in EXAMPLE.rglob("*")
                  if p.is_file() and p.suffix in (".yaml", ".geojson"))


@FUZZ
@given(st.data())
def test_a_mutated_example_gives_located_problems_never_an_exception(example, data):
    relative, mutated = data.draw(mutations([EXAMPLE / p for p in _example_files()]))
    relative = relative.relative_to(EXAMPLE)
    original = (example / relative).read_bytes()
    (example / relative).write_bytes(mutated)
    try:
        validated = load_and_validate(example)
        for problem in validated.problems:
            assert problem.mark is not None and problem.mark.line >= 1
            assert problem.mark.file.resolve().is_relative_to(example.resolve())
            for lang in ("pl", "en"):
                assert problem.message(lang)  # every message renders with its parameters
                problem.hint(lang)
    finally:
        (example / relative).write_bytes(original)


# --- the comment import -------------------------------------------------------------------

@pytest.fixture(scope="module")
def released(tmp_path_factory) -> tuple[Path, Path]:
    root = new_project(tmp_path_factory.mktemp("fuzz-docx"))
    assert main(["release", "--sections", str(root / "sections"), "--status", "council",
                 "--date", "2021-06-20", "--format", "docx"]) == 0
    return root, next((root / "releases").glob("v*/*.docx"))


def _import(root: Path, docx: Path) -> None:
    """The import either files something or refuses with located problems; anything it
    wrote is removed so that every example starts from the release."""
    try:
        import_comments(docx, root / "sections", root / "releases")
    except Refused as refused:
        assert refused.problems
        for problem in refused.problems:
            problem.message("en")
            problem.hint("pl")
    finally:
        shutil.rmtree(root / "sections" / "review", ignore_errors=True)


@FUZZ
@given(st.data())
def test_a_mutated_docx_file_is_refused_or_read_never_an_exception(released, tmp_path, data):
    root, draft = released
    docx = tmp_path / "reviewed.docx"
    docx.write_bytes(_mutate(draft.read_bytes(), data.draw))
    _import(root, docx)


@FUZZ
@given(st.data())
def test_a_docx_with_mutated_xml_parts_is_refused_or_read_never_an_exception(
        released, tmp_path, data):
    root, draft = released
    with zipfile.ZipFile(draft) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    names = sorted(n for n in parts if n.endswith((".xml", ".rels")))
    for name in data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3,
                                   unique=True)):
        parts[name] = _mutate(parts[name], data.draw)
    docx = tmp_path / "reviewed.docx"
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    _import(root, docx)
