"""The changelog in words: as the document's annex, and as plain text for ``diff``.

Both come from the same template (``changes.md.j2``) and phrases (``document.yaml``'s
``changelog``). In the document every printed value is escaped by compose's
``finalize``; on the terminal values print as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from strategy.compose import typography
from strategy.compose.compose import environment
from strategy.language.labels import labels
from strategy.model import Strategy
from strategy.release.changelog import Changelog, changelog, words


def changelog_text(changes: Changelog, lang: str) -> str:
    """The changelog ``diff`` prints: Markdown-shaped plain text."""
    template = environment(lang, plain=True).get_template("changelog.md.j2")
    text = template.render(changes=changes, W=words(lang), L=labels(lang))
    lines: list[str] = []
    for line in text.replace(typography.NBSP, " ").splitlines():
        if line.strip() or (lines and lines[-1].strip()):
            lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"


def annexes_against(previous: Strategy | None) -> Callable[[Any], dict[str, Any]] | None:
    """What ``build`` gives the templates for the annex of changes against ``previous``."""
    if previous is None:
        return None

    def annexes(current: Strategy) -> dict[str, Any]:
        return {"changes": changelog(previous, current),
                "changes_words": words(current.strategy.language)}
    return annexes
