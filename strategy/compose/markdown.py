"""Pandoc Markdown building blocks that print user text exactly as typed.

Everything a user wrote passes through ``escape`` (every ASCII punctuation mark is
backslash-escaped, which pandoc's Markdown always reads as the literal character),
so a gmina called ``*Alfa* [1] $x$ #tag`` prints as typed in DOCX and PDF. Functions
here return ``Md``: text that is already Markdown and must not be escaped again.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

from strategy.compose.typography import prose as typeset
from strategy.language.books import DEFAULT, book


class Md(str):
    """A string that is already pandoc Markdown."""


_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")
_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")
_BULLET = re.compile(r"^\s*[-–•]\s+")


def escape(value: object, lang: str = DEFAULT) -> Md:
    """User text as literal inline Markdown, on one line, with Polish typography."""
    if isinstance(value, Md):
        return value
    text = _WHITESPACE.sub(" ", str(value)).strip(" ")  # keep non-breaking spaces
    return Md(_SPECIAL.sub(r"\\\1", typeset(text, lang)))


def blocks(text: str, lang: str = DEFAULT) -> Md:
    """Plain prose: paragraphs split at blank lines; lines starting with "- " as a list."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text.strip()):
        lines = [ln for ln in para.splitlines() if ln.strip()]
        if not lines:
            continue
        if all(_BULLET.match(ln) for ln in lines):
            out.append("\n".join("- " + escape(_BULLET.sub("", ln), lang) for ln in lines))
        elif _BULLET.match(lines[-1]) and not _BULLET.match(lines[0]):
            # "Introduction:\n- a\n- b": a lead-in line followed by its list.
            lead = [ln for ln in lines if not _BULLET.match(ln)]
            items = [ln for ln in lines if _BULLET.match(ln)]
            out.append(escape(" ".join(lead), lang))
            out.append("\n".join("- " + escape(_BULLET.sub("", ln), lang) for ln in items))
        else:
            out.append(escape(" ".join(lines), lang))
    return Md("\n\n".join(out))


def bullets(items: Sequence[object], lang: str = DEFAULT) -> Md:
    return Md("\n".join("- " + escape(item, lang) for item in items))


def _cell(value: object, lang: str) -> str:
    if isinstance(value, Md):
        return str(value).replace("|", "\\|").replace("\n", " ")
    if value is None or value == "":
        return "–"
    return escape(value, lang)


def table(
    columns: Sequence[object],
    rows: Sequence[Sequence[object]],
    caption: object,
    source: object,
    *,
    widths: Sequence[int] | None = None,
    align: str | None = None,
    landscape: bool = False,
    lang: str = DEFAULT,
    source_word: str | None = None,
) -> Md:
    """A pipe table with a header row, a caption ("Tabela N." is added on export),
    and the source line under it. ``align`` is one letter per column: l, r or c."""
    n = len(columns)
    widths = list(widths or [1] * n)
    align = align or "l" * n
    # Separator dashes proportional to the widths, long enough that pandoc takes
    # them as relative column widths (it does so when a line exceeds 72 characters).
    total = sum(widths)
    seps = []
    for w, a in zip(widths, align, strict=True):
        dashes = "-" * max(3, round(96 * w / total))
        seps.append({"l": ":" + dashes, "r": dashes + ":", "c": ":" + dashes + ":"}[a])
    lines = ["| " + " | ".join(_cell(c, lang) for c in columns) + " |",
             "|" + "|".join(seps) + "|"]
    for row in rows:
        cells = list(row) + [""] * (n - len(row))
        lines.append("| " + " | ".join(_cell(c, lang) for c in cells[:n]) + " |")
    body = "\n".join(lines) + "\n\n: " + escape(caption, lang) + "\n\n" + source_line(
        source, source_word, lang)
    if landscape:
        body = "::: {.landscape}\n\n" + body + "\n\n:::"
    return Md(body)


def source_line(source: object, word: str | None, lang: str = DEFAULT) -> Md:
    """The "Źródło: …" line under a table or figure (the word: labels' ``source_word``)."""
    word = book(lang, "labels")["source_word"] if word is None else word
    return Md(f"::: {{.source}}\n{escape(word, lang)}: {escape(source, lang)}\n:::")


def figure(path: str, caption: object, alt: object, source: object, lang: str = DEFAULT,
           source_word: str | None = None) -> Md:
    alt_text = _WHITESPACE.sub(" ", str(alt)).strip(" ").replace("\\", "\\\\").replace('"', '\\"')
    return Md(f'![{escape(caption, lang)}]({path}){{fig-alt="{alt_text}"}}\n\n'
              + source_line(source, source_word, lang))
