"""Writing section files from outside data: all of them or none, and only when the
sections still validate with them.

The new files are first validated in a copy of the sections folder: the import may bring
no error that was not there before. Then every file is written beside its place and moved
in; should a move fail, the files already moved are put back as they were.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from strategy.model.schema import schema_line
from strategy.pipeline import load_and_validate
from strategy.problems import Mark, Problem
from strategy.release.errors import Refused
from strategy.sections.files import FileProblem, read_limited

# Input files larger than this are refused before they are read: no BDL table, survey
# export or project sheet comes near it, and reading a huge file would only exhaust memory.
MAX_INPUT_BYTES = 20 * 1024 * 1024


def check_size(path: Path, limit: int = MAX_INPUT_BYTES) -> None:
    """A located refusal for a missing, unreadable or oversized input file."""
    try:
        size = path.stat().st_size
    except OSError:
        raise Refused(Problem("error", "data.no_file", Mark(path), {}), code=2) from None
    if path.is_dir() or not path.is_file():
        raise Refused(Problem("error", "data.not_a_file", Mark(path), {}), code=2)
    if size > limit:
        raise Refused(Problem("error", "data.too_large", Mark(path), {
            "size": f"{size / 1_048_576:.1f}", "limit": limit // 1_048_576}))


def read_input(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a file the user gives a command (a CSV or XLSX to import), read once
    and within ``limit`` by the sections' bounded reader (sections/files.py): an ordinary
    file only, never a pipe or a device (which would block or never end), never more
    than ``limit`` bytes whatever its size claims; a located refusal otherwise."""
    check_size(path, limit)
    try:
        return read_limited(path, limit, links=True)
    except FileProblem as problem:
        if problem.kind == "missing":
            raise Refused(Problem("error", "data.no_file", Mark(path), {}), code=2) from None
        if problem.kind == "too_large":  # grew since, or claims a size it does not have
            raise Refused(Problem("error", "data.too_large", Mark(path), {
                "size": f"> {limit // 1_048_576}", "limit": limit // 1_048_576})) from None
        if problem.kind in ("folder", "special"):
            raise Refused(Problem("error", "data.not_a_file", Mark(path), {}), code=2) \
                from None
        raise Refused(Problem("error", "data.unreadable", Mark(path), {
            "reason": problem.params.get("reason", problem.kind)})) from None


def line_for(target: Path, sections: Path) -> str:
    """The schema line a new section file starts with."""
    return schema_line(target, sections)


def folder_of(sections: Path, kind: str) -> Path:
    """The folder a split kind's new files go to; refused when the kind is one file."""
    for suffix in (".yaml", ".yml"):
        single = sections / f"{kind}{suffix}"
        if single.exists():
            raise Refused(Problem("error", "data.kind_is_file", Mark(single), {"kind": kind}))
    return sections / kind


ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$")


def check_id(ident: str) -> None:
    """An ID that names a file: letters, digits, '-', '_' and single dots, nothing else."""
    if not ID.match(ident) or len(ident) > 40:
        raise Refused(Problem("error", "data.bad_id", None, {"id": ident}), code=2)


def inside(target: Path, sections: Path) -> None:
    """Refuse a file that would be written anywhere but in the sections folder."""
    try:
        target.resolve().relative_to(sections.resolve())
    except ValueError:
        raise Refused(Problem("error", "data.bad_id", None, {"id": target.name}), code=2) \
            from None


def check_with(sections: Path, files: dict[Path, str]) -> None:
    """Validate the sections with ``files`` written (target path -> text) in a copy; refuse
    with every error the files would bring, and any file that would land outside."""
    for target in files:
        inside(target, sections)
    before = load_and_validate(sections)
    old = {_where(p, sections) for p in before.problems if p.severity == "error"}
    with tempfile.TemporaryDirectory(prefix=".data-") as work:
        copy = Path(work) / "sections"
        shutil.copytree(sections, copy, ignore=shutil.ignore_patterns(".*"))
        for target, text in files.items():
            place = copy / target.relative_to(sections)
            place.parent.mkdir(parents=True, exist_ok=True)
            place.write_text(text, encoding="utf-8")
        after = load_and_validate(copy)
        new = [_moved(p, copy, sections) for p in after.problems
               if p.severity == "error" and _where(p, copy) not in old]
    if new:
        raise Refused(*new, Problem("error", "data.sections_invalid", None, {}))


def _where(p: Problem, root: Path) -> tuple:
    if p.mark is None:
        return (p.code, "", 0)
    try:
        name = p.mark.file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        name = p.mark.file.name
    return (p.code, name, p.mark.line)


def _moved(p: Problem, copy: Path, sections: Path) -> Problem:
    """The problem pointed at the real sections folder instead of the copy."""
    if p.mark is None:
        return p
    try:
        relative = p.mark.file.resolve().relative_to(copy.resolve())
    except ValueError:
        return p
    mark = Mark(sections / relative, p.mark.line, p.mark.column)
    return Problem(p.severity, p.code, mark, p.params)


def write_all(files: dict[Path, str]) -> list[Path]:
    """Write every file or none: each beside its place first, then moved in."""
    staged: dict[Path, Path] = {}
    backups: dict[Path, Path] = {}
    moved: list[Path] = []
    try:
        for target, text in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=".new-", suffix=".yaml", dir=target.parent)
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            staged[target] = Path(name)
            if target.exists():
                backup = Path(tempfile.mkstemp(prefix=".old-", dir=target.parent)[1])
                shutil.copy2(target, backup)
                backups[target] = backup
        for target, temp in staged.items():
            os.replace(temp, target)
            moved.append(target)
    except OSError:
        for target in moved:  # put back what was there, remove what was not
            if target in backups:
                os.replace(backups.pop(target), target)
            else:
                target.unlink(missing_ok=True)
        raise
    finally:
        for temp in [*staged.values(), *backups.values()]:
            Path(temp).unlink(missing_ok=True)
    return list(files)
