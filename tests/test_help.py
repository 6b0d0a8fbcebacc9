"""The command line speaks the strategy's language: --help of every command, usage
errors and the progress of a build, from the catalog; the README lists every command."""

from __future__ import annotations

import argparse
import contextlib
import io
import re
from pathlib import Path

import pytest
from checking import copy_tiny, switch_language

from strategy.commands.cli import _parser, main
from strategy.language.messages import CATALOG, LANGS

REPO = Path(__file__).resolve().parent.parent


def _commands() -> dict[str, argparse.ArgumentParser]:
    """Every command, nested ones too ("data fetch"), with its parser."""
    found: dict[str, argparse.ArgumentParser] = {}

    def walk(parser: argparse.ArgumentParser, prefix: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found[f"{prefix}{name}"] = sub
                    walk(sub, f"{prefix}{name} ")

    walk(_parser("pl"), "")
    return found


POLISH = {entry["pl"] for entry in CATALOG.values()}


def _help(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exc:
        main([*argv, "--help"])
    assert exc.value.code == 0
    return out.getvalue()


ENGLISH_CHROME = ("usage:", "options:", "positional arguments", "show this help")


@pytest.mark.parametrize("command", [None, *_commands()])
def test_the_help_of_every_command_is_polish_by_default_and_english_on_request(command):
    argv = command.split() if command else []
    polish = _help(*argv)
    takes_lang = command and "--lang" in _commands()[command]._option_string_actions
    english = _help(*argv, "--lang", "en") if takes_lang else None
    assert polish.startswith("użycie: build_strategy.py")
    assert not [w for w in ENGLISH_CHROME if w in polish], polish
    if english is not None:
        assert english.startswith("usage: build_strategy.py")
        assert "show this help and exit" in english
    if command:
        for action in _commands()[command]._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help in POLISH, (
                f"{command} {action.dest}: add help.{command.replace(' ', '_')}.{action.dest} "
                "to strategy/language/pl/messages.yaml and en/messages.yaml")
            for option in action.option_strings:
                assert option in polish


def test_the_help_follows_the_language_of_the_strategy(tmp_path):
    root = copy_tiny(tmp_path)
    switch_language(root, "en")
    text = _help("check", "--sections", str(root))
    assert text.startswith("usage: ") and "form of the report" in text


def test_a_usage_error_is_said_in_the_users_language(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "błąd: --format: niedozwolona wartość xml (dozwolone: text, json, sarif)" in err
    with pytest.raises(SystemExit):
        main(["check", "--format", "xml", "--lang", "en"])
    assert "error: --format: value xml is not allowed" in capsys.readouterr().err


def test_the_readme_lists_every_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in _commands():
        assert re.search(rf"`python build_strategy\.py {command}\b", readme), command


def _build(root: Path, out: Path, *options: str) -> str:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        assert main(["build", "--sections", str(root), "--out", str(out), "--format", "md",
                     *options]) == 0
    return err.getvalue()


def test_a_build_says_what_it_does_plainly_and_times_it_only_when_asked(tmp_path):
    root = copy_tiny(tmp_path)
    plain = _build(root, tmp_path / "out")
    assert plain.splitlines() == ["Sprawdzanie sekcji…", "Składanie tekstu dokumentu…",
                                  "Zapisywanie Markdown…"]
    timed = _build(root, tmp_path / "out", "--verbose")
    assert re.search(r"^  compose: \d+\.\d\d s$", timed, re.M)
    english = _build(root, tmp_path / "out", "--lang", "en")
    assert english.splitlines()[0] == "Checking the sections…"
    assert set(LANGS) == {"pl", "en"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_command_parsed_by_its_own_parser_is_parsed_as_by_the_whole_one(lang):
    """check (and each command cli.py defines) builds only its own parser: the same help,
    the same arguments and the same usage errors as the whole command line's."""
    from strategy.commands.cli import _OWN

    for name in _OWN:
        whole, own = _parser(lang), _parser(lang, name)
        assert own._subparsers is not None
        [sub_whole] = [a for a in whole._actions if isinstance(a, argparse._SubParsersAction)]
        [sub_own] = [a for a in own._actions if isinstance(a, argparse._SubParsersAction)]
        assert list(sub_own.choices) == [name]
        assert sub_own.choices[name].format_help() == sub_whole.choices[name].format_help()
        assert own.format_usage() == whole.format_usage()
        argv = [name, "--sections", "elsewhere"] if name != "schema" else [name, "--out", "x"]
        assert vars(own.parse_args(argv)) == vars(whole.parse_args(argv))
