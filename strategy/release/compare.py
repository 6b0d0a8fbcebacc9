"""``diff``: what changed from one release to another, or to the current sections: the
changelog in words and the redline DOCX with Word's tracked changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from strategy.language.labels import labels
from strategy.problems import Mark, Problem
from strategy.release import withdrawals
from strategy.release.changelog import changelog
from strategy.release.errors import Refused
from strategy.release.folders import open_release
from strategy.release.redline import redline_name, write_redline
from strategy.release.render import changelog_text
from strategy.release.sources import load_valid, previous_strategy


def compare(releases: Path, old_version: str | None, new_version: str | None,
            sections: Path, out: Path, date: dt.date | None) -> tuple[str, Path, str]:
    """The changelog text, the path of the redline written into ``out`` and the older
    version. Without ``new_version`` the newer side is the current sections, dated
    ``date`` (today); without ``old_version`` the older is the latest release not
    withdrawn."""
    if old_version is None:
        latest = withdrawals.latest(releases)
        if latest is None:
            raise Refused(Problem("error", "diff.no_release", Mark(releases), {}), code=2)
        old_version = latest.version
    old_release = open_release(releases, old_version)
    old = previous_strategy(old_release)
    if new_version is not None:
        new_release = open_release(releases, new_version)
        new, new_sections, when = previous_strategy(new_release), new_release.sections, None
        assert new is not None
        name = redline_name(new, old_release.version)
    else:
        new = load_valid(sections, refusal="diff.refused_errors").strategy
        assert new is not None
        new_sections, when = sections, date or dt.date.today()
        words = labels(new.strategy.language)
        name = (f"{new.strategy.slug}-{words['file_status']['working']}-"
                f"{words['redline_file']}-v{old_release.version}.docx")
    assert old is not None
    changes = changelog(old, new, new_is_release=new_version is not None)
    text = changelog_text(changes, new.strategy.language)
    out.mkdir(parents=True, exist_ok=True)
    target = write_redline(old, old_release.sections, new, new_sections, out / name, when)
    return text, target, old_release.version
