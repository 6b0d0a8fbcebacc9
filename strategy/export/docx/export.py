"""DOCX export: one pandoc run (with docx.lua and reference.docx), then finishing."""

from __future__ import annotations

from pathlib import Path

from strategy.compose.document import Composed
from strategy.export.docx.finish import finish_docx
from strategy.export.docx.refine import refined
from strategy.export.files import scratch_file, write_atomically
from strategy.export.pandoc import run_pandoc
from strategy.export.zipnorm import normalized_zip

HERE = Path(__file__).resolve().parent
REFERENCE_DOCX = HERE / "reference.docx"
DOCX_FILTER = HERE / "docx.lua"


def pandoc_docx_args(doc: Composed) -> list[str]:
    meta = doc.meta
    return [
        f"--reference-doc={REFERENCE_DOCX}",
        f"--lua-filter={DOCX_FILTER}",
        f"--resource-path={doc.resource_dir}",
        # Numbers written into the headings ("1", "1.1"); unnumbered ones get none.
        "--number-sections",
        # lang decides the words of native captions ("Tabela", "Rysunek") and the
        # language of the styles; the list titles are read by docx.lua.
        f"--metadata=lang={meta.bcp47}",
        f"--metadata=toc-title={meta.toc_title}",
        f"--metadata=lot-title={meta.lot_title}",
        f"--metadata=lof-title={meta.lof_title}",
    ]


def export_docx(doc: Composed, out: Path) -> None:
    """Write ``doc`` as a Word document at ``out`` (replaced only on success)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with scratch_file(out.parent, ".pandoc.docx") as raw:
        run_pandoc(
            doc.markdown,
            # native_numbering: captions as "Tabela N" with SEQ fields Word renumbers,
            # which the lists of tables and figures collect.
            "docx+native_numbering",
            args=pandoc_docx_args(doc),
            epoch=doc.meta.epoch,
            outputfile=raw,
        )
        data = finish_docx(raw, doc.meta)
    entries = refined(data, doc.resource_dir)  # table rows kept together, SVG pictures
    if entries:
        day = doc.meta.date
        data = normalized_zip(data, date=(day.year, day.month, day.day, 12, 0, 0),
                              replace=entries)
    write_atomically(out, data)
