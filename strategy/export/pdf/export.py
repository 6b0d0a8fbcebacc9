"""PDF export: pandoc's typst writer (with typst.lua), strategy.typ, typst.compile.

The PDF is tagged and declares PDF/A-2a (archival, with structure) and PDF/UA-1
(accessible): typst refuses to write it if the document lacks a title, a language or
alternative text on an image, so a successful export has them.

typst compiles in a short-lived process of its own (``export/typst_process.py``): what
it holds while compiling is given back when it ends, not kept in the build.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import threading
import warnings
from pathlib import Path

from strategy.compose.document import Composed, DocumentMeta
from strategy.compose.typeface import FONT_DIR
from strategy.export.files import write_atomically
from strategy.export.pandoc import PandocOutput, convert
from strategy.export.typst_process import compile_one
from strategy.export.typst_process import prepare as _prepare_typst

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "strategy.typ"
TYPST_FILTER = HERE / "typst.lua"
PDF_STANDARDS: list[str] = ["a-2a", "ua-1"]
# pandoc's typst writer only names the images; typst reads them.
# Whether the file shows the charts and maps (the build draws them only then).
IMAGES = True
FINISH_NEEDS_IMAGES = True
HEAVY = True  # one heavy step at a time (writer.py): the memory peaks do not add up


def _matplotlib_fonts() -> Path:
    """matplotlib's bundled fonts folder, found without importing matplotlib (slow)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is not installed; the PDF needs its DejaVu Sans")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


# The document's typeface (compose/fonts/) and, for symbols it lacks, DejaVu Sans
# from the pinned matplotlib wheel.
FONT_PATHS = [str(FONT_DIR), str(_matplotlib_fonts())]


def typst_inputs(meta: DocumentMeta) -> dict[str, str]:
    """The template's sys.inputs: plain strings, never spliced into typst source."""
    lang, _, region = meta.bcp47.partition("-")
    return {
        "title": meta.title,
        "subject": meta.subject or meta.subtitle,
        "author": meta.author or meta.partnership,
        "keywords": "\n".join(meta.keywords),
        "lang": lang,
        "region": region,
        "draft-mark": meta.draft_mark or "",
        "version-line": meta.version_line,
        "toc-title": meta.toc_title,
        "lot-title": meta.lot_title,
        "lof-title": meta.lof_title,
    }


# The row headers' pass (pikepdf, a tenth of a second to import) is imported when the
# PDF is made, or beside pandoc's work once the build knows it will be.
ROW_HEADERS = "strategy.export.pdf.rowheaders"


def prepare() -> None:
    """typst's process started, and the row headers' pass imported, while pandoc still
    writes the typst source: neither is then on the way to the PDF."""
    _prepare_typst()
    threading.Thread(target=_import_row_headers, name="import row headers").start()


def _import_row_headers() -> None:
    with contextlib.suppress(Exception):  # said, if it fails, when the PDF is made
        importlib.import_module(ROW_HEADERS)


def pandoc_output(doc: Composed) -> PandocOutput:
    # typst.lua and pandoc's typst writer treat each top-level block on its own.
    return PandocOutput("typst", TYPST_FILTER, by_chapter=True)


def typst_source(doc: Composed, body: bytes | None = None) -> str:
    """The complete typst document: template, then pandoc's body (converted here when
    not given)."""
    if body is None:
        (body,) = convert(doc.markdown, [pandoc_output(doc)], resource_dir=doc.resource_dir,
                          epoch=doc.meta.epoch)
    return TEMPLATE.read_text(encoding="utf-8") + "\n" + body.decode("utf-8")


def compile_pdf(doc: Composed, source: str) -> bytes:
    """typst's PDF of ``source``; the images are read from the document's folder."""
    try:
        pdf, notes = compile_one(
            input=source.encode("utf-8"),
            # Images in the markdown are relative to resource_dir, and typst reads no
            # file outside its root.
            root=str(doc.resource_dir),
            font_paths=FONT_PATHS,
            ignore_system_fonts=True,
            sys_inputs=typst_inputs(doc.meta),
            pdf_standards=PDF_STANDARDS,
            timestamp=doc.meta.epoch,
        )
    except Exception as exc:
        # What typst's error points at (a line of the source) is read back from it.
        exc.typst_source = source  # type: ignore[attr-defined]
        raise
    # typst's warnings (a font it could not find, say) reach the caller as Python
    # warnings; the PDF is still written.
    for note in notes:
        warnings.warn(note, stacklevel=2)
    # Row labels of key-value tables tagged as row headers (typst cannot say it).
    rowheaders = importlib.import_module(ROW_HEADERS)
    return rowheaders.with_row_headers(pdf, rowheaders.marked_tables(source))


def finish(doc: Composed, converted: bytes | None) -> bytes:
    return compile_pdf(doc, typst_source(doc, converted))


def export_pdf(doc: Composed, out: Path, source: str | None = None) -> None:
    """Write ``doc`` as a tagged PDF at ``out`` (replaced only on success); its images
    must be on disk. ``source`` is ``typst_source(doc)`` when the caller has it."""
    pdf = compile_pdf(doc, source if source is not None else typst_source(doc))
    write_atomically(Path(out), pdf)
