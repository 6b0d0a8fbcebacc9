"""Load stage: the sections folder into one data tree per section kind, with marks.

Every value's position is kept under a key path that starts with the kind's name
(``("investments", "investments", 3, "cost")``), so that later stages can point at
the file and line of anything they complain about, even when a kind is split into
a folder of files.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strategy.language.messages import localized
from strategy.model import KINDS
from strategy.problems import Mark, Problem
from strategy.sections.yamlsource import Document, read

KeyPath = tuple[str | int, ...]
SUFFIXES = (".yaml", ".yml")
# Ending a key path with KEY points at a mapping key instead of its value (the
# convention pydantic uses for errors in dict keys), e.g. a member ID in "values".
KEY = "[key]"


@dataclass
class Sections:
    """What the load stage hands on: raw data per kind and where every value stands."""

    root: Path
    data: dict[str, Any] = field(default_factory=dict)
    marks: dict[KeyPath, Mark] = field(default_factory=dict)
    key_marks: dict[KeyPath, Mark] = field(default_factory=dict)
    files: dict[str, list[Path]] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)  # kinds with a file that did not parse
    folders: set[str] = field(default_factory=set)  # kinds split into a folder of files
    problems: list[Problem] = field(default_factory=list)

    def mark(self, path: KeyPath) -> Mark:
        """The mark of ``path`` or of its nearest ancestor that has one."""
        if path and path[-1] == KEY:
            path = path[:-1]
            if path in self.key_marks:
                return self.key_marks[path]
        for end in range(len(path), 0, -1):
            found = self.marks.get(path[:end])
            if found is not None:
                return found
        return Mark(self.root)

    def file_of(self, kind: str, path: KeyPath = ()) -> Path:
        return self.mark((kind, *path)).file


def _adopt(sections: Sections, prefix: KeyPath, doc: Document) -> None:
    for path, mark in doc.marks.items():
        sections.marks[(*prefix, *path)] = mark
    for path, mark in doc.key_marks.items():
        sections.key_marks[(*prefix, *path)] = mark


def _unknown(sections: Sections, path: Path) -> None:
    close = difflib.get_close_matches(path.stem, list(KINDS), n=1, cutoff=0.6)
    suggestion = localized("value.did_you_mean", name=close[0]) if close else ""
    sections.problems.append(
        Problem("error", "file.unknown_kind", Mark(path),
                {"name": path.name, "known": ", ".join(KINDS), "suggestion": suggestion})
    )


def _yaml_files(folder: Path) -> list[Path]:
    """The section files of a folder in name order; hidden and _draft files are skipped."""
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file()
                  and not p.name.startswith((".", "_")))


def load(root: Path) -> Sections:
    """Read every section file under ``root``; problems are collected, never raised."""
    sections = Sections(root=root)
    for entry in sorted(root.iterdir()):
        if entry.name.startswith((".", "_")):
            continue  # editor backups, hidden files, _drafts
        if entry.is_dir():
            if _yaml_files(entry):  # a folder of images is no section
                _load_folder(sections, entry)
        elif entry.suffix in SUFFIXES:
            _load_file(sections, entry)
    return sections


def _claim(sections: Sections, kind: str, where: Path) -> bool:
    """A kind is one file or one folder; the second form found is an error."""
    if kind not in sections.files:
        return True
    sections.problems.append(Problem("error", "file.both_forms", Mark(where), {"kind": kind}))
    sections.broken.add(kind)
    return False


def _load_file(sections: Sections, path: Path) -> None:
    kind = KINDS.get(path.stem)
    if kind is None:
        _unknown(sections, path)
        return
    if not _claim(sections, kind.name, path):
        return
    sections.files[kind.name] = [path]
    doc, problems = read(path)
    sections.problems.extend(problems)
    if doc is None:
        sections.broken.add(kind.name)
        return
    sections.data[kind.name] = doc.data
    _adopt(sections, (kind.name,), doc)


def _load_folder(sections: Sections, folder: Path) -> None:
    kind = KINDS.get(folder.name)
    if kind is None:
        _unknown(sections, folder)
        return
    if kind.split is None:  # the folder is left out; a file of that kind is still read
        sections.problems.append(
            Problem("error", "file.folder_not_allowed", Mark(folder), {"kind": kind.name})
        )
        return
    if not _claim(sections, kind.name, folder):
        return
    paths = _yaml_files(folder)
    sections.files[kind.name] = paths
    sections.folders.add(kind.name)
    items: list[Any] = []
    sections.marks[(kind.name,)] = Mark(folder)
    sections.marks[(kind.name, kind.split)] = Mark(folder)
    for path in paths:
        doc, problems = read(path)
        sections.problems.extend(problems)
        if doc is None:
            sections.broken.add(kind.name)
            continue
        _adopt(sections, (kind.name, kind.split, len(items)), doc)
        items.append(doc.data)
    sections.data[kind.name] = {kind.split: items}
