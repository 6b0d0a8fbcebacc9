"""``release``: bump the version, record it, build, and archive under ``releases/vX.Y/``.

Everything is prepared in a hidden staging folder beside the releases; only when the
documents are built and the manifest written does the folder get its name (one
rename), and only then is the user's ``strategy.yaml`` replaced. A refusal or a
failure on the way leaves the sections and every earlier release as they were.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from strategy.checks import final
from strategy.language.messages import localized
from strategy.model import Strategy
from strategy.model.record import VersionEntry
from strategy.pipeline import Progress, build, write_atomic
from strategy.problems import Mark, Problem, has_errors
from strategy.release import gitops, withdrawals
from strategy.release.errors import Refused
from strategy.release.folders import (
    MANIFEST,
    SECTIONS,
    Release,
    VersionKey,
    next_version,
    parse_version,
    tree_hashes,
    version_text,
)
from strategy.release.manifest import build_manifest, manifest_bytes
from strategy.release.record_edit import bump
from strategy.release.render import annexes_against
from strategy.release.sources import Validated, load_valid, previous_strategy
from strategy.sections.files import copy_folder, is_office_lock_file

RELEASE_STATUSES = ("council", "consultation", "final")
ALL_FORMATS = frozenset({"docx", "pdf", "md"})


@dataclass
class Request:
    sections: Path
    releases: Path
    status: str
    note: str = ""
    meeting: str | None = None
    date: dt.date | None = None
    force: str | None = None
    formats: frozenset[str] = ALL_FORMATS


@dataclass
class Result:
    folder: Path
    version: str
    outputs: list[Path]
    tag: str | None = None
    notes: list[Problem] = field(default_factory=list)  # warnings shown after success
    committed: list[str] = field(default_factory=list)  # uncommitted sections, now committed


def _version_of(s: Strategy, releases: Path, status: str) -> str:
    """The next number after the newest version not withdrawn; a number already used
    (by a withdrawn release, say) is never given again."""
    gone = withdrawals.withdrawn(releases)
    history = {parse_version(e.version): e for e in s.strategy.history}
    live = [k for k, e in history.items() if k is not None and e.withdrawn is None
            and k not in gone]
    record = parse_version(s.strategy.version)
    if record is not None and record not in gone and (
            record not in history or history[record].withdrawn is None):
        live.append(record)
    live += list(withdrawals.active_folders(releases))
    used: set[VersionKey | None] = {*history, *withdrawals.taken(releases)}
    key = next_version(max(live, default=(0, 0)), status)
    while key in used:
        key = (key[0], key[1] + 1)
    return version_text(key)


def _left_out(root: Path, relative: str) -> bool:
    """Whether the release's copy of the sections leaves ``root / relative`` out (a
    hidden file, a cache, an office lock file: ``archive_sections``)."""
    path = root
    for part in relative.split("/"):
        path = path / part
        if _not_archived(path) or is_office_lock_file(path):
            return True
    return False


def _content(sections: Path) -> dict[str, object]:
    """What a release's content is: the data of every YAML file (the record without its
    version, status, date and history, which every release changes) and the hash of
    every other file."""
    from strategy.sections.yamlsource import read

    content: dict[str, object] = {}
    for name, digest in tree_hashes(sections).items():
        if _left_out(sections, name):
            continue
        content[name] = digest
        if name.endswith((".yaml", ".yml")):  # the data, not its comments or layout
            doc, _ = read(sections / name)
            content[name] = doc.data if doc is not None else digest
    record = next((content[n] for n in ("strategy.yaml", "strategy.yml") if n in content), None)
    if isinstance(record, dict):
        for key in ("version", "status", "date", "history"):
            record.pop(key, None)
    return content


def _refuse_identical(req: Request, previous: Release | None, record: Path) -> str | None:
    """A release with the same content and status as the previous one is a stray second
    run: refused unless ``--force`` says why; returns the recorded reason when forced."""
    if previous is None or previous.manifest.get("status") != req.status:
        return None
    if _content(previous.sections) != _content(req.sections):
        return None
    if req.force:
        return req.force
    raise Refused(Problem("error", "release.identical", Mark(record), {
        "version": previous.version, "status": req.status}))


def refuse_not_final(req: Request, current: Validated) -> str | None:
    """The final gate (checks/final.py): a final version is refused, with every blocker
    at once and where it is, while any remains. Only warnings can be let through, by
    ``--force REASON``; returns the recorded reason when they are."""
    found = final.blockers(current, withdrawals.seen(req.releases), req.date or dt.date.today())
    if not found:
        return None
    if req.force and all(b.forceable for b in found):
        return req.force
    raise Refused(*(b.problem for b in found), Problem("error", "final.refused", None, {
        "count": len(found), "kinds": final.summary(found)}))


def _checks(req: Request, current: Validated, record: Path, latest_date: dt.date | None
            ) -> None:
    s = current.strategy
    assert s is not None
    meetings = [m.id for m in s.meetings.meetings] if s.meetings else []
    if req.meeting is not None and req.meeting not in meetings:
        # Located at the last meeting of meetings.yaml: the new one is added after it
        # (at the file to write, when the strategy has no register of meetings yet).
        where = (current.sections.mark(("meetings", "meetings", len(meetings) - 1))
                 if meetings else Mark(current.sections.root / "meetings.yaml"))
        raise Refused(Problem("error", "release.unknown_meeting", where, {
            "meeting": req.meeting, "known": ", ".join(meetings) or "–",
            "last": meetings[-1] if meetings else "–", "file": where.file.name}), code=2)
    if req.date and latest_date and req.date < latest_date:
        raise Refused(Problem("error", "release.date_order", Mark(record), {
            "date": req.date.isoformat(), "last": latest_date.isoformat()}), code=2)


def _previous(req: Request) -> Release | None:
    return withdrawals.latest(req.releases)


def _encode(text: str, original: bytes) -> bytes:
    if b"\r\n" in original:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if original.startswith(b"\xef\xbb\xbf") else data


def _decode(original: bytes) -> str:
    return original.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")


def make_release(req: Request, progress: Progress) -> Result:
    """Release the sections as the next version; raises Refused and changes nothing."""
    current = load_valid(req.sections, refusal="release.refused_errors")
    s = current.strategy
    assert s is not None
    record = current.sections.files["strategy"][0]
    previous = _previous(req)
    history_dates = [e.date for e in s.strategy.history]
    _checks(req, current, record, max(history_dates) if history_dates else None)
    forced = refuse_not_final(req, current) if req.status == "final" else None
    forced = _refuse_identical(req, previous, record) or forced
    version = _version_of(s, req.releases, req.status)
    entry = VersionEntry(version=version, date=req.date or dt.date.today(), status=req.status,
                         note=req.note, meeting=req.meeting, forced=forced)
    repo = gitops.repo_root(req.sections)
    tag = gitops.tag_name(s.strategy.slug, version) if repo else None
    if repo and tag and gitops.tag_exists(repo, tag):
        raise Refused(Problem("error", "release.tag_exists", None, {"tag": tag}))
    uncommitted, ignored = gitops.uncommitted(repo, req.sections) if repo else ([], [])
    original = record.read_bytes()
    new_text = bump(record, _decode(original), entry)
    req.releases.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".v{version}-", dir=req.releases))
    try:
        staging.chmod(0o755)
        folder, outputs = _stage(req, staging, record, _encode(new_text, original), entry,
                                 previous, s, progress)
        if record.read_bytes() != original:
            raise Refused(Problem("error", "release.sections_changed", Mark(record), {}))
        target = req.releases / f"v{version}"
        if target.exists():
            raise Refused(Problem("error", "release.exists", Mark(target),
                                  {"version": version}))
        os.rename(folder, target)
        try:
            write_atomic(record, _encode(new_text, original))
        except OSError as exc:
            shutil.rmtree(target, ignore_errors=True)  # the release was never complete
            raise Refused(Problem("error", "release.record_unwritable", Mark(record),
                                  {"reason": exc.strerror or str(exc)})) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result = Result(target, version, [target / p.name for p in outputs])
    result.notes += [p for p in current.problems if p.severity == "warning"]
    if repo and tag:
        problem = gitops.commit(repo, [target, record],
                                f"Wersja {version} ({req.status}) {req.note}".strip(),
                                sections=req.sections, tag=tag)
        if problem is None:
            result.tag = tag
            result.committed = uncommitted
        else:
            result.notes.append(Problem("warning", "release.git_failed", None,
                                        {"tag": tag, "reason": problem}))
        archived = [name for name in ignored if not _left_out(repo, name)]
        if archived:
            result.notes.append(Problem("warning", "release.git_ignored", None, {
                "files": ", ".join(archived)}))
    return result


def _stage(req: Request, staging: Path, record: Path, record_bytes: bytes,
           entry: VersionEntry, previous: Release | None, s: Strategy, progress: Progress,
           ) -> tuple[Path, list[Path]]:
    """Copy the sections, apply the record's edit, build and write the manifest."""
    sections = staging / SECTIONS
    archive_sections(req.sections, sections)
    (sections / record.relative_to(req.sections)).write_bytes(record_bytes)
    load_valid(sections, refusal="release.refused_errors")
    outputs, roles = build_release(sections, staging, set(req.formats), previous, progress)
    manifest = build_manifest(staging, slug=s.strategy.slug, title=s.strategy.title,
                              entry=entry, previous=previous.version if previous else None,
                              formats=set(req.formats), roles=roles)
    (staging / MANIFEST).write_bytes(manifest_bytes(manifest))
    for path in staging.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return staging, outputs


