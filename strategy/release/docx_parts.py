"""Reading the parts of a DOCX someone sent back, with every cost bounded.

A DOCX is a zip of XML parts, and it comes from outside: a council member's Word, or
anyone's. Nothing of it is trusted. ``DocxParts`` refuses, with a catalogued code,
before it costs much time or memory:

- a file larger than ``MAX_FILE_BYTES``; a central directory claiming more than
  ``MAX_ENTRIES`` entries (read from the zip's end record before ``zipfile`` builds an
  object per entry);
- entry names that are absolute, lead out with ``..`` or repeat (a second
  ``word/document.xml`` would let two readers see two documents); encrypted entries
  and compression methods Word does not use;
- a part that inflates past its cap (``read``), never trusting the sizes the zip
  declares: the bytes are counted as they are decompressed, 64 KiB at a time;
- XML with a DTD or entities (XXE, "billion laughs"), which Word never writes, XML that
  is not well-formed, and more than ``MAX_ELEMENTS`` elements in a part.

``elements(part, tag)`` parses a part as a stream and hands over each outermost
element of that tag once it is complete; once the caller moves on it is removed from
the tree, so memory is bounded by the largest such element (``MAX_ELEMENT_SIZE``
elements), not by the part. ``tree(part)`` parses a small part whole.

Usage::

    with DocxParts(path) as parts:
        if parts.has("word/comments.xml"):
            for comment in parts.elements("word/comments.xml", W + "comment"):
                ...

Every refusal is a ``PartsRefused`` with ``code`` and ``params`` for the catalog
(``docx.*`` in language/<lang>/messages.yaml).
"""

from __future__ import annotations

import io
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import BinaryIO

from lxml import etree

MAX_FILE_BYTES = 200 * 2**20  # a strategy with its pictures is a few MB
MAX_ENTRIES = 2000  # Word writes some 20 parts and one per picture
_MAX_DIRECTORY_BYTES = MAX_ENTRIES * 600  # central directory entries of long names
MAX_PART_BYTES = 32 * 2**20  # the 84-page example's document.xml has 0.8 MB
MAX_TOTAL_BYTES = 64 * 2**20  # everything read from one file, inflated
MAX_ELEMENTS = 500_000  # per part; the 84-page example's document.xml has 30 000
MAX_ELEMENT_SIZE = 100_000  # elements in one element ``elements`` hands over
MAX_HANDED = 50_000  # elements it hands over: paragraphs (the example has 572), comments
_CHUNK = 1 << 16
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}


