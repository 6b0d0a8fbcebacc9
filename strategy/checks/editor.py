"""What the editor needs from each section file: a first line naming its schema.

VS Code's YAML extension completes and checks a file only when the file names its
schema (``# yaml-language-server: $schema=...``). A file without the line, or with a line
that leads nowhere, to another kind's schema or to another language's, is edited blind,
so ``check`` warns about it and gives the line to write. It is a warning of ``check``
alone: the documents do not depend on it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from strategy.language.books import languages
from strategy.language.messages import localized
from strategy.model.schemaline import DEFAULT_LANG, TOOL_SCHEMA, schema_folder, schema_line
from strategy.problems import Mark, Problem
from strategy.sections.load import Sections

_LINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$")


def schema_problems(sections: Sections, lang: str) -> list[Problem]:
    """A warning for every parsed section file whose first line does not name the schema
    of its kind in the strategy's language (or in the default language, for a language
    whose schemas have not been generated: ``build_strategy.py schema`` makes them)."""
    if lang != DEFAULT_LANG and not (TOOL_SCHEMA / lang).is_dir():
        lang = DEFAULT_LANG
    problems: list[Problem] = []
    looked = _Looked(sections.root, lang)
    for kind, files in sections.files.items():
        if kind not in sections.data:
            continue  # nothing of it could be read: its own errors come first
        for path in files:
            problem = _check(path, sections.root, lang, looked)
            if problem is not None:
                problems.append(problem)
    return problems


def _first_line(path: Path) -> str | None:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            return handle.readline().rstrip("\r\n")
    except (OSError, UnicodeDecodeError):
        return None


class _Looked:
    """What one check has looked up on disk: every file of a kind's folder names the same
    schema, so each path is resolved (and the schema line made) once, not per file."""

    def __init__(self, root: Path, lang: str) -> None:
        self.root, self.lang = root, lang
        self._lines: dict[tuple[Path, str], str] = {}
        self._top: dict[Path, bool] = {}
        self._files: dict[tuple[Path, str], tuple[Path, bool]] = {}
        self.expected: dict[tuple[Path, str], str] = {}

    def key(self, path: Path) -> tuple[Path, str]:
        # The line depends on the file's folder and, at the top of the sections (as
        # schema_target tells it), on its name.
        if path.parent not in self._top:
            self._top[path.parent] = path.parent.resolve() == self.root.resolve()
        return path.parent, path.stem if self._top[path.parent] else ""

    def schema_line(self, path: Path) -> str:
        key = self.key(path)
        if key not in self._lines:
            self._lines[key] = schema_line(path, self.root, self.lang)
        return self._lines[key]

    def file(self, folder: Path, written: str) -> tuple[Path, bool]:
        """Where ``written`` leads from ``folder``, and whether a file is there."""
        key = (folder, written)
        if key not in self._files:
            target = (folder / written).resolve()
            self._files[key] = target, target.is_file()
        return self._files[key]


def expected_line(path: Path, root: Path, lang: str, looked: _Looked | None = None) -> str:
    """The line to write: to the schema folder beside the sections folder when there is
    one (as in the repository), else to the tool's own schema folder."""
    looked = looked or _Looked(root, lang)
    key = looked.key(path)  # the same for every file of a folder, as the schema line is
    if key not in looked.expected:
        beside = looked.schema_line(path)
        target, is_file = looked.file(path.parent, beside.split("$schema=", 1)[1])
        own = TOOL_SCHEMA if lang == DEFAULT_LANG else TOOL_SCHEMA / lang
        looked.expected[key] = beside if is_file else "# yaml-language-server: $schema=" + (
            Path(os.path.relpath(own / target.name, path.parent)).as_posix())
    return looked.expected[key]


def _check(path: Path, root: Path, lang: str, looked: _Looked) -> Problem | None:
    first = _first_line(path)
    if first is None:
        return None
    line = expected_line(path, root, lang, looked)
    match = _LINE.match(first)
    if match is None:
        return Problem("warning", "editor.schema_missing", Mark(path, 1, 1), {"line": line})
    written = match.group(1)
    target, is_file = looked.file(path.parent, written)
    wanted = Path(looked.schema_line(path).split("$schema=", 1)[1]).name
    folder = target.parent.name
    right_language = folder == lang if lang != DEFAULT_LANG else folder not in languages()
    if is_file and target.name == wanted and right_language:
        return None
    reason = ("editor.schema_no_file" if not is_file else
              "editor.schema_other_kind" if target.name != wanted else
              "editor.schema_other_language")
    return Problem("warning", "editor.schema_wrong", Mark(path, 1, first.index("$schema=") + 9),
                   {"written": written, "line": line, "reason": localized(
                       reason, schema=wanted, folder=schema_folder(lang))})
