"""Row headers in the PDF's tags: the first cell of each body row of a key-value table
(the record, a project sheet; class "rowheaders") becomes a header cell of its row.

typst tags only the cells of ``table.header`` as header cells (column scope); its
``pdf.header-cell`` (row scope) needs a feature flag the typst package does not
enable. So the PDF's structure tree is edited after compiling: typst.lua writes a
comment before every table, naming the key-value ones, and the n-th table of the
source is the n-th /Table element of the structure tree (both in reading order).
The edit keeps the PDF/A-2a and PDF/UA-1 structure valid (tests run page-validation
on the result) and the bytes reproducible.

While the file is open, a compressed stream whose last byte is a carriage return (a
zlib stream ends in its data's checksum, so this happens to one stream in 256) is
changed so that it does not: followed by the line feed before ``endstream`` it reads
as a CR LF end of line, and a PDF/A validator then counts the stream one byte shorter
than its /Length (ISO 19005-2, 6.1.7.1). Content streams get a trailing line feed
(white space, which draws nothing), which changes the checksum; other streams are
stored uncompressed.

Only the objects that change are written again: typst writes one classic
cross-reference table and no object streams, so every other object's bytes are
copied as they are and the table is written anew with the shifted offsets (qpdf
writing the whole file took most of this step's time, ~3 s at 500 pages). A file of
any other shape is written whole by qpdf, as before.
"""

from __future__ import annotations

import io
import re
import zlib
from bisect import bisect_right
from collections.abc import Iterator

import pikepdf

MARK = re.compile(r"^// strategy-table( rowheaders)?$", re.MULTILINE)
ENDSTREAM = re.compile(rb"endstream")
XREF_SECTION = re.compile(rb"(\d+) (\d+)[ \t]*(?:\r\n|\r|\n)")
XREF_ENTRY = re.compile(rb"\d{10} \d{5} [nf](?:\r\n| \r| \n)")
STARTXREF = re.compile(rb"startxref\s+(\d+)")
TABLE_ELEMENT = re.compile(rb"/S\s*/Table(?![^\s/<>\[\]()%{}])")


def marked_tables(source: str) -> list[bool]:
    """For each table of the typst source, in order: whether it is a key-value table."""
    return [bool(m.group(1)) for m in MARK.finditer(source)]


