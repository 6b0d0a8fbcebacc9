"""Images a section names, verified by their content, not by their name.

Three formats are accepted because they are the ones every reader of the documents
shows alike: Word, LibreOffice, pandoc and typst (which writes the PDF/A) all take PNG
(charts, screenshots, scanned maps) and JPEG (photographs); SVG is the one vector format
they share, so a map or a diagram drawn in a GIS or Inkscape stays sharp in print. GIF,
TIFF, BMP or WebP are each missing from at least one of them.

A raster image is walked through its structure (PNG chunks with their checksums, JPEG
markers) and its size in pixels is bounded, since a small file can declare a picture
that takes gigabytes to decode. An SVG is parsed without a DTD, entities or network,
and refused when it holds anything that runs or fetches: a script, an event handler,
HTML, a reference to another file or address (an embedded PNG or JPEG is checked like
a file), or ``<use>`` chains that would multiply into millions of shapes.
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
import zlib
from typing import TYPE_CHECKING

from strategy.language.messages import localized

if TYPE_CHECKING:
    from lxml import etree

FORMATS = ("png", "jpeg", "svg")
MAX_PIXELS = 50_000_000  # a 48-megapixel phone photo passes; decoding it takes ~200 MB
MAX_SIDE = 30_000
MAX_SVG_ELEMENTS = 200_000
MAX_SVG_RENDERED = 1_000_000  # shapes after every <use> is expanded
NAMES = {"png": "PNG", "jpeg": "JPEG", "svg": "SVG"}

_PNG = b"\x89PNG\r\n\x1a\n"
_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
_XINCLUDE_NS = "http://www.w3.org/2001/XInclude"
_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]*)\1\s*\)", re.IGNORECASE)
_DATA = re.compile(r"^data:image/(png|jpeg|jpg);base64,(.*)$", re.IGNORECASE | re.DOTALL)
_RUNNING = ("script", "foreignobject", "handler", "listener", "iframe", "embed", "object")


class ImageProblem(Exception):
    def __init__(self, code: str, params: dict[str, object] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params = dict(params or {})


def sniff(data: bytes) -> str | None:
    """The format the content is in, whatever the file's name says."""
    if data.startswith(_PNG):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in data[:65536]:
        return "svg"
    return None


def check(data: bytes, expected: str) -> None:
    """Raise ImageProblem unless ``data`` is a sound image of the format ``expected``."""
    actual = sniff(data)
    if actual is None:
        raise ImageProblem("image.not_image", {"format": NAMES[expected]})
    if actual != expected:
        raise ImageProblem("image.mismatch", {"format": NAMES[expected],
                                              "actual": NAMES[actual]})
    {"png": _png, "jpeg": _jpeg, "svg": _svg}[actual](data)


