"""After an edit, ``check`` validates only the kinds whose files changed: what validating
each other kind said (its problems, whether it is valid) is kept by its files, and its
model is not even built unless a rule that must judge again reads it. A rule across
kinds is judged again only when a kind it read (its models, its data, where its problems
point) or the state of any kind changed. Whatever the edit, the check says exactly what
a check without any cache says (tests/test_check_partly_cached.py, the broken corpus)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from checking import check_outputs, copy_tiny, run_check

from strategy.checks import validate

TOOL = Path(__file__).resolve().parent.parent


def _validated(monkeypatch) -> list[str]:
    """The kinds validated from now on, in order (a kind made for a rule included)."""
    names: list[str] = []
    real = validate._validate_kind

    def counted(sections, name, context):
        names.append(name)
        return real(sections, name, context)

    monkeypatch.setattr(validate, "_validate_kind", counted)
    return names


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_after_a_change_to_the_introduction_only_the_introduction_is_validated(
        tmp_path, monkeypatch):
    root = copy_tiny(tmp_path)
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    validated = _validated(monkeypatch)
    before = run_check(root)
    assert "partnership" in validated and "investments" in validated  # every kind, once
    validated.clear()
    _replace(root / "introduction.yaml", "partnerstwie", "porozumieniu")
    after = run_check(root)
    assert validated == ["introduction"]
    assert after.exit_code == before.exit_code


def test_a_kind_that_turns_invalid_is_validated_and_the_rules_across_kinds_see_it(
        tmp_path, monkeypatch):
    root = copy_tiny(tmp_path)
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    run_check(root)
    validated = _validated(monkeypatch)
    _replace(root / "partnership.yaml", "area_km2: 121.2", "area_km2: dużo")
    partly = run_check(root)
    assert validated[0] == "partnership"
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    assert partly.problems == run_check(root).problems


def test_after_a_change_to_the_introduction_no_other_kind_s_model_is_imported(tmp_path):
    """Checked in a fresh process: which model modules the check imported."""
    root = copy_tiny(tmp_path)
    env = {"STRATEGY_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    script = ("import json, sys\nfrom pathlib import Path\n"
              "from strategy.pipeline import check\n"
              f"check(Path({str(root)!r}))\n"
              "print(json.dumps(sorted(m for m in sys.modules"
              " if m.startswith('strategy.model.'))))\n")

    def imported() -> list[str]:
        done = subprocess.run([sys.executable, "-c", script], cwd=TOOL, env=env,
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout.splitlines()[-1])

    first = imported()
    assert "strategy.model.strategy" in first or "strategy.model.partnership" in first
    _replace(root / "introduction.yaml", "partnerstwie", "porozumieniu")
    after = imported()
    assert "strategy.model.common" in after  # the introduction's model (Part) is there
    for other in ("strategy", "partnership", "investments", "goals", "diagnosis"):
        assert f"strategy.model.{other}" not in after


@pytest.mark.parametrize("edit", [
    # The record's period ends before the projects' years: a rule across the record and
    # the project sheets (kept, unchanged) must judge again.
    ("strategy.yaml", "period: {first: 2022, last: 2030}", "period: {first: 2022, last: 2023}"),
    # A member renamed: the references of every unchanged kind to it dangle.
    ("partnership.yaml", "id: beta", "id: gamma"),
], ids=["period", "member"])
def test_an_edit_read_by_rules_across_kinds_is_said_as_without_a_cache_and_undone(
        edit, tmp_path, monkeypatch):
    root = copy_tiny(tmp_path)
    name, old, new = edit
    original = (root / name).read_text(encoding="utf-8")
    monkeypatch.setenv("STRATEGY_CACHE", str(tmp_path / "cache"))
    before = check_outputs(root, tmp_path)
    _replace(root / name, old, new)
    partly = check_outputs(root, tmp_path)
    (root / name).write_text(original, encoding="utf-8")
    undone = check_outputs(root, tmp_path)
    monkeypatch.setenv("STRATEGY_CACHE", "off")
    assert undone == before == check_outputs(root, tmp_path)
    _replace(root / name, old, new)
    assert partly == check_outputs(root, tmp_path) != before


def test_the_light_registry_of_kinds_is_the_strategy_s():
    """model/kinds.py names each kind's model without building it; it says what the
    Strategy's fields say (model/strategy.py), kind by kind and in the same order."""
    from strategy.model import kinds, strategy

    assert list(kinds.KINDS) == list(strategy.KINDS)
    for name, kind in strategy.KINDS.items():
        light = kinds.KINDS[name]
        assert (light.model, light.split, light.required) == (
            kind.model, kind.split, kind.required)
