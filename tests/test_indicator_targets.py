"""Indicators as strategies state them (issue 9, item 4): a target is a value with its
year or an expected trend (growth, decline, stable) with optional words and year; a
baseline may be missing, and the document then says "brak danych"; indicators may be
grouped (core, detailed or the partnership's own groups)."""

from __future__ import annotations

import re
from pathlib import Path

from checking import copy_tiny, edit, run_check

from strategy.compose.compose import compose
from strategy.pipeline import load_and_validate

NBSP = "\u00a0"


def _document(root: Path, tmp: Path) -> str:
    validated = load_and_validate(root)
    assert validated.strategy is not None, [p.message("en") for p in validated.problems]
    md = compose(validated.strategy, tmp / "assets", root, draw=False).markdown
    return re.sub(r"\\(.)", r"\1", md).replace(NBSP, " ")


def test_a_target_may_be_an_expected_trend_with_words_and_a_year_of_the_horizon(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "strategy.yaml", "period: {first: 2022, last: 2030}",
         "period: {first: 2022, last: 2027, horizon: 2035}")
    edit(root, "goals.yaml", "baseline: {value: 120, year: 2020}\n"
         "            target: {value: 300, year: 2030}",
         "target: {trend: growth, words: szybszy niż w województwie, year: 2035}")
    edit(root, "goals.yaml", "target: {value: 850, year: 2030}", "target: {trend: stable}")
    edit(root, "goals.yaml", "target: {value: 35, year: 2030}", "target: {value: 35, year: 2027}")
    run = run_check(root)
    # a trend is read without a baseline: no warning that WR1 lacks one
    assert run.codes() == [], run.describe()
    text = _document(root, tmp_path)
    assert ("| Liczba uczestników zajęć | osoby | brak danych | wzrost – szybszy niż w "
            "województwie (2035) | Sprawozdania gmin |") in text
    assert "| 780 (2020) | stabilizacja |" in text


def test_a_trend_past_the_horizon_is_an_error_at_its_year(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "goals.yaml", "target: {value: 300, year: 2030}",
         "target: {trend: decline, year: 2040}")
    run = run_check(root)
    assert run.codes() == ["rule.year_outside_period"], run.describe()
    assert run.problems[0]["line"] == 17


def test_a_value_target_without_a_baseline_is_still_warned_about(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "goals.yaml", "            baseline: {value: 780, year: 2020}\n", "")
    run = run_check(root)
    assert run.codes() == ["rule.indicator_no_baseline"], run.describe()
    assert "| Podmioty w REGON na 10 tys. ludności | szt. | brak danych | 850 (2030) |" in (
        _document(root, tmp_path))


def test_a_misspelt_trend_is_a_located_error_naming_the_trends(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "goals.yaml", "target: {value: 300, year: 2030}", "target: {trend: rise}")
    run = run_check(root)
    assert run.exit_code == 1 and run.problems[0]["line"] == 17, run.describe()
    assert "growth" in run.describe()


def test_grouped_indicators_lead_with_their_group(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "goals.yaml", "          - id: WR1\n",
         "          - id: WR1\n            group: core\n")
    edit(root, "goals.yaml", "results:\n      - text: Więcej osób korzysta z usług społecznych.\n"
         "        indicators:\n",
         "results:\n      - text: Więcej osób korzysta z usług społecznych.\n"
         "        indicators:\n          - {id: WR1b, name: Nowe kluby seniora, unit: szt., "
         "group: Wskaźniki gmin, target: {trend: growth}, source: Sprawozdania gmin}\n")
    run = run_check(root)
    assert run.exit_code == 0, run.describe()
    text = _document(root, tmp_path)
    assert "| Grupa wskaźników | Wskaźnik |" in text
    core = text.index("| wskaźniki kluczowe | Liczba uczestników zajęć |")
    own = text.index("| Wskaźniki gmin | Nowe kluby seniora |")
    assert own < core  # in the order the groups first appear


def test_a_target_with_both_a_value_and_a_trend_is_one_located_error(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "goals.yaml", "target: {value: 300, year: 2030}",
         "target: {trend: growth, value: 3}")
    run = run_check(root)
    assert run.codes() == ["value.target_shape"], run.describe()
    assert run.problems[0]["line"] == 17 and "{trend: growth}" in run.problems[0]["hint"]
