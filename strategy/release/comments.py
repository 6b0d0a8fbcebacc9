"""``comments reviewed.docx``: file the council's Word comments and tracked changes
into the review register, one file per comment in ``sections/review/``.

The DOCX must be a released draft of this strategy, of the latest release, and every
text it comments on or changes must be in that release. Everything is checked and
validated first; on any problem nothing is written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from strategy.model.review import ReviewComment
from strategy.problems import Mark, Problem, has_errors
from strategy.release.docx_review import NotDocx, Remark, Review, normalized, read_review
from strategy.release.errors import Refused
from strategy.release.folders import Release, check_intact, read_release, release_folders
from strategy.release.revisions import COMPARED_WITH
from strategy.sections.files import copy_folder

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/review-item.schema.json\n"
REGISTER = "review"
_EXCERPT = 200


@dataclass
class Imported:
    written: list[Path]
    skipped: int  # already in the register


def _excerpt(text: str) -> str:
    return text if len(text) <= _EXCERPT else text[:_EXCERPT - 1].rstrip() + "…"


def _release_of(review: Review, docx: Path, title: str, releases: Path) -> Release:
    props = review.properties
    version = props.get("version") or props.get("Wersja", "")
    if not props.get("title") or not version:
        raise Refused(Problem("error", "comments.not_a_release", Mark(docx), {}))
    if normalized(props["title"]) != normalized(title):
        raise Refused(Problem("error", "comments.other_strategy", Mark(docx), {
            "title": props["title"], "expected": title}))
    folders = release_folders(releases)
    by_version = {f"{k[0]}.{k[1]}": folder for k, folder in folders.items()}
    if version not in by_version:
        raise Refused(Problem("error", "comments.version_not_released", Mark(docx), {
            "version": version, "known": ", ".join(by_version) or "–"}))
    latest = list(by_version)[-1]
    if version != latest:
        raise Refused(Problem("error", "comments.other_version", Mark(docx), {
            "version": version, "latest": latest}))
    if props.get(COMPARED_WITH):
        raise Refused(Problem("error", "comments.redline", Mark(docx), {
            "version": version, "old": props[COMPARED_WITH]}))
    release = read_release(by_version[version])
    check_intact(release)
    return release


def _released_text(release: Release) -> str:
    """The released document's text, as one normalized string."""
    document = release.output(".docx")
    if document is not None:
        try:
            return normalized(" ".join(read_review(document).original))
        except NotDocx as exc:
            raise Refused(Problem("error", exc.code, Mark(document), exc.params)) from None
    markdown = release.output(".md")
    if markdown is None:
        return ""
    from strategy.export.pandoc import run_pandoc
    return normalized(run_pandoc(markdown.read_text(encoding="utf-8"), "plain",
                                 args=["--wrap=none"], epoch=0))


def _missing_text(remarks: list[Remark], released: str, docx: Path) -> list[Problem]:
    problems = []
    for r in remarks:
        needed = [r.quoted] if r.kind != "deletion" else [r.text, r.quoted]
        gone = next((t for t in needed if t and t not in released), None)
        if gone is not None:
            problems.append(Problem("error", "comments.text_gone", Mark(docx), {
                "author": r.author or "?", "date": r.date.isoformat() if r.date else "?",
                "text": _excerpt(gone)}))
    return problems


def _fingerprint(c: ReviewComment) -> tuple:
    return (c.source, c.version, c.author, c.date, c.kind, c.quoted, c.text)


def _items(remarks: list[Remark], version: str, existing: list[ReviewComment]
           ) -> tuple[list[ReviewComment], int]:
    prefix = f"U-{version}-"
    numbers = [int(m.group(1)) for c in existing
               if (m := re.match(re.escape(prefix) + r"(\d+)$", c.id))]
    number = max(numbers, default=0)
    seen = {_fingerprint(c) for c in existing}
    items, skipped = [], 0
    for r in remarks:
        number += 1
        item = ReviewComment(
            id=f"{prefix}{number:03d}", source="council", version=version, author=r.author,
            date=r.date or dt.date.today(), kind=r.kind, section=r.section,
            quoted=_excerpt(r.quoted),
            text=r.text, status="open", response="")
        if _fingerprint(item) in seen:
            skipped += 1
            number -= 1
            continue
        seen.add(_fingerprint(item))
        items.append(item)
    return items, skipped


