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
