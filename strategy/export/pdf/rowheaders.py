"""Row headers in the PDF's tags: the first cell of each body row of a key-value table
(the record, a project sheet; class "rowheaders") becomes a header cell of its row.

typst tags only the cells of ``table.header`` as header cells (column scope); its
``pdf.header-cell`` (row scope) needs a feature flag the typst package does not
enable. So the PDF's structure tree is edited after compiling: typst.lua writes a
comment before every table, naming the key-value ones, and the n-th table of the
source is the n-th /Table element of the structure tree (both in reading order).
The edit keeps the PDF/A-2a and PDF/UA-1 structure valid (tests run page-validation
on the result) and the bytes reproducible (a deterministic file identifier).

While the file is open, a compressed stream whose last byte is a carriage return (a
zlib stream ends in its data's checksum, so this happens to one stream in 256) is
changed so that it does not: followed by the line feed before ``endstream`` it reads
as a CR LF end of line, and a PDF/A validator then counts the stream one byte shorter
than its /Length (ISO 19005-2, 6.1.7.1). Content streams get a trailing line feed
(white space, which draws nothing), which changes the checksum; other streams are
stored uncompressed.
"""

from __future__ import annotations

import io
import re
import zlib

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


def _unambiguous_stream_ends(pdf: pikepdf.Pdf) -> None:
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream) or obj.get("/Filter") != "/FlateDecode":
            continue
        if not obj.read_raw_bytes().endswith(b"\r"):
            continue
        data = obj.read_bytes()
        content = "/Type" not in obj and "/Subtype" not in obj or obj.get("/Subtype") == "/Form"
        packed = zlib.compress(data + b"\n", 6) if content else b"\r"
        if not packed.endswith(b"\r"):
            obj.write(packed, filter=pikepdf.Name.FlateDecode)
        elif not data.endswith(b"\r"):
            obj.write(data)


def with_row_headers(pdf_bytes: bytes, key_value: list[bool]) -> bytes:
    """The PDF with the first body cell of every row of the key-value tables tagged as
    a row header, and no stream ending in a carriage return. Raises ValueError when the
    structure tree does not hold as many tables as the source (nothing would match)."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        _unambiguous_stream_ends(pdf)
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
