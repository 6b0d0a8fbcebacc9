"""DOCX export: pandoc's docx writer (with docx.lua and reference.docx), then finishing."""

from __future__ import annotations

from pathlib import Path

from strategy.compose.document import Composed
from strategy.export.docx.finish import finish_docx
from strategy.export.files import write_atomically
from strategy.export.pandoc import PandocOutput, convert

HERE = Path(__file__).resolve().parent
REFERENCE_DOCX = HERE / "reference.docx"
DOCX_FILTER = HERE / "docx.lua"
# pandoc embeds the images; the finishing itself reads none.
# Whether the file shows the charts and maps (the build draws them only then).
IMAGES = True
FINISH_NEEDS_IMAGES = False


def _metadata(doc: Composed) -> dict[str, str]:
    meta = doc.meta
    # lang decides the words of native captions ("Tabela", "Rysunek") and the
    # language of the styles; the list titles are read by docx.lua.
    return {"lang": meta.bcp47, "toc-title": meta.toc_title, "lot-title": meta.lot_title,
            "lof-title": meta.lof_title}


def pandoc_docx_args(doc: Composed) -> list[str]:
    """The same conversion as ``pandoc_output``, as pandoc's command line options."""
    return [
        f"--reference-doc={REFERENCE_DOCX}",
        f"--lua-filter={DOCX_FILTER}",
        f"--resource-path={doc.resource_dir}",
        # Numbers written into the headings ("1", "1.1"); unnumbered ones get none.
        "--number-sections",
        *(f"--metadata={key}={value}" for key, value in _metadata(doc).items()),
    ]


def pandoc_output(doc: Composed) -> PandocOutput:
    return PandocOutput(
        # native_numbering: captions as "Tabela N" with SEQ fields Word renumbers,
        # which the lists of tables and figures collect.
        "docx+native_numbering", DOCX_FILTER, metadata=_metadata(doc),
        options={"reference_doc": str(REFERENCE_DOCX), "number_sections": True},
        text=False, after_images=True)


def finish(doc: Composed, converted: bytes | None) -> bytes:
    assert converted is not None
    return finish_docx(converted, doc.meta, doc.resource_dir)


def export_docx(doc: Composed, out: Path) -> None:
    """Write ``doc`` as a Word document at ``out`` (replaced only on success); its
    images must be on disk."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    (converted,) = convert(doc.markdown, [pandoc_output(doc)], resource_dir=doc.resource_dir,
                           epoch=doc.meta.epoch)
    write_atomically(out, finish(doc, converted))
