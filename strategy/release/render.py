"""The changelog in words: as the document's annex, and as plain text for ``diff``.

Both come from the same template (``changes.md.j2``). In the document every printed
value is escaped by compose's ``finalize``; on the terminal values print as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2

from strategy.compose import typography
from strategy.language.labels import TEMPLATES, labels
from strategy.model import Strategy
from strategy.release.changelog import Changelog, changelog, words


def _plain_environment(lang: str) -> jinja2.Environment:
    def finalize(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, int | float) and not isinstance(value, bool):
            return typography.number(value, lang=lang)
        return str(value)

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([TEMPLATES / lang, TEMPLATES]),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, finalize=finalize, autoescape=False,
        comment_start_string="{##", comment_end_string="##}")
    env.filters["date"] = lambda v: typography.date(v, lang)
    return env


def changelog_text(changes: Changelog, lang: str) -> str:
    """The changelog ``diff`` prints: Markdown-shaped plain text."""
    template = _plain_environment(lang).get_template("changelog.md.j2")
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
