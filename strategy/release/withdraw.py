"""``withdraw vX.Y --reason TEXT``: undo a stray release without touching the archive.

The release folder stays as it was; ``releases/vX.Y.withdrawn.json`` records the
withdrawal (date, who, why), the version's item in the history of ``strategy.yaml`` gets
the same as ``withdrawn``, and the record goes back to the version before it. Only the
newest release still in force can be withdrawn (a later one was built on it). In a git
repository both files are committed; the release's tag stays, as the archive does.
"""

from __future__ import annotations

import datetime as dt
import getpass
import subprocess
from dataclasses import dataclass
from pathlib import Path

from strategy.model.record import VersionEntry, Withdrawn
from strategy.pipeline import write_atomic
from strategy.problems import Mark, Problem
from strategy.release import gitops, withdrawals
from strategy.release.errors import Refused
from strategy.release.folders import open_release
from strategy.release.record_edit import withdraw as edit_record
from strategy.release.sources import load_valid


@dataclass
class Result:
    version: str
    file: Path
    restored: str | None  # the version the record went back to
    by: str
    committed: bool = False


def who(sections: Path) -> str:
    """Who withdraws: git's user.name where the sections are in a repository, else the
    login name."""
    try:
        name = subprocess.run(["git", "config", "user.name"], cwd=sections,
                              capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        name = ""
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "?"


def _restore(history: list[VersionEntry], version: str) -> VersionEntry | None:
    """The history item the record goes back to: the last one before ``version`` that
    was not itself withdrawn."""
    before = []
    for entry in history:
        if entry.version == version:
            break
        before.append(entry)
    live = [e for e in before if e.withdrawn is None]
    return live[-1] if live else None


def withdraw_release(sections: Path, releases: Path, version: str, reason: str,
                     by: str | None = None, date: dt.date | None = None) -> Result:
    """Withdraw release ``version``; raises Refused and changes nothing."""
    release = open_release(releases, version)
    record = load_valid(sections, refusal="withdraw.refused_errors")
    s = record.strategy
    assert s is not None
    path = record.sections.files["strategy"][0]
    gone = withdrawals.withdrawn(releases)
    if release.key in gone:
        raise Refused(Problem("error", "withdraw.already",
                              Mark(withdrawals.withdrawal_file(releases, release.version)),
                              {"version": release.version}))
    newest = withdrawals.latest(releases)
    if newest is not None and newest.key != release.key:
        raise Refused(Problem("error", "withdraw.not_latest", Mark(release.folder), {
            "version": release.version, "latest": newest.version}))
    if not reason.strip():
        raise Refused(Problem("error", "withdraw.no_reason", None, {}), code=2)
    mark = Withdrawn(date=date or dt.date.today(), by=(by or who(sections)).strip() or "?",
                     reason=reason.strip())
    if not any(e.version == release.version for e in s.strategy.history):
        raise Refused(Problem("error", "withdraw.not_in_history", Mark(path), {
            "version": release.version}))
    restore = _restore(s.strategy.history, release.version) if (
        s.strategy.version == release.version) else None
    original = path.read_bytes()
    text = original.decode("utf-8")
    edited = edit_record(path, text.removeprefix("\ufeff").replace("\r\n", "\n"),
                         release.version, restore, mark)
    if "\r\n" in text:
        edited = edited.replace("\n", "\r\n")
    if text.startswith("\ufeff"):
        edited = "\ufeff" + edited
    target = withdrawals.record(releases, release, withdrawals.Withdrawal(
        release.version, mark.date, mark.by, mark.reason))
    try:
        write_atomic(path, edited.encode("utf-8"))
    except OSError as exc:
        target.unlink(missing_ok=True)  # nothing happened after all
        raise Refused(Problem("error", "release.record_unwritable", Mark(path),
                              {"reason": exc.strerror or str(exc)})) from None
    result = Result(release.version, target, restore.version if restore else None, mark.by)
    repo = gitops.repo_root(sections)
    if repo is not None:
        result.committed = gitops.commit(
            repo, [target, path], f"Wycofano wersję {release.version}: {mark.reason}") is None
    return result
