"""Pandoc Markdown building blocks that print user text exactly as typed.

Everything a user wrote passes through ``escape`` (every ASCII punctuation mark is
backslash-escaped, which pandoc's Markdown always reads as the literal character),
so a gmina called ``*Alfa* [1] $x$ #tag`` prints as typed in DOCX and PDF. Functions
here return ``Md``: text that is already Markdown and must not be escaped again.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Sequence

from strategy.compose.typography import prose as typeset
from strategy.language.books import DEFAULT, book
from strategy.model import tablefit as tfit


class Md(str):
    """A string that is already pandoc Markdown."""


# Every ASCII punctuation mark, backslash-escaped: one table lookup per character (a
# regular expression's substitution per mark was most of composing).
_SPECIAL = str.maketrans({mark: "\\" + mark for mark in string.punctuation})
_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")
_BULLET = re.compile(r"^\s*[-–•]\s+")


def escape(value: object, lang: str = DEFAULT) -> Md:
    """User text as literal inline Markdown, on one line, with Polish typography."""
    if isinstance(value, Md):
        return value
    return _escaped(str(value), lang)


# A document escapes the same texts many times (names, numbers, "brak danych" in every
# table): each is escaped once per process, as it depends only on the text and the
# language's typography (itself read once per process).
@functools.lru_cache(maxsize=1 << 16)
def _escaped(value: str, lang: str) -> Md:
    text = _WHITESPACE.sub(" ", value).strip(" ")  # keep non-breaking spaces
    return Md(typeset(text, lang).translate(_SPECIAL))


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


_ESCAPED = re.compile(r"\\(.)")


# One measured cell per cell text: a table's cells are measured again for its page fit
# and its parts, and a Cell keeps what it measured (tablefit's cached properties).
@functools.lru_cache(maxsize=1 << 16)
def _plain(cell: str) -> tfit.Cell:
    """What a Markdown cell prints, for measuring: escapes undone, bold noted."""
    bold = cell.startswith("**") and cell.endswith("**") and len(cell) > 4
    text = _ESCAPED.sub(r"\1", cell[2:-2] if bold else cell)
    return tfit.Cell(text, bold)


@functools.lru_cache(maxsize=1 << 16)
def _head(cell: str) -> tfit.Cell:
    """A header cell, for measuring: set bold."""
    return tfit.Cell(_plain(cell).text, True)


def _pipe_table(header: list[str], rows: list[list[str]], shares: Sequence[float], align: str,
                caption: str) -> str:
    # Separator dashes in proportion to the measured widths: pandoc reads them as
    # relative widths (the line is longer than 72 characters), in every writer.
    seps = []
    for share, a in zip(shares, align, strict=True):
        dashes = "-" * max(3, round(_DASHES * share))
        seps.append({"l": ":" + dashes, "r": dashes + ":", "c": ":" + dashes + ":"}[a])
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(seps) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n\n: " + caption


_DASHES = 200


def table(
    columns: Sequence[object],
    rows: Sequence[Sequence[object]],
    caption: object,
    source: object,
    *,
    widths: Sequence[int] | None = None,
    align: str | None = None,
    landscape: bool = False,
    row_headers: bool = False,
    lang: str = DEFAULT,
    source_word: str | None = None,
) -> Md:
    """A pipe table with a header row, a caption ("Tabela N." is added on export),
    and the source line under it. ``align`` is one letter per column: l, r or c.

    Column widths, orientation, transposition and splitting follow the rule of
    ``model/tablefit.py``, measured on the cells' text; ``widths`` and ``landscape``
    (what templates used to fix by hand) are accepted and no longer decide anything.
    ``row_headers``: the first column labels its row (a key-value table such as the
    record or a project sheet); the exporters tag those cells as row headers."""
    del widths, landscape  # the rule decides (see the docstring)
    n = len(columns)
    align = align or "l" * n
    header = [_cell(c, lang) for c in columns]
    body = [[_cell(c, lang) for c in (list(row) + [""] * (n - len(row)))[:n]] for row in rows]
    fit = tfit.fit([_head(h) for h in header],
                   [[_plain(c) for c in row] for row in body])
    title = escape(caption, lang)
    source_md = source_line(source, source_word, lang)
    if fit.transposed:
        turned = [list(cells) for cells in zip(header, *body, strict=True)]
        header, body = turned[0], turned[1:]
        numeric = all(a == "r" for a in align[1:])
        align = "l" + ("r" if numeric else "l") * (len(header) - 1)
        row_headers = True
    parts = fit.parts or (tuple(range(len(header))),)
    blocks = []
    for k, part in enumerate(parts, start=1):
        shares = fit.widths if not fit.parts else _part_shares(header, body, part)
        label = title + (f" ({k}/{len(parts)})" if len(parts) > 1 else "")
        part_header = [header[i] for i in part]
        part_body = [[r[i] for i in part] for r in body]
        classes = [".rowheaders"] if row_headers else []
        if _fits_a_page(part_header, part_body, shares, fit.landscape):
            classes.append(".keep")
        attrs = " {" + " ".join(classes) + "}" if classes else ""
        blocks.append(_pipe_table(part_header, part_body, shares,
                                  "".join(align[i] for i in part), label + attrs)
                      + "\n\n" + source_md)
    out = "\n\n".join(blocks)
    if fit.landscape:
        out = "::: {.landscape}\n\n" + out + "\n\n:::"
    return Md(out)


def _fits_a_page(header: list[str], body: list[list[str]], shares: Sequence[float],
                 landscape: bool) -> bool:
    """Whether the table, measured, fits a page with room to spare for its caption and
    source line: then the exporters keep it on one page."""
    width, room = ((tfit.LANDSCAPE_WIDTH, tfit.LANDSCAPE_HEIGHT) if landscape
                   else (tfit.PORTRAIT_WIDTH, tfit.PORTRAIT_HEIGHT))
    rows = [[_head(h) for h in header]] + [[_plain(c) for c in r] for r in body]
    return tfit.height(rows, [s * width for s in shares]) <= 0.8 * room


def _part_shares(header: list[str], body: list[list[str]],
                 part: Sequence[int]) -> tuple[float, ...]:
    """Column shares of one part of a split table, measured on its own columns."""
    head = [_head(header[i]) for i in part]
    rows = [[_plain(r[i]) for i in part] for r in body]
    return tfit.fit(head, rows).widths


def source_line(source: object, word: str | None, lang: str = DEFAULT) -> Md:
    """The "Źródło: …" line under a table or figure (the word: labels' ``source_word``)."""
    word = book(lang, "labels")["source_word"] if word is None else word
    return Md(f"::: {{.source}}\n{escape(word, lang)}: {escape(source, lang)}\n:::")


def figure(path: str, caption: object, alt: object, source: object, lang: str = DEFAULT,
           source_word: str | None = None) -> Md:
    alt_text = _WHITESPACE.sub(" ", str(alt)).strip(" ").replace("\\", "\\\\").replace('"', '\\"')
    return Md(f'![{escape(caption, lang)}]({path}){{fig-alt="{alt_text}"}}\n\n'
              + source_line(source, source_word, lang))
