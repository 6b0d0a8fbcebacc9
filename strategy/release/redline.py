"""The redline: the newer version as a DOCX with every content change as a Word tracked
change.

Both versions are composed as the document is (without the annex of changes, which is
not content), read by pandoc into its AST, merged by ``astdiff`` and written with the
DOCX exporter's own pandoc arguments, reference document and finishing, so that the
redline looks like the release it belongs to. What follows from a content change or
from the release itself (totals, counts, headings' numbers, the version and date) is
the newer text, unmarked (``content``); the changelog says what it did to the totals.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from strategy.compose.compose import compose, meta
from strategy.compose.document import Composed, raster_twin
from strategy.export.docx.export import pandoc_docx_args
from strategy.export.docx.finish import finish_docx
from strategy.export.files import scratch_file, write_atomically
from strategy.export.pandoc import COMPOSED_MARKDOWN, pandoc_binary, run_pandoc
from strategy.language.labels import labels
from strategy.model import Strategy
from strategy.pipeline import output_name
from strategy.release.astdiff import Content, Marks, diff_document
from strategy.release.astnodes import deleted_images, fingerprint_images, number_headings
from strategy.release.content import changed
from strategy.release.revisions import finish_revisions

PREVIOUS = "previous"  # where the older version's images go, beside the newer one's


def redline_name(new: Strategy, old_version: str) -> str:
    """``<slug>-v0.4-rada-zmiany-od-v0.3.docx`` (labels' ``redline_file``)."""
    stem = output_name(compose_meta_only(new), new.strategy.slug, "docx").removesuffix(".docx")
    return f"{stem}-{labels(new.strategy.language)['redline_file']}-v{old_version}.docx"


def compose_meta_only(s: Strategy) -> Composed:
    return Composed(markdown="", meta=meta(s), resource_dir=Path("."))


def _ast(doc: Composed) -> dict:
    ast = json.loads(run_pandoc(doc.markdown, "json", args=[], epoch=doc.meta.epoch,
                                source_format=COMPOSED_MARKDOWN))
    ast["blocks"] = number_headings(ast["blocks"])
    return ast


def _digest(folder: Path) -> Callable[[str], str | None]:
    def digest(target: str) -> str | None:
        path = folder / target
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    return digest


def merged(old_doc: Composed, new_doc: Composed, marks: Marks,
           content: Content | None = None) -> dict:
    """The merged AST. The older side's deleted images are copied beside the newer
    side's (under ``previous/``), where pandoc finds them."""
    old_ast, new_ast = _ast(old_doc), _ast(new_doc)
    fingerprint_images(old_ast, _digest(old_doc.resource_dir))
    fingerprint_images(new_ast, _digest(new_doc.resource_dir))
    result = diff_document(old_ast, new_ast, marks, content)
    for image in deleted_images(result["blocks"]):
        target = image["c"][2]
        source, moved = old_doc.resource_dir / target[0], Path(PREVIOUS) / target[0]
        if source.is_file():
            (new_doc.resource_dir / moved).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, new_doc.resource_dir / moved)
            if source.suffix == ".svg" and raster_twin(source).is_file():  # what Word shows
                shutil.copyfile(raster_twin(source), raster_twin(new_doc.resource_dir / moved))
            target[0] = moved.as_posix()
    return result


def marks_for(s: Strategy, date: dt.date | None = None) -> Marks:
    """Changes are signed by whoever prepared the newer version, on its date."""
    when = date or s.strategy.date
    return Marks(author=s.strategy.prepared_by or s.partnership.name,
                 date=f"{when.isoformat()}T00:00:00Z")


def write_redline(old: Strategy, old_sections: Path, new: Strategy, new_sections: Path,
                  target: Path, date: dt.date | None = None) -> Path:
    """Write the redline of ``new`` against ``old`` at ``target``."""
    with tempfile.TemporaryDirectory(prefix=".redline-", dir=target.parent) as work:
        old_doc = compose(old, Path(work) / "old", old_sections)
        new_doc = compose(new, Path(work) / "new", new_sections)
        marks = marks_for(new, date)
        content = changed(old_sections, new_sections, new.strategy.language)
        data = _export(merged(old_doc, new_doc, marks, content), new_doc, target)
    finished = finish_revisions(
        data, author=marks.author, date=marks.date, compared_with=old.strategy.version,
        lang=new.strategy.language,
        zip_date=(new_doc.meta.date.year, new_doc.meta.date.month, new_doc.meta.date.day,
                  12, 0, 0))
    write_atomically(target, finished)
    return target


def _export(ast: dict, doc: Composed, target: Path) -> bytes:
    """The DOCX exporter's pandoc run and finishing, from an AST instead of Markdown."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(doc.meta.epoch)}
    with scratch_file(target.parent, ".pandoc.docx") as raw:
        subprocess.run(
            [pandoc_binary(), "--from=json", "--to=docx+native_numbering",
             *pandoc_docx_args(doc), f"--output={raw}"],
            input=json.dumps(ast).encode("utf-8"), env=env, capture_output=True, check=True)
        return finish_docx(raw, doc.meta)
