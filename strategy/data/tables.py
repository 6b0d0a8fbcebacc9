"""Rows of a CSV or XLSX file as text cells, with the guards every import shares: the file
read once within a size limit (never a pipe or a device), an XLSX's zip checked as a
DOCX sent back is (release/docx_parts.py: entries counted, names safe, every part
inflated with its bytes counted rather than its declared size trusted, no DTD or
entities) before openpyxl opens those same bytes, UTF-8 or Windows-1250 text, and
located errors instead of tracebacks."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from strategy.data.sectionsio import read_input
from strategy.problems import Mark, Problem
from strategy.release.docx_parts import MAX_TOTAL_BYTES, DocxParts, PartsRefused
from strategy.release.errors import Refused

MAX_UNPACKED = MAX_TOTAL_BYTES  # what a workbook may unpack to, all its parts together
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
_XML_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
# A refusal of the zip reader, in the words of a workbook.
_REFUSALS = {"docx.too_many_entries": "table.too_many_entries",
             "docx.bad_entry": "table.bad_entry", "docx.part_too_large": "table.part_too_large",
             "docx.compression": "table.damaged", "docx.damaged": "table.damaged",
             "docx.encrypted": "table.encrypted", "docx.too_large": "table.not_xlsx",
             "comments.not_docx": "table.not_xlsx"}

Cell = Any  # str, or a datetime for a spreadsheet's date cell
Rows = list[list[Cell]]


def open_xlsx(path: Path, raw: bytes | None = None) -> Any:
    """The workbook of an XLSX, read-only; refused when it is no XLSX, unpacks too big or
    holds what a spreadsheet program never writes. ``raw``: its bytes, already read."""
    raw = read_input(path) if raw is None else raw
    _check_zip(path, raw)
    import openpyxl

    try:  # the very bytes checked: the file is not opened a second time
        return openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        raise Refused(Problem("error", "table.unreadable", Mark(path), {
            "detail": type(exc).__name__})) from None


def _check_zip(path: Path, raw: bytes) -> None:
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise Refused(Problem("error", "table.not_xlsx", Mark(path), {}))
    try:
        with DocxParts(path, raw) as parts:
            if not parts.has("xl/workbook.xml"):
                raise Refused(Problem("error", "table.not_xlsx", Mark(path), {}))
            declared = sum(parts.declared(name) for name in parts.names)
            if declared > MAX_UNPACKED:  # said so by the zip itself: no need to inflate it
                raise Refused(Problem("error", "table.unpacks_too_big", Mark(path), {
                    "size": declared // 1_048_576, "limit": MAX_UNPACKED // 1_048_576}))
            for name in parts.names:
                _no_declarations(path, name, parts)
    except PartsRefused as refused:
        code = _REFUSALS.get(refused.code, "table.unreadable")
        params = dict(refused.params)
        if code == "table.unreadable":
            params = {"detail": refused.code}
        raise Refused(Problem("error", code, Mark(path), params)) from None


def _no_declarations(path: Path, name: str, parts: DocxParts) -> None:
    """Inflate a part, counting its bytes (DocxParts refuses past the limits), and refuse
    a DTD or an entity in it: Excel and LibreOffice never write one."""
    tail = b""
    for chunk in parts.chunks(name, MAX_UNPACKED):
        window = (tail + chunk).replace(b"\0", b"")
        if any(mark in window for mark in _XML_DECLARATIONS):
            raise Refused(Problem("error", "table.dtd", Mark(path), {"part": name}))
        tail = window[-16:]


def xlsx_rows(path: Path, raw: bytes | None = None) -> Rows:
    """The first sheet's rows, cells as text (dates kept as datetimes)."""
    book = open_xlsx(path, raw)
    try:
        sheet = book.worksheets[0]
        rows: Rows = []
        for n, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if n > MAX_ROWS or len(row) > MAX_COLUMNS:
                raise Refused(Problem("error", "table.too_many", Mark(path, n, 1), {
                    "rows": MAX_ROWS, "columns": MAX_COLUMNS}))
            rows.append([_text(v) for v in row])
    finally:
        book.close()
    while rows and not any(str(c).strip() for c in rows[-1]):
        rows.pop()
    return rows


def _text(value: Any) -> Cell:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def decode_text(path: Path, raw: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Windows-1250; UTF-16 is read by its BOM."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise Refused(Problem("error", "table.encoding", Mark(path), {})) from None
    if b"\x00" in raw[:4096]:
        raise Refused(Problem("error", "table.encoding", Mark(path), {}))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1250")
        except UnicodeDecodeError:
            raise Refused(Problem("error", "table.encoding", Mark(path), {})) from None


def csv_rows(path: Path, raw: bytes | None = None) -> Rows:
    """The rows of a CSV separated by ',', ';' or a tab, whichever the header uses."""
    text = decode_text(path, read_input(path) if raw is None else raw)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    if first.count(delimiter) == 0:
        delimiter = ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
        rows: Rows = []
        for n, row in enumerate(reader, start=1):
            if n > MAX_ROWS or len(row) > MAX_COLUMNS:
                raise Refused(Problem("error", "table.too_many", Mark(path, n, 1), {
                    "rows": MAX_ROWS, "columns": MAX_COLUMNS}))
            rows.append(row)
    except csv.Error as exc:
        raise Refused(Problem("error", "table.syntax", Mark(path), {"detail": str(exc)})) \
            from None
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    return rows


def rows_of(path: Path) -> Rows:
    """A CSV's or an XLSX's rows, by the file's content rather than its name: the file is
    read once, and what is parsed is what was read."""
    raw = read_input(path)
    if raw[:4] == b"PK\x03\x04" or zipfile.is_zipfile(io.BytesIO(raw)):  # a workbook
        return xlsx_rows(path, raw)
    return csv_rows(path, raw)
