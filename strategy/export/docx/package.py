"""A DOCX as its parts: read once, XML parts edited with lxml, written once.

The finishing used to open pandoc's DOCX with python-docx, save it, and re-zip the
result with fixed dates; this module does the same in one pass and writes the same
bytes. What python-docx's save makes of a package, and so what this writes:

- the parts reachable from the package's relationships, walked depth first; a
  relationships file only for a part that has relationships;
- the XML parts python-docx models (the main document, styles, numbering, settings,
  comments, headers, footers, core properties) parsed without blank text and
  serialized with a ``standalone`` declaration; every other part byte for byte;
- ``[Content_Types].xml`` and every ``.rels`` file written anew: defaults for
  ``rels``, ``xml`` and the extensions the OPC spec gives a default type, overrides
  for the rest, sorted; relationships in the order read, new ones after them;
- the zip as ``zipnorm`` writes it (fixed dates, ``[Content_Types].xml`` first).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from strategy.export.zipnorm import ZipDate, zip_entries

_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
_XML_TYPE = "application/xml"
_EXTERNAL = "External"
IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
# The content types python-docx loads as XML parts (and so re-serializes).
XML_PARTS = frozenset({
    "application/vnd.openxmlformats-package.core-properties+xml",
    _WML + "comments+xml", _WML + "document.main+xml", _WML + "footer+xml",
    _WML + "header+xml", _WML + "numbering+xml", _WML + "settings+xml", _WML + "styles+xml",
})
# The OPC spec's default content types by extension (python-docx's opc/spec.py).
_DEFAULT_TYPES = frozenset({
    ("bin", "application/vnd.openxmlformats-officedocument.presentationml.printerSettings"),
    ("bin", "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"),
    ("bin", "application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings"),
    ("bmp", "image/bmp"), ("emf", "image/x-emf"), ("fntdata", "application/x-fontdata"),
    ("gif", "image/gif"), ("jpe", "image/jpeg"), ("jpeg", "image/jpeg"), ("jpg", "image/jpeg"),
    ("png", "image/png"), ("rels", _RELS_TYPE), ("tif", "image/tiff"), ("tiff", "image/tiff"),
    ("wdp", "image/vnd.ms-photo"), ("wmf", "image/x-wmf"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("xml", _XML_TYPE),
})


def parse(xml: bytes | str) -> etree._Element:
    """XML as python-docx parses it: blank text between elements dropped."""
    return etree.fromstring(xml, _PARSER)


def serialize(element: etree._Element) -> bytes:
    return etree.tostring(element, encoding="UTF-8", standalone=True)


@dataclass
class Relationship:
    rid: str
    reltype: str
    target: str  # a part name ("/word/media/a.png"), or the reference of an external one
    external: bool = False


@dataclass
class Part:
    name: str  # "/word/document.xml"
    content_type: str
    blob: bytes = b""
    rels: list[Relationship] = field(default_factory=list)
    _element: etree._Element | None = None

    @property
    def is_xml(self) -> bool:
        return self.content_type in XML_PARTS

    @property
    def element(self) -> etree._Element:
        """The part's XML, parsed on first use (an XML part's only form from then on)."""
        if self._element is None:
            self._element = parse(self.blob)
        return self._element

    def serialized(self) -> bytes:
        return serialize(self.element) if self.is_xml else self.blob

    def relate(self, reltype: str, target: str) -> str:
        """The id of this part's relationship to ``target``, added when new (python-docx's
        ``relate_to``: the first free ``rIdN``)."""
        for rel in self.rels:
            if rel.reltype == reltype and rel.target == target and not rel.external:
                return rel.rid
        taken = {rel.rid for rel in self.rels}
        rid = next(f"rId{n}" for n in range(1, len(self.rels) + 2) if f"rId{n}" not in taken)
        self.rels.append(Relationship(rid, reltype, target))
        return rid

    def related(self, rid: str) -> str:
        return next(rel.target for rel in self.rels if rel.rid == rid)


def _rels_name(part_name: str) -> str:
    folder, name = posixpath.split(part_name)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _base(part_name: str) -> str:
    return posixpath.split(part_name)[0]


def _relative(target: str, base: str) -> str:
    return target[1:] if base == "/" else posixpath.relpath(target, base)


class Package:
    """The parts of a DOCX; ``package.rels`` are the package's own relationships."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self._entries = {name: archive.read(name) for name in archive.namelist()}
        types = etree.fromstring(self._entries["[Content_Types].xml"])
        self._defaults = {e.get("Extension").lower(): e.get("ContentType")
                          for e in types.iter(f"{{{_CT_NS}}}Default")}
        self._overrides = {e.get("PartName").lower(): e.get("ContentType")
                           for e in types.iter(f"{{{_CT_NS}}}Override")}
        self.rels = self._read_rels("/")
        self.parts: dict[str, Part] = {}
        self._walk(self.rels)
        del self._entries

    def _read_rels(self, source: str) -> list[Relationship]:
        name = "_rels/.rels" if source == "/" else _rels_name(source)[1:]
        if name not in self._entries:
            return []
        base = "/" if source == "/" else _base(source)
        rels = []
        for rel in etree.fromstring(self._entries[name]):
            external = rel.get("TargetMode") == _EXTERNAL
            target = rel.get("Target")
            if not external:
                target = posixpath.abspath(posixpath.join(base, target))
            rels.append(Relationship(rel.get("Id"), rel.get("Type"), target, external))
        return rels

    def _walk(self, rels: list[Relationship]) -> None:
        for rel in rels:
            if rel.external or rel.target in self.parts:
                continue
            name = rel.target
            content_type = self._overrides.get(name.lower()) or self._defaults[
                posixpath.splitext(name)[1][1:].lower()]
            part = Part(name, content_type, self._entries[name[1:]])
            self.parts[name] = part
            part.rels = self._read_rels(name)
            self._walk(part.rels)

    def part(self, name: str) -> Part:
        return self.parts[name]

    def main(self) -> Part:
        """The main document part (what ``officeDocument`` points at)."""
        return self.parts[next(r.target for r in self.rels if r.reltype.endswith(
            "/officeDocument"))]

    def add_part(self, template: str, content_type: str, element: etree._Element) -> Part:
        """A new part named by ``template`` ("/word/header%d.xml") with the first free
        number, as python-docx names new parts."""
        name = next(template % n for n in range(1, len(self.parts) + 2)
                    if template % n not in self.parts)
        part = Part(name, content_type, _element=element)
        self.parts[name] = part
        return part

    def _content_types(self) -> bytes:
        defaults = {"rels": _RELS_TYPE, "xml": _XML_TYPE}
        overrides = {}
        for part in self.parts.values():
            ext = posixpath.splitext(part.name)[1][1:]
            if (ext.lower(), part.content_type) in _DEFAULT_TYPES:
                defaults[ext.lower()] = part.content_type
            else:
                overrides[part.name] = part.content_type
        types = parse(f'<Types xmlns="{_CT_NS}"/>')
        for ext in sorted(defaults):
            default = parse(f'<Default xmlns="{_CT_NS}"/>')
            default.set("Extension", ext)
            default.set("ContentType", defaults[ext])
            types.append(default)
        for name in sorted(overrides):
            override = parse(f'<Override xmlns="{_CT_NS}"/>')
            override.set("PartName", name)
            override.set("ContentType", overrides[name])
            types.append(override)
        return serialize(types)

    @staticmethod
    def _rels_xml(rels: list[Relationship], base: str) -> bytes:
        root = parse(f'<Relationships xmlns="{_RELS_NS}"/>')
        for rel in rels:
            element = parse(f'<Relationship xmlns="{_RELS_NS}"/>')
            element.set("Id", rel.rid)
            element.set("Type", rel.reltype)
            element.set("Target", rel.target if rel.external else _relative(rel.target, base))
            if rel.external:
                element.set("TargetMode", _EXTERNAL)
            root.append(element)
        return serialize(root)

    def write(self, *, date: ZipDate, replace: Mapping[str, bytes] | None = None) -> bytes:
        """The package as a zip with fixed dates; ``replace`` swaps entries' contents."""
        entries = {"[Content_Types].xml": self._content_types(),
                   "_rels/.rels": self._rels_xml(self.rels, "/")}
        for part in self.parts.values():
            entries[part.name[1:]] = part.serialized()
            if part.rels:
                entries[_rels_name(part.name)[1:]] = self._rels_xml(part.rels, _base(part.name))
        entries.update(replace or {})
        return zip_entries(entries, date=date)
