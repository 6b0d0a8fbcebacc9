"""The pipeline: load -> validate -> compose -> export, as named steps.

Every command goes through here: ``load_and_validate`` reads and checks the sections,
``build`` runs the whole chain. Outputs are named ``<slug>-v<version>-<status>.<ext>``.

A build is all or nothing across formats: every writer's file is made in a staging
folder beside the outputs and moved into place only when all of them are done, so a
failure anywhere leaves ``--out`` holding exactly what it held before.

The writers run side by side (``_export``): the charts and maps are drawn in worker
processes while pandoc reads the Markdown once and writes each format; the DOCX is
finished and the PDF compiled as soon as their parts are ready.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from strategy.export.writer import Writer
from strategy.problems import Problem, has_errors

if TYPE_CHECKING:
    from strategy.checks.validated import Validated
    from strategy.compose.document import Composed

T = TypeVar("T")

# The formats a build can write, in the order they are listed; a new format is a
# writer module and one entry here.
WRITERS: tuple[Writer, ...] = (
    Writer("md", "strategy.export.markdown", stage="markdown"),
    Writer("docx", "strategy.export.docx.export"),
    Writer("pdf", "strategy.export.pdf.export"),
)


class Progress:
    """Says what the build is doing, one plain line per stage in the user's language, to
    stderr so stdout stays clean; with ``verbose`` also the time each stage took."""

    def __init__(self, quiet: bool = False, lang: str = "pl", verbose: bool = False) -> None:
        self.quiet = quiet
        self.lang = lang
        self.verbose = verbose

    def stage(self, name: str, fn: Callable[[], T]) -> T:
        from strategy.language.messages import render

        if not self.quiet:
            print(render(f"progress.{name}", self.lang, {}), file=sys.stderr)
        start = time.perf_counter()
        result = fn()
        if self.verbose and not self.quiet:
            print(render("progress.took", self.lang, {
                "stage": name, "seconds": f"{time.perf_counter() - start:.2f}"}), file=sys.stderr)
        return result


def output_name(doc: Composed, slug: str, ext: str) -> str:
    from strategy.language.labels import labels

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
    import strategy.checks.validate  # noqa: F401 - the models, before the drawer forks
    from strategy.compose.compose import compose
    from strategy.export.drawings import Drawer

    writers = [w for w in WRITERS if w.fmt in formats]
    modules = {w.fmt: w.load() for w in writers}
    # Forked first, so it imports the drawing modules while the text is validated and
    # composed, and before this build starts any thread.
    drawer = Drawer().start() if any(m.IMAGES for m in modules.values()) else None
    try:
        validated = progress.stage("validate", lambda: load_and_validate(sections_dir))
        lang = validated.lang
        strategy = validated.strategy
        if has_errors(validated.problems) or strategy is None:
            return [], validated.problems, lang
        slug = strategy.strategy.slug
        with tempfile.TemporaryDirectory(prefix="strategy-build-") as work:
            assets = Path(work)
            extra = annexes(strategy) if annexes else None
            doc = progress.stage("compose", lambda: compose(
                strategy, assets, sections_dir, extra, draw=False))
            files = _export(doc, writers, modules, progress, drawer)
            written = _put_in_place(out, {output_name(doc, slug, fmt): data
                                          for fmt, data in files.items()})
    finally:
        if drawer is not None:
            drawer.close()
    return written, validated.problems, lang


def _put_in_place(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``files`` into ``out`` all together or not at all: each is written into a
    staging folder there first, then the staged files are renamed over the old ones;
    if a rename fails, the ones already renamed get their old files back."""
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    done: list[tuple[Path, Path | None]] = []  # (target, its previous file kept aside)
    try:
        for name, data in files.items():
            staged = staging / name
            staged.write_bytes(data)
            os.chmod(staged, 0o644)  # mkstemp-like private files are not for documents
        for name in files:
            target = out / name
            kept = None
            if target.exists():
                kept = staging / f".previous-{name}"
                os.link(target, kept)
            os.replace(staging / name, target)
            done.append((target, kept))
    except BaseException:
        for target, kept in reversed(done):
            if kept is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(kept, target)
        shutil.rmtree(staging, ignore_errors=True)
        if created:
            shutil.rmtree(out, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in files]


