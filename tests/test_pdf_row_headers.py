"""The PDF's row-header pass (strategy/export/pdf/rowheaders.py) as a specification:

- the first body cell of every row of a key-value table becomes a row header (TH,
  scope Row) and no other cell changes;
- only the objects that change are written again: every other object keeps its bytes,
  and the file reads as exactly the objects the edit meant (compared object by object
  with the same edit made in memory by pikepdf);
- no compressed stream ends in a carriage return afterwards (a PDF/A validator would
  count it one byte short of its /Length);
- a file of another shape (an xref stream, object streams) is still edited right;
- the result is PDF/UA-1 and PDF/A-2a compliant for page-validation.
"""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

import page
import pikepdf
import pytest
import typst

from strategy.export.pdf import rowheaders
from strategy.export.pdf.export import PDF_STANDARDS
from strategy.export.pdf.rowheaders import (
    _first_kid,
    _kids,
    _row_scope,
    _Table,
    _tables,
    _unambiguous_end,
    marked_tables,
    with_row_headers,
)

SOURCE = """#set document(title: "Karta przedsięwzięcia")
#set text(lang: "pl")
= Przedsięwzięcia
// strategy-table rowheaders
#figure(table(columns: 2, table.header[Pole][Wartość],
  [Nazwa], [Wspólna linia autobusowa], [Okres], [2024–2027], [Koszt], [12 000 000 zł]),
  caption: [Fiszka projektowa P1])
// strategy-table
#figure(table(columns: 3, table.header[Gmina][Ludność][Powierzchnia],
  [Alfa], [10 000], [120 km²], [Beta], [8 000], [95 km²]),
  caption: [Gminy partnerstwa])
// strategy-table rowheaders
#figure(table(columns: 2, table.header[Pole][Wartość], [Nazwa], [Centrum usług]),
  caption: [Fiszka projektowa P2])
"""


@pytest.fixture(scope="module")
def typst_pdf() -> bytes:
    return typst.compile(SOURCE.encode(), pdf_standards=PDF_STANDARDS, timestamp=0)


def _edited_in_memory(pdf_bytes: bytes, key_value: list[bool]) -> pikepdf.Pdf:
    """What the pass means, done by pikepdf on the whole file."""
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    for obj in pdf.objects:
        _unambiguous_end(obj)
    for table, wanted in zip(_tables(pdf.Root.StructTreeRoot), key_value, strict=True):
        for part in _kids(table) if wanted else []:
            for row in _kids(part) if part.S == "/TBody" else []:
                cell = _first_kid(row)
                if cell is not None and cell.S == "/TD":
                    _row_scope(cell)
    return pdf


def _same_objects(a: pikepdf.Pdf, b: pikepdf.Pdf) -> list[int]:
    differing = []
    for num in range(1, max(len(a.objects), len(b.objects))):
        x, y = a.get_object((num, 0)), b.get_object((num, 0))
        if isinstance(x, pikepdf.Stream) != isinstance(y, pikepdf.Stream):
            differing.append(num)
        elif isinstance(x, pikepdf.Stream):
            if (x.stream_dict.unparse(resolved=True), x.read_raw_bytes()) != (
                    y.stream_dict.unparse(resolved=True), y.read_raw_bytes()):
                differing.append(num)
        elif x.unparse(resolved=True) != y.unparse(resolved=True):
            differing.append(num)
    return differing


