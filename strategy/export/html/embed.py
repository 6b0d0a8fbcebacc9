"""pandoc's ``--embed-resources``, done here on the page the build's pandoc session wrote.

A second pandoc process reading the page's JSON back only to embed its images and
stylesheet cost a second of CPU on the build's critical path. What pandoc does there
(``Text.Pandoc.SelfContained.makeSelfContained``, pandoc 3.9) is a pass over the page's
tags (TagSoup's ``parseTags``), replacing each image's ``src`` by a ``data:`` URI (and
adding ``role="img"`` and an ``aria-label`` from its ``alt``) and each stylesheet link by
a ``<style>`` holding the sheet, then rendering the tags again (``renderTags'``:
attributes one space apart, ``&<>"'`` escaped, ``<br />``-style empty tags).

``self_contained`` does exactly that for the pages pandoc's html5 writer and html.lua
write: tags with double-quoted or bare attributes, the entities they escape with,
local images and our own stylesheet. Anything else on a page (a comment, a script, an
entity or a tag of another shape, an image it cannot name the type of, a remote file)
returns None, and the caller lets pandoc embed it: the page is the same to the byte
either way (tests/test_export_html.py compares both ways).
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

# The tags renderTags' writes as "<x />" when the tag is closed right after it opens.
_MINIMIZE = frozenset({"hr", "br", "img", "meta", "link", "col", "use", "path", "rect"})
# Attributes pandoc fetches and embeds (isSourceAttribute): only an img's src is done here.
_SOURCE = frozenset({"src", "data-src", "poster", "data-background-image"})
_MIME = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
         ".jpeg": "image/jpeg", ".gif": "image/gif"}
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "#39": "'"}
_SPECIAL = re.compile("[&<>\"']")

_TAG = re.compile(r"""<(/?)([A-Za-z!][A-Za-z0-9-]*)"""
                  r"""((?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:="[^"<]*")?)*)\s*(/?)>""")
_ATTRIBUTE = re.compile(r"""([A-Za-z_:][-A-Za-z0-9_:.]*)(?:="([^"<]*)")?""")
_ENTITY = re.compile(r"&([^;&\s]{0,8});?")
_NAME = re.compile(r"[A-Za-z0-9_][-A-Za-z0-9_.]*(?:/[A-Za-z0-9_][-A-Za-z0-9_.]*)*")

Tag = tuple[str, str, list[tuple[str, str]]]  # ("open" | "close" | "text", name or text, attrs)


class _Unsupported(Exception):
    """Something on the page this module does not reproduce: pandoc embeds it."""


def _escape(text: str) -> str:
    """TagSoup's escapeXML: ``&<>"'`` as entities."""
    if not _SPECIAL.search(text):
        return text
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def _decode(text: str) -> str:
    def entity(match: re.Match[str]) -> str:
        if not match.group(0).endswith(";") or match.group(1) not in _ENTITIES:
            raise _Unsupported(match.group(0))
        return _ENTITIES[match.group(1)]

    return _ENTITY.sub(entity, text) if "&" in text else text


def _text(text: str) -> Tag:
    if "<" in text:
        raise _Unsupported("a '<' that starts no tag")
    return ("text", _decode(text), [])


def _tags(page: str) -> list[Tag]:
    """The page as TagSoup reads it, for the shapes pandoc's writer and html.lua write."""
    tags: list[Tag] = []
    position = 0
    for match in _TAG.finditer(page):
        if match.start() > position:
            tags.append(_text(page[position:match.start()]))
        position = match.end()
        closing, name, attributes, empty = match.groups()
        if closing:
            if attributes or empty:
                raise _Unsupported(match.group(0))
            tags.append(("close", name, []))
            continue
        if name.lower() in ("script", "style") or (name.startswith("!") and name != "!DOCTYPE"):
            raise _Unsupported(name)
        pairs = [(key, _decode(value or "")) for key, value in _ATTRIBUTE.findall(attributes)]
        tags.append(("open", name, pairs))
        if empty:
            tags.append(("close", name, []))
    if position < len(page):
        tags.append(_text(page[position:]))
    return tags


