"""HTML export: the same document as one accessible, self-contained HTML file.

Public bodies publish on their BIP, where HTML serves screen-reader users best. One
pandoc run (html5, with html.lua, the template strategy.html and style.css) writes:

- ``lang`` on the page, the title, keywords and description from the metadata;
- landmarks: the title page as the banner (``header``), the document as ``main``, the
  table of contents as ``nav`` where the document places it, with links to every
  chapter down to the third level; the lists of tables and figures as links too;
- captions numbered "Tabela N." / "Rysunek N." in the document's language (the words
  of pandoc's own translations, which the DOCX uses as well), header cells with
  ``scope="col"`` and, in key-value tables, row labels as ``th scope="row"``;
- every image's alternative text is its long description (``fig-alt``), never its
  caption, and the caption stays visible to everyone as the figure's ``figcaption``;
- the draft mark on screen and on every printed page; a print stylesheet (A4, wide
  tables on landscape pages, no link colours);
- every image and the stylesheet embedded (``--embed-resources``): one file to publish.
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

import yaml

from strategy.compose.document import Composed
from strategy.export.files import write_atomically
from strategy.export.html.embed import self_contained
from strategy.export.pandoc import (
    COMPOSED_MARKDOWN,
    PandocFailed,
    PandocOutput,
    convert,
    pandoc_binary,
    run_pandoc,
)

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "strategy.html"
STYLESHEET = HERE / "style.css"
HTML_FILTER = HERE / "html.lua"


@functools.cache
def caption_words(lang: str) -> tuple[str, str]:
    """"Tabela" and "Rysunek" (or "Table" and "Figure"): pandoc's own translations, the
    words the DOCX's native captions use."""
    data = subprocess.run([pandoc_binary(), "--print-default-data-file",
                           f"translations/{lang}.yaml"], capture_output=True, check=True).stdout
    words = yaml.safe_load(data.decode("utf-8"))
    return words["Table"], words["Figure"]


def pandoc_html_args(doc: Composed) -> list[str]:
    meta = doc.meta
    table_word, figure_word = caption_words(meta.lang)
    return [
        "--standalone",
        "--embed-resources",
        f"--template={TEMPLATE}",
        f"--css={STYLESHEET}",
        f"--lua-filter={HTML_FILTER}",
        f"--resource-path={doc.resource_dir}",
        f"--metadata=lang={meta.bcp47}",
        f"--metadata=title={meta.title}",
        f"--metadata=description={meta.subject or meta.subtitle}",
        f"--metadata=keywords={', '.join(meta.keywords)}",
        f"--metadata=author={meta.author or meta.partnership}",
        f"--metadata=toc-title={meta.toc_title}",
        f"--metadata=lot-title={meta.lot_title}",
        f"--metadata=lof-title={meta.lof_title}",
        f"--metadata=table-word={table_word}",
        f"--metadata=figure-word={figure_word}",
        f"--metadata=draft-mark={meta.draft_mark or ''}",
    ]


def html_text(doc: Composed) -> str:
    """The page in one pandoc run from the Markdown (what ``finish`` makes in two)."""
    return run_pandoc(doc.markdown, "html5", args=pandoc_html_args(doc), epoch=doc.meta.epoch,
                      source_format=COMPOSED_MARKDOWN)


# In a build the Markdown is read once by the pandoc session, which runs html.lua with
# the page's metadata and writes the page with its template; its images and stylesheet
# are then embedded here as pandoc's --embed-resources does it (embed.py): pandoc's
# Lua writers cannot embed resources, and a second pandoc reading the page's JSON
# only for that cost a second of CPU. A page embed.py cannot reproduce to the byte is
# made by pandoc in one run from the Markdown instead.
IMAGES = True  # the page embeds the charts and maps
FINISH_NEEDS_IMAGES = True
# Embedding holds no more than the page and its images: no heavy step (writer.py).
HEAVY = False


def _metadata(doc: Composed) -> dict[str, str]:
    pairs = (arg.removeprefix("--metadata=").split("=", 1) for arg in pandoc_html_args(doc)
             if arg.startswith("--metadata="))
    return {key: value for key, value in pairs}


# The class names of the review marks html.lua drops or unwraps (export/review.lua): a
# Markdown without any of them has no mark, and html.lua skips looking for them.
REVIEW_CLASSES = ("deletion", "insertion", "comment-start", "comment-end")


def pandoc_output(doc: Composed) -> PandocOutput:
    marks = "some" if any(name in doc.markdown for name in REVIEW_CLASSES) else "none"
    # The variables --css sets; --standalone with the template is the template here.
    return PandocOutput("html5", HTML_FILTER, metadata={**_metadata(doc), "review-marks": marks},
                        options={"variables": {"css": [str(STYLESHEET)]}},
                        template=TEMPLATE)


def finish(doc: Composed, converted: bytes | None) -> bytes:
    assert converted is not None
    page = self_contained(converted.decode("utf-8"), doc.resource_dir)
    if page is None:
        try:
            page = html_text(doc)
        except RuntimeError as exc:  # pypandoc's word for pandoc's failure: said as the step
            raise PandocFailed(1, "html5", str(exc)) from exc
    return page.encode("utf-8")


def export_html(doc: Composed, out: Path) -> None:
    """Write ``doc`` as one HTML file at ``out`` (replaced only on success); its images
    must be on disk."""
    (converted,) = convert(doc.markdown, [pandoc_output(doc)], resource_dir=doc.resource_dir,
                           epoch=doc.meta.epoch)
    write_atomically(Path(out), finish(doc, converted))
