"""``comments reviewed.docx``: file the council's Word comments and tracked changes
into the review register, one file per comment thread or change in
``sections/review/``.

The DOCX must be a released draft of this strategy, or the redline of a release: any
release, not only the latest (a council member often comments on the previous draft).
Each item is filed against the release it was made on, and its text is looked up in the
current sections: the file and field that hold it are recorded, and where the text is no
longer there (changed since that release) the item is marked ``stale``, with the file and
field that held it then. Every text commented on or changed must be in the release it was
made on; everything is checked and validated first, and on any problem nothing is
written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from strategy.model.review import Reply, ReviewComment
from strategy.problems import Mark, Problem, has_errors
from strategy.release.docx_review import (
    Change,
    NotDocx,
    Remark,
    Review,
    normalized,
    read_review,
    revision_marks,
)
from strategy.release.errors import Refused
from strategy.release.folders import Release, check_intact, read_release, release_folders
from strategy.release.revisions import compared_with_names
from strategy.release.withdrawals import active_folders, withdrawn
from strategy.sections import texts
from strategy.sections.files import copy_folder
from strategy.sections.load import load

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/review-item.schema.json\n"
REGISTER = "review"
_EXCERPT = 200


@dataclass
class Imported:
    written: list[Path]
    skipped: int  # already in the register
    version: str = ""  # the release the comments were made on
    latest: str = ""  # the latest release, when that is a later one
    redline: str = ""  # the older version, when the file was a redline
    stale: list[str] = field(default_factory=list)  # IDs of items whose text has changed
    withdrawn: str = ""  # why the release commented on was withdrawn, if it was


def _excerpt(text: str) -> str:
    return text if len(text) <= _EXCERPT else text[:_EXCERPT - 1].rstrip() + "…"


@dataclass
class _Source:
    """What the DOCX was made from: its release and, for a redline, the older one."""

    release: Release
    older: Release | None = None


def _open(folders: dict, version: str) -> Release | None:
    by_version = {f"{k[0]}.{k[1]}": folder for k, folder in folders.items()}
    if version not in by_version:
        return None
    release = read_release(by_version[version])
    check_intact(release)
    return release


def _source_of(review: Review, docx: Path, title: str, releases: Path) -> _Source:
    props = review.properties
    version = props.get("version") or props.get("Wersja", "")
    if not props.get("title") or not version:
        raise Refused(Problem("error", "comments.not_a_release", Mark(docx), {}))
    if normalized(props["title"]) != normalized(title):
        raise Refused(Problem("error", "comments.other_strategy", Mark(docx), {
            "title": props["title"], "expected": title}))
    folders = release_folders(releases)
    release = _open(folders, version)
    if release is None:
        known = ", ".join(f"{k[0]}.{k[1]}" for k in folders) or "–"
        raise Refused(Problem("error", "comments.version_not_released", Mark(docx), {
            "version": version, "known": known}))
    older_version = next((props[n] for n in sorted(compared_with_names()) if props.get(n)), "")
    older = _open(folders, older_version) if older_version else None
    if older_version and older is None:
        raise Refused(Problem("error", "comments.redline_unknown", Mark(docx), {
            "version": version, "old": older_version}))
    return _Source(release, older)


def _document_text(release: Release) -> list[str]:
    """The released document's paragraphs."""
    document = release.output(".docx")
    if document is not None:
        try:
            return read_review(document).original
        except NotDocx as exc:
            raise Refused(Problem("error", exc.code, Mark(document), exc.params)) from None
    markdown = release.output(".md")
    if markdown is None:
        return []
    from strategy.export.pandoc import run_pandoc
    return run_pandoc(markdown.read_text(encoding="utf-8"), "plain",
                      args=["--wrap=none"], epoch=0).split("\n\n")


def _released_text(source: _Source) -> str:
    """Everything a reader of the file saw as released, as one normalized string: the
    document, and for a redline also the older version it shows deleted."""
    paragraphs = _document_text(source.release)
    if source.older is not None:
        paragraphs += _document_text(source.older)
    return normalized(" \n ".join(paragraphs))


def _missing_text(remarks: list[Remark], released: str, docx: Path) -> list[Problem]:
    problems = []
    for r in remarks:
        needed = [r.quoted] + ([r.target.paragraph] if r.target else [])
        if r.kind in ("deletion", "replacement", "move"):
            needed.append(r.change.old if r.change else r.text)
        gone = next((t for t in needed if t and normalized(t) not in released), None)
        if gone is not None:
            problems.append(Problem("error", "comments.text_gone", Mark(docx), {
                "author": r.author or "?", "date": r.date.isoformat() if r.date else "?",
                "text": _excerpt(gone)}))
    return problems


# --- where the text stands in the sections ------------------------------------------------

@dataclass
class _Place:
    file: str = ""
    field: str = ""
    stale: bool = False
    quoted: str = ""
    proposed: str = ""
    moved_to: str = ""


def _located_change(change: Change, index: list[texts.Paragraph]
                    ) -> tuple[texts.Paragraph, tuple[str, str]] | None:
    """The section paragraph holding the changed paragraph and the change's window in
    the section's own words (without a heading's number, say)."""
    found = texts.locate(index, change.paragraph)
    if found is None:
        return None
    span = texts.map_span(change.paragraph, found.text, change.start, change.end)
    if span is None:
        return None
    return found, texts.window(found.text, span[0], span[1], change.new)


