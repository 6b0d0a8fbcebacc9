"""The rules that judge each kind on its own (``per_kind``) say the same with what an
earlier check kept of each kind as without it: every problem, in the order of the rules
and of the kinds, and a rule that stops at an invalid field of a partial kind says
nothing of the kinds after it, kept or not."""

from __future__ import annotations

from typing import Any

from checking import copy_tiny

from strategy.checks import rules
from strategy.model import KINDS
from strategy.pipeline import load_and_validate


class _Kept:
    """What a cache keeps of each kind, in memory."""

    def __init__(self) -> None:
        self.entries: dict[str, bytes] = {}
        self.asked: list[str] = []

    def get(self, kind: str, detail: Any) -> bytes | None:
        self.asked.append(kind)
        return self.entries.get(repr((kind, detail)))

    def put(self, kind: str, detail: Any, data: bytes) -> None:
        self.entries[repr((kind, detail))] = data


def _stops_at(kind: str):
    def says_each_kind_then_stops(s: Any, v: Any):
        for name in KINDS:
            if s.has(name):
                yield "warning", "access.empty_title", (name,), {"key": "title", "value": name}
                if name == kind:
                    raise TypeError("a field this rule reads is invalid here")
    return says_each_kind_then_stops


def test_a_rule_that_stops_in_a_partial_kind_says_the_same_with_kept_kinds(
        tmp_path, monkeypatch):
    root = copy_tiny(tmp_path)
    goals = root / "goals.yaml"  # goals becomes partial: one goal's title is not text
    goals.write_text(goals.read_text(encoding="utf-8").replace(
        "id: CS3", "id: CS3\n    title: [nie, tekst]", 1), encoding="utf-8")
    validated = load_and_validate(root, cache=False)
    assert "goals" in validated.partial
    rule = rules.Rule((), _stops_at("goals"), partial=True, per_kind=True)
    monkeypatch.setattr(rules, "RULES", [rule])
    without = rules.run_rules(validated)
    said = [p.params["value"] for p in without]
    assert said[-1] == "goals" and "directions" not in said  # it stopped at the goals
    kept = _Kept()
    assert rules.run_rules(validated, kept) == without  # each kind judged, and kept
    assert kept.entries
    assert rules.run_rules(validated, kept) == without  # each kind from what was kept


def test_a_kind_judged_before_is_not_judged_again(tmp_path, monkeypatch):
    root = copy_tiny(tmp_path)
    validated = load_and_validate(root, cache=False)
    judged: list[str] = []

    def counts(s: Any, v: Any):
        judged.extend(n for n in KINDS if s.has(n))
        return iter(())

    monkeypatch.setattr(rules, "RULES", [rules.Rule((), counts, per_kind=True)])
    kept = _Kept()
    rules.run_rules(validated, kept)
    first = list(judged)
    assert first == [n for n in KINDS if n in validated.kinds]
    rules.run_rules(validated, kept)
    assert judged == first  # the second run took every kind from what the first kept