def archive_sections(source: Path, target: Path) -> None:
    """Copy the sections folder into a release: ordinary files inside it only. Anything
    else (a link out of the folder, a pipe, a hard link, a file over the limit) is
    refused with its place, since the archive must hold exactly what was released."""
    refused = copy_folder(source, target, skip=_not_archived)
    if refused:
        raise Refused(*(Problem("error", "release.not_archived", Mark(source / name), {
            "file": name, "reason": localized(f"reason.{kind}")}) for name, kind in refused))


def _not_archived(path: Path) -> bool:
    return path.name.startswith(".") or path.name == "__pycache__"


def build_release(sections: Path, out: Path, formats: set[str], previous: Release | None,
                  progress: Progress, *, cache: bool = True) -> tuple[list[Path], dict[str, str]]:
    """The documents of a release (with the annex of changes against ``previous``) and the
    redline against it; the same for ``release`` and ``verify`` (which builds without
    the cache: what it proves is that the files are made again byte for byte)."""
    from strategy.release.redline import redline_name, write_redline

    before = previous_strategy(previous)
    written, problems, _ = build(sections, out, formats, progress,
                                 annexes=annexes_against(before), cache=cache)
    if has_errors(problems):
        raise Refused(*problems, Problem("error", "release.refused_errors", None, {}))
    roles = {p.name: "document" for p in written}
    if before is not None and previous is not None and "docx" in formats:
        current = load_valid(sections, refusal="release.refused_errors").strategy
        assert current is not None
        target = out / redline_name(current, previous.version)
        write_redline(before, previous.sections, current, sections, target)
        written.append(target)
        roles[target.name] = "redline"
    return written, roles
