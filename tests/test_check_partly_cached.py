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
from checking import check_outputs, copy_tiny, run_check
from test_broken_corpus import CORPUS


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


def _a_direction_removed_that_a_project_names(root: Path) -> str:
    # directions.yaml loses K3; the project sheet P1, unchanged, still names it.
    directions = root / "directions.yaml"
    text = directions.read_text(encoding="utf-8")
    directions.write_text("\n".join(line for line in text.splitlines()
                                    if "id: K3" not in line) + "\n", encoding="utf-8")
    return "rule.dangling_reference"


def _an_empty_title_in_the_changed_file(root: Path) -> str:
    # A rule that judges each kind on its own: only the introduction's judgement is new.
    _replace(root / "introduction.yaml", "title: Wprowadzenie", 'title: "–"')
    return "access.empty_title"


def _a_pseudo_heading_in_one_word_s_place(root: Path) -> str:
    _replace(root / "introduction.yaml", "  Prace prowadziła", "  # Prace prowadziła")
    return "access.pseudo_heading"


EDITS: list[Callable[[Path], str]] = [
    _error_in_the_changed_file, _a_goal_renamed_under_a_direction,
    _the_goals_deleted, _a_project_sheet_added_with_a_taken_id,
    _a_direction_removed_that_a_project_names, _an_empty_title_in_the_changed_file,
    _a_pseudo_heading_in_one_word_s_place]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


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


def test_edits_one_after_another_and_back_are_each_said_as_without_a_cache(
        tmp_path, monkeypatch):
    """An officer edits, checks, edits again and undoes: each check, partly from what the
    checks before kept (the kept judgement of a file's earlier bytes included), says what
    a check without any cache says."""
    root = copy_tiny(tmp_path)
    cache = tmp_path / "cache"
    introduction, directions = root / "introduction.yaml", root / "directions.yaml"
    first, kept_directions = introduction.read_text(encoding="utf-8"), directions.read_text(
        encoding="utf-8")
    steps: list[Callable[[], None]] = [
        lambda: _an_empty_title_in_the_changed_file(root),
        lambda: introduction.write_text(first, encoding="utf-8"),  # undone
        lambda: _a_pseudo_heading_in_one_word_s_place(root),
        lambda: _a_direction_removed_that_a_project_names(root),
        lambda: directions.write_text(kept_directions, encoding="utf-8"),  # undone
        lambda: introduction.write_text(first.replace("partnerstwie", "porozumieniu"),
                                        encoding="utf-8"),
    ]
    said = [_outputs(root, tmp_path, monkeypatch, cache)]
    for step in steps:
        step()
        partly = _outputs(root, tmp_path, monkeypatch, cache)
        assert partly == _outputs(root, tmp_path, monkeypatch, None)
        said.append(partly)
    assert said[2] == said[0] and said[5] != said[4]  # undone is as before; edits are seen


def test_after_an_edit_only_the_changed_kind_is_judged_again(tmp_path, monkeypatch):
    """Each kind's validation and the judgement of the rules that judge each kind on its
    own are kept per kind, the rules across kinds in one entry (each with what it read):
    an edit of the introduction adds the introduction's validation and judgement, and
    every other kind's is taken as kept."""
    root = copy_tiny(tmp_path)
    cache = tmp_path / "cache"
    _outputs(root, tmp_path, monkeypatch, cache)
    judged = {p.name for p in (cache / "rules").iterdir()}
    kinds = len(list(root.rglob("*.yaml"))) - 1  # (2 sheets in one folder)
    assert len(judged) == 2 * kinds + 1
    _one_word(root)
    _outputs(root, tmp_path, monkeypatch, cache)
    again = {p.name for p in (cache / "rules").iterdir()}
    assert judged < again and len(again - judged) == 2


def _one_word(root: Path) -> None:
    _replace(root / "introduction.yaml", "partnerstwie", "porozumieniu")


@pytest.mark.parametrize("change", ["damaged", "deleted"])
def test_a_map_changed_under_an_unchanged_section_is_judged_again(change, tmp_path,
                                                                   monkeypatch):
    """A map's file is no section file, but the kinds that name it are judged by it: when
    it changes (its bytes, or it is gone) and the section naming it does not, the check
    says what a check without a cache says."""
    root = tmp_path / "sections"
    shutil.copytree(Path(__file__).parent.parent / "sections", root)
    cache = tmp_path / "cache"
    before = _outputs(root, tmp_path, monkeypatch, cache)
    target = root / "maps" / "osi.geojson"
    if change == "deleted":
        target.unlink()
    else:
        target.write_text('{"type": "FeatureCollection", "features": [}', encoding="utf-8")
    partly = _outputs(root, tmp_path, monkeypatch, cache)
    assert partly == _outputs(root, tmp_path, monkeypatch, None)
    assert partly != before


def _said(root: Path, cwd: Path, monkeypatch, cache: Path | None) -> list[tuple]:
    monkeypatch.setenv("STRATEGY_CACHE", str(cache) if cache else "off")
    return [(fmt, lang, run.exit_code, run.stdout, run.stderr)
            for fmt, lang in (("json", "pl"), ("text", "en"), ("sarif", "pl"))
            for run in [run_check(root, "--lang", lang, fmt=fmt, cwd=cwd)]]


@pytest.mark.parametrize("mistake", CORPUS, ids=lambda m: m.name)
def test_every_mistake_made_after_a_check_is_said_as_without_a_cache(
        mistake, tmp_path, monkeypatch):
    """Each mistake a user can make (the broken corpus), made in a folder checked before
    it, so that the kinds it leaves alone are judged from what that check kept: the same
    problems, texts, places, order and exit code as a check without a cache."""
    root = copy_tiny(tmp_path)
    cache = tmp_path / "cache"
    _said(root, tmp_path, monkeypatch, cache)
    for change in mistake.edits:
        change.apply(root)
    assert _said(root, tmp_path, monkeypatch, cache) == _said(root, tmp_path, monkeypatch,
                                                              None)
