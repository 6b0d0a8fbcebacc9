"""Load stage: the sections folder into one data tree per section kind, with marks.

Every value's position is kept under a key path that starts with the kind's name
(``("investments", "investments", 3, "cost")``), so that later stages can point at
the file and line of anything they complain about, even when a kind is split into
a folder of files.
"""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strategy.language.messages import localized
from strategy.model.kinds import KINDS
from strategy.problems import Mark, Problem
from strategy.sections.files import is_office_lock_file, real
from strategy.sections.remembered import Remembered
from strategy.sections.yamlsource import Document, Remember, read

KeyPath = tuple[str | int, ...]
SUFFIXES = (".yaml", ".yml")
# Ending a key path with KEY points at a mapping key instead of its value (the
# convention pydantic uses for errors in dict keys), e.g. a member ID in "values".
KEY = "[key]"


@dataclass
class Sections:
    """What the load stage hands on: raw data per kind and where every value stands.
    Ask ``mark`` and ``key_mark`` where a value stands: ``marks`` and ``key_marks`` hold
    a file taken from the cache only once a value of it has been asked for."""

    root: Path
    data: dict[str, Any] = field(default_factory=dict)
    marks: dict[KeyPath, Mark] = field(default_factory=dict)
    key_marks: dict[KeyPath, Mark] = field(default_factory=dict)
    files: dict[str, list[Path]] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)  # kinds with a file that did not parse
    folders: set[str] = field(default_factory=set)  # kinds split into a folder of files
    problems: list[Problem] = field(default_factory=list)
    # What reading has cost so far: files, bytes, values (the limits are in load()).
    spent: dict[str, int] = field(default_factory=lambda: {
        "files": 0, "bytes": 0, "nodes": 0, "reported": 0})
    # Files from the cache whose marks are taken in only when a value of theirs is looked
    # up (remembered.Remembered), by the key path their values stand under.
    pending: dict[KeyPath, Remembered] = field(default_factory=dict, repr=False,
                                               compare=False)
    # A located error of an export step may be looked up from a worker thread.
    _taking: threading.Lock = field(default_factory=threading.Lock, repr=False,
                                    compare=False)

    def _take(self, path: KeyPath) -> None:
        """The marks of the file ``path`` lies in, when they are still pending: a file of
        its own stands under (kind,), one of a folder under (kind, list, index)."""
        with self._taking:
            for end in (1, 3):
                doc = self.pending.pop(path[:end], None)
                if doc is not None:
                    doc.marks_now()
                    _adopt(self, path[:end], doc)

    def key_mark(self, path: KeyPath, default: Mark | None = None) -> Mark | None:
        """The mark of the mapping key at ``path``; ``default`` when it has none."""
        self._take(path)
        return self.key_marks.get(path, default)

    def mark(self, path: KeyPath) -> Mark:
        """The mark of ``path`` or of its nearest ancestor that has one."""
        self._take(path)
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
    if isinstance(doc, Remembered) and doc.rows is not None:
        sections.pending[prefix] = doc
        return
    for path, mark in doc.marks.items():
        sections.marks[(*prefix, *path)] = mark
    for path, mark in doc.key_marks.items():
        sections.key_marks[(*prefix, *path)] = mark


def _unknown(sections: Sections, path: Path) -> None:
    import difflib  # here: only an unknown name needs it

    close = difflib.get_close_matches(path.stem, list(KINDS), n=1, cutoff=0.6)
    suggestion = localized("value.did_you_mean", name=close[0]) if close else ""
    sections.problems.append(
        Problem("error", "file.unknown_kind", Mark(path),
                {"name": path.name, "known": ", ".join(KINDS), "suggestion": suggestion})
    )


# --- what of the folder is read: ordinary files and folders inside it, within limits ----

MAX_FILES = 2000  # section files in all (the example has 42)
MAX_TOTAL_BYTES = 50 * 2**20
MAX_TOTAL_NODES = 400_000  # values and keys in all the files; the example has 25 000


