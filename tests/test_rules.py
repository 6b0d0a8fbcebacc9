"""The rules across sections, beyond what the broken corpus shows one mistake at a time:
that every rule is exercised, and that a broken kind never sets off false alarms."""

from __future__ import annotations

import ast
from pathlib import Path

from checking import copy_tiny, edit, run_check
from images import png
from test_broken_corpus import CORPUS

from strategy.checks.rules import RULES
from strategy.pipeline import load_and_validate

RULES_DIR = Path(__file__).resolve().parent.parent / "strategy" / "checks" / "rules"

# The rules in the order they run (and so the order of the problems they find), as it was
# when they were one module: the package imports its modules in this order.
ORDER = [
    "unique_ids", "references_resolve", "meeting_sections_are_kinds", "identifiers_are_valid",
    "members_are_described", "period_order", "opinions_are_answered", "investment_money",
    "packages_have_a_cost", "investment_years", "result_indicators_complete",
    "goal_tree_has_named_levels", "survey_periods", "survey_counts_add_up",
    "indicators_are_typed_or_bound", "indicator_values_complete", "snapshots_are_consistent",
    "snapshots_are_recent", "requested_variables_are_fetched", "indicators_have_their_data",
    "bound_indicators_have_numbers", "goals_have_directions", "directions_name_their_goal",
    "directions_answer_conclusions", "named_files_are_in_the_sections_folder",
    "the_profile_requires", "consultation_dates_in_order", "consultation_totals_add_up",
    "consultation_counted_once", "consultation_comments_are_anonymous_and_answered",
    "consultation_comments_within_the_term", "council_comments_are_answered",
    "accepted_changes_are_in_the_sections", "tables_have_a_header_row", "tables_fit_a_page",
    "titles_are_not_empty", "alt_texts_describe_the_image", "prose_has_no_pseudo_headings",
    "maps_are_readable", "abbreviations_are_listed",
]


def _rule_codes() -> dict[str, set[str]]:
    """The codes each function of the rules' modules can yield (the one f-string expanded
    by hand)."""
    found: dict[str, set[str]] = {}
    functions = [fn for path in sorted(RULES_DIR.glob("*.py"))
                 for fn in ast.parse(path.read_text(encoding="utf-8")).body]
    for fn in functions:
        if not isinstance(fn, ast.FunctionDef):
            continue
        for node in ast.walk(fn):
            if (isinstance(node, ast.Yield) and isinstance(node.value, ast.Tuple)
                    and len(node.value.elts) == 4):
                code = node.value.elts[1]
                if isinstance(code, ast.Constant):
                    found.setdefault(fn.name, set()).add(code.value)
                elif isinstance(code, ast.JoinedStr):
                    prefix = code.values[0].value  # type: ignore[attr-defined]
                    found.setdefault(fn.name, set()).update(
                        f"{prefix}{field}" for field in ("baseline", "target"))
    return found


def _codes_named_in_other_tests() -> set[str]:
    """Codes written as string literals in the other test modules (rules added later may
    be tested in a module of their own rather than in the corpus)."""
    found: set[str] = set()
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_the_rules_run_in_their_order():
    assert [r.check.__name__ for r in RULES] == ORDER


def test_every_rule_and_each_of_its_problems_is_exercised_by_a_test():
    codes = _rule_codes()  # a rule yielding codes it gets elsewhere (maps) is not seen here
    assert set(codes) <= {r.check.__name__ for r in RULES}
    assert {"unique_ids", "references_resolve", "identifiers_are_valid"} <= set(codes)
    covered = ({m.expect.code for m in CORPUS} | {c for m in CORPUS for c in m.also}
               | _codes_named_in_other_tests())
    assert {name: sorted(c - covered) for name, c in codes.items() if c - covered} == {}


def test_the_rules_of_the_brief_are_exercised_by_the_broken_corpus_itself():
    covered = {m.expect.code for m in CORPUS} | {c for m in CORPUS for c in m.also}
    own = {c for c in set().union(*_rule_codes().values()) if c.startswith("rule.")}
    assert sorted(own - covered) == []


def test_no_reference_is_called_dangling_when_the_declaring_kind_is_broken(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "partnership.yaml", "  - id: beta", "  - id: beta\n\tx: 1")  # tab: file unread
    run = run_check(root)
    assert run.codes() == ["yaml.tab"], run.describe()


def test_no_rule_runs_on_a_kind_that_failed_its_model(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "investments/P1.yaml", "status: concept", "status: gotowe")
    edit(root, "investments/P1.yaml", "amount: 375000", "amount: 1")  # would not add up
    run = run_check(root)
    assert run.codes() == ["value.choice"], run.describe()


def test_a_reference_to_an_id_of_the_wrong_sort_is_dangling(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "investments/P1.yaml", "directions: [K3]", "directions: [CS3]")  # a goal
    run = run_check(root)
    [problem] = run.problems
    assert (problem["code"], problem["line"]) == ("rule.dangling_reference", 16)


def test_without_a_close_match_no_suggestion_is_made(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "investments/P1.yaml", "leader: alfa", "leader: zzz")
    [problem] = run_check(root).problems
    assert "może" not in problem["hint"]
    assert problem["hint"] == "Popraw identyfikator. Istniejące: alfa, beta, powiat."


def test_the_same_id_twice_in_one_file_is_a_duplicate(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "goals.yaml", "- {id: CO1.1, title:", "- {id: CS1, title:")
    edit(root, "directions.yaml", "goal: CO1.1", "goal: CS1")
    [problem] = run_check(root).problems
    assert (problem["code"], problem["line"]) == ("rule.duplicate_id", 9)
    assert "goals.yaml:5" in problem["message"]


def test_a_figure_is_found_in_the_sections_folder_and_nowhere_else(tmp_path):
    root = copy_tiny(tmp_path)
    figure = ("  text: Ośrodkiem obszaru jest Alfa.\n  figures:\n"
              "    - {file: mapa.png, caption: Mapa, alt: Mapa gmin, source: GUS}")
    edit(root, "spatial.yaml", "  text: Ośrodkiem obszaru jest Alfa.", figure)
    assert run_check(root).codes() == ["path.missing"]
    (tmp_path / "mapa.png").write_bytes(png())  # beside the folder is not in it
    assert run_check(root).codes() == ["path.missing"]
    (root / "mapa.png").write_bytes(png())
    assert run_check(root).codes() == []


def test_a_valid_strategy_is_whole_and_the_rules_add_nothing(tmp_path):
    validated = load_and_validate(copy_tiny(tmp_path))
    assert validated.problems == []
    assert validated.strategy is not None
    assert validated.lang == "pl"


def test_funding_in_cents_must_add_up_exactly(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "investments/P2.yaml", "amount: 200000.50", "amount: 200000.49")
    [problem] = run_check(root).problems
    assert problem["code"] == "rule.funding_sum"
    assert "0,01 zł" in problem["message"]
