"""``verify vX.Y``: rebuild a release from its recorded sections and compare the SHA-256
of every output with its manifest."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from strategy.pipeline import Progress
from strategy.release.archive import build_release
from strategy.release.folders import (
    Release,
    check_intact,
    find,
    read_release,
    sha256,
)
from strategy.release.manifest import tools
from strategy.release.withdrawals import Withdrawal, withdrawn


@dataclass
class Verdict:
    release: Release
    matches: dict[str, bool] = field(default_factory=dict)  # output name -> same hash
    tools_differ: list[str] = field(default_factory=list)
    withdrawn: Withdrawal | None = None

    @property
    def ok(self) -> bool:
        return bool(self.matches) and all(self.matches.values())


def verify(releases: Path, version: str, progress: Progress) -> Verdict:
    """Raises Refused when the release folder itself differs from its manifest."""
    release = read_release(find(releases, version))
    check_intact(release)
    previous = None
    if release.previous:
        previous = read_release(find(releases, release.previous))
        check_intact(previous)
    verdict = Verdict(release, withdrawn=withdrawn(releases).get(release.key))
    recorded = release.manifest.get("tools", {})
    verdict.tools_differ = sorted(k for k, v in tools().items() if recorded.get(k) != v)
    with tempfile.TemporaryDirectory(prefix=".verify-") as work:
        out = Path(work)
        written, _ = build_release(release.sections, out, set(release.manifest["formats"]),
                                   previous, progress, cache=False)
        rebuilt = {p.name: sha256(p) for p in written}
    for name, digest in release.outputs.items():
        verdict.matches[name] = rebuilt.get(name) == digest
    return verdict
