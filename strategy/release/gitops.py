"""Git, when the sections live in a repository: one commit and one tag per release.

Outside a repository (or without git installed) releases work the same; there is just
no tag. The release commit holds the release folder, ``strategy.yaml`` and every
uncommitted change in the sections (a release archives the sections as they are on
disk, so the tagged commit must hold the same): whatever else the user has staged
stays staged and uncommitted.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                          check=False)


def repo_root(path: Path) -> Path | None:
    """The top of the git work tree holding ``path``, or None."""
    try:
        result = _git(path, "rev-parse", "--show-toplevel")
    except OSError:  # git is not installed
        return None
    return Path(result.stdout.strip()) if result.returncode == 0 else None


def tag_name(slug: str, version: str) -> str:
    return f"{slug}-v{version}"


def tag_exists(root: Path, tag: str) -> bool:
    return _git(root, "rev-parse", "-q", "--verify", f"refs/tags/{tag}").returncode == 0


def _relative(root: Path, path: Path) -> str:
    return path.resolve().relative_to(root.resolve()).as_posix() or "."


def uncommitted(root: Path, folder: Path) -> tuple[list[str], list[str]]:
    """Files under ``folder`` whose state on disk is not committed (changed, new or
    deleted), and files there git ignores; both as paths relative to the repository."""
    result = _git(root, "status", "--porcelain=v1", "-z", "--ignored=matching",
                  "--untracked-files=all", "--", _relative(root, folder))
    if result.returncode != 0:
        return [], []
    changed, ignored = [], []
    entries = iter(result.stdout.split("\0"))
    for entry in entries:
        if len(entry) < 4:
            continue
        code, name = entry[:2], entry[3:]
        if code[0] in "RC":
            next(entries, None)  # a rename names its source after it
        (ignored if code == "!!" else changed).append(name)
    return sorted(changed), sorted(ignored)


def _complaint(result: subprocess.CompletedProcess[str], step: str) -> str:
    lines = (result.stderr or result.stdout).strip().splitlines()
    return lines[-1] if lines else f"git {step}"


def commit(root: Path, paths: list[Path], message: str, sections: Path | None = None,
           tag: str | None = None) -> str | None:
    """Commit ``paths`` (and, when given, every change under ``sections``), and tag the
    commit when ``tag`` is given; None on success, else git's complaint."""
    names = [_relative(root, p) for p in paths]
    steps: list[tuple[str, ...]] = [("add", "--force", "--", *names)]
    if sections is not None:
        names.append(_relative(root, sections))
        steps.append(("add", "--all", "--", names[-1]))  # deletions too; .gitignore holds
    steps.append(("commit", "--quiet", "-m", message, "--", *names))
    if tag is not None:
        steps.append(("tag", "-a", tag, "-m", message))
    for args in steps:
        result = _git(root, *args)
        if result.returncode != 0:
            return _complaint(result, args[0])
    return None
