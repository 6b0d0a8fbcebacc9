"""``data import FILE.csv``: a CSV downloaded from the BDL web site as a snapshot.

The site writes ``;``-separated, quoted fields, a decimal comma, ``-`` for a value GUS
does not give, in Windows-1250 or UTF-8 with a BOM, and names the file after the
subject and the moment of download (``LUDN_2137_CREL_20240510123456.csv``). Two layouts:

- long ("relational", CREL): ``"Kod";"Nazwa";<one column per dimension>;"Rok";"Wartosc";
  "Jednostka miary";"Atrybut"``, one row per unit and year;
- wide ("table", CTAB): ``"Kod";"Nazwa";"<dimensions>;<year>;[<unit of measure>]";…``,
  one row per unit, one column per variable and year.

"Kod" is a 12-digit BDL unit id or a 7-digit code padded with zeros (see ``bdlunits``).
Each distinct set of dimensions is one variable; a file with several needs
``--dimensions`` to pick one. Every problem is reported with the file, row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strategy.data.bdlunits import teryt_of_code
from strategy.data.sectionsio import read_input
from strategy.model.statistics import POLAND, published_attribute
from strategy.problems import Mark, Problem
from strategy.release.errors import Refused

_WIDE_HEADER = re.compile(r"^(?P<dims>.*?);?(?P<year>\d{4});\[(?P<measure>.*)\]$", re.DOTALL)
_STAMP = re.compile(r"_(\d{8})\d{0,6}\.csv$", re.IGNORECASE)
_SUBJECT = re.compile(r"^[A-Z]+_(\d+)_", re.IGNORECASE)
_MISSING = {"-", ".", ""}  # "-" no value; "." GUS's "no information"
_MAX_PROBLEMS = 50


@dataclass
class Table:
    """What a BDL CSV holds, one variable per key of dimensions and unit of measure."""

    layout: str  # "long" or "wide"
    sha256: str = ""  # of the file's bytes, as read
    names: dict[str, str] = field(default_factory=dict)  # unit code -> name in the file
    # (dimensions, measure) -> {(unit, year): (value, attribute, row)}
    variables: dict[tuple[str, str], dict[tuple[str, int], tuple[Any, str, int]]] = field(
        default_factory=dict)


def decode(path: Path, raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1250 or ISO-8859-2, whichever reads as
    Polish; UTF-16 and undecodable bytes are refused."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        raise Refused(Problem("error", "csv.utf16", Mark(path), {}))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1250")
    except UnicodeDecodeError:
        text = None
    # Latin-2 puts ą, ś, ź where Windows-1250 has ±, ¶, Ľ: letters no BDL file contains.
    if text is None or any(c in text for c in "±¶Ľ"):
        try:
            return raw.decode("iso-8859-2")
        except UnicodeDecodeError:
            raise Refused(Problem("error", "csv.encoding", Mark(path), {})) from None
    return text


def read_table(path: Path) -> Table:
    """The file's variables; raises Refused with every problem found (file, row, column)."""
    raw = read_input(path)  # once: the snapshot's hash is of the bytes read here
    text = decode(path, raw)
    first = text.split("\n", 1)[0]
    if ";" not in first:
        sep = next((s for s in (",", "\t") if s in first), None)
        raise Refused(Problem("error", "csv.separator", Mark(path, 1, 1),
                              {"found": {",": "','", "\t": "TAB"}.get(sep or "", "–")}))
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"'))
    except csv.Error as exc:
        raise Refused(Problem("error", "csv.syntax", Mark(path), {"detail": str(exc)})) from None
    rows = [_trim(r) for r in rows]
    header = rows[0] if rows else []
    if len(header) < 3 or [h.strip().casefold() for h in header[:2]] != ["kod", "nazwa"]:
        raise Refused(Problem("error", "csv.not_bdl", Mark(path, 1, 1), {}))
    folded = [h.strip().casefold() for h in header]
    if "rok" in folded and ("wartosc" in folded or "wartość" in folded):
        table = _long(path, header, rows[1:])
    elif all(_WIDE_HEADER.match(h.strip()) for h in header[2:]):
        table = _wide(path, header, rows[1:])
    else:
        raise Refused(Problem("error", "csv.layout", Mark(path, 1, 1), {}))
    table.sha256 = hashlib.sha256(raw).hexdigest()
    return table


