"""Rules of accessibility (WCAG 2.1 AA, PDF/UA) that the sections decide: tables with a
header row and fitting a page, titles, alternative texts, no pseudo-headings, readable
maps."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from strategy.checks.rules.engine import rule
from strategy.checks.rules.walks import _fields, _models
from strategy.checks.validated import Validated

_TITLE_FIELDS = ("title", "caption")
_PSEUDO_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+\S", re.MULTILINE)


@rule(partial=True, per_kind=True)
def tables_have_a_header_row(s: Any, v: Validated):
    from strategy.model.common import Table

    for obj, path in _models(s):
        if not isinstance(obj, Table):
            continue
        if not obj.columns:
            yield "error", "access.table_header", (*path, "columns"), {"caption": obj.caption}
            continue
        for j, row in enumerate(obj.rows):
            if len(row) > len(obj.columns):
                yield "error", "access.table_row_width", (*path, "rows", j), {
                    "cells": len(row), "columns": len(obj.columns)}


@rule(per_kind=True)
def tables_fit_a_page(s: Any, v: Validated):
    """The layout rule of compose (model/tablefit.py), told to the user in advance: a
    table of their own that will be turned round or split, or that holds a word wider
    than a landscape column."""
    from strategy.model.common import Table

    for obj, path in _models(s):
        if not isinstance(obj, Table) or not obj.columns:
            continue
        from strategy.model import tablefit  # only where there is a table to lay out

        header = [tablefit.Cell(c, True) for c in obj.columns]
        rows = [[tablefit.Cell("" if c is None else str(c)) for c in row] for row in obj.rows]
        fit = tablefit.fit(header, rows)
        params = {"caption": obj.caption, "columns": len(obj.columns)}
        if fit.transposed:
            yield "warning", "layout.table_turned", (*path, "columns"), params
        elif fit.parts:
            yield "warning", "layout.table_split", (*path, "columns"), {
                **params, "parts": len(fit.parts)}
        if not fit.fits or any(c.longest_word + tablefit.CELL_PADDING > tablefit.LANDSCAPE_WIDTH / 2
                               for r in [header, *rows] for c in r):
            word = max((w for r in [header, *rows] for c in r for w in tablefit.words(c.text)),
                       key=tablefit.text_width)
            yield "warning", "layout.table_too_wide", (*path, "rows"), {**params, "word": word}


@rule(partial=True, per_kind=True)
def titles_are_not_empty(s: Any, v: Validated):
    for obj, path in _models(s):
        for name in _TITLE_FIELDS:
            value = getattr(obj, name, None)
            if isinstance(value, str) and not any(ch.isalnum() for ch in value):
                yield "error", "access.empty_title", (*path, name), {"key": name, "value": value}


@rule(partial=True, per_kind=True)
def alt_texts_describe_the_image(s: Any, v: Validated):
    for obj, path in _models(s):
        alt = getattr(obj, "alt", None)
        if not isinstance(alt, str):
            continue
        said = alt.strip().rstrip(".").casefold()
        caption = str(getattr(obj, "caption", "") or "")  # a title page's emblem has none
        if said in (caption.strip().rstrip(".").casefold(), Path(obj.file).name.casefold(),
                    Path(obj.file).stem.casefold()):
            yield "warning", "access.alt_repeats", (*path, "alt"), {"alt": alt}


@rule(partial=True, per_kind=True)
def prose_has_no_pseudo_headings(s: Any, v: Validated):
    for obj, path in _models(s):
        for name in _fields(type(obj)):
            value = getattr(obj, name, None)
            if isinstance(value, str) and name not in ("id", "file"):
                match = _PSEUDO_HEADING.search(value)
                if match:
                    line = value[match.start():].splitlines()[0].strip()
                    yield "error", "access.pseudo_heading", (*path, name), {"line": line}


# --- maps of the graphic part (strategy/sections/geojson.py) --------------------------

@rule(partial=True, per_kind=True)
def maps_are_readable(s: Any, v: Validated):
    for obj, path in _models(s):
        # A map is an instance of the maps' model, so that model's module is imported by
        # then: where it is not, there is no map (and its models are not built for this).
        maps_model = sys.modules.get("strategy.model.maps")
        if maps_model is not None and isinstance(obj, maps_model.Map):
            from strategy.sections import geojson as maps

            for severity, code, params in maps.check(obj):
                yield severity, code, (*path, "file"), params
