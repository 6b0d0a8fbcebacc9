"""Problems found in the sections: one type for every stage, rendered through the catalog.

Every stage collects problems instead of raising, so that a user sees all of them
at once, each pointing to a file and line.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from strategy.language.messages import render

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Mark:
    """Where a value stands in a source file (1-based line and column)."""

    file: Path
    line: int = 1
    column: int = 1


# No message quotes more of a file than this: a value, a line, a name (a section file
# that is really some system file must not be echoed whole). The tool's own lists of
# names (the allowed fields, the kinds) may be longer, within ``_LIST_LIMIT``.
EXCERPT = 120
_LIST_LIMIT = 600
_LISTS = frozenset({"known", "allowed", "files"})
# Control characters (a terminal's escape sequences) and the marks that reverse the
# direction of text are never printed as they are: a message must say what it says.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e"
                          "\u2066-\u2069]")


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """``text`` as a message may quote it: on one line, printable, at most ``limit``
    characters (cut with an ellipsis)."""
    if any(c in text for c in "\n\r\t"):
        text = " ".join(text.split())
    text = _UNPRINTABLE.sub("\ufffd", text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _quotable(params: dict[str, object]) -> dict[str, object]:
    return {name: excerpt(value, _LIST_LIMIT if name in _LISTS else EXCERPT)
            if isinstance(value, str) else value for name, value in params.items()}


@dataclass(frozen=True)
class Problem:
    severity: Severity
    code: str
    mark: Mark | None
    params: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    def message(self, lang: str) -> str:
        return render(self.code, lang, _quotable(self.params))

    def hint(self, lang: str) -> str:
        return render(self.code + ".hint", lang, _quotable(self.params), missing_ok=True)


def display_path(path: Path, base: Path | None) -> str:
    """Where a problem is, relative to ``base`` when it lies under it; printable."""
    if base is not None:
        try:
            return _UNPRINTABLE.sub("\ufffd", _relative(path, base).as_posix())
        except ValueError:
            pass
    return _UNPRINTABLE.sub("\ufffd", path.as_posix())


def _relative(path: Path, base: Path) -> Path:
    """``path`` relative to ``base``, by name: a link in the sections folder is shown
    as its own name, not as the file it points to."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.path.abspath(base))
    except ValueError:
        return Path(os.path.realpath(path)).relative_to(os.path.realpath(base))


def shown_paths(base: Path | None) -> Callable[[Path], str]:
    """display_path for one listing, each file's worked out once (a listing of many
    problems in few files, the final gate's, would resolve each file's links anew), and
    each folder's place relative to ``base``, and where its links lead, once for all
    its files (a folder of many sheets outside ``base``): the same text."""
    shown: dict[Path, str] = {}
    if base is None:
        return lambda file: shown.setdefault(file, display_path(file, None))
    start = os.path.abspath(base)
    folders: dict[Path, Path | None] = {}  # a folder's place relative to base, by name
    real: dict[Path, str] = {}  # where a folder's links lead (and base's, under None)
    # Whether a folder's real place lies under base's: when it does not, a file of it
    # that is no link is shown as it is named (a folder of sections outside base: no
    # Path made and no ValueError raised per file).
    under: dict[Path, bool] = {}

    def realpath(folder: Path | None) -> str:
        if folder not in real:
            real[folder] = os.path.realpath(base if folder is None else folder)
        return real[folder]

    def real_under(folder: Path) -> bool:
        if folder not in under:
            under[folder] = Path(realpath(folder)).is_relative_to(realpath(None))
        return under[folder]

    def path(file: Path) -> str:
        if file in shown:
            return shown[file]
        parent, name = file.parent, file.name
        if name in ("", ".", ".."):
            shown[file] = display_path(file, base)
            return shown[file]
        if parent not in folders:
            try:
                folders[parent] = Path(os.path.abspath(parent)).relative_to(start)
            except ValueError:
                folders[parent] = None
        place = folders[parent]
        if place is None:  # as _relative: where the file's links lead
            linked = os.path.islink(file)
            joined = "" if linked else os.path.join(realpath(parent), name)
            if not linked and not real_under(parent) and joined != realpath(None):
                place = file  # what relative_to would refuse below
            else:
                target = Path(os.path.realpath(file) if linked else joined)
                try:
                    place = target.relative_to(realpath(None))
                except ValueError:
                    place = file
        else:
            place = place / name
        shown[file] = display_path(place, None)
        return shown[file]
    return path


