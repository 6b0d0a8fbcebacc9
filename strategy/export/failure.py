"""When an export fails: which step, and which section file and value caused it.

pandoc, typst and the drawings know nothing of the sections; a bare "failed to
decode image" helps nobody. ``explain`` turns what they raised into a located
problem: a figure typst cannot read, or a map that cannot be drawn, points at the
section file and line whose ``file:`` named it; a pandoc failure says at which step
(reading the composed text, or writing a format) it happened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from strategy.problems import Mark, Problem

if TYPE_CHECKING:  # the commands import ExportFailed: nothing heavy at import time
    from strategy.compose.document import Composed
    from strategy.sections.load import Sections

_EXCERPT = 300
_LOCATION = re.compile(r"\.typ:(\d+):(\d+)")
_IMAGE = re.compile(r'image\(\s*"((?:[^"\\]|\\.)*)"')
# pandoc's format -> the file it is for (the HTML page is written from pandoc's JSON).
_FORMATS = {"docx": "DOCX", "typst": "typst (PDF)", "html": "HTML", "html5": "HTML",
            "json": "HTML"}


class ExportFailed(Exception):
    """An export step failed; ``problem`` says where and why, for the user."""

    def __init__(self, problem: Problem, lang: str = "pl") -> None:
        super().__init__(problem.message("en"))
        self.problem, self.lang = problem, lang


def _excerpt(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= _EXCERPT else text[:_EXCERPT - 1] + "…"


def _strings(data: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every text value of a data tree with its key path; iterative, as user data may
    nest deep."""
    todo = [(path, data)]
    while todo:
        at, value = todo.pop()
        if isinstance(value, str):
            yield at, value
        elif isinstance(value, dict):
            todo += [((*at, k), v) for k, v in value.items()]
        elif isinstance(value, list):
            todo += [((*at, i), v) for i, v in enumerate(value)]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (
            a.is_file() and b.is_file() and a.stat().st_size == b.stat().st_size
            and a.read_bytes() == b.read_bytes())
    except OSError:
        return False


def origin(sections: Sections, files: list[Path]) -> tuple[Mark, str, str] | None:
    """The section value that names one of ``files`` (a path relative to the sections
    folder): its mark, its field ("figures[0].file") and the value itself."""
    root = sections.root
    for kind in sorted(sections.data):
        for path, value in sorted(_strings(sections.data[kind], (kind,)), key=str):
            if len(value) > 1000 or "\n" in value:
                continue
            candidate = root / value
            if any(Path(value).name == f.name and _same_file(candidate, f) for f in files):
                mark = sections.mark(path)
                field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[1:])
                return mark, field.lstrip("."), value
    return None


def _asset_sources(doc: Composed, asset: str) -> list[Path]:
    """The files an image of the document came from: a drawing's inputs, or itself (a
    figure is copied from the sections as it is)."""
    target = doc.resource_dir / asset
    for drawing in doc.drawings:
        if target in drawing.files:
            return list(drawing.inputs)
    return [target]


def _typst_image(error: Any, source: str | None) -> str | None:
    """The image a typst error stands on, read from the source line it points at."""
    text = getattr(error, "diagnostic", "") or str(error)
    found = _LOCATION.search(text)
    if found and source is not None:
        lines = source.splitlines()
        number = int(found.group(1))
        if 0 < number <= len(lines):
            image = _IMAGE.search(lines[number - 1])
            if image:
                return image.group(1)
    image = _IMAGE.search(text)
    return image.group(1) if image else None


def explain(error: BaseException, fmt: str | None, doc: Composed, sections: Sections
            ) -> Problem:
    """A located problem for ``error``, raised while making ``fmt`` (None: drawing). A
    typst error carries the source it was raised on as ``typst_source``."""
    from strategy.export.drawings import DrawingFailed
    from strategy.export.pandoc import PandocFailed

    source = getattr(error, "typst_source", None)
    if isinstance(error, DrawingFailed):
        drawing = error.drawing
        found = origin(sections, list(drawing.inputs)) if drawing.inputs else None
        name = drawing.output.name if drawing.output is not None else drawing.function
        return Problem("error", "export.drawing_failed", found[0] if found else None, {
            "image": name, "field": found[1] if found else "–",
            "value": found[2] if found else "–", "reason": _excerpt(error)})
    if isinstance(error, PandocFailed):
        step = "read" if error.stage == 0 else "write"
        image = next((p.relative_to(doc.resource_dir).as_posix()
                      for p in sorted(doc.resource_dir.rglob("*")) if p.is_file()
                      and p.relative_to(doc.resource_dir).as_posix() in error.message), None)
        if image is not None:
            found = origin(sections, _asset_sources(doc, image))
            return Problem("error", "export.image_failed", found[0] if found else None, {
                "image": image, "field": found[1] if found else "–",
                "value": found[2] if found else image,
                "format": _FORMATS.get((error.to or "").split("+")[0], error.to or ""),
                "reason": _excerpt(error.message)})
        return Problem("error", f"export.pandoc_{step}_failed", None, {
            "format": _FORMATS.get((error.to or "").split("+")[0], error.to or ""),
            "reason": _excerpt(error.message.split("stack traceback")[0])})
    image = _typst_image(error, source) if type(error).__name__ == "TypstError" else None
    if image is not None:
        found = origin(sections, _asset_sources(doc, image))
        return Problem("error", "export.image_failed", found[0] if found else None, {
            "image": image, "field": found[1] if found else "–",
            "value": found[2] if found else image,
            "format": (fmt or "").upper(), "reason": _excerpt(getattr(error, "message", error))})
    return Problem("error", "export.failed", None, {
        "format": (fmt or "").upper(), "reason": _excerpt(f"{type(error).__name__}: {error}")})