def _cells(pdf_bytes: bytes) -> list[list[tuple[str, str | None]]]:
    """Per table, each body row's first cell: its tag and its scope."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        found = []
        for table in _tables(pdf.Root.StructTreeRoot):
            rows = []
            for part in _kids(table):
                for row in _kids(part) if part.S == "/TBody" else []:
                    cell = _kids(row)[0]
                    attrs = cell.get("/A")
                    items = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs]
                    scope = next((str(a.Scope) for a in items if isinstance(
                        a, pikepdf.Dictionary) and "/Scope" in a), None)
                    rows.append((str(cell.S), scope))
            found.append(rows)
        return found


def test_row_labels_of_key_value_tables_become_row_headers_and_nothing_else(typst_pdf):
    marks = marked_tables(SOURCE)
    assert marks == [True, False, True]
    edited = with_row_headers(typst_pdf, marks)
    assert _cells(edited) == [
        [("/TH", "/Row")] * 3,
        [("/TD", None)] * 2,
        [("/TH", "/Row")],
    ]


def test_the_file_reads_as_the_edit_meant_and_unchanged_objects_keep_their_bytes(typst_pdf):
    marks = marked_tables(SOURCE)
    edited = with_row_headers(typst_pdf, marks)
    with pikepdf.open(io.BytesIO(edited)) as result:
        assert _same_objects(_edited_in_memory(typst_pdf, marks), result) == []
    before, after = _Table.read(typst_pdf), _Table.read(edited)
    assert before is not None and after is not None  # typst's shape, kept
    changed = [num for num in before.numbers
               if typst_pdf[slice(*before.extent(num))] != edited[slice(*after.extent(num))]]
    assert len(changed) == 4  # the four row labels, no other object
    # every offset of the new table points at its object (qpdf would repair it silently)
    assert all(edited.startswith(b"%d 0 obj" % num, offset)
               for num, offset in zip(after.numbers, after.offsets, strict=True))
    assert edited.startswith(typst_pdf[:before.offsets[0]])  # header untouched


def _with_stream_ending_in_cr() -> bytes:
    """A small tagged-looking PDF (classic cross-reference table, as qpdf writes it
    without object streams) whose page content is compressed into bytes ending in CR."""
    packed = next(p for p in (zlib.compress(b"%d w\n" % width, 6) for width in range(1000))
                  if p.endswith(b"\r"))  # a line width: draws nothing on its own
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].Contents = pdf.make_stream(b"")
    pdf.pages[0].Contents.write(packed, filter=pikepdf.Name.FlateDecode)
    pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array()))
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=False,
             stream_decode_level=pikepdf.StreamDecodeLevel.none, deterministic_id=True)
    return out.getvalue()


def _stream_ends(pdf_bytes: bytes) -> list[bytes]:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        return [obj.read_raw_bytes()[-1:] for obj in pdf.objects
                if isinstance(obj, pikepdf.Stream)]


def test_no_compressed_stream_ends_in_a_carriage_return_and_the_page_draws_the_same():
    original = _with_stream_ending_in_cr()
    assert _Table.read(original) is not None
    assert b"\r" in _stream_ends(original)
    edited = with_row_headers(original, [])
    assert b"\r" not in _stream_ends(edited)
    with pikepdf.open(io.BytesIO(original)) as a, pikepdf.open(io.BytesIO(edited)) as b:
        # a trailing line feed is white space: the page draws the same
        assert b.pages[0].Contents.read_bytes() == a.pages[0].Contents.read_bytes() + b"\n"
        assert _same_objects(_edited_in_memory(original, []), b) == []


def test_a_file_with_a_cross_reference_stream_is_edited_just_as_well(typst_pdf):
    marks = marked_tables(SOURCE)
    with pikepdf.open(io.BytesIO(typst_pdf)) as pdf:
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    other_shape = out.getvalue()
    assert _Table.read(other_shape) is None
    assert _cells(with_row_headers(other_shape, marks)) == _cells(
        with_row_headers(typst_pdf, marks))


def test_a_source_naming_more_tables_than_the_pdf_holds_is_refused(typst_pdf):
    with pytest.raises(ValueError, match="3 tables tagged, 4 in the source"):
        with_row_headers(typst_pdf, [True, False, True, True])


@pytest.mark.parametrize("profile", ["ua1", "2a"])
def test_the_edited_file_is_compliant(typst_pdf, tmp_path: Path, profile: str) -> None:
    path = tmp_path / "edited.pdf"
    path.write_bytes(with_row_headers(typst_pdf, marked_tables(SOURCE)))
    report = page.validate_pdf(str(path), profile=profile)
    assert report.is_compliant, [str(f) for f in report.failures][:10]


def test_tables_not_found_in_the_bytes_are_found_by_walking_the_whole_tree(
        typst_pdf, monkeypatch):
    marks = marked_tables(SOURCE)
    expected = _cells(with_row_headers(typst_pdf, marks))
    monkeypatch.setattr(rowheaders, "TABLE_ELEMENT", re.compile(rb"(?!)"))  # finds none
    assert _cells(with_row_headers(typst_pdf, marks)) == expected