def _trim(row: list[str]) -> list[str]:
    """BDL ends every line with a ';': drop the empty field it leaves."""
    return row[:-1] if row and row[-1] == "" else row


def _long(path: Path, header: list[str], rows: list[list[str]]) -> Table:
    folded = [h.strip().casefold() for h in header]
    at = {name: folded.index(name) for name in ("kod", "nazwa", "rok") if name in folded}
    at["value"] = folded.index("wartosc") if "wartosc" in folded else folded.index("wartość")
    at["measure"] = folded.index("jednostka miary") if "jednostka miary" in folded else -1
    at["attribute"] = folded.index("atrybut") if "atrybut" in folded else -1
    dims = [i for i in range(2, at["rok"])]
    table = Table("long")
    problems: list[Problem] = []
    for n, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            problems.append(Problem("error", "csv.short_row", Mark(path, n, 1), {
                "cells": len(row), "columns": len(header)}))
            continue
        key = (" – ".join(row[i].strip() for i in dims),
               row[at["measure"]].strip() if at["measure"] >= 0 else "")
        attribute = row[at["attribute"]].strip() if at["attribute"] >= 0 else ""
        _put(path, table, key, row[at["kod"]], row[at["nazwa"]], row[at["rok"]],
             row[at["value"]], attribute, n, (at["kod"], at["rok"], at["value"]), problems)
        if len(problems) >= _MAX_PROBLEMS:
            break
    return _done(path, table, problems)


def _wide(path: Path, header: list[str], rows: list[list[str]]) -> Table:
    columns = []
    for i, cell in enumerate(header[2:], start=2):
        match = _WIDE_HEADER.match(cell.strip())
        assert match is not None
        dims = " – ".join(p.strip() for p in match["dims"].split(";") if p.strip())
        columns.append((i, (dims, match["measure"].strip()), match["year"]))
    table = Table("wide")
    problems: list[Problem] = []
    for n, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            problems.append(Problem("error", "csv.short_row", Mark(path, n, 1), {
                "cells": len(row), "columns": len(header)}))
            continue
        for i, key, year in columns:
            _put(path, table, key, row[0], row[1], year, row[i], "", n, (0, i, i), problems)
        if len(problems) >= _MAX_PROBLEMS:
            break
    return _done(path, table, problems)


def _done(path: Path, table: Table, problems: list[Problem]) -> Table:
    if problems:
        raise Refused(*problems)
    if not table.variables:
        raise Refused(Problem("error", "csv.no_rows", Mark(path, 2, 1), {}))
    return table


def _put(path: Path, table: Table, key: tuple[str, str], code: str, name: str, year: str,
         value: str, attribute: str, row: int, columns: tuple[int, int, int],
         problems: list[Problem]) -> None:
    unit = teryt_of_code(code)
    if unit is None:
        problems.append(Problem("error", "csv.unit_code", Mark(path, row, columns[0] + 1),
                                {"code": code}))
        return
    if not (year.strip().isdigit() and 1990 <= int(year) <= 2100):
        problems.append(Problem("error", "csv.year", Mark(path, row, columns[1] + 1),
                                {"year": year}))
        return
    if value.strip() in ("x", "X") and not attribute:
        value, attribute = "", value.strip()  # BDL's mark in place of the number
    number = parse_number(value)
    if number is False:
        problems.append(Problem("error", "csv.number", Mark(path, row, columns[2] + 1),
                                {"value": value}))
        return
    cells = table.variables.setdefault(key, {})
    place = (unit, int(year))
    if place in cells:
        problems.append(Problem("error", "csv.duplicate", Mark(path, row, 1), {
            "unit": code, "year": year, "first": cells[place][2]}))
        return
    cells[place] = (number, attribute, row)
    table.names.setdefault(unit, name.strip() or unit)


