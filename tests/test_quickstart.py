"""The README's quick start: exactly two commands per system (one installs and builds the
example, one installs and runs the tests), and CI runs the very test command it shows."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def _block(language: str) -> list[str]:
    quick = README[README.index("## Quick start"):README.index("\n## ", README.index(
        "## Quick start") + 1)]
    [block] = re.findall(rf"```{language}\n(.*?)```", quick, re.S)
    return [line for line in block.splitlines() if line.strip()]


def test_two_commands_for_linux_and_macos():
    build, test = _block("sh")
    assert "pip install -q -e ." in build and build.endswith("build_strategy.py")
    assert 'pip install -q -e ".[test]"' in test and test.endswith("-m pytest -q")


def test_two_commands_for_windows_powershell():
    build, test = _block("powershell")
    assert build.startswith("py -m venv .venv") and "build_strategy.py" in build
    assert test.startswith("py -m venv .venv") and test.rstrip(" }").endswith("-m pytest -q")
    assert "&&" not in build + test  # Windows PowerShell 5.1 has no &&


def test_ci_runs_exactly_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    _build, test = _block("sh")
    assert test in ci
