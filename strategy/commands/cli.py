"""The command line: parses the arguments and hands them to one command module.

Exit codes, for every command: 0 done, 1 the content has errors or the command was
refused, 2 a usage error (a missing folder, an unknown version).
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
from pathlib import Path

from strategy.language.messages import CATALOG, LANGS, render

# The partnership's own folder: sections/ (releases/ and schema/ beside it) where the
# command runs, so that a partnership's repository works with the tool installed anywhere.
DEFAULT_SECTIONS = Path("sections")


class _Parser(argparse.ArgumentParser):
    lang = "pl"

    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep that
        self.print_usage(sys.stderr)
        print(render("usage.error", self.lang, {"prog": self.prog,
                                                "message": _argparse_words(message, self.lang)}),
              file=sys.stderr)
        raise SystemExit(2)


# argparse's own complaints, said in the user's language (its words are English only).
_ARGPARSE = (
    (r"^argument (?P<arg>\S+?): invalid choice: '?(?P<value>.*?)'? "
     r"\(choose from (?P<choices>.*)\)$", "usage.invalid_choice"),
    (r"^unrecognized arguments: (?P<value>.*)$", "usage.unrecognized"),
    (r"^the following arguments are required: (?P<arg>.*)$", "usage.required"),
    (r"^argument (?P<arg>\S+?): expected one argument$", "usage.expected_value"),
    (r"^argument (?P<arg>\S+?): invalid \S+ value: '?(?P<value>.*?)'?$", "usage.invalid_value"),
    (r"^argument (?P<arg>\S+?): (?P<value>.*)$", "usage.invalid_value"),
)


def _argparse_words(message: str, lang: str) -> str:
    for pattern, code in _ARGPARSE:
        match = re.match(pattern, message)
        if match:
            params = {"arg": "", "value": "", "choices": "", **match.groupdict()}
            params["choices"] = params["choices"].replace("'", "")
            return render(code, lang, params)
    return message


def _formatter(lang: str) -> type[argparse.HelpFormatter]:
    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
            super().add_usage(usage, actions, groups, render("help.usage", lang, {}))
    return Formatter


def _localize(parser: argparse.ArgumentParser, lang: str, command: str | None = None) -> None:
    """Every help text of ``parser`` from the catalog: ``help.<command>.<option>``, or the
    option's shared ``help.option.<option>``; argparse's own words too."""
    parser.formatter_class = _formatter(lang)
    if isinstance(parser, _Parser):
        parser.lang = lang
    parser._positionals.title = render("help.positionals", lang, {})
    parser._optionals.title = render("help.options", lang, {})
    if command is None:
        parser.description = render("help.description", lang, {})
    else:
        parser.description = _said(f"help.command.{command}", lang, parser.description)
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = render("help.help", lang, {})
        elif isinstance(action, argparse._SubParsersAction):
            action.metavar = render("help.commands_metavar", lang, {})
            for choice in action._choices_actions:
                name = f"{command} {choice.dest}" if command else choice.dest
                choice.help = _said(f"help.command.{name.replace(' ', '_')}", lang, choice.help)
            for name, sub in action.choices.items():
                _localize(sub, lang, f"{command}_{name}" if command else name)
        elif command is not None:
            own = f"help.{command}.{action.dest}"
            code = own if own in CATALOG else f"help.option.{action.dest}"
            action.help = _said(code, lang, action.help)


def _said(code: str, lang: str, fallback: str | None) -> str | None:
    """The catalog's text; a help text not yet in the catalog stays as written (the test of
    the help names it)."""
    return render(code, lang, {}) if code in CATALOG else fallback


def _language_of(argv: list[str]) -> str:
    """The language of the help and of usage errors: --lang, else the strategy's own (read
    from strategy.yaml of --sections or the default sections), else Polish."""
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in LANGS:
            return value
    sections = DEFAULT_SECTIONS
    for i, arg in enumerate(argv):
        if arg.startswith("--sections="):
            sections = Path(arg.split("=", 1)[1])
        elif arg == "--sections" and i + 1 < len(argv):
            sections = Path(argv[i + 1])
    from strategy.sections.yamlsource import read

    record = sections / "strategy.yaml"
    doc, _ = read(record) if record.is_file() else (None, [])
    language = doc.data.get("language") if doc is not None and isinstance(doc.data, dict) else None
    return language if language in LANGS else LANGS[0]


def _parser(lang: str = "pl", command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command`` (one of ``_OWN``, named first on the
    command line) only that command's: it parses that command's arguments as the whole
    parser does, without building and translating every other command's options."""
    parser = _Parser(prog="build_strategy.py")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name, add in _OWN.items():
        if command is None or command == name:
            add(sub.add_parser(name, help=""))
    if command is None:
        from strategy.commands import data, forms, release, survey

        release.add_parsers(sub, _common)  # release, withdraw, verify, diff, comments, apply
        data.add_parsers(sub, _common)  # data fetch, data import
        forms.add_parsers(sub, _common)  # form, import
        survey.add_parsers(sub, _common)  # survey
    for name in ("build", "release"):
        if name in sub.choices:
            sub.choices[name].add_argument("--verbose", action="store_true")
    _localize(parser, lang)
    return parser