def parse_number(text: str) -> float | None | bool:
    """A BDL number ("1 234,5", "-12,3"), None for "-" or "." (no value), False for
    anything else."""
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if cleaned in _MISSING:
        return None
    if not re.match(r"^-?\d+(,\d+)?$", cleaned) and not re.match(r"^-?\d+(\.\d+)?$", cleaned):
        return False
    return float(cleaned.replace(",", "."))


@dataclass
class Request:
    """What the command line says about the import."""

    file: Path
    ident: str
    name: str
    variable: int | None = None
    retrieved: dt.date | None = None
    dimensions: str | None = None
    replace: bool = False


def snapshot(request: Request, table: Table, wanted: list[str]) -> tuple[dict[str, Any],
                                                                           list[Problem]]:
    """The snapshot's data for the members' units (``wanted``: TERYT codes, their
    voivodeships and PL), and notes on what the file held beyond them or lacked."""
    path = request.file
    key = _pick(request, table)
    retrieved = request.retrieved or _stamp(path)
    if retrieved is None:
        raise Refused(Problem("error", "csv.no_date", Mark(path), {}))
    cells = table.variables[key]
    keep = [u for u in wanted if any(c[0] == u for c in cells)]
    notes: list[Problem] = []
    others = sorted({u for u, _ in cells} - set(keep))
    if others:
        notes.append(Problem("warning", "csv.other_units", Mark(path), {
            "count": len(others), "which": ", ".join(others[:6]) + (" …" if len(others) > 6
                                                                      else "")}))
    absent = [u for u in wanted if u not in keep and u != POLAND and len(u) > 2]
    if absent:
        notes.append(Problem("warning", "csv.members_absent", Mark(path), {
            "which": ", ".join(absent)}))
    if not keep:
        raise Refused(*notes, Problem("error", "csv.no_member", Mark(path), {}))
    values = []
    attributes: set[str] = set()
    for unit in keep:
        for (code, year), (value, attribute, _row) in sorted(cells.items(),
                                                              key=lambda item: item[0][1]):
            if code != unit:
                continue
            entry: dict[str, Any] = {"unit": code, "year": year, "value": value}
            if attribute:
                entry["attribute"] = attribute
                attributes.add(attribute)
            values.append(entry)
    legend = {a: meaning.model_dump() for a in sorted(attributes)
              if (meaning := published_attribute(a)) is not None}
    dims, measure = key
    name = request.name + (f" – {dims}" if dims and request.dimensions else "")
    data: dict[str, Any] = {"id": request.ident}
    if request.variable is not None:
        data["variable"] = request.variable
    data.update({"name": name, "measure": measure or "–", "retrieved": retrieved})
    origin: dict[str, Any] = {"kind": "csv", "file": path.name,
                              "sha256": table.sha256}
    subject = _SUBJECT.match(path.name)
    if subject:
        origin["subject"] = f"P{subject.group(1)}"
    data["origin"] = origin
    if legend:
        data["attributes"] = legend
    data["units"] = [{"code": u, "name": table.names[u]} for u in keep]
    data["values"] = values
    return data, notes


def _pick(request: Request, table: Table) -> tuple[str, str]:
    keys = list(table.variables)
    if request.dimensions is not None:
        chosen = [k for k in keys if _same(k[0], request.dimensions)]
        if len(chosen) == 1:
            return chosen[0]
    elif len(keys) == 1:
        return keys[0]
    listed = "; ".join(f'"{k[0] or "–"}" [{k[1]}]' for k in keys[:12])
    raise Refused(Problem("error", "csv.which_variable", Mark(request.file, 1, 1), {
        "count": len(keys), "variables": listed}))


def _same(a: str, b: str) -> bool:
    words = re.compile(r"\w+")
    return words.findall(a.casefold()) == words.findall(b.casefold())


def _stamp(path: Path) -> dt.date | None:
    match = _STAMP.search(path.name)
    if not match:
        return None
    try:
        return dt.datetime.strptime(match.group(1), "%Y%m%d").date()
    except ValueError:
        return None