def item_yaml(item: ReviewComment) -> str:
    data = item.model_dump(exclude={"category"}, exclude_none=True)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    return SCHEMA_LINE + body


def import_comments(docx: Path, sections: Path, releases: Path) -> Imported:
    """File the DOCX's comments into ``sections/review/``; raises Refused, writing nothing."""
    if not docx.is_file():
        raise Refused(Problem("error", "comments.no_file", Mark(docx), {}), code=2)
    from strategy.pipeline import load_and_validate

    current = load_and_validate(sections)
    record = current.kinds.get("strategy")
    if record is None:
        raise Refused(*current.problems, Problem("error", "comments.sections_invalid", None, {}))
    if (sections / f"{REGISTER}.yaml").exists() or (sections / f"{REGISTER}.yml").exists():
        raise Refused(Problem("error", "comments.register_is_file",
                              Mark(sections / f"{REGISTER}.yaml"), {}))
    try:
        review = read_review(docx)
    except NotDocx as exc:  # not a DOCX, or one that cannot be read within the limits
        raise Refused(Problem("error", exc.code, Mark(docx), exc.params)) from None
    release = _release_of(review, docx, record.title, releases)
    problems = _missing_text(review.remarks, _released_text(release), docx)
    if problems:
        raise Refused(*problems)
    register = current.kinds.get(REGISTER)
    if REGISTER in current.sections.data and register is None:
        raise Refused(*current.problems, Problem("error", "comments.sections_invalid", None,
                                                 {}))
    existing = list(register.comments) if register is not None else []  # type: ignore[attr-defined]
    items, skipped = _items(review.remarks, release.version, existing)
    if not items:
        return Imported([], skipped)
    _check_with(sections, items, current.problems)
    return Imported(_write(sections / REGISTER, items), skipped)


def _check_with(sections: Path, items: list[ReviewComment], before: list[Problem]) -> None:
    """Validate the register with the new files, in a copy of the sections: the import
    may bring no error that was not there before."""
    from strategy.pipeline import load_and_validate

    with tempfile.TemporaryDirectory(prefix=".comments-") as work:
        copy = Path(work) / "sections"
        copy_folder(sections, copy, skip=lambda p: p.name.startswith("."))  # inside only
        (copy / REGISTER).mkdir(exist_ok=True)
        for item in items:
            (copy / REGISTER / f"{item.id}.yaml").write_text(item_yaml(item), encoding="utf-8")
        after = load_and_validate(copy)
        old = {_where(p, sections) for p in before if p.severity == "error"}
        new = [p for p in after.problems if p.severity == "error"
               and _where(p, copy) not in old]
        if has_errors(new) or REGISTER not in after.kinds:
            raise Refused(*new, Problem("error", "comments.sections_invalid", None, {}))


def _where(p: Problem, root: Path) -> tuple:
    if p.mark is None:
        return (p.code, "", 0)
    try:
        name = p.mark.file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        name = p.mark.file.name
    return (p.code, name, p.mark.line)


def _write(folder: Path, items: list[ReviewComment]) -> list[Path]:
    """Write every file beside its place first, then move them in; all or none."""
    folder.mkdir(exist_ok=True)
    targets = [folder / f"{item.id}.yaml" for item in items]
    if any(t.exists() for t in targets):
        raise Refused(Problem("error", "comments.exists", Mark(folder), {
            "file": next(t.name for t in targets if t.exists())}))
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=folder))
    moved: list[Path] = []
    try:
        for item, target in zip(items, targets, strict=True):
            (staging / target.name).write_text(item_yaml(item), encoding="utf-8")
        for target in targets:
            os.replace(staging / target.name, target)
            moved.append(target)
    except OSError:
        for path in moved:
            path.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return targets
