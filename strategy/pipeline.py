"""The pipeline: load -> validate -> compose -> export, as named steps.

Every command goes through here: ``load_and_validate`` reads and checks the sections,
``build`` runs the whole chain. Outputs are named ``<slug>-v<version>-<status>.<ext>``.
Every output is written to a temporary file and renamed into place, so a failed build
leaves the last good documents as they were. DOCX and PDF are exported in parallel:
both stages spend their time outside Python (pandoc's process, typst's compiler).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from strategy.checks.validated import Validated
from strategy.compose.compose import compose
from strategy.compose.document import Composed
from strategy.language.labels import labels
from strategy.language.messages import render
from strategy.problems import Problem, has_errors

T = TypeVar("T")


class Progress:
    """Says what the build is doing, one plain line per stage in the user's language, to
    stderr so stdout stays clean; with ``verbose`` also the time each stage took."""

    def __init__(self, quiet: bool = False, lang: str = "pl", verbose: bool = False) -> None:
        self.quiet = quiet
        self.lang = lang
        self.verbose = verbose

    def stage(self, name: str, fn: Callable[[], T]) -> T:
        if not self.quiet:
            print(render(f"progress.{name}", self.lang, {}), file=sys.stderr)
        start = time.perf_counter()
        result = fn()
        if self.verbose and not self.quiet:
            print(render("progress.took", self.lang, {
                "stage": name, "seconds": f"{time.perf_counter() - start:.2f}"}), file=sys.stderr)
        return result


def output_name(doc: Composed, slug: str, ext: str) -> str:
    status = labels(doc.meta.lang)["file_status"][doc.meta.status]
    return f"{slug}-v{doc.meta.version}-{status}.{ext}"


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside ``path`` and rename over it: the exporters' one way to write a file."""
    from strategy.export.files import write_atomically

    write_atomically(path, data)


def load_and_validate(sections_dir: Path) -> Validated:
    """Read the sections and validate them: every problem of both steps, in one list."""
    from strategy.checks.validate import validate
    from strategy.sections.load import load

    sections = load(sections_dir)
    validated = validate(sections)
    validated.problems[:0] = sections.problems
    return validated


def build(sections_dir: Path, out: Path, formats: set[str], progress: Progress,
          annexes: Callable[[Any], dict[str, Any]] | None = None,
          ) -> tuple[list[Path], list[Problem], str]:
    """Build the documents; returns the written paths, the problems and the language.
    ``annexes`` maps the validated strategy to more names for the templates (a release
    passes the changes against the previous release)."""
    validated = progress.stage("validate", lambda: load_and_validate(sections_dir))
    lang = validated.lang
    strategy = validated.strategy
    if has_errors(validated.problems) or strategy is None:
        return [], validated.problems, lang
    slug = strategy.strategy.slug
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=out) as work:
        assets = Path(work)
        extra = annexes(strategy) if annexes else None
        doc = progress.stage("compose", lambda: compose(
            strategy, assets, sections_dir, extra, draw=False))
        written = _export_all(doc, formats, lambda ext: out / output_name(doc, slug, ext),
                              progress)
    return written, validated.problems, lang


def _export_all(doc: Composed, formats: set[str], target: Callable[[str], Path],
                progress: Progress) -> list[Path]:
    """Export with both cores busy: the charts are drawn (Python) while pandoc turns the
    text into typst (its own process); then the DOCX is written (pandoc) while typst
    compiles the PDF."""
    from strategy.export.pdf.export import typst_source

    written: list[Path] = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        exports = formats & {"docx", "pdf", "html"}
        drawn = pool.submit(progress.stage, "charts", doc.draw) if exports else None
        typst = pool.submit(progress.stage, "typst", lambda: typst_source(doc)) if (
            "pdf" in formats) else None
        if "md" in formats:
            written.append(progress.stage("markdown", lambda: _write_markdown(doc, target("md"))))
        if drawn is not None:
            drawn.result()
        jobs = []
        if "docx" in formats:
            jobs.append(pool.submit(progress.stage, "docx",
                                    lambda: _export("docx", doc, target("docx"))))
        if "html" in formats:
            jobs.append(pool.submit(progress.stage, "html",
                                    lambda: _export("html", doc, target("html"))))
        if typst is not None:
            source = typst.result()
            jobs.append(pool.submit(progress.stage, "pdf",
                                    lambda: _export("pdf", doc, target("pdf"), source)))
        written += [job.result() for job in jobs]
    return written


def _write_markdown(doc: Composed, path: Path) -> Path:
    write_atomic(path, doc.markdown.encode("utf-8"))
    return path


def _export(fmt: str, doc: Composed, target: Path, source: str | None = None) -> Path:
    if fmt == "docx":
        from strategy.export.docx.export import export_docx

        export_docx(doc, target)
    elif fmt == "html":
        from strategy.export.html.export import export_html

        export_html(doc, target)
    else:
        from strategy.export.pdf.export import export_pdf

        export_pdf(doc, target, source)
    return target


def chapter_places(validated: Validated, lang: str) -> dict[str, str]:
    """Place (a key of labels' ``anchors``) -> "rozdz. 2.4 (Wnioski z diagnozy)", from the
    composed document; empty when the sections do not validate or do not compose."""
    from strategy.compose.annexes import places_in

    strategy = validated.strategy
    if strategy is None or has_errors(validated.problems):
        return {}
    try:
        with tempfile.TemporaryDirectory(prefix="readiness-") as work:
            markdown = compose(strategy, Path(work), validated.sections.root).markdown
    except Exception:  # noqa: BLE001 - a document that cannot be composed has no chapters
        return {}
    return places_in(markdown, labels(strategy.strategy.language), lang)
