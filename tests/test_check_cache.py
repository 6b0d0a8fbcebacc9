"""What check keeps between runs changes nothing it says.

A section file unchanged since it was last read is taken from the cache instead of
parsed again (``sections/remembered.py``, kept by ``pipeline``): check's whole output,
in every format, must be what a check without any cache prints, on the example and on
the broken corpus; an entry that is damaged, written for another file, or not of the
tool's making is refused and the file is parsed, never trusted.
"""

from __future__ import annotations

import base64
import json
import os
import pickle
import shutil
from pathlib import Path

import pytest
from checking import copy_tiny, run_check
from test_broken_corpus import CORPUS

from strategy.export.cache import Cache
from strategy.sections import remembered
from strategy.sections.yamlsource import read

EXAMPLE = Path(__file__).parent.parent / "sections"


def _checked(root: Path, cwd: Path, cache: Path | None, monkeypatch) -> list[tuple]:
    """check in each format; with ``cache``, the results kept by an earlier check are
    dropped first, so that the sections are read (from the parsed files) and checked."""
    monkeypatch.setenv("STRATEGY_CACHE", str(cache) if cache else "off")
    runs = []
    for fmt in ("json", "text", "sarif"):
        if cache is not None:
            shutil.rmtree(cache / "results", ignore_errors=True)
        run = run_check(root, fmt=fmt, cwd=cwd)
        runs.append((fmt, run.exit_code, run.stdout, run.stderr))
    return runs


def _parsed(cache: Path) -> list[Path]:
    return sorted((cache / "parsed").iterdir())


def test_the_example_checked_from_parsed_files_says_what_a_check_without_cache_says(
        monkeypatch, tmp_path):
    cache = tmp_path / "cache"
    uncached = _checked(EXAMPLE, EXAMPLE.parent, None, monkeypatch)
    first = _checked(EXAMPLE, EXAMPLE.parent, cache, monkeypatch)
    assert len(_parsed(cache)) == len(list(EXAMPLE.rglob("*.yaml")))  # every file kept
    again = _checked(EXAMPLE, EXAMPLE.parent, cache, monkeypatch)
    assert first == uncached
    assert again == uncached


# Every fourth mistake of the corpus: syntax errors, encodings, wrong values, missing
# kinds, rules across files; the files left unbroken come from the cache.
@pytest.mark.parametrize("mistake", CORPUS[::4], ids=lambda m: m.name)
def test_a_broken_copy_checked_from_parsed_files_says_what_a_check_without_cache_says(
        mistake, monkeypatch, tmp_path):
    root = copy_tiny(tmp_path)
    for change in mistake.edits:
        change.apply(root)
    cache = tmp_path / "cache"
    uncached = _checked(root, tmp_path, None, monkeypatch)
    assert _checked(root, tmp_path, cache, monkeypatch) == uncached
    assert _checked(root, tmp_path, cache, monkeypatch) == uncached


def test_only_the_changed_file_is_parsed_again(monkeypatch, tmp_path):
    root = copy_tiny(tmp_path)
    cache = tmp_path / "cache"
    _checked(root, tmp_path, cache, monkeypatch)
    kept = set(_parsed(cache))
    record = root / "strategy.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _checked(root, tmp_path, cache, monkeypatch)
    assert len(set(_parsed(cache)) - kept) == 1


def _section_file(entry: Path) -> bytes:
    """The name of the file the entry was made for (so that only its damage refuses it)."""
    stored = Cache(entry.parent.parent).get("parsed", entry.name)
    assert stored is not None
    return json.dumps(json.loads(stored)[1]).strip('"').encode()


def _damage_every_entry(cache: Path, payload) -> None:
    store = Cache(cache)
    for entry in _parsed(cache):
        store.put("parsed", entry.name, payload(entry))


