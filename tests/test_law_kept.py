"""The law's profiles are read as the books are: parsed once, then from the JSON the
cache keeps of their very bytes (language/kept.py). What a start reads from the cache
is the law as parsed, word for word and of the same types; a changed law file is
parsed again."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from strategy.language import kept
from strategy.law import profiles
from strategy.law.profiles import Words

LAW = Path(profiles.__file__).parent
CACHED = (profiles.profile, profiles.shared_elements, profiles.coverage_areas,
          profiles.consulted_bodies)


@pytest.fixture(autouse=True)
def fresh_law():
    for function in CACHED:
        function.cache_clear()
    yield
    for function in CACHED:
        function.cache_clear()


def _the_law() -> tuple:
    for function in CACHED:
        function.cache_clear()
    return ({name: profiles.profile(name) for name in profiles.names()},
            profiles.coverage_areas(), profiles.consulted_bodies())


def test_the_law_read_from_the_cache_is_the_law_as_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    parsed = _the_law()
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path))
    assert _the_law() == parsed  # parsed, and kept
    assert len(list((tmp_path / kept.FOLDER).glob("*.json"))) == len(list(LAW.rglob("*.yaml")))

    def not_parsed(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(yaml, "load", not_parsed)  # kept.load imports yaml where it reads
    read = _the_law()
    assert read == parsed
    assert repr(read) == repr(parsed)
    for name, profile in read[0].items():
        assert type(profile.title) is Words, name
        assert all(type(e.name) is Words for e in profile.elements), name
    assert all(type(area["name"]) is Words for area in read[1]["areas"].values())


def test_a_changed_law_file_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    copy = tmp_path / "consulted_bodies.yaml"
    copy.write_bytes((LAW / "shared" / "consulted_bodies.yaml").read_bytes())
    monkeypatch.setattr(profiles, "SHARED", tmp_path)
    before = profiles.consulted_bodies()
    code = next(iter(before))
    copy.write_text(f"{code}: [a new word]\n", encoding="utf-8")
    profiles.consulted_bodies.cache_clear()
    assert profiles.consulted_bodies() == {code: ("a new word",)}