def _each_kid(element: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """The structure elements among ``element``'s kids, each read only when reached."""
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid


def _kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    return list(_each_kid(element))


def _first_kid(element: pikepdf.Object) -> pikepdf.Object | None:
    """``_kids(element)[0]``, reading no other kid."""
    return next(_each_kid(element), None)


def _tables(element: pikepdf.Object) -> list[pikepdf.Object]:
    found = []
    for kid in _kids(element):
        if kid.S == "/Table":
            found.append(kid)
        else:
            found += _tables(kid)
    return found


def _tables_found(pdf: pikepdf.Pdf, pdf_bytes: bytes, table: _Table) -> list[pikepdf.Object]:
    """``_tables`` of the structure tree, without reading every element of it: the
    /Table elements are found in the file's bytes and put in reading order by their
    place in the tree, reached through their parents. An empty list when any of them
    does not sit where its parent says (the whole tree is then walked)."""
    root = pdf.Root.StructTreeRoot
    numbers = {table.owner(m.start()) for m in TABLE_ELEMENT.finditer(pdf_bytes)}
    places: dict[tuple[int, int], dict[tuple[int, int], int]] = {}

    def place(parent: pikepdf.Object, child: pikepdf.Object) -> int | None:
        if parent.objgen not in places:
            kids = parent.get("/K")
            items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            places[parent.objgen] = {k.objgen: i for i, k in enumerate(items)
                                     if isinstance(k, pikepdf.Object) and k.is_indirect}
        return places[parent.objgen].get(child.objgen)

    found = []
    for num in sorted(n for n in numbers if n):
        element = pdf.get_object((num, 0))
        if not isinstance(element, pikepdf.Dictionary) or element.get("/S") != "/Table":
            continue
        path: list[int] = []
        node = element
        while len(path) < 1000:  # a cycle of parents is not a tree
            parent = node.get("/P")
            at = place(parent, node) if isinstance(parent, pikepdf.Dictionary) else None
            if at is None:
                return []
            path.append(at)
            if parent.objgen == root.objgen:
                break
            if parent.get("/S") == "/Table":  # inside a table: not one of the source's
                path = []
                break
            node = parent
        else:
            return []
        if path:
            found.append((path[::-1], element))
    return [element for _, element in sorted(found, key=lambda f: f[0])]


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


def _unambiguous_end(obj: pikepdf.Object) -> bool:
    """Give the stream ``obj`` a last byte that is not a carriage return, if it is a
    compressed stream ending in one; whether it changed."""
    if not isinstance(obj, pikepdf.Stream) or obj.get("/Filter") != "/FlateDecode":
        return False
    if not obj.read_raw_bytes().endswith(b"\r"):
        return False
    data = obj.read_bytes()
    content = "/Type" not in obj and "/Subtype" not in obj or obj.get("/Subtype") == "/Form"
    packed = zlib.compress(data + b"\n", 6) if content else b"\r"
    if not packed.endswith(b"\r"):
        obj.write(packed, filter=pikepdf.Name.FlateDecode)
        return True
    if not data.endswith(b"\r"):
        obj.write(data)
        return True
    return False


class _Table:
    """The one classic cross-reference table of a PDF as written by typst: where each
    object starts and ends in the file. ``None`` from ``read`` for any other shape."""

    def __init__(self, start: int, sections: list[tuple[int, int, list[bytes]]],
                 trailer: int) -> None:
        self.start = start  # where "xref" begins
        self.sections = sections  # (where its entries begin, first number, entries)
        self.trailer = trailer  # where "trailer" begins
        used = sorted((int(e[:10]), first + i) for _, first, entries in sections
                      for i, e in enumerate(entries) if e[17] == 110)  # "n": in use
        self.offsets = [offset for offset, _ in used]
        self.numbers = [num for _, num in used]
        self.place = {num: i for i, num in enumerate(self.numbers)}

    @classmethod
    def read(cls, pdf: bytes) -> _Table | None:
        at = pdf.rfind(b"startxref")
        digits = STARTXREF.match(pdf, at) if at >= 0 else None
        if digits is None:
            return None
        start = int(digits.group(1))
        if start >= at or not pdf.startswith(b"xref", start):
            return None
        pos = start + 4
        while pdf[pos:pos + 1] in (b"\r", b"\n", b" "):
            pos += 1
        sections: list[tuple[int, int, list[bytes]]] = []
        while not pdf.startswith(b"trailer", pos):
            head = XREF_SECTION.match(pdf, pos)
            if head is None:
                return None
            first, count = int(head.group(1)), int(head.group(2))
            pos = head.end()
            entries = XREF_ENTRY.findall(pdf, pos, pos + 20 * count)
            if len(entries) != count:
                return None
            sections.append((pos, first, entries))
            pos += 20 * count
        # An updated file (a second table, an xref stream) is left to qpdf.
        trailer = pdf[pos:at]
        if b"/Prev" in trailer or b"/XRefStm" in trailer:
            return None
        table = cls(start, sections, pos)
        if not table.offsets or table.offsets[-1] >= start or len(table.place) != len(
                table.numbers):
            return None
        return table

    def extent(self, num: int) -> tuple[int, int]:
        """Where object ``num`` begins and where the next one (or the table) begins."""
        i = self.place[num]
        end = self.offsets[i + 1] if i + 1 < len(self.offsets) else self.start
        return self.offsets[i], end

    def owner(self, position: int) -> int | None:
        """The object whose bytes hold ``position``."""
        i = bisect_right(self.offsets, position) - 1
        return self.numbers[i] if i >= 0 else None


def _written(obj: pikepdf.Object) -> bytes:
    num = obj.objgen[0]
    if isinstance(obj, pikepdf.Stream):
        return b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (
            num, obj.stream_dict.unparse(resolved=True), obj.read_raw_bytes())
    return b"%d 0 obj\n%s\nendobj\n" % (num, obj.unparse(resolved=True))


def _with_objects(pdf: bytes, table: _Table, changed: dict[int, bytes]) -> bytes:
    """``pdf`` with the objects in ``changed`` replaced, every other byte kept, and its
    cross-reference table and ``startxref`` given the shifted offsets."""
    out = [pdf[:0]]
    size = 0
    ends, shifts = [], []  # from each old offset on, what the edits before add
    copied = 0
    for begin, end in sorted(table.extent(num) for num in changed):
        for part in (pdf[copied:begin], changed[table.owner(begin)]):  # type: ignore[index]
            out.append(part)
            size += len(part)
        copied = end
        ends.append(end)
        shifts.append(size - end)
    out.append(pdf[copied:table.start])
    xref = size + table.start - copied
    copied = table.start
    for pos, _, entries in table.sections:
        out.append(pdf[copied:pos])  # "xref" and the section's head
        for entry in entries:
            if entry[17] == 110:  # in use: its offset moves with the edits before it
                offset = int(entry[:10])
                i = bisect_right(ends, offset) - 1
                entry = b"%010d" % (offset + shifts[i]) + entry[10:] if i >= 0 else entry
            out.append(entry)
        copied = pos + 20 * len(entries)
    tail = pdf[copied:]
    digits = STARTXREF.search(tail)
    assert digits is not None  # read() found it
    out += [tail[:digits.start(1)], b"%d" % xref, tail[digits.end(1):]]
    return b"".join(out)


def with_row_headers(pdf_bytes: bytes, key_value: list[bool]) -> bytes:
    """The PDF with the first body cell of every row of the key-value tables tagged as
    a row header, and no stream ending in a carriage return. Raises ValueError when the
    structure tree does not hold as many tables as the source (nothing would match)."""
    table = _Table.read(pdf_bytes)
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        changed: list[pikepdf.Object] = []
        if table is None:
            streams = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)]
        else:
            # A stream ending in CR shows as CR (and its end of line) before "endstream":
            # only the streams around such a place are read.
            owners = {table.owner(m.start()) for m in ENDSTREAM.finditer(pdf_bytes)
                      if b"\r" in pdf_bytes[max(m.start() - 2, 0):m.start()]}
            streams = [pdf.get_object((num, 0)) for num in sorted(n for n in owners if n)]
        changed += [obj for obj in streams if _unambiguous_end(obj)]
        tables = _tables_found(pdf, pdf_bytes, table) if table is not None else []
        if len(tables) != len(key_value):
            tables = _tables(pdf.Root.StructTreeRoot)
        if len(tables) != len(key_value):
            raise ValueError(f"{len(tables)} tables tagged, {len(key_value)} in the source")
        for found, wanted in zip(tables, key_value, strict=True):
            if not wanted:
                continue
            for part in _kids(found):
                if part.S != "/TBody":
                    continue
                for row in _kids(part):
                    cell = _first_kid(row)
                    if cell is not None and cell.S == "/TD":
                        _row_scope(cell)
                        changed.append(cell)
        if table is not None and all(
                obj.is_indirect and obj.objgen[1] == 0 and obj.objgen[0] in table.place
                for obj in changed):
            return _with_objects(pdf_bytes, table, {obj.objgen[0]: _written(obj)
                                                    for obj in changed})
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()