def _entries(sections: Sections, folder: Path) -> list[Path]:
    """The entries of ``folder`` the loader may read, in name order. Hidden and _draft
    entries and office lock files are skipped; a link out of the sections folder, a
    folder named like a section file and a section file that is no ordinary file are
    reported, never followed and never silently dropped."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        sections.problems.append(Problem("error", "file.unreadable", Mark(folder),
                                         {"reason": exc.strerror or str(exc)}))
        return []
    kept = []
    root, here = real(sections.root), real(folder)
    inside = here.is_relative_to(root)  # then so is every entry of it that is no link
    for name in names:
        entry = folder / name
        if name.startswith((".", "_")) or is_office_lock_file(entry):
            continue  # editor backups, hidden files, _drafts, Word's ~$ files
        # Where the entry really is: in the real folder, unless it is a link (resolving
        # every entry's whole path again was a tenth of a check of many files).
        try:
            mode: int | None = os.lstat(entry).st_mode
        except OSError:
            mode = None  # as it cannot be told here, the whole path is resolved
        linked = mode is None or stat.S_ISLNK(mode)
        section = entry.suffix in SUFFIXES
        if not (inside and not linked or (
                real(entry) if linked else here / name).is_relative_to(root)):
            _refuse(sections, entry, "file.link_outside")
        # What an entry that is no link is, its lstat said already (a link: where it leads).
        elif section and (entry.is_dir() if linked else stat.S_ISDIR(mode or 0)):
            _refuse(sections, entry, "file.folder")
        elif section and not (entry.is_file() if linked else stat.S_ISREG(mode or 0)):
            _refuse(sections, entry, "file.special")
        else:
            kept.append(entry)
    return kept


def _refuse(sections: Sections, entry: Path, code: str) -> None:
    """Report an entry that is not read; the kind it would have held counts as broken,
    so that it is not also reported missing."""
    sections.problems.append(Problem("error", code, Mark(entry), {}))
    in_folder = KINDS.get(entry.parent.name) if entry.parent != sections.root else None
    kind = in_folder or KINDS.get(entry.stem if entry.suffix in SUFFIXES else entry.name)
    if kind is not None:
        sections.broken.add(kind.name)


def _within_budget(sections: Sections, path: Path) -> bool:
    """Whether one more file may be read: the files, bytes and values of the whole
    folder are bounded, so that no folder of many large files takes minutes to check."""
    spent = sections.spent
    if spent["files"] < MAX_FILES and spent["bytes"] <= MAX_TOTAL_BYTES and (
            spent["nodes"] <= MAX_TOTAL_NODES):
        spent["files"] += 1
        return True
    if not spent["reported"]:
        sections.problems.append(Problem("error", "file.too_many_sections", Mark(path), {
            "files": MAX_FILES, "mb": MAX_TOTAL_BYTES // 2**20, "nodes": MAX_TOTAL_NODES}))
        spent["reported"] = 1
    return False


def _read(sections: Sections, path: Path, remember: Remember | None) -> Document | None:
    """Read one section file within the folder's budget; its problems are collected."""
    if not _within_budget(sections, path):
        return None
    doc, problems = read(path, remember)
    sections.problems.extend(problems)
    with contextlib.suppress(OSError):
        sections.spent["bytes"] += path.stat().st_size
    if doc is not None:
        sections.spent["nodes"] += doc.size if isinstance(doc, Remembered) else (
            len(doc.marks) + len(doc.key_marks))
    return doc


def load(root: Path, remember: Remember | None = None) -> Sections:
    """Read every section file under ``root``; problems are collected, never raised.
    ``remember`` gives what an unchanged file was read into before (yamlsource.read)."""
    sections = Sections(root=root)
    for entry in _entries(sections, root):
        if entry.is_dir():
            paths = [p for p in _entries(sections, entry) if p.suffix in SUFFIXES]
            if paths:  # a folder of images is no section
                _load_folder(sections, entry, paths, remember)
        elif entry.suffix in SUFFIXES:
            _load_file(sections, entry, remember)
    return sections


def _claim(sections: Sections, kind: str, where: Path) -> bool:
    """A kind is one file or one folder; the second form found is an error."""
    if kind not in sections.files:
        return True
    sections.problems.append(Problem("error", "file.both_forms", Mark(where), {"kind": kind}))
    sections.broken.add(kind)
    return False


def _load_file(sections: Sections, path: Path, remember: Remember | None) -> None:
    kind = KINDS.get(path.stem)
    if kind is None:
        _unknown(sections, path)
        return
    if not _claim(sections, kind.name, path):
        return
    sections.files[kind.name] = [path]
    doc = _read(sections, path, remember)
    if doc is None:
        sections.broken.add(kind.name)
        return
    sections.data[kind.name] = doc.data
    _adopt(sections, (kind.name,), doc)


def _load_folder(sections: Sections, folder: Path, paths: list[Path],
                 remember: Remember | None) -> None:
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
    sections.files[kind.name] = paths
    sections.folders.add(kind.name)
    items: list[Any] = []
    sections.marks[(kind.name,)] = Mark(folder)
    sections.marks[(kind.name, kind.split)] = Mark(folder)
    for path in paths:
        doc = _read(sections, path, remember)
        if doc is None:
            sections.broken.add(kind.name)
            continue
        _adopt(sections, (kind.name, kind.split, len(items)), doc)
        items.append(doc.data)
    sections.data[kind.name] = {kind.split: items}