def _place_in(r: Remark, index: list[texts.Paragraph]) -> _Place | None:
    if r.change is None:
        found = texts.locate(index, r.quoted)
        return _Place(found.place.file, found.place.field) if found else None
    located = _located_change(r.change, index)
    if located is None:
        return None
    found, (quoted, proposed) = located
    place = _Place(found.place.file, found.place.field, quoted=quoted, proposed=proposed)
    if r.target is not None:
        target = _located_change(r.target, index)
        if target is None:
            return None
        place.moved_to = target[1][1]
    return place


def _place(r: Remark, current: list[texts.Paragraph], then: list[texts.Paragraph]) -> _Place:
    """Where the remark's text is now; else where it was in the release (stale); else
    (generated text: a heading's number, a computed table) nowhere, with the document's
    own words."""
    place = _place_in(r, current)
    if place is not None and r.change is not None and not texts.find(current, place.quoted):
        place = None  # the paragraph is there, but these words of it have changed
    if place is None:
        place = _place_in(r, then)
        if place is not None:
            place.stale = True
    if place is None:
        place = _Place()
    if not place.quoted:
        if r.change is not None:
            place.quoted, place.proposed = texts.window(r.change.paragraph, r.change.start,
                                                        r.change.end, r.change.new)
            if r.target is not None:
                place.moved_to = texts.window(r.target.paragraph, r.target.start,
                                              r.target.end, r.target.new)[1]
        else:
            place.quoted = _excerpt(r.quoted)
    return place


def _fingerprint(c: ReviewComment) -> tuple:
    """What makes an item the same when a file is imported again (a change's window
    follows the sections, so it is not part of it; a comment's quote is the document's)."""
    return (c.source, c.version, c.author, c.date, c.kind, c.text, c.replaced,
            normalized(c.section), c.quoted if c.kind == "comment" else "")


def _items(remarks: list[Remark], version: str, existing: list[ReviewComment],
           current: list[texts.Paragraph], then: list[texts.Paragraph]
           ) -> tuple[list[ReviewComment], int]:
    prefix = f"U-{version}-"
    numbers = [int(m.group(1)) for c in existing
               if (m := re.match(re.escape(prefix) + r"(\d+)$", c.id))]
    number = max(numbers, default=0)
    seen = {_fingerprint(c) for c in existing}
    items, skipped = [], 0
    for r in remarks:
        place = _place(r, current, then)
        item = ReviewComment(
            id=f"{prefix}{number + 1:03d}", source="council", version=version,
            author=r.author, date=r.date or dt.date.today(), kind=r.kind, section=r.section,
            file=place.file, field=place.field, stale=place.stale, quoted=place.quoted,
            text=r.text, replaced=r.replaced, proposed=place.proposed,
            moved_to=place.moved_to,
            replies=[Reply(author=x.author, date=x.date, text=x.text) for x in r.replies],
            resolved=r.resolved, status="open", response="")
        key = _fingerprint(item)
        if key in seen:
            skipped += 1
            continue
        number += 1
        seen.add(key)
        items.append(item)
    return items, skipped


def item_yaml(item: ReviewComment) -> str:
    data = item.model_dump(exclude={"category"}, exclude_none=True)
    for name, empty in (("file", ""), ("field", ""), ("stale", False), ("replaced", ""),
                        ("proposed", ""), ("moved_to", ""), ("replies", []),
                        ("resolved", False)):
        if data.get(name) == empty:
            del data[name]  # only what this item has
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
        first = read_review(docx)
        source = _source_of(first, docx, record.title, releases)
        own: set[tuple[str, str]] = set()
        if source.older is not None:  # a redline: its own changes are its text
            redline = source.release.output(".docx", role="redline")
            own = revision_marks(redline) if redline is not None else set()
            own |= _marks_of(source.release)
        review = read_review(docx, own) if own else first
    except NotDocx as exc:  # not a DOCX, or one that cannot be read within the limits
        raise Refused(Problem("error", exc.code, Mark(docx), exc.params)) from None
    problems = _missing_text(review.remarks, _released_text(source), docx)
    if problems:
        raise Refused(*problems)
    register = current.kinds.get(REGISTER)
    if REGISTER in current.sections.data and register is None:
        raise Refused(*current.problems, Problem("error", "comments.sections_invalid", None,
                                                 {}))
    existing = list(register.comments) if register is not None else []  # type: ignore[attr-defined]
    version = source.release.version
    items, skipped = _items(review.remarks, version, existing, texts.index(current.sections),
                            texts.index(load(source.release.sections)))
    later = [k for k in active_folders(releases) if k > source.release.key]
    gone = withdrawn(releases).get(source.release.key)
    result = Imported([], skipped, version=version,
                      latest=".".join(map(str, later[-1])) if later else "",
                      redline=source.older.version if source.older else "",
                      stale=[i.id for i in items if i.stale],
                      withdrawn=gone.reason if gone else "")
    if not items:
        return result
    _check_with(sections, items, current.problems)
    result.written = _write(sections / REGISTER, items)
    return result


def _marks_of(release: Release) -> set[tuple[str, str]]:
    """The author and day the release's redline signs its changes with."""
    from strategy.release.redline import marks_for
    from strategy.release.sources import previous_strategy

    strategy = previous_strategy(release)
    if strategy is None:
        return set()
    marks = marks_for(strategy)
    return {(marks.author, marks.date[:10])}


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
