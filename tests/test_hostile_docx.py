"""A DOCX given to `comments` comes from outside (issue 10): its parts are read through
release/docx_parts.py, capped and streamed. Bombs, XML attacks and broken packages are
refused with a catalogued message, exit 1, nothing written; lock files Word and
LibreOffice leave in a release folder never make it look tampered with."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import struct
import zipfile
from pathlib import Path

import pytest
from test_release_support import cli, new_project, review_docx, snapshot

from strategy.commands.cli import main
from strategy.release import docx_parts
from strategy.release.docx_parts import DocxParts, PartsRefused
from strategy.release.docx_review import W, read_review
from strategy.release.errors import Refused
from strategy.release.folders import open_release
from strategy.sections.files import is_office_lock_file

DOC = "word/document.xml"
DRAFT = "strategia-testowa-v0.3-rada.docx"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = new_project(tmp_path_factory.mktemp("hostile-docx"))
    assert main(["release", "--sections", str(root / "sections"), "--status", "council",
                 "--date", "2021-06-20", "--format", "docx"]) == 0
    return root


@pytest.fixture(scope="module")
def draft(project) -> Path:
    return project / "releases" / "v0.3" / DRAFT


def _parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as package:
        return {name: package.read(name) for name in package.namelist()}


def _rezip(draft: Path, target: Path, replace: dict[str, bytes] | None = None,
           extra: tuple[tuple[str, bytes], ...] = ()) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in _parts(draft).items():
            package.writestr(name, (replace or {}).get(name, data))
        for name, data in extra:
            package.writestr(name, data)
    return target


def _body(draft: Path, inner: bytes) -> bytes:
    """document.xml of the draft with its body replaced by ``inner``."""
    doc = _parts(draft)[DOC]
    return doc[:doc.index(b"<w:body>") + 8] + inner + b"</w:body></w:document>"


def _refused(capsys, project: Path, docx: Path, code_words: str) -> None:
    before = snapshot(project / "sections", project / "releases")
    result = cli(capsys, "comments", docx, "--sections", project / "sections", "--lang", "en")
    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    assert f"{docx.name}:1:1: error: " in result.err
    assert code_words in result.err, result.err
    assert snapshot(project / "sections", project / "releases") == before


def test_the_released_draft_itself_reads_back(draft):
    review = read_review(draft)
    assert review.properties["title"] and len(review.original) > 20


@pytest.mark.parametrize(("name", "make", "words"), [
    ("zeros", lambda d, t: _rezip(d, t, {DOC: b"\0" * (40 * 2**20)}), "unpacks to more than 32 MB"),
    ("many paragraphs", lambda d, t: _rezip(d, t, {DOC: _body(d, b"<w:p/>" * 60_000)}),
     "more than 50000 paragraphs"),
    ("one huge paragraph", lambda d, t: _rezip(d, t, {DOC: _body(
        d, b"<w:p>" + b"<w:r/>" * 300_000 + b"</w:p>")}), "paragraph of the DOCX holds more"),
    ("markup outside paragraphs", lambda d, t: _rezip(d, t, {DOC: _body(
        d, b"<w:bookmarkEnd/>" * 300_000)}), "holds more than 100000 XML elements"),
    ("deep nesting", lambda d, t: _rezip(d, t, {DOC: _body(
        d, b"<w:p>" + b"<w:r>" * 100_000 + b"</w:r>" * 100_000 + b"</w:p>")}), "not well-formed"),
    ("external entity", lambda d, t: _rezip(d, t, {DOC: b'<?xml version="1.0"?><!DOCTYPE d '
     b'[<!ENTITY x SYSTEM "file:///etc/passwd">]>' + _body(d, b"<w:p><w:r><w:t>&x;</w:t></w:r>"
                                                         b"</w:p>")[38:]}), "declares a DTD"),
    ("billion laughs", lambda d, t: _rezip(d, t, {DOC: b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
     + b"".join(b'<!ENTITY %c "%s">' % (98 + i, b"&%c;" % (97 + i) * 10) for i in range(9))
     + b"]>" + _body(d, b"<w:p><w:r><w:t>&j;</w:t></w:r></w:p>")[38:]}), "declares a DTD"),
    ("DTD in the properties", lambda d, t: _rezip(d, t, {"docProps/core.xml":
     b'<!DOCTYPE x SYSTEM "http://example.org/x.dtd"><x/>'}), "declares a DTD"),
    ("a part that is not XML", lambda d, t: _rezip(d, t, {DOC: b"\x00\x01 garbage"}),
     "not well-formed XML"),
    ("styles that are not XML", lambda d, t: _rezip(d, t, {"word/styles.xml": b"<<<"}),
     "word/styles.xml"),
    ("an entry leading out", lambda d, t: _rezip(d, t, extra=(("../../evil.txt", b"x"),)),
     "unsafe name ('../../evil.txt'"),
    ("an absolute entry", lambda d, t: _rezip(d, t, extra=(("/etc/cron.d/x", b"x"),)),
     "unsafe name"),
    ("too many entries", lambda d, t: _rezip(d, t, extra=tuple(
        (f"x/{i}", b"") for i in range(docx_parts.MAX_ENTRIES + 1))), "more than 2000 parts"),
    ("not a zip", lambda d, t: (t.write_text("hello"), t)[1], "not a Word document"),
    ("empty", lambda d, t: (t.write_bytes(b""), t)[1], "not a Word document"),
    ("cut off", lambda d, t: (t.write_bytes(d.read_bytes()[:20_000]), t)[1],
     "not a Word document"),
])
def test_a_hostile_docx_is_refused_with_a_message(project, draft, tmp_path, capsys, name,
                                                    make, words):
    docx = make(draft, tmp_path / "reviewed.docx")
    _refused(capsys, project, docx, words)


def test_a_repeated_entry_name_is_refused(project, draft, tmp_path, capsys):
    docx = _rezip(draft, tmp_path / "reviewed.docx")
    with pytest.warns(UserWarning), zipfile.ZipFile(docx, "a") as package:
        package.writestr(DOC, b"<x/>")  # a second document.xml: which one would Word show?
    _refused(capsys, project, docx, "repeated")


@pytest.mark.parametrize(("method", "words"), [(zipfile.ZIP_BZIP2, "compressed in a way"),
                                               (zipfile.ZIP_LZMA, "compressed in a way")])
def test_compression_word_does_not_use_is_refused(project, draft, tmp_path, capsys, method,
                                                  words):
    docx = tmp_path / "reviewed.docx"
    with zipfile.ZipFile(docx, "w") as package:
        for name, data in _parts(draft).items():
            package.writestr(name, data, compress_type=method if name == DOC else
                             zipfile.ZIP_DEFLATED)
    _refused(capsys, project, docx, words)


def _patched(docx: Path, offset: int, fmt: str, value: int) -> None:
    data = bytearray(docx.read_bytes())
    struct.pack_into(fmt, data, offset, value)
    docx.write_bytes(bytes(data))


def test_a_central_directory_claiming_many_entries_is_refused_before_it_is_read(draft,
                                                                                 tmp_path):
    docx = shutil.copy(draft, tmp_path / "r.docx")
    end = Path(docx).read_bytes().rfind(b"PK\x05\x06")
    _patched(Path(docx), end + 10, "<H", 60_000)  # total entries
    with pytest.raises(PartsRefused) as refused:
        DocxParts(Path(docx))
    assert refused.value.code == "docx.too_many_entries"


def test_declared_sizes_are_never_trusted(draft, tmp_path):
    """A zip that says document.xml is 100 bytes but holds 40 MB: never inflated past
    what was declared nor past the cap."""
    docx = _rezip(draft, tmp_path / "r.docx", {DOC: b"\0" * (40 * 2**20)})
    with zipfile.ZipFile(docx) as package:
        info = package.getinfo(DOC)
    data = bytearray(docx.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:  # the central directory entry of document.xml: its sizes lie
        (length,) = struct.unpack_from("<H", data, at + 28)
        if data[at + 46:at + 46 + length] == DOC.encode():
            struct.pack_into("<L", data, at + 24, 100)
        at = data.find(b"PK\x01\x02", at + 4)
    struct.pack_into("<L", data, info.header_offset + 22, 100)
    docx.write_bytes(bytes(data))
    with pytest.raises(PartsRefused) as refused, DocxParts(docx) as parts:
        parts.read(DOC)
    assert refused.value.code in ("docx.damaged", "docx.part_too_large")


def test_a_part_is_inflated_no_further_than_its_cap(draft):
    with DocxParts(draft) as parts, pytest.raises(PartsRefused) as refused:
        parts.read(DOC, limit=1000)
    assert refused.value.code == "docx.part_too_large"


def test_paragraphs_are_handed_over_one_at_a_time_and_then_freed(draft):
    with DocxParts(draft) as parts:
        seen = []
        for p in parts.elements(DOC, f"{{{W}}}p"):
            if seen:  # the one handed over before is out of the tree and emptied
                assert seen[-1].getparent() is None and len(seen[-1]) == 0
            seen.append(p)
    assert len(seen) > 20


# --- lock files in a release folder -------------------------------------------------------

@pytest.fixture
def release_copy(project, tmp_path) -> Path:
    shutil.copytree(project, tmp_path / "p")
    return tmp_path / "p"


def _lock_files(folder: Path) -> None:
    (folder / f"~${DRAFT[2:]}").write_bytes(b"\x0cJan Kowalski" + b"\0" * 150)  # Word: 162 B
    (folder / f".~lock.{DRAFT}#").write_text("Jan Kowalski,urzad,PC-12,01.07.2021 10:00,"
                                             "file:///C:/Users/jan/AppData;\n")


def test_lock_files_beside_an_open_draft_are_not_tampering(release_copy, capsys):
    folder = release_copy / "releases" / "v0.3"
    _lock_files(folder)
    _lock_files(folder / "sections")
    assert open_release(release_copy / "releases", "0.3").version == "0.3"
    reviewed = review_docx(folder / DRAFT, release_copy / "r.docx", comments=[
        ("Współpraca dla rozwoju", "Dodać cel.", "Jan Kowalski", dt.date(2021, 7, 1))])
    result = cli(capsys, "comments", reviewed, "--sections", release_copy / "sections")
    assert result.code == 0, result.err


@pytest.mark.parametrize("extra", ["notes.txt", "~$big.docx", "link", "~$folder",
                                   "changed"])
def test_every_other_extra_or_changed_file_is_still_tampering(release_copy, extra):
    folder = release_copy / "releases" / "v0.3"
    if extra == "notes.txt":
        (folder / extra).write_text("x")
    elif extra == "~$big.docx":
        (folder / extra).write_bytes(b"x" * 10_000)  # no lock file is that large
    elif extra == "link":
        os.symlink("/etc/passwd", folder / "sections" / "swot2.yaml")
    elif extra == "~$folder":
        (folder / "~$folder").mkdir()
        (folder / "~$folder" / "x").write_text("x")
    else:
        with (folder / DRAFT).open("ab") as handle:
            handle.write(b"\0")
    with pytest.raises(Refused) as refused:
        open_release(release_copy / "releases", "0.3")
    assert refused.value.problems[0].code == "release.tampered"


def test_the_lock_file_rule_is_one_named_function(tmp_path):
    word, office = tmp_path / "~$rategia.docx", tmp_path / ".~lock.strategia.docx#"
    word.write_bytes(b"x" * 162)
    office.write_text("a,b,c\n")
    assert is_office_lock_file(word) and is_office_lock_file(office)
    assert not is_office_lock_file(tmp_path / "strategia.docx")
    (tmp_path / "~$huge.docx").write_bytes(b"x" * 5000)
    assert not is_office_lock_file(tmp_path / "~$huge.docx")


def test_a_release_refuses_to_archive_a_link_out_of_the_sections(release_copy, capsys):
    sections = release_copy / "sections"
    (sections / "maps").mkdir(exist_ok=True)
    os.symlink("/etc/passwd", sections / "maps" / "unused.png")
    before = snapshot(release_copy / "releases")
    result = cli(capsys, "release", "--sections", sections, "--status", "council",
                 "--date", "2021-06-27", "--format", "md", "--lang", "en")
    assert result.code == 1 and "Traceback" not in result.err
    assert "maps/unused.png" in result.err
    assert snapshot(release_copy / "releases") == before


def test_a_manifest_replaced_by_a_pipe_is_refused_not_waited_for(release_copy):
    manifest = release_copy / "releases" / "v0.3" / "manifest.json"
    manifest.unlink()
    os.mkfifo(manifest)
    with pytest.raises(Refused) as refused:
        open_release(release_copy / "releases", "0.3")
    assert refused.value.problems[0].code == "release.manifest_unreadable"