def _export(doc: Composed, writers: list[Writer], modules: dict[str, Any],
            progress: Progress, drawer: Any) -> dict[str, bytes]:
    """Every writer's file, made side by side: charts and maps by the drawer, one
    pandoc process for all the writers' conversions (the Markdown read once), and each
    writer finished in a thread as soon as its parts are ready. The first failure
    stops the rest and is raised."""
    from strategy.export.pandoc import PandocSession

    conversions = {fmt: m.pandoc_output(doc) for fmt, m in modules.items()}
    pandoc_outputs = [c for c in conversions.values() if c is not None]
    index = {fmt: pandoc_outputs.index(c) for fmt, c in conversions.items() if c is not None}
    needs_images = any(c.after_images for c in pandoc_outputs) or any(
        m.FINISH_NEEDS_IMAGES for m in modules.values())
    with tempfile.TemporaryDirectory(prefix="strategy-export-") as work:
        session = PandocSession(doc.markdown, pandoc_outputs, resource_dir=doc.resource_dir,
                                epoch=doc.meta.epoch, work=Path(work)) if pandoc_outputs else None
        if drawer is not None:
            drawer.draw(doc.drawings if needs_images else [], Path(work))
            if not doc.drawings or not needs_images:
                drawer = None
        try:
            if session is not None:
                session.start()
            with ThreadPoolExecutor(max_workers=len(writers) + 1) as pool:
                images: Future[None] = pool.submit(
                    progress.stage, "charts", drawer.wait) if drawer else _done()
                if session is not None:
                    images.add_done_callback(
                        lambda f: session.images_ready() if f.exception() is None else None)

                def write(fmt: str) -> bytes:
                    converted = session.result(index[fmt]) if (
                        session is not None and fmt in index) else None
                    if modules[fmt].FINISH_NEEDS_IMAGES:
                        images.result()
                    return modules[fmt].finish(doc, converted)

                jobs = {w.fmt: pool.submit(progress.stage, w.stage, lambda fmt=w.fmt: write(fmt))
                        for w in writers}
                done, _ = wait([images, *jobs.values()], return_when=FIRST_EXCEPTION)
                failed = next((f for f in (images, *jobs.values())
                               if f in done and f.exception() is not None), None)
                if failed is not None:
                    _stop(session, drawer)
                    raise failed.exception()  # type: ignore[misc]
                return {fmt: job.result() for fmt, job in jobs.items()}
        finally:
            _stop(session, drawer)


def _done() -> Future[None]:
    future: Future[None] = Future()
    future.set_result(None)
    return future


def _stop(session: Any, drawer: Any) -> None:
    if session is not None:
        session.close()
    if drawer is not None:
        drawer.close()


def chapter_places(validated: Validated, lang: str) -> dict[str, str]:
    """Place (a key of labels' ``anchors``) -> "rozdz. 2.4 (Wnioski z diagnozy)", from the
    composed document; empty when the sections do not validate or do not compose."""
    from strategy.compose.annexes import places_in
    from strategy.compose.compose import compose
    from strategy.language.labels import labels

    strategy = validated.strategy
    if strategy is None or has_errors(validated.problems):
        return {}
    try:
        with tempfile.TemporaryDirectory(prefix="readiness-") as work:
            # The chapters' numbers only: no chart or map is drawn.
            markdown = compose(strategy, Path(work), validated.sections.root,
                               draw=False).markdown
    except Exception:  # noqa: BLE001 - a document that cannot be composed has no chapters
        return {}
    return places_in(markdown, labels(strategy.strategy.language), lang)
