"""Rows of a CSV or XLSX file as text cells, with the guards every import shares: a size
limit, a limit on what an XLSX unpacks to (a "zip bomb" is refused before it is opened),
UTF-8 or Windows-1250 text, and located errors instead of tracebacks."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from strategy.data.sectionsio import check_size
from strategy.problems import Mark, Problem
from strategy.release.errors import Refused

MAX_UNPACKED = 100 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000

Cell = Any  # str, or a datetime for a spreadsheet's date cell
Rows = list[list[Cell]]


def open_xlsx(path: Path) -> Any:
    """The workbook of an XLSX, read-only; refused when it is no XLSX or unpacks too big."""
    check_size(path)
    if not zipfile.is_zipfile(path):
        raise Refused(Problem("error", "table.not_xlsx", Mark(path), {}))
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise Refused(Problem("error", "table.not_xlsx", Mark(path), {})) from None
    if "xl/workbook.xml" not in names:
        raise Refused(Problem("error", "table.not_xlsx", Mark(path), {}))
    if unpacked > MAX_UNPACKED:
        raise Refused(Problem("error", "table.unpacks_too_big", Mark(path), {
            "size": unpacked // 1_048_576, "limit": MAX_UNPACKED // 1_048_576}))
    import openpyxl

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        raise Refused(Problem("error", "table.unreadable", Mark(path), {
            "detail": type(exc).__name__})) from None


def xlsx_rows(path: Path) -> Rows:
    """The first sheet's rows, cells as text (dates kept as datetimes)."""
    book = open_xlsx(path)
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


def csv_rows(path: Path) -> Rows:
    """The rows of a CSV separated by ',', ';' or a tab, whichever the header uses."""
    check_size(path)
    text = decode_text(path, path.read_bytes())
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
    """A CSV's or an XLSX's rows, by the file's content rather than its name."""
    check_size(path)
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic == b"PK\x03\x04" or zipfile.is_zipfile(path):  # a workbook, whatever its name
        return xlsx_rows(path)
    return csv_rows(path)
