"""What a build keeps in the cache is data, never code: a build's result is JSON (its
problems as check keeps them, checks/kept.py) and a drawing's files are length-prefixed
bytes, each with a format number. An entry that is planted (a pickle that would run
something), garbage, of another format or cut short is a miss: the build makes the
thing again and gives every byte a build without the cache gives. A build answered
from the cache says exactly the problems a build without it says, in every language."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest
from test_release_support import cli, new_project

from strategy import pipeline
from strategy.checks import kept
from strategy.export import cache as cache_module
from strategy.export.cache import (
    FILES_FORMAT,
    Cache,
    files_entry,
    files_from_entry,
    result_entry,
    result_from_entry,
)
from strategy.language.messages import CATALOG, render
from strategy.law.profiles import Words
from strategy.pipeline import Progress, build
from strategy.problems import Mark, Problem

REAL = Path(__file__).parent / "fixtures" / "real"
ALL = {"docx", "pdf", "html", "md"}


@pytest.fixture(autouse=True)
def fresh_tool_digest():
    cache_module.tool_digest.cache_clear()
    yield
    cache_module.tool_digest.cache_clear()


class _Planted:
    """A pickle that would make a folder if it were ever unpickled."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self):
        return (os.mkdir, (str(self.target),))


def _another_format(kind: str, data: bytes) -> bytes:
    if kind == "drawings":
        return (FILES_FORMAT + 1).to_bytes(4, "big") + data[4:]
    return data.replace(b"[1,", b"[2,", 1)  # the result's JSON line: [format, …]


PAYLOADS = {
    "pickle": lambda kind, data, planted: pickle.dumps(_Planted(planted)),
    "garbage": lambda kind, data, planted: b"\x00not an entry\xff",
    "empty": lambda kind, data, planted: b"",
    "another format": lambda kind, data, planted: _another_format(kind, data),
    "cut short": lambda kind, data, planted: data[:-1],
}


@pytest.fixture(scope="module")
def uncached(tmp_path_factory) -> dict[str, bytes]:
    """The tiny strategy's files as a build without the cache makes them."""
    root = new_project(tmp_path_factory.mktemp("uncached")) / "sections"
    written, problems, _ = build(root, root.parent / "out", ALL, Progress(quiet=True),
                                 cache=False)
    assert not problems
    return {p.name: p.read_bytes() for p in written}


@pytest.mark.parametrize("payload", PAYLOADS, ids=list(PAYLOADS))
def test_a_planted_or_damaged_result_or_drawing_is_a_miss_and_the_same_bytes_are_built(
        payload, uncached, capsys, monkeypatch, tmp_path):
    sections = new_project(tmp_path / "project") / "sections"
    cache = tmp_path / "cache"
    monkeypatch.setenv("STRATEGY_CACHE", str(cache))
    assert cli(capsys, "build", "--sections", sections, "--out", tmp_path / "first").code == 0
    store, planted = Cache(cache), tmp_path / "planted"
    entries = [(kind, entry) for kind in ("results", "drawings")
               for entry in sorted((cache / kind).iterdir())]
    assert {kind for kind, _ in entries} == {"results", "drawings"}
    for kind, entry in entries:  # each with a checksum that holds: only its bytes are wrong
        data = store.get(kind, entry.name)
        assert data is not None
        store.put(kind, entry.name, PAYLOADS[payload](kind, data, planted))
    shutil.rmtree(cache / "outputs")  # so the drawings are asked for, not the outputs
    again = cli(capsys, "build", "--sections", sections, "--out", tmp_path / "again",
                "--verbose")
    assert again.code == 0, again.err
    assert {p.name: p.read_bytes() for p in (tmp_path / "again").iterdir()} == uncached
    stages = [line.split(":")[0].strip() for line in again.err.splitlines()
              if line.startswith("  ") and line.endswith(" s")]
    assert "validate" in stages and "charts" in stages  # refused: made again
    assert not planted.exists()


def _said(err: str) -> list[str]:
    """What a build said besides its progress: the problems."""
    progress = {render(code, lang, {}) for code in CATALOG if code.startswith("progress.")
                and code != "progress.took" for lang in ("pl", "en")}
    return [line for line in err.splitlines() if line not in progress]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_a_build_from_the_cache_says_the_problems_a_build_without_it_says(
        language, capsys, monkeypatch, tmp_path):
    sections = tmp_path / "sections"
    shutil.copytree(REAL / "metro_association", sections)
    record = sections / "strategy.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "language: pl", f"language: {language}"), encoding="utf-8")

    def said(*options: str) -> tuple[int, list[str]]:
        run = cli(capsys, "build", "--sections", sections, "--out", tmp_path / "out",
                  "--format", "md", *options)
        return run.code, _said(run.err)

    monkeypatch.setenv("STRATEGY_CACHE", "off")
    without = {lang: said("--lang", lang) for lang in ("pl", "en")}
    _, fresh, _ = build(sections, tmp_path / "api", {"md"}, Progress(quiet=True))
    assert any(p.severity == "warning" for p in fresh)
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    assert said("--lang", "pl") == without["pl"]  # built, and its result kept

    def not_again(*args, **kwargs):
        raise AssertionError("validated again")

    monkeypatch.setattr(pipeline, "load_and_validate", not_again)
    assert {lang: said("--lang", lang) for lang in ("pl", "en")} == without
    _, cached, lang = build(sections, tmp_path / "api", {"md"}, Progress(quiet=True))
    assert lang == language
    assert [(p.severity, p.code, p.mark) for p in cached] == [
        (p.severity, p.code, p.mark) for p in fresh]
    assert all(kept.same_data(a.params, b.params) for a, b in zip(cached, fresh, strict=True))


def test_a_result_comes_back_as_it_was_kept_and_one_json_cannot_give_back_is_not_kept():
    problems = [Problem("warning", "law.missing", Mark(Path("/s/goals.yaml"), 3, 5),
                        {"element": Words({"pl": "cele", "en": "goals"}), "n": 2})]
    result = {"document": "ab" * 32, "stem": "strategia-v0.3-rada", "problems": problems,
              "lang": "en"}
    back = result_from_entry(result_entry(result))
    assert back is not None and back.keys() == result.keys()
    assert (back["document"], back["stem"], back["lang"]) == (
        result["document"], result["stem"], "en")
    assert type(back["problems"][0].params["element"]) is Words
    assert back["problems"][0].params == problems[0].params
    failed = {"problems": problems, "lang": "pl"}  # a build that failed composes nothing
    assert result_from_entry(result_entry(failed)) == {
        "document": None, "stem": None, "problems": problems, "lang": "pl"}
    odd = [Problem("error", "x", None, {"at": Path("/x")})]
    assert result_entry({"problems": odd, "lang": "pl"}) is None


def test_a_drawing_s_files_come_back_only_as_they_were_kept():
    files = [b"<svg/>", b"", b"\x89PNG\r\n\x1a\n" + bytes(range(256))]
    entry = files_entry(files)
    assert files_from_entry(entry, 3) == files
    assert files_from_entry(entry, 2) is None  # another drawing's count
    assert files_from_entry(entry + b"x", 3) is None
    assert files_from_entry(entry[:-1], 3) is None
    assert files_from_entry(pickle.dumps(files), 3) is None
