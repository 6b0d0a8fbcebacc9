"""Validated strategies from a sections folder: the current one or a release's."""

from __future__ import annotations

from pathlib import Path

from strategy.checks.validated import Validated
from strategy.model import Strategy
from strategy.problems import Problem, has_errors
from strategy.release.errors import Refused
from strategy.release.folders import Release


def load_valid(sections: Path, refusal: str) -> Validated:
    """The validated sections; a refusal (with every problem) when they have errors."""
    from strategy.pipeline import load_and_validate

    validated = load_and_validate(sections)
    if has_errors(validated.problems) or validated.strategy is None:
        raise Refused(*validated.problems, Problem("error", refusal, None, {}))
    return validated


def previous_strategy(release: Release | None) -> Strategy | None:
    """The strategy of a release, as the current tool reads its recorded sections."""
    if release is None:
        return None
    return load_valid(release.sections, refusal="release.previous_invalid").strategy
