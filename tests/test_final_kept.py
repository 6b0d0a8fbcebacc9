"""readiness keeps what the final gate found in each kind's numbers and texts (its
illustrative and estimated numbers, placeholders, illustrative and pending words) under
the kind's files and everything else in the folder but the other section files: after
an edit only the changed kind is walked again, and the report is the same, word for
word, as without the cache. What was kept is used only when the folder is as it was
before readiness read it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from checking import edit, every_readiness_output, readiness_output, with_words_not_final

from strategy import pipeline
from strategy.checks import final
from strategy.export.cache import Cache
from strategy.pipeline import final_blockers, folder_stamps, load_and_validate
from strategy.release.withdrawals import seen


@pytest.fixture
def walked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each kind whose texts the final gate walked."""
    kinds: list[str] = []
    original = final._texts

    def counted(gate, kind, *args):
        kinds.append(kind)
        return original(gate, kind, *args)

    monkeypatch.setattr(final, "_texts", counted)
    return kinds


def test_after_an_edit_only_the_edited_kind_is_walked_and_the_report_is_the_same(
        tmp_path: Path, walked: list[str]):
    root = with_words_not_final(tmp_path)
    cache = tmp_path / "cache"
    uncached = every_readiness_output(root, "off")
    assert "do uzupełnienia" in uncached[0][1]
    assert every_readiness_output(root, cache) == uncached
    walked.clear()
    assert every_readiness_output(root, cache) == uncached
    assert walked == []  # every kind's blockers from what was kept
    # A placeholder typed into the conclusions: only they are walked, and named.
    edit(root, "conclusions.yaml", "Słaba dostępność transportowa",
         "TODO Słaba dostępność transportowa")
    walked.clear()
    code, text = readiness_output(root, cache)
    assert walked == ["conclusions"]
    assert (code, text) == readiness_output(root, "off")
    assert "TODO Słaba dostępność" in text and "conclusions.yaml:4:" in text
    # The placeholder of the introduction removed: it is no longer named.
    edit(root, "introduction.yaml", "  Skład zespołu: do uzupełnienia.\n\n", "")
    expected = every_readiness_output(root, "off")
    walked.clear()
    assert every_readiness_output(root, cache) == expected
    assert walked == ["introduction"]  # the first run kept it for the next three


def test_another_file_of_the_folder_or_the_strategy_becoming_invalid_walks_every_kind(
        tmp_path: Path, walked: list[str]):
    root = with_words_not_final(tmp_path)
    cache = tmp_path / "cache"
    readiness_output(root, cache)
    (root / "notes.txt").write_text("a file the sections do not name", encoding="utf-8")
    expected = readiness_output(root, "off")
    walked.clear()
    assert readiness_output(root, cache) == expected
    assert "introduction" in walked and "goals" in walked
    # A kind that no longer validates: the strategy is not whole, its indicators unbound.
    edit(root, "goals.yaml", "vision:", "visoin:")
    expected = readiness_output(root, "off")
    walked.clear()
    assert readiness_output(root, cache) == expected
    assert "introduction" in walked


def test_a_folder_changed_since_it_was_read_keeps_and_takes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = with_words_not_final(tmp_path)
    cache = tmp_path / "cache"
    monkeypatch.setenv("STRATEGY_CACHE", str(cache))
    since = folder_stamps(root)
    validated = load_and_validate(root)
    edit(root, "conclusions.yaml", "Słaba dostępność transportowa", "TODO Słaba")
    expected = final.blockers(validated, seen(root.parent / "releases"))
    assert final_blockers(validated, seen(root.parent / "releases"), since) == expected
    assert not list((cache / "final").glob("*.json"))  # the files hashed are not those read
    assert final_blockers(validated, seen(root.parent / "releases")) == expected
    assert not list((cache / "final").glob("*.json"))  # nor without knowing


def test_a_damaged_or_foreign_kept_entry_is_walked_again(tmp_path: Path, walked: list[str]):
    root = with_words_not_final(tmp_path)
    cache = tmp_path / "cache"
    expected = readiness_output(root, "off")
    readiness_output(root, cache)
    entries = sorted((cache / "final").glob("*.json"))
    assert entries
    # Of another format, shape or kind, or not JSON, stored as the cache stores an entry
    # (under a valid checksum): none is taken for a kind's blockers.
    for wrong in (b'[2, "introduction", []]', b'[1, "introduction", "rows"]',
                  b'[1, "a kind of another entry", []]', b"{}", b"not json",
                  # a problem of check, not of the final gate
                  b'[1, "introduction", [["error", "file.missing_kind", null, {}]]]'):
        for entry in entries:
            entry.write_bytes(hashlib.sha256(wrong).digest() + wrong)
        walked.clear()
        assert readiness_output(root, cache) == expected
        assert "introduction" in walked
    for entry in entries:
        entry.write_bytes(b"not even a checksum")
    assert readiness_output(root, cache) == expected


def test_the_diagnosis_is_kept_under_the_files_its_indicators_take_values_from(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = with_words_not_final(tmp_path)
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    validated = load_and_validate(root)
    store = Cache.from_environment()
    kept = pipeline._FinalKept(store, validated, final.Scans(validated.lang),
                               folder_stamps(root))
    before = kept._key("diagnosis"), kept._key("goals")
    partnership = root / "partnership.yaml"  # the same data, other bytes
    partnership.write_text(partnership.read_text(encoding="utf-8") + "# a note\n",
                           encoding="utf-8")
    kept = pipeline._FinalKept(store, validated, final.Scans(validated.lang),
                               folder_stamps(root))
    assert kept._key("diagnosis") != before[0] and kept._key("goals") == before[1]
