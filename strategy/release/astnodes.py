"""The pandoc AST's nodes a redline treats specially: headings' numbers and pictures.

Each side is prepared before the diff: ``number_headings`` writes the numbers pandoc
would give, and ``fingerprint_images`` the digest of every picture's file. After it,
``deleted_images`` finds the pictures that come from the older side.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Node = dict[str, Any]
SECTION_NUMBER = ["", [], [["custom-style", "SectionNumber"]]]
TAB = {"t": "RawInline", "c": ["openxml", "<w:r><w:tab/></w:r>"]}
IMAGE_DIGEST = "sha256"


def number_headings(blocks: list[Node]) -> list[Node]:
    """Write the numbers pandoc's ``--number-sections`` would give ("4.3."), as text in
    the heading's own style, so that a renumbered heading shows as a change and a
    deleted heading keeps its old number; the headings become unnumbered."""
    counters = [0] * 7

    def walk(items: list[Node]) -> list[Node]:
        out = []
        for block in items:
            if block["t"] == "Header" and "unnumbered" not in block["c"][1][1]:
                level, (ident, classes, kvs), inlines = block["c"]
                counters[level - 1] += 1
                counters[level:] = [0] * (7 - level)
                number = ".".join(str(n) for n in counters[:level]) + "."
                label = {"t": "Span", "c": [SECTION_NUMBER, [{"t": "Str", "c": number}]]}
                block = {"t": "Header", "c": [level, [ident, [*classes, "unnumbered"], kvs],
                                              [label, TAB, *inlines]]}
            elif block["t"] == "Div":
                block = {"t": "Div", "c": [block["c"][0], walk(block["c"][1])]}
            out.append(block)
        return out
    return walk(blocks)


def images(node: Any) -> list[Node]:
    """Every Image inline under ``node``."""
    found: list[Node] = []

    def walk(x: Any) -> None:
        if isinstance(x, dict):
            if x.get("t") == "Image":
                found.append(x)
            walk(x.get("c"))
        elif isinstance(x, list):
            for item in x:
                walk(item)
    walk(node)
    return found


def fingerprint_images(ast: Node, digest: Callable[[str], str | None]) -> None:
    """Give every image the digest of its file: a chart redrawn with new numbers is a
    changed image, though its file name is the same."""
    for image in images(ast["blocks"]):
        attr, _, target = image["c"]
        found = digest(target[0])
        if found is not None:
            attr[2] = [*attr[2], [IMAGE_DIGEST, found]]


def deleted_images(node: Any, deleted: bool = False) -> list[Node]:
    """The images of the merged document that come from the older side."""
    found: list[Node] = []
    if isinstance(node, dict):
        t, c = node.get("t"), node.get("c")
        if t == "Image" and (deleted or c[2][1] == PICTURE_MARK + "deletion"):
            found.append(node)
        inside = deleted or (t == "Span" and "deletion" in c[0][1])
        found += deleted_images(c, inside)
    elif isinstance(node, list):
        for item in node:
            found += deleted_images(item, deleted)
    return found


PICTURE_MARK = "redline-"  # + insertion|deletion: the image's title, for revisions.py


def picture_keys(blocks: list[Node]) -> list[Node]:
    """A figure's content as compared: pictures by their digest, not their file name."""
    return [dict(i["c"][0][2]).get(IMAGE_DIGEST) or i["c"][2][0] for i in images(blocks)]


def track_pictures(blocks: list[Node], cls: str) -> list[Node]:
    """A figure's pictures marked as inserted or deleted. Not by a span: pandoc writes a
    figure whose picture is wrapped in one as a table; the mark goes into the picture's
    title, and revisions.py turns it into the tracked change."""
    blocks = json.loads(json.dumps(blocks))
    for image in images(blocks):
        image["c"][2][1] = PICTURE_MARK + cls
    return blocks
