"""``build_strategy.py check``: validate the sections and list every problem."""

from __future__ import annotations

import argparse
from pathlib import Path

from strategy.language.messages import render
from strategy.pipeline import check
from strategy.problems import format_json, format_sarif, format_text, has_errors


def run(args: argparse.Namespace) -> int:
    problems, found_lang = check(args.sections)
    lang = args.lang or found_lang
    base = Path.cwd()
    if args.format == "json":
        print(format_json(problems, lang, base))
    elif args.format == "sarif":
        print(format_sarif(problems, lang, base))
    else:
        if problems:
            print(format_text(problems, lang, base))
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        code = "summary.failed" if errors else "summary.ok"
        print(render(code, lang, {"errors": errors, "warnings": warnings}))
    return 1 if has_errors(problems) else 0