def _check(check: argparse.ArgumentParser) -> None:
    _common(check)
    check.add_argument("--format", choices=["text", "json", "sarif"], default="text")


def _schema(schema: argparse.ArgumentParser) -> None:
    schema.add_argument("--out", type=Path, default=Path("schema"))
    schema.add_argument("--docs", type=Path, default=Path("docs"))
    schema.add_argument("--lang", choices=["pl", "en"], default=None)


def _build(build: argparse.ArgumentParser) -> None:
    _common(build)
    build.add_argument("--out", type=Path, default=Path("build"))
    build.add_argument("--format", choices=["docx", "pdf", "html", "md", "all"], default="all")


def _readiness(readiness: argparse.ArgumentParser) -> None:
    _common(readiness)
    readiness.add_argument("--format", choices=["text", "json"], default="text")
    readiness.add_argument("--releases", type=Path, default=None)


def _package(package: argparse.ArgumentParser) -> None:
    _common(package)
    package.add_argument("--out", type=Path, default=Path("build"))
    package.add_argument("--releases", type=Path, default=None)
    package.add_argument("--version", default=None, metavar="X.Y")


# The commands whose options are defined here, in the order the help lists them (the
# other command modules' come after them).
_OWN = {"check": _check, "schema": _schema, "build": _build, "readiness": _readiness,
        "package": _package}


def _common(p: argparse.ArgumentParser) -> None:
    from strategy.language.books import languages  # a language is a folder of language/

    p.add_argument("--sections", type=Path, default=DEFAULT_SECTIONS)
    p.add_argument("--lang", choices=languages(), default=None)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["build", *argv]
    ui_lang = _language_of(argv)
    args = _parser(ui_lang, argv[0] if argv[0] in _OWN else None).parse_args(argv)
    args.ui_lang = ui_lang
    collecting = gc.isenabled()
    if args.command in _SHORT:
        gc.disable()
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        # Ctrl-C is the user's wish, not a failure to explain with a traceback.
        print(render("run.interrupted", ui_lang, {}), file=sys.stderr)
        return 130  # the shell's code for a command ended by SIGINT
    finally:
        if collecting:
            gc.enable()


# Commands that read the sections, say what they found and end: the cyclic garbage
# collector would walk every object the models' imports and the data read make, again
# and again, for cycles that the end of the process frees anyway. Without it a check
# after an edit takes ~5 % less at 1x (~20 ms of collections) and ~30 ms less at 10x,
# readiness more, for under 1 MB more memory at 10x (43.9 MB against 43.5 MB at the
# peak of a check, 57.6 against 56.5 MB of readiness). The build keeps it: it makes
# and drops far more.
_SHORT = ("check", "readiness")


def _dispatch(args: argparse.Namespace) -> int:
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
