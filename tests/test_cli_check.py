"""`build_strategy.py check`: exit codes, the text and JSON reports, the language of the
messages, and no traceback whatever the input."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from checking import TINY, copy_tiny, edit, run_check, switch_language

from strategy.commands.cli import main

REPO = Path(__file__).resolve().parent.parent

# --- exit codes -----------------------------------------------------------------------


def test_valid_sections_exit_0_with_a_summary(tmp_path):
    run = run_check(copy_tiny(tmp_path), fmt="text")
    assert run.exit_code == 0
    assert run.stdout.strip() == "Sekcje są poprawne (0 ostrzeżeń)."


def test_content_errors_exit_1(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "swot.yaml", "threats:", "threat:")
    assert run_check(root).exit_code == 1


def test_warnings_alone_exit_0(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "diagnosis.yaml", ", powiat: 30895}", "}")
    run = run_check(root, fmt="text")
    assert run.exit_code == 0
    assert run.stdout.splitlines()[-1] == "Sekcje są poprawne (1 ostrzeżenie)."


def test_a_missing_sections_folder_exits_2_with_a_message_and_no_traceback(tmp_path, capsys):
    code = main(["check", "--sections", str(tmp_path / "nie-ma")])
    out, err = capsys.readouterr()
    assert code == 2
    assert "nie-ma" in err and "Nie ma folderu z sekcjami" in err and "--sections" in err
    assert "Traceback" not in out + err


def test_a_file_given_as_the_sections_folder_exits_2(tmp_path, capsys):
    code = main(["check", "--sections", str(TINY / "swot.yaml"), "--lang", "en"])
    assert code == 2
    assert "There is no sections folder" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [
    ["check", "--format", "xml"],
    ["check", "--lang", "de"],
    ["check", "--no-such-option"],
    ["no-such-command"],
])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_the_script_itself_exits_2_on_a_missing_folder_without_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "build_strategy.py"), "check", "--sections",
         str(tmp_path / "nie-ma")], capture_output=True, text=True, cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "nie-ma" in result.stderr


def test_the_script_exits_1_on_a_broken_copy(tmp_path):
    root = copy_tiny(tmp_path)
    edit(root, "investments/P1.yaml", "amount: 375000", "amount: 370000")
    result = subprocess.run(
        [sys.executable, str(REPO / "build_strategy.py"), "check", "--sections", str(root)],
        capture_output=True, text=True, cwd=root, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 1
    assert result.stdout.startswith("investments/P1.yaml:9:1: błąd: Źródła finansowania")


def test_the_example_sections_pass_check():
    run = run_check(REPO / "sections", cwd=REPO)
    assert (run.exit_code, [p for p in run.problems if p["severity"] == "error"]) == (0, []), (
        run.describe())


# --- the reports ----------------------------------------------------------------------


def _broken(tmp_path: Path) -> Path:
    root = copy_tiny(tmp_path)
    edit(root, "swot.yaml", "threats:", "threat:")
    edit(root, "investments/P1.yaml", "leader: alfa", "leader: alpha")
    edit(root, "diagnosis.yaml", ", powiat: 30895}", "}")
    return root


def test_json_report_has_file_line_column_severity_message_and_hint(tmp_path):
    run = run_check(_broken(tmp_path))
    assert run.exit_code == 1
    problems = json.loads(run.stdout)
    assert [(p["file"], p["line"], p["column"], p["severity"], p["code"]) for p in problems] == [
        ("diagnosis.yaml", 12, 17, "warning", "rule.indicator_missing_members"),
        ("investments/P1.yaml", 5, 9, "error", "rule.dangling_reference"),
        ("swot.yaml", 5, 1, "error", "value.unknown_key"),
    ]
    for p in problems:
        assert set(p) == {"file", "line", "column", "severity", "code", "message", "hint"}
        assert p["message"] and p["hint"]


def test_text_report_is_file_line_column_severity_message_then_an_indented_hint(tmp_path):
    run = run_check(_broken(tmp_path), fmt="text")
    lines = run.stdout.splitlines()
    assert lines[0] == ("diagnosis.yaml:12:17: ostrzeżenie: Wskaźnik ludnosc nie ma wartości "
                        "dla: powiat.")
    assert lines[1].startswith("    wskazówka: Dopisz wartości")
    assert lines[2] == ("investments/P1.yaml:5:9: błąd: Odwołanie do nieistniejącego członka "
                        "lub partnera wspierającego: „alpha”.")
    assert lines[4] == "swot.yaml:5:1: błąd: Nieznane pole „threat”."
    assert lines[5].startswith("    wskazówka: Czy chodziło o „threats”?")
    assert lines[-1] == "Znaleziono 2 błędy i 1 ostrzeżenie."
    located = re.compile(r"^\S+:\d+:\d+: (błąd|ostrzeżenie): \S.*$")
    assert all(located.match(line) for line in lines[:-1:2])
    assert all(line.startswith("    wskazówka: ") for line in lines[1:-1:2])


def test_file_names_are_relative_to_the_working_folder(tmp_path):
    root = _broken(tmp_path)
    run = run_check(root, cwd=tmp_path)
    assert {p["file"] for p in run.problems} == {
        "sections/diagnosis.yaml", "sections/investments/P1.yaml", "sections/swot.yaml"}


# --- the language of the messages -----------------------------------------------------


def test_messages_are_in_the_strategys_language_by_default(tmp_path):
    root = _broken(tmp_path)
    assert run_check(root).problems[2]["message"] == "Nieznane pole „threat”."
    switch_language(root, "en")
    run = run_check(root, fmt="text")
    assert "swot.yaml:5:1: error: Unknown field 'threat'." in run.stdout
    assert run.stdout.splitlines()[-1] == "Found 2 errors and 1 warning."


def test_lang_option_overrides_the_strategys_language(tmp_path):
    root = _broken(tmp_path)
    assert run_check(root, "--lang", "en").problems[2]["message"] == "Unknown field 'threat'."
    switch_language(root, "en")
    assert run_check(root, "--lang", "pl").problems[2]["message"] == "Nieznane pole „threat”."


def test_an_english_strategy_with_a_broken_record_still_gets_english_messages(tmp_path):
    root = copy_tiny(tmp_path)
    switch_language(root, "en")
    edit(root, "strategy.yaml", "status: council\n", "status: draft\n")
    [problem] = run_check(root).problems
    assert problem["message"].startswith("Field 'status' has a value that is not allowed")


def test_english_text_report_uses_english_words(tmp_path):
    run = run_check(_broken(tmp_path), "--lang", "en", fmt="text")
    assert "swot.yaml:5:1: error: Unknown field 'threat'." in run.stdout
    assert "    hint: Did you mean 'threats'?" in run.stdout
    assert "diagnosis.yaml:12:17: warning: " in run.stdout


# --- no traceback for any input -------------------------------------------------------

TOKENS = [":", "-", " ", "\n", "\t", "[", "]", "{", "}", '"', "'", "&a", "*a", "!!python/x",
          "!x", "---", "#", "|", ">", "? ", "%YAML 1.1", "@", "`", ",", "0123", "1e999", "null",
          "~", "-1", "\r", "\ufeff", "\x00", "\x0b", "\x85", "\u2028", "ż", "2021-02-30", "id:",
          "leader:", "  ", "- id: X", "{a: 1}", "[]"]


def _mutate(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        pos = rng.randrange(len(b) + 1)
        choice = rng.random()
        if choice < 0.45:
            b[pos:pos] = rng.choice(TOKENS).encode()
        elif choice < 0.7:
            del b[pos:pos + rng.randint(1, 12)]
        elif choice < 0.85:
            lines = bytes(b).split(b"\n")
            lines.insert(rng.randrange(len(lines)), rng.choice(lines))
            b = bytearray(b"\n".join(lines))
        else:
            b[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 3)))
    return bytes(b)


def test_hundreds_of_random_mutations_never_escape_as_an_exception(tmp_path):
    rng = random.Random(20210527)
    root = copy_tiny(tmp_path)
    files = sorted(root.rglob("*.yaml"))
    originals = {f: f.read_bytes() for f in files}
    for _ in range(300):
        target = rng.choice(files)
        mutated = _mutate(rng, originals[target])
        target.write_bytes(mutated)
        fmt = rng.choice(["json", "text"])
        try:
            run = run_check(root, fmt=fmt)
        except BaseException as exc:  # noqa: BLE001 - the point is that nothing escapes
            pytest.fail(f"{type(exc).__name__}: {exc} for {target.name}: {mutated!r}")
        assert run.exit_code in (0, 1), (target.name, mutated)
        if fmt == "json":
            for p in run.problems:
                assert p["message"] and p["file"] and p["line"] >= 1 and p["column"] >= 1
        target.write_bytes(originals[target])


@pytest.mark.parametrize("setup", [
    pytest.param(lambda r: (r / "swot.yaml").unlink() or (r / "swot.yaml").mkdir(),
                 id="folder named like a section file"),
    pytest.param(lambda r: (r / "swot.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"),
                 id="binary file"),
    pytest.param(lambda r: (r / "swot.yaml").unlink() or (r / "swot.yaml").symlink_to(
        r / "nowhere.yaml"), id="dangling symlink"),
    pytest.param(lambda r: (r / "swot.yaml").write_text("x" * 200_000 + ": 1\n"),
                 id="very long key"),
    pytest.param(lambda r: (r / "swot.yaml").write_text("a:\n" + "  " * 300 + "- x\n"),
                 id="deep indentation"),
    pytest.param(lambda r: (r / "swot.yaml").write_text("[" * 2000 + "]" * 2000),
                 id="deeply nested brackets"),
    pytest.param(lambda r: [f.unlink() for f in r.glob("*.yaml")], id="empty sections folder"),
])
def test_odd_inputs_are_reported_not_raised(setup, tmp_path):
    root = copy_tiny(tmp_path)
    setup(root)
    run = run_check(root, fmt="text")
    assert run.exit_code == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert run.stdout.splitlines()[-1].startswith("Znaleziono ")
