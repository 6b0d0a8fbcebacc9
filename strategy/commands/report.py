"""What every command prints the same way: problems, and a missing sections folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from strategy.problems import Problem, format_text


def print_problems(problems: list[Problem], lang: str) -> None:
    """Problems, sorted and located, to stderr (paths relative to where the user is)."""
    if problems:
        print(format_text(problems, lang, Path.cwd()), file=sys.stderr)


def usage_no_sections(args: argparse.Namespace) -> int:
    problem = Problem("error", "usage.no_sections", None, {"path": args.sections})
    print(format_text([problem], args.lang or "pl"), file=sys.stderr)
    return 2


def lang_of(args: argparse.Namespace) -> str:
    """The language of messages: --lang, else the strategy's own, else Polish."""
    if getattr(args, "lang", None):
        return args.lang
    if not args.sections.is_dir():
        return "pl"
    from strategy.pipeline import load_and_validate

    return load_and_validate(args.sections).lang