@pytest.mark.parametrize("payload", [
    lambda entry: b"",
    lambda entry: b"not json at all",
    lambda entry: b'[3, "elsewhere.yaml", {"a": 1}, [], "", ""]',
    lambda entry: b'[999, "x", null, [], "", ""]',  # another format
    lambda entry: b'[3, "%s", {"a": ["z", 1]}, [["a"]], "", ""]' % (_section_file(entry)),
    lambda entry: b'[3, "%s", {"a": 1}, [["b", 0]], "", ""]' % (_section_file(entry)),
    lambda entry: b'[3, "%s", {"a": 1}, [], "not base64!", ""]' % (_section_file(entry)),
    lambda entry: b'[3, "%s", {"a": 1}, [], "AQAAAA==", ""]' % (_section_file(entry)),
    lambda entry: b'[3, "%s", {"a": 1}, [], [[["a"]], [true], [1]], ""]' % (
        _section_file(entry)),
], ids=["empty", "garbage", "another file", "another format", "unknown tag",
        "tag where there is no value", "places that are no numbers", "half a place",
        "places of another format"])
def test_a_damaged_or_foreign_entry_is_refused_and_the_file_parsed(payload, monkeypatch,
                                                                  tmp_path):
    root = copy_tiny(tmp_path)
    cache = tmp_path / "cache"
    uncached = _checked(root, tmp_path, None, monkeypatch)
    _checked(root, tmp_path, cache, monkeypatch)
    _damage_every_entry(cache, payload)
    assert _checked(root, tmp_path, cache, monkeypatch) == uncached


def test_an_entry_written_for_another_file_is_never_taken_for_this_one(monkeypatch,
                                                                      tmp_path):
    root = copy_tiny(tmp_path)
    cache = tmp_path / "cache"
    uncached = _checked(root, tmp_path, None, monkeypatch)
    _checked(root, tmp_path, cache, monkeypatch)
    entries = _parsed(cache)
    contents = [Cache(cache).get("parsed", e.name) for e in entries]
    for entry, other in zip(entries, contents[1:] + contents[:1], strict=True):
        Cache(cache).put("parsed", entry.name, other)  # each holds its neighbour's file
    assert _checked(root, tmp_path, cache, monkeypatch) == uncached


class _Planted:
    """A pickle that would leave a file behind if it were ever unpickled."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self):
        return (os.mkdir, (str(self.target),))


def test_an_entry_is_data_never_code(monkeypatch, tmp_path):
    root = copy_tiny(tmp_path)
    cache = tmp_path / "cache"
    uncached = _checked(root, tmp_path, None, monkeypatch)
    _checked(root, tmp_path, cache, monkeypatch)
    planted = tmp_path / "planted"
    _damage_every_entry(cache, lambda entry: pickle.dumps(_Planted(planted)))
    assert _checked(root, tmp_path, cache, monkeypatch) == uncached
    assert not planted.exists()


def _typed(value):
    """The value with the type of every part of it (a Written number is no plain float)."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value), value, getattr(value, "text", None))


def test_a_document_comes_back_as_it_was_read():
    for path in sorted(EXAMPLE.rglob("*.yaml")):
        doc, problems = read(path)
        assert doc is not None and not problems
        data = remembered.dump(doc)
        assert data is not None
        back = remembered.load(path, data)
        assert back is not None
        assert (back.path, back.data, back.marks, back.key_marks) == (
            doc.path, doc.data, doc.marks, doc.key_marks)
        assert _typed(back.data) == _typed(doc.data)
        assert list(back.marks) == list(doc.marks)  # in the order they were read
        assert remembered.load(path.with_name("other.yaml"), data) is None


def test_places_that_do_not_fit_the_data_are_the_files_own():
    """An entry with a place too few (not of the tool's making) is refused outright, and
    where it was taken lazily, the places asked for are the file's own, read again."""
    path = EXAMPLE / "strategy.yaml"
    doc, _ = read(path)
    kept = json.loads(remembered.dump(doc))
    kept[4] = base64.b64encode(base64.b64decode(kept[4])[:-8]).decode()  # one place short
    short = json.dumps(kept, ensure_ascii=False).encode()
    assert remembered.load(path, short) is None
    lazy = remembered.load(path, short, lazy=True)
    assert lazy is not None and lazy.size == len(doc.marks) + len(doc.key_marks) - 1
    lazy.marks_now()
    assert (lazy.marks, lazy.key_marks) == (doc.marks, doc.key_marks)
