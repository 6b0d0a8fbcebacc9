"""Problems found in the sections: one type for every stage, rendered through the catalog.

Every stage collects problems instead of raising, so that a user sees all of them
at once, each pointing to a file and line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from strategy.language.messages import render

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Mark:
    """Where a value stands in a source file (1-based line and column)."""

    file: Path
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Problem:
    severity: Severity
    code: str
    mark: Mark | None
    params: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    def message(self, lang: str) -> str:
        return render(self.code, lang, self.params)

    def hint(self, lang: str) -> str:
        return render(self.code + ".hint", lang, self.params, missing_ok=True)


def display_path(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def sort_key(problem: Problem) -> tuple:
    mark = problem.mark
    if mark is None:
        return ("", 0, 0, problem.code)
    return (mark.file.as_posix(), mark.line, mark.column, problem.code)


def format_text(problems: list[Problem], lang: str, base: Path | None = None) -> str:
    lines = []
    for p in sorted(problems, key=sort_key):
        where = "" if p.mark is None else (
            f"{display_path(p.mark.file, base)}:{p.mark.line}:{p.mark.column}: "
        )
        lines.append(f"{where}{render('label.' + p.severity, lang, {})}: {p.message(lang)}")
        hint = p.hint(lang)
        if hint:
            lines.append(f"    {render('label.hint', lang, {})}: {hint}")
    return "\n".join(lines)


def format_json(problems: list[Problem], lang: str, base: Path | None = None) -> str:
    items = []
    for p in sorted(problems, key=sort_key):
        items.append(
            {
                "file": None if p.mark is None else display_path(p.mark.file, base),
                "line": None if p.mark is None else p.mark.line,
                "column": None if p.mark is None else p.mark.column,
                "severity": p.severity,
                "code": p.code,
                "message": p.message(lang),
                "hint": p.hint(lang) or None,
            }
        )
    return json.dumps(items, ensure_ascii=False, indent=2)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
