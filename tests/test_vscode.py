"""The VS Code setup in .vscode/: the schemas associated with the section files, and a task
that runs check with problem matchers that put every error and warning of the Polish and
English reports into the Problems panel, at its file, line and column."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from checking import copy_tiny, edit, run_check

from strategy.model import KINDS
from strategy.model.schema import schemas

REPO = Path(__file__).resolve().parent.parent
VSCODE = REPO / ".vscode"


def _json(name: str) -> dict:
    return json.loads((VSCODE / name).read_text(encoding="utf-8"))


def test_every_schema_is_associated_with_its_section_files():
    associations = _json("settings.json")["yaml.schemas"]
    assert sorted(Path(k).name for k in associations) == sorted(schemas())
    for schema, globs in associations.items():
        assert (REPO / schema).is_file()
        name = Path(schema).name.removesuffix(".schema.json")
        kind = name.removesuffix("-item")
        assert kind in KINDS
        expected = f"sections/{kind}/*.yaml" if name.endswith("-item") else f"sections/{kind}.yaml"
        assert expected in globs


def test_the_yaml_extension_is_recommended_and_does_not_reformat_files():
    assert "redhat.vscode-yaml" in _json("extensions.json")["recommendations"]
    settings = _json("settings.json")
    assert settings["yaml.format.enable"] is False
    assert settings["[yaml]"]["editor.insertSpaces"] is True


def _check_task() -> dict:
    tasks = _json("tasks.json")["tasks"]
    [task] = [t for t in tasks if t["args"][-1] == "check"]
    assert task["group"]["isDefault"] is True
    assert task["command"].endswith("/.venv/bin/python")
    assert task["windows"]["command"].endswith("\\.venv\\Scripts\\python.exe")
    return task


def _matchers() -> list[tuple[str, re.Pattern[str], dict]]:
    found = []
    for matcher in _check_task()["problemMatcher"]:
        pattern = matcher["pattern"]
        found.append((matcher["severity"], re.compile(pattern["regexp"]), pattern))
    return found


def _broken(tmp_path: Path) -> Path:
    root = copy_tiny(tmp_path)
    edit(root, "swot.yaml", "threats:", "threat:")  # error
    edit(root, "investments/P1.yaml", "amount: 375000", "amount: 370000")  # error
    edit(root, "diagnosis.yaml", ", powiat: 30895}", "}")  # warning
    edit(root, "goals.yaml", "target: {value: 850, year: 2030}",
         "target: {value: 8,5, year: 2030}")  # error, a comma in the message
    return root


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_the_problem_matchers_catch_every_problem_of_the_real_report(tmp_path, lang):
    root = _broken(tmp_path)
    expected = run_check(root, "--lang", lang).problems
    report = run_check(root, "--lang", lang, fmt="text").stdout
    caught = []
    for line in report.splitlines():
        hits = [(severity, m, p) for severity, regex, p in _matchers()
                if (m := regex.match(line))]
        assert len(hits) <= 1, line
        if hits:
            severity, match, pattern = hits[0]
            caught.append({"file": match.group(pattern["file"]),
                           "line": int(match.group(pattern["line"])),
                           "column": int(match.group(pattern["column"])),
                           "severity": severity, "message": match.group(pattern["message"])})
    assert caught == [{k: p[k] for k in ("file", "line", "column", "severity", "message")}
                      for p in expected]
    assert {p["severity"] for p in caught} == {"error", "warning"}


def test_a_path_outside_the_workspace_is_caught_whole(tmp_path):
    root = _broken(tmp_path)
    report = run_check(root, fmt="text", cwd=REPO).stdout  # the sections are elsewhere
    first = report.splitlines()[0]
    for _, regex, pattern in _matchers():
        if (match := regex.match(first)):
            assert Path(match.group(pattern["file"])).is_absolute()
            assert Path(match.group(pattern["file"])).is_file()
            break
    else:
        raise AssertionError(first)


def test_the_task_runs_check_from_the_workspace_folder():
    task = _check_task()
    assert task["args"] == ["build_strategy.py", "check"]
    assert task["options"]["cwd"] == "${workspaceFolder}"
    assert (REPO / task["args"][0]).is_file()
