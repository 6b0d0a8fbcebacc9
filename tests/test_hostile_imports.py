"""The files the importers read come from outside (a CSV from the BDL site, a survey
export, a gmina's filled form): each is read once, within its limit, never from a pipe or
a device, and an XLSX's zip is checked part by part, its bytes counted as they inflate,
before openpyxl opens those same bytes. Every refusal is located and changes nothing."""

from __future__ import annotations

import contextlib
import io
import os
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from checking import copy_tiny

from strategy.commands.cli import main

CSV = Path(__file__).parent / "fixtures" / "bdl-csv" / "LUDN_9001_CREL_20240510123456.csv"


def _run(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main([*argv, "--lang", "en"])
    return code, err.getvalue()


def _survey(root: Path, file: Path) -> tuple[int, str]:
    return _run("survey", str(file), "--sections", str(root), "--id", "S9", "--group",
                "residents", "--title", "Ankieta")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.append(["Sygnatura czasowa", "Pytanie"])
    book.active.append(["2021/03/29 8:15:32 AM GMT+2", "Tak"])
    book.save(path)
    return path


def _rewritten(source: Path, target: Path, change) -> Path:  # noqa: ANN001 - a function
    """A copy of the zip ``source`` with each (name, bytes) passed through ``change``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            for name, data in change(info.filename, old.read(info)):
                new.writestr(name, data)
    return target


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("command", ["data", "survey", "import"])
def test_a_pipe_is_refused_at_once_and_never_read(tmp_path, command):
    root = copy_tiny(tmp_path)
    pipe = tmp_path / "export.csv"
    os.mkfifo(pipe)  # reading it would wait forever for a writer
    before = _tree(root)
    if command == "data":
        code, err = _run("data", "import", str(pipe), "--sections", str(root), "--name", "x")
    elif command == "survey":
        code, err = _survey(root, pipe)
    else:
        code, err = _run("import", str(pipe), "--sections", str(root))
    assert code != 0 and "This is not an ordinary file (a folder, a pipe or a device)." in err
    assert "Traceback" not in err and _tree(root) == before


def test_a_csv_with_several_names_is_still_a_csv_to_import(tmp_path):
    root = copy_tiny(tmp_path)
    linked = tmp_path / CSV.name
    os.link(CSV.resolve(), linked) if CSV.stat().st_dev == tmp_path.stat().st_dev else \
        linked.write_bytes(CSV.read_bytes())
    twin = tmp_path / "twin.csv"
    os.link(linked, twin)  # a hard link: the file the user names has two names
    code, err = _run("data", "import", str(linked), "--sections", str(root), "--name",
                     "Ludność", "--id", "ludnosc-csv", "--dimensions", "ogółem")
    assert code == 0, err


def test_a_workbook_that_lies_about_its_size_is_refused_unopened(tmp_path):
    """The zip declares 1 KB for a part that inflates to 70 MB: no more than the declared
    size is inflated (and counted), its checksum then fails, and openpyxl never sees it."""
    root = copy_tiny(tmp_path)
    honest = _rewritten(_workbook(tmp_path / "w.xlsx"), tmp_path / "big.xlsx",
                        lambda name, data: [(name, data)] + (
                            [("xl/media/padding.bin", b"\0" * (70 * 2**20))]
                            if name == "xl/workbook.xml" else []))
    raw = bytearray(honest.read_bytes())
    with zipfile.ZipFile(honest) as archive:
        info = archive.getinfo("xl/media/padding.bin")
    struct.pack_into("<I", raw, info.header_offset + 22, 1024)  # the local header's size
    at = raw.rfind(b"xl/media/padding.bin") - 46  # its entry in the central directory
    assert raw[at:at + 4] == b"PK\x01\x02"
    struct.pack_into("<I", raw, at + 24, 1024)  # the central directory's size
    liar = tmp_path / "liar.xlsx"
    liar.write_bytes(bytes(raw))
    before = _tree(root)
    code, err = _survey(root, liar)
    assert code == 1 and "The workbook is damaged: part xl/media/padding.bin" in err, err
    assert _tree(root) == before


def test_a_workbook_with_a_dtd_is_refused(tmp_path):
    root = copy_tiny(tmp_path)
    laughs = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')

    def with_dtd(name: str, data: bytes) -> list[tuple[str, bytes]]:
        if name != "xl/worksheets/sheet1.xml":
            return [(name, data)]
        return [(name, laughs + data)]  # openpyxl writes the sheet without a prolog

    bad = _rewritten(_workbook(tmp_path / "w.xlsx"), tmp_path / "dtd.xlsx", with_dtd)
    code, err = _survey(root, bad)
    assert code == 1 and "declares a DTD or entities" in err and "sheet1.xml" in err, err


def test_a_workbook_that_says_it_unpacks_past_the_limit_is_refused_uninflated(tmp_path):
    root = copy_tiny(tmp_path)
    parts = _rewritten(_workbook(tmp_path / "w.xlsx"), tmp_path / "parts.xlsx",
                       lambda name, data: [(name, data)] + (
                           [(f"xl/media/{i}.bin", b"\0" * (20 * 2**20)) for i in range(4)]
                           if name == "xl/workbook.xml" else []))
    assert parts.stat().st_size < 2**20  # 80 MB of zeros, in four parts under the cap each
    code, err = _survey(root, parts)
    assert code == 1 and "The workbook unpacks to 80 MB; at most 64 MB is read." in err, err


def test_a_workbook_of_thousands_of_parts_is_refused_before_they_are_listed(tmp_path):
    root = copy_tiny(tmp_path)
    many = _rewritten(_workbook(tmp_path / "w.xlsx"), tmp_path / "many.xlsx",
                      lambda name, data: [(name, data)] + (
                          [(f"xl/media/{i}.bin", b"") for i in range(2500)]
                          if name == "xl/workbook.xml" else []))
    code, err = _run("import", str(many), "--sections", str(root))
    assert code == 1 and "holds more than 2000 parts" in err, err
