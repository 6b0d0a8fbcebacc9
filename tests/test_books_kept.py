"""The books read from the cache are the books: a parsed book is kept as JSON under its
bytes, and an entry that is damaged, of other bytes, or not of this format is refused
(the book is parsed), never trusted."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import yaml

from strategy.language import books, kept

LOADER = books._LOADER


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "books").glob("*.json"))


def test_every_book_read_from_the_cache_is_the_book_as_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path))
    for lang in books.languages():
        for name in (*books.book_names(lang), "language"):
            path = books.folder(lang) / f"{name}.yaml"
            parsed = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)  # noqa: S506
            assert kept.same_data(kept.load(path, LOADER), parsed)  # parsed, then kept
            assert kept.same_data(kept.load(path, LOADER), parsed)  # from the cache
    assert len(_entries(tmp_path)) == sum(len(books.book_names(lang)) + 1
                                          for lang in books.languages())


def test_a_changed_book_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    book = tmp_path / "messages.yaml"
    book.write_text("greeting: Dzień dobry\n", encoding="utf-8")
    assert kept.load(book, LOADER) == {"greeting": "Dzień dobry"}
    book.write_text("greeting: Dobry wieczór\n", encoding="utf-8")
    assert kept.load(book, LOADER) == {"greeting": "Dobry wieczór"}


def test_a_damaged_or_foreign_entry_is_refused(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("STRATEGY_CACHE", str(cache))
    book = tmp_path / "labels.yaml"
    book.write_text("a: 1\nb: [x, y]\n", encoding="utf-8")
    kept.load(book, LOADER)
    (entry,) = _entries(cache)
    stored = entry.read_bytes()
    # Other data under the old checksum, a right checksum over another key, not JSON.
    payload = b'["' + b"0" * 64 + b'",{"a":2}]'
    for damaged in (stored[:64] + stored[64:].replace(b'"a":1', b'"a":2'),
                    hashlib.sha256(payload).hexdigest().encode() + payload,
                    b"not json", b""):
        entry.write_bytes(damaged)
        assert kept.load(book, LOADER) == {"a": 1, "b": ["x", "y"]}


def test_data_json_cannot_give_back_is_not_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    book = tmp_path / "changes.yaml"
    book.write_text("1: one\nwhen: 2024-05-01\n", encoding="utf-8")
    assert kept.load(book, LOADER) == {1: "one", "when": dt.date(2024, 5, 1)}
    assert _entries(tmp_path / "cache") == []
    assert kept.load(book, LOADER) == {1: "one", "when": dt.date(2024, 5, 1)}


def test_with_the_cache_off_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    book = tmp_path / "document.yaml"
    book.write_text("x: y\n", encoding="utf-8")
    assert kept.load(book, LOADER) == {"x": "y"}
    assert [p.name for p in tmp_path.iterdir()] == ["document.yaml"]
