"""The command line: check, schema, build. Exit codes: 0 ok, 1 content errors, 2 usage."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from strategy.messages import render
from strategy.problems import Mark, Problem, format_json, format_text, has_errors

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SECTIONS = REPO / "sections"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep that
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="build_strategy.py", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    check = sub.add_parser("check", help="validate the sections and report every problem")
    _common(check)
    check.add_argument("--format", choices=["text", "json"], default="text")
    schema = sub.add_parser("schema", help="regenerate the JSON Schemas in schema/")
    schema.add_argument("--out", type=Path, default=REPO / "schema")
    build = sub.add_parser("build", help="build the strategy documents (the default command)")
    _common(build)
    build.add_argument("--out", type=Path, default=Path("build"))
    build.add_argument("--format", choices=["docx", "pdf", "md", "all"], default="all")
    readiness = sub.add_parser("readiness", help="every element the law requires: status, place")
    _common(readiness)
    readiness.add_argument("--format", choices=["text", "json"], default="text")
    package = sub.add_parser("package", help="the submission ZIP of a final version")
    _common(package)
    package.add_argument("--out", type=Path, default=Path("build"))
    package.add_argument("--releases", type=Path, default=None,
                         help="release folders (default: releases/ beside the sections)")
    from strategy.release.commands import add_parsers
    add_parsers(sub, _common)  # release, verify, diff, comments
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sections", type=Path, default=DEFAULT_SECTIONS)
    p.add_argument("--lang", choices=["pl", "en"], default=None,
                   help="language of messages (default: the strategy's language)")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["build", *argv]
    args = _parser().parse_args(argv)
    if args.command == "schema":
        from strategy.schema import write
        for path in write(args.out):
            print(f"wrote {path}")
        return 0
    if args.command in ("release", "verify", "diff", "comments"):
        from strategy.release.commands import run as run_release
        return run_release(args)
    if not args.sections.is_dir():
        lang = args.lang or "pl"
        problem = Problem("error", "usage.no_sections", None, {"path": args.sections})
        print(format_text([problem], lang), file=sys.stderr)
        return 2
    if args.command == "check":
        return _check(args)
    if args.command == "readiness":
        from strategy.readiness_cli import run as run_readiness
        return run_readiness(args)
    if args.command == "package":
        from strategy.package import run as run_package
        return run_package(args)
    from strategy.build import run_build
    return run_build(args)


def load_and_validate(sections_dir: Path):
    from strategy.load import load
    from strategy.validate import validate
    sections = load(sections_dir)
    validated = validate(sections)
    validated.problems[:0] = sections.problems
    return validated


def _check(args: argparse.Namespace) -> int:
    validated = load_and_validate(args.sections)
    lang = args.lang or validated.lang
    problems = validated.problems
    base = Path.cwd()
    if args.format == "json":
        print(format_json(problems, lang, base))
    else:
        if problems:
            print(format_text(problems, lang, base))
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        code = "summary.failed" if errors else "summary.ok"
        print(render(code, lang, {"errors": errors, "warnings": warnings}))
    return 1 if has_errors(problems) else 0


__all__ = ["main", "Mark"]
