"""The command line: parses the arguments and hands them to one command module.

Exit codes, for every command: 0 done, 1 the content has errors or the command was
refused, 2 a usage error (a missing folder, an unknown version).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# The partnership's own folder: sections/ (releases/ and schema/ beside it) where the
# command runs, so that a partnership's repository works with the tool installed anywhere.
DEFAULT_SECTIONS = Path("sections")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep that
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    from strategy.commands import release

    parser = _Parser(prog="build_strategy.py",
                     description="The command line: check, schema, build. Exit codes: 0 ok, "
                     "1 content errors, 2 usage.")
    sub = parser.add_subparsers(dest="command")
    check = sub.add_parser("check", help="validate the sections and report every problem")
    _common(check)
    check.add_argument("--format", choices=["text", "json"], default="text")
    schema = sub.add_parser("schema", help="regenerate the JSON Schemas in schema/")
    schema.add_argument("--out", type=Path, default=Path("schema"))
    build = sub.add_parser("build", help="build the strategy documents (the default command)")
    _common(build)
    build.add_argument("--out", type=Path, default=Path("build"))
    build.add_argument("--format", choices=["docx", "pdf", "html", "md", "all"], default="all")
    readiness = sub.add_parser("readiness", help="every element the law requires: status, place")
    _common(readiness)
    readiness.add_argument("--format", choices=["text", "json"], default="text")
    package = sub.add_parser("package", help="the submission ZIP of a final version")
    _common(package)
    package.add_argument("--out", type=Path, default=Path("build"))
    package.add_argument("--releases", type=Path, default=None,
                         help="release folders (default: releases/ beside the sections)")
    package.add_argument("--version", default=None, metavar="X.Y",
                         help="package this release (default: the version of the record)")
    release.add_parsers(sub, _common)  # release, withdraw, verify, diff, comments, apply
    from strategy.commands import data, forms, survey
    data.add_parsers(sub, _common)  # data fetch, data import
    forms.add_parsers(sub, _common)  # form, import
    survey.add_parsers(sub, _common)  # survey
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    from strategy.language.books import languages  # a language is a folder of language/

    p.add_argument("--sections", type=Path, default=DEFAULT_SECTIONS)
    p.add_argument("--lang", choices=languages(), default=None,
                   help="language of messages (default: the strategy's language)")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["build", *argv]
    args = _parser().parse_args(argv)
    if args.command == "schema":
        from strategy.commands import schema
        return schema.run(args)
    if args.command in ("release", "withdraw", "verify", "diff", "comments", "apply"):
        from strategy.commands import release
        return release.run(args)
    if not args.sections.is_dir():
        from strategy.commands.report import usage_no_sections
        return usage_no_sections(args)
    if args.command in ("data", "form", "import", "survey"):
        from strategy.commands import data, forms, survey
        from strategy.commands.report import lang_of
        module = {"data": data, "form": forms, "import": forms, "survey": survey}[args.command]
        return module.run(args, lang_of(args))
    if args.command == "check":
        from strategy.commands import check
        return check.run(args)
    if args.command == "readiness":
        from strategy.commands import readiness
        return readiness.run(args)
    if args.command == "package":
        from strategy.commands import package
        return package.run(args)
    from strategy.commands import build as build_command
    return build_command.run(args)