class PartsRefused(Exception):
    """Why the file is not read further: a catalog code (``docx.*``) and its parameters."""

    def __init__(self, code: str, params: dict[str, object] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params = dict(params or {})


def _end_record(handle) -> tuple[int, int]:  # noqa: ANN001 - a binary file
    """(entries, central directory bytes) from the zip's end record, zip64 included."""
    handle.seek(0, 2)
    size = handle.tell()
    start = max(0, size - (0xFFFF + 22))
    handle.seek(start)
    tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        raise PartsRefused("comments.not_docx")
    entries, directory = struct.unpack("<HL", tail[at + 10:at + 16])
    if (entries == 0xFFFF or directory == 0xFFFFFFFF) and at >= 20 and tail[
            at - 20:at - 16] == b"PK\x06\x07":
        (offset,) = struct.unpack("<Q", tail[at - 12:at - 4])
        handle.seek(offset)
        record = handle.read(56)
        if record[:4] == b"PK\x06\x06" and len(record) == 56:
            entries, directory = struct.unpack("<QQ", record[32:48])
    return entries, directory


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and "\\" not in name and "\0" not in name and not path.is_absolute() \
        and ".." not in path.parts and not (len(name) > 1 and name[1] == ":")


class DocxParts:
    """The parts of one DOCX, read within the limits above (a context manager)."""

    def __init__(self, path: Path, data: bytes | None = None) -> None:
        """The parts of the DOCX at ``path``; or of ``data``, its bytes already read (an
        XLSX, also a zip of XML parts, read within its importer's limit), ``path`` then
        only naming it."""
        self.path = path
        self._read = 0
        try:
            if data is not None:
                if len(data) > MAX_FILE_BYTES:
                    raise PartsRefused("docx.too_large", {"mb": MAX_FILE_BYTES // 2**20})
                self._handle: BinaryIO = io.BytesIO(data)
            else:
                info = path.stat()
                if not stat.S_ISREG(info.st_mode):
                    raise PartsRefused("comments.not_docx")
                if info.st_size > MAX_FILE_BYTES:
                    raise PartsRefused("docx.too_large", {"mb": MAX_FILE_BYTES // 2**20})
                self._handle = path.open("rb")
        except OSError:
            raise PartsRefused("comments.not_docx") from None
        try:
            entries, directory = _end_record(self._handle)
            if entries > MAX_ENTRIES or directory > _MAX_DIRECTORY_BYTES:
                raise PartsRefused("docx.too_many_entries", {"limit": MAX_ENTRIES})
            self._handle.seek(0)
            self._zip = zipfile.ZipFile(self._handle)
            self._infos = self._check_entries(self._zip.infolist())
        except PartsRefused:
            self._handle.close()
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
                struct.error, NotImplementedError, RuntimeError, KeyError):
            self._handle.close()
            raise PartsRefused("comments.not_docx") from None

    @staticmethod
    def _check_entries(infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
        if len(infos) > MAX_ENTRIES:
            raise PartsRefused("docx.too_many_entries", {"limit": MAX_ENTRIES})
        found: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            if not _safe_name(name) or name in found:
                raise PartsRefused("docx.bad_entry", {"name": name[:80]})
            found[name] = info
        return found

    def __enter__(self) -> DocxParts:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()
        self._handle.close()

    @property
    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, part: str) -> bool:
        return part in self._infos

    def declared(self, part: str) -> int:
        """The size the zip declares ``part`` unpacks to: enough to refuse what says it
        is too large; ``chunks`` counts what really comes out."""
        return self._infos[part].file_size

    # --- bytes --------------------------------------------------------------------------

    def chunks(self, part: str, limit: int = MAX_PART_BYTES) -> Iterator[bytes]:
        """The inflated bytes of ``part``, 64 KiB at a time, refused past ``limit`` (and
        past MAX_TOTAL_BYTES read from this file in all)."""
        info = self._infos.get(part)
        if info is None:
            raise PartsRefused("comments.not_docx")
        if info.flag_bits & 0x1:
            raise PartsRefused("docx.encrypted")
        if info.compress_type not in _METHODS:
            raise PartsRefused("docx.compression", {"part": part})
        too_large = PartsRefused("docx.part_too_large", {"part": part, "mb": limit // 2**20})
        if info.file_size > limit:
            raise too_large  # declared so: no need to inflate it to know
        total = 0
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    total += len(chunk)
                    self._read += len(chunk)
                    if total > limit or self._read > MAX_TOTAL_BYTES:
                        raise too_large
                    yield chunk
        except PartsRefused:
            raise
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, struct.error,
                NotImplementedError, RuntimeError):
            raise PartsRefused("docx.damaged", {"part": part}) from None

    def read(self, part: str, limit: int = MAX_PART_BYTES) -> bytes:
        return b"".join(self.chunks(part, limit))

    # --- XML ----------------------------------------------------------------------------

    def elements(self, part: str, tag: str, limit: int = MAX_PART_BYTES
                 ) -> Iterator[etree._Element]:
        """Each outermost element ``tag`` (``{namespace}name``) of ``part``, complete,
        in document order, parsed as a stream with no DTD, entities or network.

        Whatever the caller has been handed is removed from the tree when it asks for
        the next one, with every finished element before it, so memory holds about one
        such element at a time. Markup is counted as it is fed (``<`` by ``<``, at C
        speed; no element without one): more than MAX_ELEMENTS in the part, or more than
        MAX_ELEMENT_SIZE between two handed over, is refused before it is built, and so
        is a part with more than MAX_HANDED of them."""
        parser = _parser(events=("start", "end"), tag=tag)
        fed = since = depth = handed = 0
        head = b""
        try:
            for chunk in self.chunks(part, limit):
                head = head or chunk[:4096]
                for piece in (chunk[i:i + _FEED] for i in range(0, len(chunk), _FEED)):
                    marks = piece.count(b"<")
                    fed += marks
                    since += marks
                    if fed > 2 * MAX_ELEMENTS:
                        raise PartsRefused("docx.too_many_elements",
                                           {"part": part, "limit": MAX_ELEMENTS})
                    if since > 2 * MAX_ELEMENT_SIZE + _FEED:
                        raise PartsRefused("docx.paragraph_too_large",
                                           {"limit": MAX_ELEMENT_SIZE})
                    parser.feed(piece)
                    for event, element in parser.read_events():
                        if not handed and depth == 0:
                            _no_dtd(element, part)  # the prolog is read by now
                        if event == "start":
                            depth += 1
                            continue
                        depth -= 1
                        if depth == 0:  # an outermost one, complete
                            handed += 1
                            if handed > MAX_HANDED:
                                raise PartsRefused("docx.too_many_items",
                                                   {"part": part, "limit": MAX_HANDED})
                            yield element
                            _drop(element)
                            since = 0
            _no_dtd(parser.close(), part)
        except etree.XMLSyntaxError as exc:
            raise _syntax(part, exc, head) from None

    def tree(self, part: str, limit: int = 2**20) -> etree._Element:
        """The root of a small part (properties, relationships), parsed whole with the
        same refusals."""
        data = self.read(part, limit)
        if data.count(b"<") > 2 * MAX_ELEMENT_SIZE:
            raise PartsRefused("docx.too_many_elements",
                               {"part": part, "limit": MAX_ELEMENT_SIZE})
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            raise _syntax(part, exc, data[:4096]) from None
        _no_dtd(root, part)
        return root


_FEED = 1 << 14  # markup is counted this finely


def _parser(**kwargs: object) -> etree.XMLParser:
    """libxml2 as it must read XML from outside: no DTD loaded, no entity resolved,
    nothing fetched, the default limits on depth and sizes kept (no huge_tree)."""
    safe = dict(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                remove_comments=True, remove_pis=True, dtd_validation=False)
    if "events" in kwargs:
        return etree.XMLPullParser(**kwargs, **safe)  # type: ignore[arg-type]
    return etree.XMLParser(**safe)  # type: ignore[arg-type]


def _no_dtd(element: etree._Element | None, part: str) -> None:
    """Word never writes a DTD: refuse any (entities, XXE), whatever it declares."""
    if element is None:
        return
    info = element.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise PartsRefused("docx.dtd", {"part": part})


def _syntax(part: str, exc: etree.XMLSyntaxError, start: bytes = b"") -> PartsRefused:
    # libxml2 may give up on a DTD's entities before any event: say what it was.
    if b"<!DOCTYPE" in start.replace(b"\0", b"").upper() or "entity" in str(exc).lower():
        return PartsRefused("docx.dtd", {"part": part})
    return PartsRefused("docx.not_xml", {"part": part, "line": exc.lineno or 1})


def _drop(element: etree._Element) -> None:
    """Free a finished element and everything that ended before it: its children, its
    earlier siblings and those of its ancestors (all handed over or of no interest)."""
    element.clear()
    for node in (element, *element.iterancestors()):
        parent = node.getparent()
        if parent is None:
            break
        while node.getprevious() is not None:
            del parent[0]
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)
