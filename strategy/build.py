"""The build pipeline: load -> validate -> compose -> export, one progress line per stage.

Outputs are named ``<slug>-v<version>-<status>.<ext>``. Every output is written to a
temporary file and renamed into place, so a failed build leaves the last good
documents as they were. DOCX and PDF are exported in parallel: both stages spend
their time outside Python (pandoc's process, typst's compiler).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from strategy.compose import compose, labels
from strategy.document import Composed
from strategy.messages import render
from strategy.problems import Problem, format_text, has_errors

T = TypeVar("T")


class Progress:
    """Prints one line per stage with its time, to stderr so stdout stays clean."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet

    def stage(self, name: str, fn: Callable[[], T]) -> T:
        start = time.perf_counter()
        result = fn()
        if not self.quiet:
            print(f"{name:<10} {time.perf_counter() - start:6.2f} s", file=sys.stderr)
        return result


def output_name(doc: Composed, slug: str, ext: str) -> str:
    status = labels(doc.meta.lang)["file_status"][doc.meta.status]
    return f"{slug}-v{doc.meta.version}-{status}.{ext}"


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build(sections_dir: Path, out: Path, formats: set[str], progress: Progress
          ) -> tuple[list[Path], list[Problem], str]:
    """Build the documents; returns the written paths, the problems and the language."""
    from strategy.cli import load_and_validate

    validated = progress.stage("validate", lambda: load_and_validate(sections_dir))
    lang = validated.lang
    strategy = validated.strategy
    if has_errors(validated.problems) or strategy is None:
        return [], validated.problems, lang
    slug = strategy.strategy.slug
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=out) as work:
        assets = Path(work)
        doc = progress.stage("compose", lambda: compose(strategy, assets, sections_dir))
        jobs: dict[str, Callable[[], Path]] = {}
        if "md" in formats:
            def write_md() -> Path:
                target = out / output_name(doc, slug, "md")
                write_atomic(target, doc.markdown.encode("utf-8"))
                return target
            jobs["markdown"] = write_md
        if "docx" in formats:
            jobs["docx"] = lambda: _export("docx", doc, out / output_name(doc, slug, "docx"))
        if "pdf" in formats:
            jobs["pdf"] = lambda: _export("pdf", doc, out / output_name(doc, slug, "pdf"))
        with ThreadPoolExecutor(max_workers=max(1, len(jobs))) as pool:
            futures = {name: pool.submit(progress.stage, name, job) for name, job in jobs.items()}
            written = [f.result() for f in futures.values()]
    return written, validated.problems, lang


def _export(fmt: str, doc: Composed, target: Path) -> Path:
    from strategy.export import export_docx, export_pdf

    (export_docx if fmt == "docx" else export_pdf)(doc, target)
    return target


def run_build(args: argparse.Namespace) -> int:
    formats = {"docx", "pdf", "md"} if args.format == "all" else {args.format}
    progress = Progress()
    try:
        written, problems, lang = build(args.sections, args.out, formats, progress)
    except Exception as exc:  # an exporter failing must not leave the user a traceback
        print(render("build.failed", args.lang or "pl", {"reason": f"{type(exc).__name__}: {exc}"}),
              file=sys.stderr)
        return 1
    lang = args.lang or lang
    if problems:
        print(format_text(problems, lang, Path.cwd()), file=sys.stderr)
    if has_errors(problems):
        print(render("build.refused", lang, {}), file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0
