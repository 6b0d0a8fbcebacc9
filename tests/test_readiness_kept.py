"""readiness after an edit: what it keeps between runs answers only for what it was made
from, and its report is the same, word for word, with the cache, without it, and after
any edit of the sections.

What it keeps is where each text holds the words of text that is not final (the final
gate's placeholders, illustrative and pending words), by the text itself, the words and
the tool: after a one-word edit only the edited text is searched again. The chapters it
names are numbered from the document composed without its tables and prose (kept by
what that outline reads: tests/test_readiness_places_kept.py): a changed heading or a
removed chapter changes the places it names.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from checking import copy_tiny, edit, every_readiness_output, readiness_output, with_words_not_final

from strategy.checks import final
from strategy.compose.annexes import places_in
from strategy.compose.compose import compose
from strategy.language.labels import labels
from strategy.pipeline import chapter_places, load_and_validate


@pytest.fixture
def searched(monkeypatch: pytest.MonkeyPatch) -> list[final.Scans]:
    """Every Scans a run of readiness makes, to see how many texts it searched."""
    made: list[final.Scans] = []
    original = final.Scans.__init__

    def init(self: final.Scans, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(final.Scans, "__init__", init)
    return made


def test_readiness_reports_the_same_with_what_it_kept_as_without_the_cache(
        tmp_path: Path, searched: list[final.Scans]):
    root = with_words_not_final(tmp_path)
    uncached = every_readiness_output(root, "off")
    assert "do uzupełnienia" in uncached[0][1]  # the placeholder is a blocker
    cache = tmp_path / "cache"
    assert every_readiness_output(root, cache) == uncached  # the first run keeps its scans
    searched.clear()
    assert every_readiness_output(root, cache) == uncached  # and the next runs answer from them
    assert searched and all(s.searched == 0 for s in searched)


def test_a_text_edited_since_is_searched_again_and_only_it(
        tmp_path: Path, searched: list[final.Scans]):
    root = with_words_not_final(tmp_path)
    cache = tmp_path / "cache"
    readiness_output(root, cache)
    # A placeholder typed into a text already searched: the report names it at once.
    edit(root, "conclusions.yaml", "Słaba dostępność transportowa",
         "TODO Słaba dostępność transportowa")
    searched.clear()
    code, text = readiness_output(root, cache)
    assert [s.searched for s in searched] == [1]
    assert (code, text) == readiness_output(root, "off")
    assert "TODO Słaba dostępność" in text and "conclusions.yaml:4:" in text
    # And taken out again: the report no longer names it, from what was kept.
    edit(root, "conclusions.yaml", "TODO Słaba", "Słaba")
    code, text = readiness_output(root, cache)
    assert (code, text) == readiness_output(root, "off")
    assert "TODO" not in text and "do uzupełnienia" in text


def test_a_damaged_or_foreign_kept_scan_is_searched_again(tmp_path: Path):
    root = with_words_not_final(tmp_path)
    cache = tmp_path / "cache"
    expected = readiness_output(root, "off")
    readiness_output(root, cache)
    (entry,) = (cache / "scans").glob("*.json")
    kept = json.loads(entry.read_bytes()[32:])
    # Spans outside their text, of another shape, or too few, stored as the cache
    # stores an entry (under a valid checksum): none is taken for a scan.
    for wrong in ({k: [[0, 10**6], None, None] for k in kept},
                  {k: "span" for k in kept}, {k: [None] for k in kept}, ["span"]):
        data = json.dumps(wrong).encode()
        entry.write_bytes(hashlib.sha256(data).digest() + data)
        assert readiness_output(root, cache) == expected
    entry.write_bytes(b"not even a checksum")
    assert readiness_output(root, cache) == expected


def test_what_is_kept_answers_only_for_the_same_words(tmp_path: Path, monkeypatch):
    """Other words of text that is not final (another language's, or the words changed)
    are another entry: what was found with the old words never answers for the new."""
    root = with_words_not_final(tmp_path)
    cache = tmp_path / "cache"
    readiness_output(root, cache)
    assert len(list((cache / "scans").glob("*.json"))) == 1
    words = final.patterns("pl")
    changed = {**words, "placeholder": tuple(p for p in words["placeholder"]
                                             if "uzupełnienia" not in p.pattern)}
    monkeypatch.setattr(final, "patterns", lambda lang: changed)
    code, text = readiness_output(root, cache)
    assert (code, text) == readiness_output(root, "off")
    assert "do uzupełnienia" not in text
    assert len(list((cache / "scans").glob("*.json"))) == 2


def _places(root: Path, tmp_path: Path) -> dict[str, str]:
    """The places readiness names, checked against the document a build composes."""
    validated = load_and_validate(root)
    strategy = validated.strategy
    assert strategy is not None, [p.message("en") for p in validated.problems]
    document = compose(strategy, tmp_path / "full", root, draw=False).markdown
    places = chapter_places(validated, "en")
    assert places == places_in(document, labels(strategy.strategy.language), "en")
    return places


def test_a_changed_heading_or_a_removed_chapter_changes_the_places_named(
        tmp_path: Path, monkeypatch):
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    root = copy_tiny(tmp_path)
    before = _places(root, tmp_path)
    assert before["introduction"] == "chapter 1 (Wprowadzenie)"
    assert before["conclusions"] == "chapter 2.4 (Wnioski z diagnozy)"
    edit(root, "introduction.yaml", "title: Wprowadzenie", "title: Wstęp do strategii")
    assert _places(root, tmp_path) == {**before, "introduction": "chapter 1 (Wstęp do strategii)"}
    (root / "swot.yaml").unlink()  # the diagnosis's SWOT section: conclusions move up
    assert _places(root, tmp_path)["conclusions"] == "chapter 2.3 (Wnioski z diagnozy)"
    (root / "conclusions.yaml").unlink()  # and the directions no longer cite them
    directions = root / "directions.yaml"
    directions.write_text(re.sub(r", conclusions: \[W\d\]", "", directions.read_text(
        encoding="utf-8")), encoding="utf-8")
    removed = _places(root, tmp_path)
    assert "conclusions" not in removed and removed["goals"] == before["goals"]


@pytest.mark.parametrize("root", [Path(__file__).parent.parent / "sections",
                                  *(Path(__file__).parent / "fixtures" / "real" / name
                                    for name in ("coastal", "metro_association"))],
                         ids=lambda p: p.name)
def test_the_strategy_is_judged_from_the_same_data_as_its_own_dump_gives(
        root: Path, monkeypatch):
    """The readiness annex judges the strategy from each kind's dump: the very data the
    Strategy's own dump holds, every kind present and none absent."""
    from strategy.checks.readiness import strategy_data

    monkeypatch.setenv("STRATEGY_CACHE", "off")
    strategy = load_and_validate(root).strategy
    assert strategy is not None
    whole = strategy.model_dump(mode="python")
    assert strategy_data(strategy) == {k: v for k, v in whole.items() if v is not None}