def _data_uri(src: str, resource_dir: Path) -> str:
    """The ``data:`` URI pandoc makes of a local image (makeDataURI)."""
    if src.startswith("data:"):
        return src
    if not _NAME.fullmatch(src) or ".." in src.split("/"):
        raise _Unsupported(src)
    path = resource_dir / src
    mime = _MIME.get(path.suffix.lower())
    if mime is None or not path.is_file():
        raise _Unsupported(src)
    data = path.read_bytes()
    if mime.endswith("+xml"):
        data = data.replace(b"\r", b"")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _css(sheet: bytes) -> str:
    """The stylesheet as pandoc embeds it (cssURLs): comments dropped, each run of white
    space kept as its first character."""
    if not sheet.isascii() or b"url(" in sheet or b"@import" in sheet or b"</" in sheet:
        raise _Unsupported("a stylesheet with references")
    text = sheet.decode("ascii")
    out: list[str] = []
    i, end = 0, len(text)
    while i < end:
        char = text[i]
        if char in " \t\n\r\f\v":
            out.append(char)
            i += 1
            while i < end and text[i] in " \t\n\r\f\v":
                i += 1
        elif text.startswith("/*", i):
            close = text.find("*/", i + 2)
            if close < 0:
                raise _Unsupported("an unclosed comment")
            i = close + 2
        else:
            j = i + 1 if char in "u/" else i
            while j < end and text[j] not in "u/ \n\r\t":
                j += 1
            out.append(text[i:j])
            i = j
    return "".join(out)


def _convert(tags: list[Tag], resource_dir: Path) -> list[Tag]:
    """makeSelfContained's convertTags for these tags."""
    out: list[Tag] = []
    i = 0
    while i < len(tags):
        kind, name, attributes = tags[i]
        i += 1
        if kind != "open":
            out.append((kind, name, attributes))
            continue
        values = dict(reversed(attributes))  # fromAttrib and lookup: the first one
        if values.get("data-external") == "1":
            raise _Unsupported("data-external")
        if name == "link" and values.get("href", "") != "":
            sheet = Path(values["href"])
            if (sheet.suffix.lower() != ".css" or values.get("media", "") != ""
                    or not sheet.is_absolute() or not sheet.is_file()):
                raise _Unsupported(values["href"])
            out += [("open", "style", [("type", "text/css")]),
                    ("raw", _css(sheet.read_bytes()), []), ("close", "style", [])]
            while i < len(tags) and tags[i][:2] == ("close", "link"):
                i += 1
            continue
        sources = [key for key, _ in attributes if key in _SOURCE]
        if not sources:
            out.append((kind, name, attributes))
            continue
        if name != "img" or sources != ["src"] or "inline-svg" in values.get(
                "class", "").split():
            raise _Unsupported(name)
        attributes = [(key, _data_uri(value, resource_dir) if key == "src" else value)
                      for key, value in attributes]
        if "aria-label" not in values and "alt" in values:
            attributes.insert(0, ("aria-label", values["alt"]))
        if "role" not in values:
            attributes.insert(0, ("role", "img"))
        out.append((kind, name, attributes))
    return out


def _render(tags: list[Tag]) -> str:
    """renderTags' of the tags."""
    parts: list[str] = []
    i = 0
    while i < len(tags):
        kind, name, attributes = tags[i]
        i += 1
        if kind == "text":
            parts.append(_escape(name))
        elif kind == "raw":
            parts.append(name)
        elif kind == "close":
            parts.append(f"</{name}>")
        else:
            shut = ""
            if (name.lower() in _MINIMIZE and i < len(tags)
                    and tags[i][:2] == ("close", name)):
                shut = " /"
                i += 1
            parts.append("<" + name + "".join(
                f" {key}" if value == "" else f' {key}="{_escape(value)}"'
                for key, value in attributes) + shut + ">")
    return "".join(parts)


def self_contained(page: str, resource_dir: Path) -> str | None:
    """``page`` with its images and stylesheet embedded as pandoc's ``--embed-resources``
    writes it; None when the page holds something this does not reproduce."""
    try:
        return _render(_convert(_tags(page), resource_dir))
    except _Unsupported:
        return None
