"""Withdrawn releases: ``releases/vX.Y.withdrawn.json`` beside the release folder.

A release folder is never changed or removed; a stray release is withdrawn by writing,
once, a file beside it that says when, by whom and why (and which manifest it
withdraws). A withdrawn version keeps its folder and its number (numbers are never
reused) but is no longer the latest release: not the previous version of the next
release, not the default of ``diff`` and ``comments``, not what ``package`` takes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from strategy.checks.final import Releases
from strategy.problems import Mark, Problem
from strategy.release.errors import Refused
from strategy.release.folders import (
    MANIFEST,
    Release,
    VersionKey,
    check_intact,
    parse_version,
    read_release,
    release_folders,
    version_text,
)

SUFFIX = ".withdrawn.json"
FORMAT = 1


@dataclass(frozen=True)
class Withdrawal:
    version: str
    date: dt.date
    by: str
    reason: str


def withdrawal_file(root: Path, version: str) -> Path:
    return root / f"v{version}{SUFFIX}"


def _read(path: Path) -> Withdrawal:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Withdrawal(str(data["version"]), dt.date.fromisoformat(data["date"]),
                          str(data["by"]), str(data["reason"]))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise Refused(Problem("error", "withdraw.unreadable", Mark(path),
                              {"reason": str(exc)})) from None


def withdrawn(root: Path) -> dict[VersionKey, Withdrawal]:
    """Every withdrawal recorded under ``root``, by version."""
    if not root.is_dir():
        return {}
    found: dict[VersionKey, Withdrawal] = {}
    for path in root.glob(f"v*{SUFFIX}"):
        key = parse_version(path.name[1:-len(SUFFIX)])
        if key is not None:
            found[key] = _read(path)
    return found


def active_folders(root: Path) -> dict[VersionKey, Path]:
    """The release folders that were not withdrawn, by version, oldest first."""
    gone = withdrawn(root)
    return {k: f for k, f in release_folders(root).items() if k not in gone}


def latest(root: Path) -> Release | None:
    """The newest release not withdrawn, checked against its manifest; None if none."""
    folders = active_folders(root)
    if not folders:
        return None
    release = read_release(list(folders.values())[-1])
    check_intact(release)
    return release


def taken(root: Path) -> set[VersionKey]:
    """Every version number used by a release folder, withdrawn or not."""
    return set(release_folders(root))


def record(root: Path, release: Release, withdrawal: Withdrawal) -> Path:
    """Write the withdrawal of ``release``, once; refused if it was already withdrawn."""
    target = withdrawal_file(root, release.version)
    body = {
        "format": FORMAT,
        "version": withdrawal.version,
        "date": withdrawal.date.isoformat(),
        "by": withdrawal.by,
        "reason": withdrawal.reason,
        "manifest_sha256": hashlib.sha256((release.folder / MANIFEST).read_bytes()).hexdigest(),
    }
    data = (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise Refused(Problem("error", "withdraw.already", Mark(target), {
            "version": release.version})) from None
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return target


def describe(key: VersionKey) -> str:
    return "v" + version_text(key)


def seen(root: Path) -> Releases:
    """What the final gate (checks/final.py) needs of ``root``: the versions with a
    release folder and the versions withdrawn."""
    from strategy.release.folders import release_folders, version_text

    return Releases(frozenset(version_text(k) for k in release_folders(root)),
                    frozenset(version_text(k) for k in withdrawn(root)))
