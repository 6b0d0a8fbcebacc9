"""Helpers for the tests of the check stage: a fresh copy of the tiny strategy, exact
edits to it, and `build_strategy.py check` run in-process with its output parsed.

Imported by the test modules (pytest puts tests/ on sys.path); not a test module itself.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strategy.commands.cli import main
from strategy.model.schema import schema_line

TINY = Path(__file__).parent / "fixtures" / "tiny"


SCHEMA = Path(__file__).parent.parent / "schema"


def copy_tiny(tmp_path: Path) -> Path:
    """A private copy of the tiny strategy that a test may break at will, laid out as a
    project is: ``sections/`` beside ``schema/``, each file's first line naming its schema
    there (as ``build_strategy.py check`` asks)."""
    target = tmp_path / "sections"
    shutil.copytree(TINY, target)
    schema = tmp_path / "schema"
    try:
        schema.symlink_to(SCHEMA, target_is_directory=True)
    except OSError:  # no symlinks (Windows without the right): a copy does as well
        shutil.copytree(SCHEMA, schema)
    for path in sorted(target.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        first, rest = text.split("\n", 1)
        assert first.startswith("# yaml-language-server: $schema="), path
        path.write_text(f"{schema_line(path, target)}\n{rest}", encoding="utf-8")
    return target


def switch_language(root: Path, lang: str) -> None:
    """Make the copy a strategy in ``lang``: the record says so and every file's first line
    names that language's schemas (schema/en/ for English)."""
    record = root / "strategy.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "language: pl", f"language: {lang}"), encoding="utf-8")
    for path in sorted(root.rglob("*.yaml")):
        first, rest = path.read_text(encoding="utf-8").split("\n", 1)
        path.write_text(f"{schema_line(path, root, lang)}\n{rest}", encoding="utf-8")


def edit(root: Path, file: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``file``; fail if it is not there exactly once,
    so that a test never passes because its mistake silently failed to apply."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@dataclass
class CheckRun:
    exit_code: int
    stdout: str
    stderr: str
    problems: list[dict[str, Any]] = field(default_factory=list)

    def codes(self) -> list[str]:
        return sorted(p["code"] for p in self.problems)

    def describe(self) -> str:
        """The problems as a human reads them, for assertion messages."""
        return "\n".join(
            f"  {p['file']}:{p['line']}:{p['column']}: {p['severity']} [{p['code']}] "
            f"{p['message']} | {p['hint']}" for p in self.problems) or "  (no problems)"


def run_check(root: Path, *options: str, fmt: str = "json", cwd: Path | None = None) -> CheckRun:
    """``build_strategy.py check --sections root`` in-process. File names in the output are
    relative to ``cwd`` (the sections folder itself unless told otherwise)."""
    out, err = io.StringIO(), io.StringIO()
    with (contextlib.chdir(cwd or root), contextlib.redirect_stdout(out),
          contextlib.redirect_stderr(err)):
        code = main(["check", "--sections", str(root), "--format", fmt, *options])
    run = CheckRun(code, out.getvalue(), err.getvalue())
    if fmt == "json":
        run.problems = json.loads(run.stdout)
    return run


def composed_text(root: Path, tmp: Path, lang: str = "pl") -> str:
    """The composed Markdown of the sections at ``root`` (switched to ``lang``), as a
    reader sees its words: no escapes, plain spaces (the sentence tests read it)."""
    import re

    from strategy.compose.compose import compose
    from strategy.pipeline import load_and_validate

    if lang != "pl":
        edit(root, "strategy.yaml", "language: pl", f"language: {lang}")
    validated = load_and_validate(root)
    assert validated.strategy is not None, [p.message("en") for p in validated.problems]
    markdown = compose(validated.strategy, tmp / "assets", root, draw=False).markdown
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u00a0", " ")


def check_outputs(root: Path, cwd: Path) -> list[tuple]:
    """What ``check`` says of ``root`` in every format and language: (format, language,
    exit code, stdout, stderr), for comparing two checks of the same sections."""
    runs = []
    for fmt in ("json", "text", "sarif"):
        for lang in ("pl", "en"):
            run = run_check(root, "--lang", lang, fmt=fmt, cwd=cwd)
            runs.append((fmt, lang, run.exit_code, run.stdout, run.stderr))
    return runs


def structure_nodes(node: Any, found: list[Any] | None = None) -> list[Any]:
    """Every element of a PDF's structure tree under ``node`` (a pikepdf object), in
    reading order: what a screen reader walks."""
    import pikepdf

    found = [] if found is None else found
    if isinstance(node, pikepdf.Array):
        for item in node:
            structure_nodes(item, found)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.append(node)
        if "/K" in node:
            structure_nodes(node.K, found)
    return found



def readiness_output(root: Path, cache: Path | str, *options: str) -> tuple[int, str]:
    """``readiness`` of ``root`` with the cache at ``cache`` ("off" for none): its exit
    code and what it printed."""
    import os

    out = io.StringIO()
    before = os.environ.get("STRATEGY_CACHE")
    os.environ["STRATEGY_CACHE"] = str(cache)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = main(["readiness", "--sections", str(root), *options])
    finally:
        if before is None:
            os.environ.pop("STRATEGY_CACHE", None)
        else:
            os.environ["STRATEGY_CACHE"] = before
    return code, out.getvalue()


def every_readiness_output(root: Path, cache: Path | str) -> list[tuple[int, str]]:
    """readiness's output in text and json, in Polish and English."""
    return [readiness_output(root, cache, "--format", form, "--lang", lang)
            for form in ("text", "json") for lang in ("pl", "en")]


def with_words_not_final(tmp_path: Path) -> Path:
    """A copy of the tiny strategy whose introduction holds a placeholder ("do
    uzupełnienia"): a final version is refused while it stands."""
    root = copy_tiny(tmp_path)
    edit(root, "introduction.yaml", "  Prace prowadziła grupa robocza:\n",
         "  Skład zespołu: do uzupełnienia.\n\n  Prace prowadziła grupa robocza:\n")
    return root


def calls(monkeypatch: Any, owner: Any, name: str, argument: int) -> list[Any]:
    """The ``argument``-th positional argument of every call of ``owner.name`` from now
    on, in order (the function still does its work): what a step made or read."""
    seen: list[Any] = []
    original = getattr(owner, name)

    def recorded(*args: Any, **kwargs: Any) -> Any:
        seen.append(args[argument])
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return seen
