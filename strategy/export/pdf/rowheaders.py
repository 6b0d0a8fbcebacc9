"""Row headers in the PDF's tags: the first cell of each body row of a key-value table
(the record, a project sheet; class "rowheaders") becomes a header cell of its row.

typst tags only the cells of ``table.header`` as header cells (column scope); its
``pdf.header-cell`` (row scope) needs a feature flag the typst package does not
enable. So the PDF's structure tree is edited after compiling: typst.lua writes a
comment before every table, naming the key-value ones, and the n-th table of the
source is the n-th /Table element of the structure tree (both in reading order).
The edit keeps the PDF/A-2a and PDF/UA-1 structure valid (tests run page-validation
on the result) and the bytes reproducible (a deterministic file identifier).
"""

from __future__ import annotations

import io
import re

import pikepdf

MARK = re.compile(r"^// strategy-table( rowheaders)?$", re.MULTILINE)


def marked_tables(source: str) -> list[bool]:
    """For each table of the typst source, in order: whether it is a key-value table."""
    return [bool(m.group(1)) for m in MARK.finditer(source)]


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _tables(element: pikepdf.Object) -> list[pikepdf.Object]:
    found = []
    for kid in _kids(element):
        if kid.S == "/Table":
            found.append(kid)
        else:
            found += _tables(kid)
    return found


def _row_scope(cell: pikepdf.Object) -> None:
    cell.S = pikepdf.Name.TH
    attrs = cell.get("/A")
    items = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs] if attrs else []
    table_attrs = next((a for a in items if isinstance(a, pikepdf.Dictionary)
                        and a.get("/O") == "/Table"), None)
    if table_attrs is None:
        table_attrs = pikepdf.Dictionary(O=pikepdf.Name.Table)
        items.insert(0, table_attrs)
    table_attrs.Scope = pikepdf.Name.Row
    cell.A = pikepdf.Array(items) if len(items) > 1 else items[0]


def with_row_headers(pdf_bytes: bytes, key_value: list[bool]) -> bytes:
    """The PDF with the first body cell of every row of the key-value tables tagged as
    a row header; unchanged when there is none. Raises ValueError when the structure
    tree does not hold as many tables as the source (nothing would match)."""
    if not any(key_value):
        return pdf_bytes
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        tables = _tables(pdf.Root.StructTreeRoot)
        if len(tables) != len(key_value):
            raise ValueError(f"{len(tables)} tables tagged, {len(key_value)} in the source")
        for table, wanted in zip(tables, key_value, strict=True):
            if not wanted:
                continue
            for part in _kids(table):
                if part.S != "/TBody":
                    continue
                for row in _kids(part):
                    cells = _kids(row)
                    if cells and cells[0].S == "/TD":
                        _row_scope(cells[0])
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()
