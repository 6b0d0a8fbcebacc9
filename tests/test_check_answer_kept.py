"""check of a folder unchanged since it was last checked answers from what that check
kept: exactly the problems it found, kept as JSON (checks/kept.py), never pickle. An
entry that is damaged, of another format or not data at all is refused and the folder
checked; an answer JSON cannot give back exactly is not kept."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from checking import check_outputs, copy_tiny
from test_broken_corpus import CORPUS

from strategy.checks import kept
from strategy.export.cache import Cache
from strategy.law.profiles import Words
from strategy.pipeline import check
from strategy.problems import Mark, Problem


def _answers(cache: Path) -> list[Path]:
    return sorted((cache / "results").glob("*.json"))


@pytest.mark.parametrize("mistake", CORPUS[1::6], ids=lambda m: m.name)
def test_a_kept_answer_is_the_answer(mistake, tmp_path, monkeypatch):
    root = copy_tiny(tmp_path)
    for change in mistake.edits:
        change.apply(root)
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    uncached = check_outputs(root, tmp_path)
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    assert check_outputs(root, tmp_path) == uncached  # checked, and the answer kept
    assert len(_answers(tmp_path / "cache")) == 1
    assert check_outputs(root, tmp_path) == uncached  # from the kept answer


def test_every_problem_of_the_corpus_comes_back_exactly(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    for mistake in CORPUS[::3]:
        root = copy_tiny(tmp_path / mistake.name)
        for change in mistake.edits:
            change.apply(root)
        problems, lang = check(root)
        data = kept.dump(problems, lang)
        assert data is not None, mistake.name
        back, back_lang = kept.load(data)
        assert back_lang == lang
        assert [(p.severity, p.code, p.mark) for p in back] == [
            (p.severity, p.code, p.mark) for p in problems]
        assert all(kept.same_data(a.params, b.params) for a, b in zip(back, problems,
                                                                  strict=True))


def test_the_law_s_words_come_back_as_the_law_s_words():
    problem = Problem("warning", "law.missing", Mark(Path("/s/goals.yaml"), 3, 5),
                      {"element": Words({"pl": "cele", "en": "goals"}), "n": 2})
    data = kept.dump([problem], "pl")
    assert data is not None
    (back,), _ = kept.load(data)
    assert type(back.params["element"]) is Words and back.params == problem.params


def test_an_answer_json_cannot_give_back_is_not_kept():
    for params in ({"where": ("a", 1)}, {"at": Path("/x")}, {1: "a"}):
        assert kept.dump([Problem("error", "x", None, params)], "pl") is None


class _Planted:
    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self):
        return (os.mkdir, (str(self.target),))


@pytest.mark.parametrize("payload", [
    b"", b"not json", b'[999, "pl", []]', b'[1, "pl", [["fatal", "x", null, {}]]]',
    b'[1, "pl", [["error", "x", ["f", "1", 1], {}]]]',
    b'[1, "pl", [["error", "x", null, {"a": {"\\u0000words": 1}}]]]', "pickle"],
    ids=["empty", "garbage", "another format", "no severity", "no line", "bad words",
         "pickle"])
def test_a_damaged_or_foreign_answer_is_refused_and_the_folder_checked(
        payload, tmp_path, monkeypatch):
    root = copy_tiny(tmp_path)
    (root / "strategy.yaml").write_text((root / "strategy.yaml").read_text(
        encoding="utf-8").replace("version: ", "version: v", 1), encoding="utf-8")
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    uncached = check_outputs(root, tmp_path)
    cache = tmp_path / "cache"
    monkeypatch.setenv("STRATEGY_CACHE", str(cache))
    check_outputs(root, tmp_path)
    planted = tmp_path / "planted"
    for entry in _answers(cache):
        data = pickle.dumps(_Planted(planted)) if payload == "pickle" else payload
        Cache(cache).put("results", entry.stem, data, ".json")
    assert check_outputs(root, tmp_path) == uncached
    assert not planted.exists()


def _edited_while_checked(tmp_path, monkeypatch, when: str):
    """The tiny folder's record given a new title ``when`` the check has made its key
    ("before reading") or has read the files ("after reading"); then the title put back."""
    import strategy.pipeline as pipeline

    root = copy_tiny(tmp_path)
    record = root / "strategy.yaml"
    original = record.read_text(encoding="utf-8")
    edited = original.replace("title:", "title: Zmieniony", 1)
    assert edited != original
    real = pipeline.load_and_validate

    def edit_then_load(*args, **kwargs):
        if when == "before reading":
            record.write_text(edited, encoding="utf-8")
        validated = real(*args, **kwargs)
        if when == "after reading":
            record.write_text(edited, encoding="utf-8")
        return validated

    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(pipeline, "load_and_validate", edit_then_load)
    said = check(root)
    monkeypatch.setattr(pipeline, "load_and_validate", real)
    return root, record, original, edited, said


def test_a_file_changed_after_the_key_before_it_is_read_keeps_no_answer(tmp_path,
                                                                        monkeypatch):
    root, record, original, _, _ = _edited_while_checked(tmp_path, monkeypatch,
                                                         "before reading")
    assert _answers(tmp_path / "cache") == []  # what was read is not what the key says
    record.write_text(original, encoding="utf-8")
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    uncached = check(root)
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    assert check(root) == uncached


def test_a_file_changed_after_it_was_read_keeps_the_answer_of_what_was_read(tmp_path,
                                                                           monkeypatch):
    root, record, original, edited, said = _edited_while_checked(tmp_path, monkeypatch,
                                                                 "after reading")
    record.write_text(original, encoding="utf-8")
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    assert said == check(root)  # the answer is of the bytes read, under their key
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    assert check(root) == said
    record.write_text(edited, encoding="utf-8")  # the changed file is checked afresh
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    uncached = check(root)
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    assert check(root) == uncached
