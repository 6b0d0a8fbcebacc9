"""The rules across sections: the engine (``engine``: what a rule is, the list ``RULES``
they register in, running them, keeping what they said per kind; ``walks``: the model
objects walked once per run) and the rules, one module per domain, imported below in
the order they run: ``ids`` (identifiers and references), ``partnership``,
``years_and_money``, ``goals``, ``surveys``, ``diagnosis`` (indicators and statistics
snapshots), ``logic`` (goals and directions), ``files``, ``procedure`` (the legal
profile, the consultation, the council's comments), ``access`` (accessibility, tables
fitting a page, maps) and ``abbreviations``.

Every name the rest of the tool and the tests use is reachable from here, as it was
when the rules were one module (rules.py).
"""

from __future__ import annotations

from strategy.checks.rules.engine import RULES, KindsKept, Rule, _View, rule
from strategy.checks.rules.engine import run as _run
from strategy.checks.validated import Validated
from strategy.problems import Problem

# isort: off
# The rules register as their modules are imported: this order is the order they run in,
# and so the order of the problems they find (tests/test_rules.py holds it).
from strategy.checks.rules.ids import meeting_sections_are_kinds, references_resolve, unique_ids
from strategy.checks.rules.partnership import (
    VOIVODESHIPS, identifiers_are_valid, members_are_described, regon_valid, teryt_fits)
from strategy.checks.rules.years_and_money import (
    investment_money, investment_years, opinions_are_answered, packages_have_a_cost,
    period_order)
from strategy.checks.rules.goals import (
    goal_paths, goal_tree_has_named_levels, result_indicators_complete)
from strategy.checks.rules.surveys import survey_counts_add_up, survey_periods
from strategy.checks.rules.diagnosis import (
    STALE_DAYS, bound_indicators_have_numbers, indicator_values_complete,
    indicators_are_typed_or_bound, indicators_have_their_data, requested_variables_are_fetched,
    snapshots_are_consistent, snapshots_are_recent)
from strategy.checks.rules.logic import (
    directions_answer_conclusions, directions_name_their_goal, goals_have_directions)
from strategy.checks.rules.files import named_files_are_in_the_sections_folder
from strategy.checks.rules.procedure import (
    accepted_changes_are_in_the_sections, consultation_comments_are_anonymous_and_answered,
    consultation_comments_within_the_term, consultation_counted_once,
    consultation_dates_in_order, consultation_totals_add_up, council_comments_are_answered,
    the_profile_requires)
from strategy.checks.rules.access import (
    alt_texts_describe_the_image, maps_are_readable, prose_has_no_pseudo_headings,
    tables_fit_a_page, tables_have_a_header_row, titles_are_not_empty)
from strategy.checks.rules.abbreviations import _ABBREVIATION, _URL, abbreviations_are_listed
# isort: on


def run_rules(validated: Validated, kept: KindsKept | None = None) -> list[Problem]:
    """Each rule of ``RULES`` over the kinds it reads; one that allows partial kinds sees
    the valid items of a kind with errors too, so that one broken item hides only its own
    checks. With ``kept``, what the per-kind rules said of an unchanged kind is taken from
    it (and what they say of the others is kept there): the same problems in the same
    order. ``RULES`` is read here, at each run, so that a test may put rules of its own in
    its place (tests/test_rules_by_kind.py)."""
    return _run(RULES, validated, kept)


__all__ = [
    "RULES", "KindsKept", "Rule", "_View", "rule", "run_rules",
    "_ABBREVIATION", "_URL", "STALE_DAYS", "VOIVODESHIPS", "goal_paths", "regon_valid",
    "teryt_fits",
    # every rule, in the order it runs
    "unique_ids", "references_resolve", "meeting_sections_are_kinds",
    "identifiers_are_valid", "members_are_described",
    "period_order", "opinions_are_answered", "investment_money", "packages_have_a_cost",
    "investment_years",
    "result_indicators_complete", "goal_tree_has_named_levels",
    "survey_periods", "survey_counts_add_up",
    "indicators_are_typed_or_bound", "indicator_values_complete", "snapshots_are_consistent",
    "snapshots_are_recent", "requested_variables_are_fetched", "indicators_have_their_data",
    "bound_indicators_have_numbers",
    "goals_have_directions", "directions_name_their_goal", "directions_answer_conclusions",
    "named_files_are_in_the_sections_folder",
    "the_profile_requires", "consultation_dates_in_order", "consultation_totals_add_up",
    "consultation_counted_once", "consultation_comments_are_anonymous_and_answered",
    "consultation_comments_within_the_term", "council_comments_are_answered",
    "accepted_changes_are_in_the_sections",
    "tables_have_a_header_row", "tables_fit_a_page", "titles_are_not_empty",
    "alt_texts_describe_the_image", "prose_has_no_pseudo_headings", "maps_are_readable",
    "abbreviations_are_listed",
]
