"""A check after an edit, answered partly from what earlier checks kept, says exactly
what a check without any cache says.

Between two edits an officer's cache holds every section file as parsed (and the books
of words, tests/test_books_kept.py); after the edit only the changed file is parsed.
Whatever the edit (an error in the changed file, a change that breaks a rule across
files, a file deleted, a file added), the problems are the same, with the same
messages, files, lines, columns and order, in every output format and both languages.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from checking import check_outputs, copy_tiny


def _outputs(root: Path, cwd: Path, monkeypatch, cache: Path | None) -> list[tuple]:
    monkeypatch.setenv("STRATEGY_CACHE", str(cache) if cache else "off")
    return check_outputs(root, cwd)


def _error_in_the_changed_file(root: Path) -> str:
    record = root / "strategy.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("version: ", "version: wersja-", 1), encoding="utf-8")
    return "value.type"


def _a_goal_renamed_under_a_direction(root: Path) -> str:
    # goals.yaml changes; directions.yaml, unchanged and taken from the cache, now names
    # a goal that is not there.
    goals = root / "goals.yaml"
    goals.write_text(goals.read_text(encoding="utf-8").replace("id: CS3", "id: CS9"),
                     encoding="utf-8")
    return "rule.dangling_reference"


def _the_goals_deleted(root: Path) -> str:
    (root / "goals.yaml").unlink()  # the directions, unchanged, name goals no more there
    return "rule.dangling_reference"


def _a_project_sheet_added_with_a_taken_id(root: Path) -> str:
    shutil.copy(root / "investments" / "P1.yaml", root / "investments" / "P3.yaml")
    return "rule.duplicate_id"


EDITS: list[Callable[[Path], str]] = [
    _error_in_the_changed_file, _a_goal_renamed_under_a_direction,
    _the_goals_deleted, _a_project_sheet_added_with_a_taken_id]


@pytest.mark.parametrize("edit", EDITS, ids=lambda e: e.__name__.strip("_"))
def test_a_check_after_an_edit_from_the_cache_says_what_a_check_without_it_says(
        edit, tmp_path, monkeypatch):
    root = copy_tiny(tmp_path)
    cache = tmp_path / "cache"
    before = _outputs(root, tmp_path, monkeypatch, cache)  # every file parsed and kept
    assert len(list((cache / "parsed").iterdir())) == len(list(root.rglob("*.yaml")))
    code = edit(root)
    partly = _outputs(root, tmp_path, monkeypatch, cache)
    uncached = _outputs(root, tmp_path, monkeypatch, None)
    assert partly == uncached
    assert partly != before  # the edit is seen
    assert f'"{code}"' in partly[0][3]  # the problem the edit made is among them
