"""Git, when the sections live in a repository: one commit and one tag per release.

Outside a repository (or without git installed) releases work the same; there is just
no tag. Only the release's own paths are committed: whatever else the user has staged
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


def commit_and_tag(root: Path, paths: list[Path], tag: str, message: str) -> str | None:
    """Commit ``paths`` and tag the commit; None on success, else git's complaint."""
    names = [str(p.resolve().relative_to(root.resolve())) for p in paths]
    for args in (("add", "--force", "--", *names),
                 ("commit", "--quiet", "-m", message, "--", *names),
                 ("tag", "-a", tag, "-m", message)):
        result = _git(root, *args)
        if result.returncode != 0:
            return (result.stderr or result.stdout).strip().splitlines()[-1:][0] if (
                result.stderr or result.stdout).strip() else f"git {args[0]}"
    return None