def _pixels(width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise ImageProblem("image.damaged", {"format": "PNG/JPEG"})
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise ImageProblem("image.too_many_pixels", {
            "width": width, "height": height, "limit": MAX_PIXELS // 1_000_000})


def _png(data: bytes) -> None:
    damaged = ImageProblem("image.damaged", {"format": "PNG"})
    at, seen_header = len(_PNG), False
    while True:
        if at + 12 > len(data):
            raise damaged  # cut off before its end chunk
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        end = at + 12 + length
        if end > len(data):
            raise damaged
        body = data[at + 8:at + 8 + length]
        if zlib.crc32(kind + body) != struct.unpack(">I", data[end - 4:end])[0]:
            raise damaged
        if not seen_header:
            if kind != b"IHDR" or length != 13:
                raise damaged
            _pixels(*struct.unpack(">II", body[:8]))
            seen_header = True
        if kind == b"IEND":
            return
        at = end


def _jpeg(data: bytes) -> None:
    damaged = ImageProblem("image.damaged", {"format": "JPEG"})
    at, size = 2, None
    while True:
        while at < len(data) and data[at] == 0xFF and at + 1 < len(data) and data[
                at + 1] == 0xFF:
            at += 1  # fill bytes
        if at + 2 > len(data) or data[at] != 0xFF:
            raise damaged
        marker = data[at + 1]
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        if marker == 0xD9:
            raise damaged  # the end before any picture
        if at + 4 > len(data):
            raise damaged
        length = struct.unpack(">H", data[at + 2:at + 4])[0]
        if length < 2 or at + 2 + length > len(data):
            raise damaged
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD,
                      0xCE, 0xCF):
            if length < 7:
                raise damaged
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            _pixels(width, height)
            size = (width, height)
        if marker == 0xDA:  # start of scan: the picture's data follows
            if size is None:
                raise damaged
            return
        at += 2 + length


# --- SVG ----------------------------------------------------------------------------------

def _unsafe(what: str, detail: str = "") -> ImageProblem:
    return ImageProblem("image.svg_unsafe", {
        "what": localized(f"image.svg.{what}", detail=detail[:80])})


def _reference(value: str) -> None:
    """A reference inside an SVG: to one of its own elements, or an embedded PNG/JPEG."""
    value = value.strip()
    if not value or value.startswith("#"):
        return
    data = _DATA.match(value)
    if data is None:
        raise _unsafe("reference", value)
    try:
        embedded = base64.b64decode(re.sub(r"\s+", "", data.group(2)), validate=True)
    except (binascii.Error, ValueError):
        raise ImageProblem("image.damaged", {"format": "SVG"}) from None
    kind = "png" if data.group(1).lower() == "png" else "jpeg"
    check(embedded, kind)


def _svg(data: bytes) -> None:
    from lxml import etree  # only for an SVG: a check of sections without one needs it not

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_blank_text=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ImageProblem("image.svg_not_xml", {"line": exc.lineno or 1}) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise _unsafe("dtd")
    if root.tag != f"{{{_SVG_NS}}}svg":
        raise ImageProblem("image.not_svg", {})
    count = 0
    ids: dict[str, etree._Element] = {}
    # Processing instructions before the root element (<?xml-stylesheet …?>) are not in
    # the root's tree; they are refused all the same.
    outside_root = [*root.itersiblings(preceding=True), *root.itersiblings()]
    for node in [*outside_root, *tree.iter()]:
        count += 1
        if count > MAX_SVG_ELEMENTS:
            raise ImageProblem("image.svg_too_large", {"limit": MAX_SVG_ELEMENTS})
        if isinstance(node, etree._ProcessingInstruction):
            raise _unsafe("instruction", str(node.target))
        if isinstance(node, etree._Entity):
            raise _unsafe("dtd")
        if not isinstance(node.tag, str):
            continue  # a comment
        name = etree.QName(node)
        if name.namespace == _XINCLUDE_NS:
            raise _unsafe("reference", name.localname)
        if name.localname.lower() in _RUNNING:
            raise _unsafe("script", name.localname)
        if name.localname == "style" and node.text:
            _style(node.text)
        for attribute, value in node.attrib.items():
            local = etree.QName(attribute).localname.lower()
            if local.startswith("on"):
                raise _unsafe("handler", local)
            if "javascript:" in value.lower().replace(" ", ""):
                raise _unsafe("script", local)
            if local in ("href", "src", "base"):
                _reference(value)
            if "url(" in value.lower() or local == "style":
                _style(value)
            if local == "id":
                ids[value] = node
    _use_expansion(root, ids)


def _style(css: str) -> None:
    lowered = css.lower()
    if "@import" in lowered or "expression(" in lowered or "javascript:" in lowered:
        raise _unsafe("reference", "@import")
    for match in _URL.finditer(css):
        _reference(match.group(2))
    if "url(" in lowered and not _URL.search(css):
        raise _unsafe("reference", "url(")


def _use_expansion(root: etree._Element, ids: dict[str, etree._Element]) -> None:
    """Refuse ``<use>`` chains that expand into too many shapes (or into themselves):
    each element weighs 1 + its children + what its ``<use>`` draws. Iterative."""
    from lxml import etree

    href_keys = ("href", f"{{{_XLINK_NS}}}href")
    weight: dict[etree._Element, int] = {}
    state: dict[etree._Element, int] = {}  # 1 being weighed, 2 done

    def edges(node: etree._Element) -> list[etree._Element]:
        found = [child for child in node if isinstance(child.tag, str)]
        if etree.QName(node).localname == "use":
            target = next((node.get(k) for k in href_keys if node.get(k)), "")
            if target.startswith("#") and target[1:] in ids:
                found.append(ids[target[1:]])
        return found

    stack = [root]
    while stack:
        node = stack[-1]
        if state.get(node) == 2:
            stack.pop()
            continue
        following = edges(node)
        if state.get(node) != 1:
            state[node] = 1
            for nxt in following:
                if state.get(nxt) == 1:
                    raise _unsafe("use_loop", str(node.get("id", "")))
                if state.get(nxt) != 2:
                    stack.append(nxt)
            continue
        total = 1 + sum(weight[nxt] for nxt in following)
        if total > MAX_SVG_RENDERED:
            raise _unsafe("use_bomb", str(MAX_SVG_RENDERED))
        weight[node] = total
        state[node] = 2
        stack.pop()