def sort_key(problem: Problem) -> tuple:
    mark = problem.mark
    if mark is None:
        return ("", 0, 0, problem.code)
    return (mark.file.as_posix(), mark.line, mark.column, problem.code)


def format_text(problems: list[Problem], lang: str, base: Path | None = None) -> str:
    lines = []
    shown = shown_paths(base)
    # The labels, said once per listing (readiness lists hundreds of blockers at 10x).
    labels = {code: render(code, lang, {}) for code in (
        *{"label." + p.severity for p in problems}, "label.hint")} if problems else {}
    for p in sorted(problems, key=sort_key):
        where = "" if p.mark is None else (
            f"{shown(p.mark.file)}:{p.mark.line}:{p.mark.column}: "
        )
        lines.append(f"{where}{labels['label.' + p.severity]}: {p.message(lang)}")
        hint = p.hint(lang)
        if hint:
            lines.append(f"    {labels['label.hint']}: {hint}")
    return "\n".join(lines)


def format_json(problems: list[Problem], lang: str, base: Path | None = None) -> str:
    items = []
    shown = shown_paths(base)
    for p in sorted(problems, key=sort_key):
        items.append(
            {
                "file": None if p.mark is None else shown(p.mark.file),
                "line": None if p.mark is None else p.mark.line,
                "column": None if p.mark is None else p.mark.column,
                "severity": p.severity,
                "code": p.code,
                "message": p.message(lang),
                "hint": p.hint(lang) or None,
            }
        )
    return json.dumps(items, ensure_ascii=False, indent=2)


SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")


def format_sarif(problems: list[Problem], lang: str, base: Path | None = None) -> str:
    """The problems as SARIF 2.1.0, the format code-scanning views and editors read
    (VS Code's SARIF viewer, GitHub code scanning). Paths are relative to ``base``
    (``SRCROOT``); columns count characters, as in the text report."""
    from importlib.metadata import PackageNotFoundError, version

    from strategy.language.books import language

    try:
        tool_version = version("territorial-strategy-builder")
    except PackageNotFoundError:
        tool_version = "0"
    ordered = sorted(problems, key=sort_key)
    codes = sorted({p.code for p in ordered})
    results = []
    for p in ordered:
        hint = p.hint(lang)
        text = p.message(lang) + (f"\n{render('label.hint', lang, {})}: {hint}" if hint else "")
        result: dict[str, object] = {
            "ruleId": p.code, "ruleIndex": codes.index(p.code), "level": p.severity,
            "message": {"text": text}}
        if p.mark is not None:
            location: dict[str, object] = {"uri": quote(display_path(p.mark.file, base))}
            if base is not None and not Path(str(location["uri"])).is_absolute():
                location["uriBaseId"] = "SRCROOT"
            else:
                location["uri"] = p.mark.file.resolve().as_uri()
            result["locations"] = [{"physicalLocation": {
                "artifactLocation": location,
                "region": {"startLine": p.mark.line, "startColumn": p.mark.column}}}]
        results.append(result)
    run: dict[str, object] = {
        "tool": {"driver": {
            "name": "build_strategy.py check", "version": tool_version,
            "language": language(lang)["tag"],
            "rules": [{"id": code} for code in codes]}},
        "language": language(lang)["tag"],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if base is not None:
        run["originalUriBaseIds"] = {"SRCROOT": {"uri": base.resolve().as_uri() + "/"}}
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]},
                      ensure_ascii=False, indent=2)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
