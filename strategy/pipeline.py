"""The pipeline: load -> validate -> compose -> export, as named steps.

Every command goes through here: ``load_and_validate`` reads and checks the sections,
``build`` runs the whole chain. Outputs are named ``<slug>-v<version>-<status>.<ext>``.

A build is all or nothing across formats: every writer's file is made in a staging
folder beside the outputs and moved into place only when all of them are done, so a
failure anywhere leaves ``--out`` holding exactly what it held before.

The writers run side by side (``_export``): the charts and maps are drawn as SVG in
worker processes while pandoc reads the Markdown once and writes each format, those
that need only the text first; the PDF and the HTML page start from the SVGs as soon
as they are drawn, while the PNG twins the DOCX shows are rasterised from them. typst
compiles the PDF in a short-lived process of its own (``export/typst_process.py``), so
what it holds is given back when it ends; a step whose writer says it is heavy runs
one at a time (today only the PDF), so that such peaks never add up.

What an earlier build made from the same inputs is taken from the cache
(``export/cache.py``): the whole result of an unchanged sections folder, or each
output and drawing of an unchanged document or chart. The bytes are the same either
way; ``verify`` builds without it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from strategy.export.writer import Writer
from strategy.problems import Problem, has_errors

if TYPE_CHECKING:
    from concurrent.futures import Future

    from strategy.checks.validated import Validated
    from strategy.compose.document import Composed
    from strategy.sections.yamlsource import Remember

T = TypeVar("T")

# The formats a build can write, in the order they are listed; a new format is a
# writer module and one entry here.
WRITERS: tuple[Writer, ...] = (
    Writer("md", "strategy.export.markdown", stage="markdown"),
    Writer("docx", "strategy.export.docx.export"),
    Writer("pdf", "strategy.export.pdf.export"),
    Writer("html", "strategy.export.html.export"),
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
            _say(render(f"progress.{name}", self.lang, {}))
        start = time.perf_counter()
        result = fn()
        if self.verbose and not self.quiet:
            _say(render("progress.took", self.lang, {
                "stage": name, "seconds": f"{time.perf_counter() - start:.2f}"}))
        return result


def _say(line: str) -> None:
    # One write with its end of line: the writers' stages start in threads of their own,
    # and print's two writes (the text, then the end) let two lines run into one.
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def output_name(doc: Composed, slug: str, ext: str) -> str:
    return f"{slug}-v{doc.meta.version}-{doc.meta.file_status}.{ext}"


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside ``path`` and rename over it: the exporters' one way to write a file."""
    from strategy.export.files import write_atomically

    write_atomically(path, data)


def load_and_validate(sections_dir: Path, *, cache: bool = True,
                      digests: dict[Path, str] | None = None) -> Validated:
    """Read the sections and validate them: every problem of both steps, in one list.
    With ``cache`` (and a cache switched on) a section file unchanged since it was last
    read is not parsed again: the same data and positions either way; each section
    file's SHA-256, of the bytes read, then goes to ``digests``."""
    from strategy.checks.validate import validate
    from strategy.sections.load import load

    digests = {} if digests is None else digests  # each section file's, as it was read
    kept = _kinds_kept(sections_dir, digests) if cache else None
    sections = load(sections_dir, _remembered(digests) if cache else None)
    if kept is not None:
        kept.files = sections.files
    validated = validate(sections, kept)
    validated.problems[:0] = sections.problems
    return validated


def _remembered(digests: dict[Path, str] | None = None) -> Remember | None:
    """What each section file was read into, kept in the cache under its name and its
    bytes (``sections/remembered.py``: plain JSON, refused unless it is the very file's);
    None when the cache is off. Each file's digest goes to ``digests``."""
    import hashlib
    import json

    from strategy.export.cache import Cache, tool_digest
    from strategy.sections import remembered

    store = Cache.from_environment()
    if store is None:
        return None

    def remember(path: Path, raw: bytes, read: Callable[[], Any]) -> Any:
        digest = hashlib.sha256(raw).hexdigest()
        if digests is not None:
            digests[path] = digest
        key = hashlib.sha256(json.dumps(["parsed", remembered.FORMAT, tool_digest(),
                                         str(path), digest],
                                        ensure_ascii=False).encode()).hexdigest()
        kept = store.get("parsed", key)
        doc = remembered.load(path, kept, lazy=True) if kept is not None else None
        if doc is not None:
            return doc, []
        doc, problems = read()
        if doc is not None and not problems:
            data = remembered.dump(doc)
            if data is not None:
                store.put("parsed", key, data)
        return doc, problems

    return remember


class _KindsKept:
    """What the per-kind rules said of each kind (``rules.KindsKept``), kept in the cache
    under the kind's files as read (their names and bytes), everything else in the
    folder but the section files' contents (each other file's bytes, every entry's
    name, type, links and permissions: the files a kind names, and the suggestions of a
    missing one), the folder's place and the tool. Kept only when the folder is as it
    was when the check began."""

    def __init__(self, store: Any, root: Path, digests: dict[Path, str]) -> None:
        self.store, self.root, self.digests = store, root, digests
        around = _around(root)
        self.around, self.stamps = around if around is not None else (None, None)
        self.files: dict[str, list[Path]] = {}
        self.same: bool | None = None
        self._around_key: str | None = None

    def _key(self, kind: str, detail: Any) -> str | None:
        from strategy.checks.kept import PARTS_FORMAT
        from strategy.export.cache import key_of, tool_digest

        files = self.files.get(kind)
        if self.around is None or not files or any(p not in self.digests for p in files):
            return None
        if self._around_key is None:
            self._around_key = key_of(self.around)
        return key_of(["rules-by-kind", PARTS_FORMAT, tool_digest(), str(self.root), kind,
                       detail, [[str(p), self.digests[p]] for p in files], self._around_key])

    def get(self, kind: str, detail: Any) -> bytes | None:
        key = self._key(kind, detail)
        return None if key is None else self.store.get("rules", key, ".json")

    def put(self, kind: str, detail: Any, data: bytes) -> None:
        key = self._key(kind, detail)
        if key is not None and self._unchanged():
            self.store.put("rules", key, data, ".json")

    def _unchanged(self) -> bool:
        if self.same is None:  # not changed while it was checked
            now = _around(self.root, contents=False)
            self.same = now is not None and now[1] == self.stamps
        return self.same

    def kind_key(self, kind: str) -> str | None:
        """A kind's files as read now (none for a kind without files)."""
        from strategy.export.cache import key_of

        files = self.files.get(kind, [])
        if any(p not in self.digests for p in files):
            return None
        return key_of([[str(p), self.digests[p]] for p in files])

    def _rules_key(self) -> str | None:
        """One entry per folder (as it is around the section files): each rule's
        judgement in it says what it was made of, and is refused unless that is so still."""
        from strategy.checks.kept import RULE_FORMAT
        from strategy.export.cache import key_of, tool_digest

        if self.around is None:
            return None
        if self._around_key is None:
            self._around_key = key_of(self.around)
        return key_of(["rules", RULE_FORMAT, tool_digest(), str(self.root),
                       self._around_key])

    def get_rules(self) -> bytes | None:
        key = self._rules_key()
        return None if key is None else self.store.get("rules", key, ".json")

    def put_rules(self, data: bytes) -> None:
        key = self._rules_key()
        if key is not None and self._unchanged():
            self.store.put("rules", key, data, ".json")


def _kinds_kept(root: Path, digests: dict[Path, str]) -> Any:
    from strategy.export.cache import Cache

    store = Cache.from_environment()
    return None if store is None else _KindsKept(store, root, digests)


def _around(root: Path, contents: bool = True) -> tuple[list[Any], list[Any]] | None:
    """Every entry under ``root``: its place, type, links, permissions and owner, and (with
    ``contents``) the bytes of each file that is no section file; beside it, each entry's
    times of change, to tell later that nothing changed without reading it again. None
    when one cannot be read."""
    import os
    import stat

    from strategy.export.cache import file_digest
    from strategy.sections.load import SUFFIXES

    found: list[Any] = [os.path.realpath(root)]
    stamps: list[Any] = list(found)
    try:
        for folder, dirs, names in os.walk(root):
            dirs.sort()
            for name in sorted([*dirs, *names]):
                path = os.path.join(folder, name)
                info = os.lstat(path)
                entry = [os.path.relpath(path, root), info.st_mode, info.st_nlink,
                         info.st_uid, info.st_gid]
                if stat.S_ISLNK(info.st_mode):
                    entry.append(os.readlink(path))
                stamps.append([*entry, info.st_ino, info.st_size, info.st_mtime_ns,
                               info.st_ctime_ns])
                if (contents and stat.S_ISREG(info.st_mode)
                        and not name.endswith(SUFFIXES)):
                    entry += [info.st_size, file_digest(path)]
                found.append(entry)
    except (OSError, ValueError):
        return None
    return found, stamps


def language_of(sections_dir: Path) -> str:
    """The strategy's language as its record says it, without validating anything (for
    the messages of commands that work on releases); Polish when it cannot tell."""
    from strategy.language.messages import LANGS
    from strategy.sections.yamlsource import read

    document, _ = read(sections_dir / "strategy.yaml")
    data = document.data if document is not None else None
    language = data.get("language") if isinstance(data, dict) else None
    return language if language in LANGS else "pl"


def check(sections_dir: Path) -> tuple[list[Problem], str]:
    """The problems of the sections (with the editor's schema-line warnings) and their
    language; for a folder unchanged since the last check, from the cache."""
    from strategy.checks import kept
    from strategy.export.cache import Cache, check_key

    store = Cache.from_environment()
    key = check_key(sections_dir) if store is not None else None
    data = store.get("results", key, ".json") if store is not None and key else None
    answer = kept.load(data) if data is not None else None  # JSON: data, never code
    if answer is not None:
        return answer
    from strategy.checks.editor import schema_problems  # the models: only when checking

    digests: dict[Path, str] = {}
    validated = load_and_validate(sections_dir, digests=digests)
    problems = validated.problems + schema_problems(validated.sections, validated.lang)
    # Kept only when the folder is still what the key was made of: the section files by
    # the bytes that were read and checked (not read again), every other file now.
    if store is not None and key is not None and check_key(
            sections_dir, _by_place(sections_dir, digests)) == key:
        data = kept.dump(problems, validated.lang)
        if data is not None:
            store.put("results", key, data, ".json")
    return problems, validated.lang


def _by_place(root: Path, digests: dict[Path, str]) -> dict[str, str]:
    """The digests of files read in ``root`` by their place in it (``a/b.yaml``)."""
    found = {}
    for path, digest in digests.items():
        try:
            found[path.relative_to(root).as_posix()] = digest
        except ValueError:
            continue  # not named from the folder: hashed again
    return found


def build(sections_dir: Path, out: Path, formats: set[str], progress: Progress,
          annexes: Callable[[Any], dict[str, Any]] | None = None, *, cache: bool = True,
          ) -> tuple[list[Path], list[Problem], str]:
    """Build the documents; returns the written paths, the problems and the language.
    ``annexes`` maps the validated strategy to more names for the templates (a release
    passes the changes against the previous release). With ``cache`` (and a cache
    switched on, ``export/cache.py``) what an earlier build made from the same inputs
    is taken instead of made again: the same bytes either way. Raises ExportFailed
    (a located problem) when an export step fails; ``out`` is then as it was."""
    from strategy.export.cache import Cache, result_entry, sections_key

    store = Cache.from_environment() if cache else None
    writers = [w for w in WRITERS if w.fmt in formats]
    # An unchanged folder: the result of its last build, without validating again.
    key = sections_key(sections_dir) if store is not None and annexes is None else None
    earlier = _earlier(store, key, writers) if store is not None and key else None
    if earlier is not None:
        files, problems, lang = earlier
        return progress.stage("cached", lambda: _put_in_place(out, files)), problems, lang
    written, problems, lang, result = _build(sections_dir, out, writers, progress, annexes,
                                             store)
    if store is not None and key is not None:
        entry = result_entry({**result, "problems": problems, "lang": lang})
        if entry is not None and sections_key(sections_dir) == key:  # not edited meanwhile
            store.put("results", key, entry)
        store.prune()
    return written, problems, lang


def _earlier(store: Any, key: str, writers: list[Writer]
             ) -> tuple[dict[str, bytes], list[Problem], str] | None:
    """The files and problems of the last build of the same sections, when every file
    asked for is still in the cache."""
    from strategy.export.cache import output_key, result_from_entry

    data = store.get("results", key)
    result = result_from_entry(data) if data is not None else None  # data, never code
    if result is None:
        return None
    if has_errors(result["problems"]):
        return {}, result["problems"], result["lang"]
    if not result.get("document"):
        return None  # kept by check, which composes nothing
    files = {}
    for writer in writers:
        content = store.get("outputs", output_key(result["document"], writer.fmt))
        if content is None:
            return None
        files[f"{result['stem']}.{writer.fmt}"] = content
    return files, result["problems"], result["lang"]


def _build(sections_dir: Path, out: Path, writers: list[Writer], progress: Progress,
           annexes: Callable[[Any], dict[str, Any]] | None, store: Any,
           ) -> tuple[list[Path], list[Problem], str, dict[str, Any]]:
    import strategy.checks.validate  # noqa: F401 - the models, before the drawer forks
    import strategy.model.strategy  # noqa: F401 - (every kind's: validate imports them lazily)
    from strategy.compose.compose import compose
    from strategy.export.drawings import Drawer
    from strategy.export.handover import Handover

    modules = {w.fmt: w.load() for w in writers}
    # Forked first, so it imports the drawing modules while the text is validated and
    # composed (and before this build starts any thread); not when the last build of
    # this folder left every drawing in the cache (an edit of the text, most likely).
    images = any(m.IMAGES for m in modules.values())
    drawer = Drawer().start() if images and not _all_drawn_last_time(
        store, sections_dir) else None
    try:
        validated = progress.stage("validate", lambda: load_and_validate(
            sections_dir, cache=store is not None))
        lang = validated.lang
        strategy = validated.strategy
        if has_errors(validated.problems) or strategy is None:
            return [], validated.problems, lang, {}
        slug = strategy.strategy.slug
        with tempfile.TemporaryDirectory(prefix="strategy-build-") as work:
            assets = Path(work)
            extra = annexes(strategy) if annexes else None
            compiled = store.folder("templates") if store is not None else None
            # Each chart and map goes to the drawer as soon as compose makes it.
            drawings = Handover(store, drawer, assets)
            tables = _kept_tables(store, sections_dir)
            doc = progress.stage("compose", lambda: compose(
                strategy, assets, sections_dir, extra, draw=False,
                compiled_templates=compiled, hand=drawings.hand if drawer else None,
                kept_tables=tables))
            files, document = _export(doc, writers, modules, progress, drawings, store,
                                      validated)
            if tables is not None:  # this build's tables, for the next
                store.put("results", _tables_key(sections_dir), tables.to_json(), ".json")
            drawer = drawings.drawer
            _remember_drawings(store, sections_dir, doc)
            stem = output_name(doc, slug, "x").removesuffix(".x")
            written = _put_in_place(out, {f"{stem}.{fmt}": data for fmt, data in files.items()})
    finally:
        if drawer is not None:
            drawer.close()
    return written, validated.problems, lang, {"document": document, "stem": stem}


def _tables_key(sections_dir: Path) -> str:
    """Where the last build of ``sections_dir`` keeps its tables: each is under its own
    arguments' digest (``compose/kepttables.py``), the whole under the tool."""
    from strategy.compose.kepttables import FORMAT
    from strategy.export.cache import key_of, tool_digest

    return key_of(["tables", FORMAT, tool_digest(), str(sections_dir.resolve())])


def _kept_tables(store: Any, sections_dir: Path) -> Any:
    """The tables the last build of ``sections_dir`` composed (none known when that
    entry is missing or damaged); None without a cache."""
    from strategy.compose.kepttables import KeptTables

    if store is None:
        return None
    return KeptTables.from_json(store.get("results", _tables_key(sections_dir), ".json"))


def _last_drawings_key(sections_dir: Path) -> str:
    from strategy.export.cache import output_key, tool_digest

    return output_key(tool_digest(), f"last drawings of {sections_dir.resolve()}")


def _all_drawn_last_time(store: Any, sections_dir: Path) -> bool:
    """Whether every drawing of the last build of ``sections_dir`` is in the cache."""
    if store is None:
        return False
    data = store.get("results", _last_drawings_key(sections_dir))
    keys = data.decode("ascii", "replace").split() if data else None  # damaged: no key
    return bool(keys) and all(key.isalnum() and store.has("drawings", key) for key in keys)


def _remember_drawings(store: Any, sections_dir: Path, doc: Composed) -> None:
    from strategy.export.cache import drawing_key

    if store is not None:
        keys = [drawing_key(d, doc.resource_dir) for d in doc.drawings]
        if keys and all(keys):
            store.put("results", _last_drawings_key(sections_dir), " ".join(keys).encode())


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
                try:
                    os.link(target, kept)
                except OSError:  # a file system without hard links
                    shutil.copy2(target, kept)
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
            progress: Progress, drawings: Any, store: Any, validated: Validated,
            ) -> tuple[dict[str, bytes], str | None]:
    """Every writer's file (and the composed document's cache key), made side by side:
    charts and maps by the drawer, one pandoc process for all the writers' conversions
    (the Markdown read once), and each writer finished in a thread as soon as its
    parts are ready. What the cache holds is taken from it. The first failure stops
    the rest and is raised as ExportFailed, located where the sections allow."""
    from strategy.export.cache import document_key, output_key

    keys = {id(d): drawings.key(d) for d in doc.drawings} if store else {}
    document = document_key(doc, {f: keys[id(d)] for d in doc.drawings for f in d.files}) if (
        store is not None and all(keys.values())) else None
    files = {}
    for writer in writers:
        cached = store.get("outputs", output_key(document, writer.fmt)) if document else None
        if cached is not None:
            files[writer.fmt] = cached
    remaining = [w for w in writers if w.fmt not in files]
    needs_images = any(modules[w.fmt].IMAGES for w in remaining)
    for drawing in doc.drawings if needs_images else []:
        drawings.hand(drawing)  # those compose did not hand over (none, today)
    made = _make(doc, remaining, modules, progress, drawings, validated, store) if (
        remaining) else {}
    if drawings.drawer is not None and not remaining:
        drawings.drawer.close()  # nothing to draw
    if store is not None:
        if made:
            drawings.keep()
        for fmt, data in made.items():
            if document:
                store.put("outputs", output_key(document, fmt), data)
    files.update(made)
    return {w.fmt: files[w.fmt] for w in writers}, document


def _make(doc: Composed, writers: list[Writer], modules: dict[str, Any], progress: Progress,
          drawings: Any, validated: Validated, store: Any = None,
          ) -> dict[str, bytes]:
    from strategy.export.failure import ExportFailed, explain
    from strategy.export.pandoc import PandocSession

    conversions = {w.fmt: modules[w.fmt].pandoc_output(doc) for w in writers}
    # pandoc writes its outputs in this order: first those that need only the text (the
    # typst and the HTML page's document, whose PDF and page take longest to finish),
    # then those that wait for the images (the DOCX embeds the PNG twins). With every
    # image already on disk (an edit of the text) none waits: the by-chapter one (the
    # PDF's) first, then the DOCX, whose finishing takes longer than the page's.
    ready = not drawings.pending
    pandoc_outputs = sorted((c for c in conversions.values() if c is not None),
                            key=lambda c: (not c.by_chapter, not c.after_images) if ready
                            else c.after_images)
    twins_wanted = any(c.after_images for c in pandoc_outputs)
    index = {fmt: pandoc_outputs.index(c) for fmt, c in conversions.items() if c is not None}
    with tempfile.TemporaryDirectory(prefix="strategy-export-") as work:
        by_chapter = next((c for c in pandoc_outputs if c.by_chapter), None)
        chapters = _chapters(store, doc.markdown, by_chapter) if pandoc_outputs else None
        session = PandocSession(doc.markdown, pandoc_outputs, resource_dir=doc.resource_dir,
                                epoch=doc.meta.epoch, work=Path(work),
                                chapters=chapters and [c[1:] for c in chapters],
                                ) if pandoc_outputs else None
        drawer = drawings.start_drawer()  # if forked now: still before any thread
        if drawer is not None:
            drawer.finish(twins=twins_wanted)
            if not drawings.pending:
                drawer = None
        try:
            if session is not None:
                session.start()
            for writer in writers:  # what a writer's finishing needs, started meanwhile
                getattr(modules[writer.fmt], "prepare", lambda: None)()
            # Imported here: a check, which writes nothing, need not (~10 ms).
            from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

            with ThreadPoolExecutor(max_workers=len(writers) + 2) as pool:
                images: Future[None] = pool.submit(
                    progress.stage, "charts", drawer.wait) if drawer else _done()
                # The PDF and the HTML page take the SVGs as soon as they are drawn; the
                # PNG twins the DOCX shows are made from them meanwhile.
                twins = pool.submit(_twins, images, drawer)
                if session is not None:
                    twins.add_done_callback(
                        lambda f: session.images_ready() if f.exception() is None else None)

                heavy = threading.Lock()  # the heavy writers' steps (the PDF): one at a time
                stopping = threading.Event()  # a failed build starts no heavy step

                def write(fmt: str) -> bytes:
                    converted = session.result(index[fmt]) if (
                        session is not None and fmt in index) else None
                    if modules[fmt].FINISH_NEEDS_IMAGES:
                        images.result()
                    is_heavy = getattr(modules[fmt], "HEAVY", False)
                    with heavy if is_heavy else contextlib.nullcontext():
                        if is_heavy and stopping.is_set():
                            raise RuntimeError("the build was stopped")
                        try:
                            return modules[fmt].finish(doc, converted)
                        finally:
                            _give_back_memory()  # not held beside typst's peak

                jobs = {w.fmt: pool.submit(progress.stage, w.stage, lambda fmt=w.fmt: write(fmt))
                        for w in writers}
                steps: dict[Future[Any], str | None] = {images: None, twins: None}
                steps.update({job: fmt for fmt, job in jobs.items()})
                try:
                    done, _ = wait(steps, return_when=FIRST_EXCEPTION)
                except BaseException:  # interrupted: the pool would wait for typst
                    stopping.set()
                    _stop(session, drawer)
                    raise
                failed = [f for f in steps if f in done and f.exception() is not None]
                if failed:
                    stopping.set()
                    _stop(session, drawer)
                    # The drawing first: a writer waiting for it failed only because of it.
                    error = failed[0].exception()
                    assert error is not None
                    raise ExportFailed(explain(error, steps[failed[0]], doc,
                                               validated.sections), doc.meta.lang) from error
                made = {fmt: job.result() for fmt, job in jobs.items()}
                if session is not None and chapters:
                    for number, read in session.chapters_read().items():
                        store.put("chapters", chapters[number][0], read)
                    for number, part in session.parts_written().items():
                        store.put("chapters", _part_key(chapters[number][0], by_chapter), part)
                return made
        finally:
            _stop(session, drawer)


def _chapters(store: Any, markdown: str, by_chapter: Any = None,
              ) -> list[tuple[str, str, bytes | None, bytes | None]] | None:
    """The document's chapters (``pandoc.chapters``), each with its cache key, what
    pandoc read it into in an earlier build and its text of the ``by_chapter`` output
    then (None when not kept); None without a cache or when the document is read
    whole."""
    from strategy.export.cache import chapter_key
    from strategy.export.pandoc import chapters

    cut = chapters(markdown) if store is not None else None
    if cut is None:
        return None
    keys = [chapter_key(text) for text in cut]
    return [(key, text, store.get("chapters", key),
             store.get("chapters", _part_key(key, by_chapter)) if by_chapter else None)
            for key, text in zip(keys, cut, strict=True)]


def _part_key(chapter: str, output: Any) -> str:
    """The cache key of a chapter's text of a by-chapter output (``PandocOutput``)."""
    import json

    from strategy.export.cache import output_key

    return output_key(chapter, json.dumps(
        ["chapter part", output.to, str(output.filter), dict(output.metadata),
         dict(output.options)], sort_keys=True, default=str))


def _give_back_memory() -> None:
    """Hand the heap's free pages back to the system (glibc keeps them otherwise): what
    a writer's finishing freed is then not counted beside typst's process."""
    if sys.platform != "linux":
        return
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError, AttributeError):  # not glibc: no malloc_trim
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


def _twins(images: Future[None], drawer: Any) -> None:
    """The PNG twins of the drawings, once their SVGs are drawn: made by the drawer's
    workers as each SVG is done (``Drawer.wait_twins``); a failure is the drawing's."""
    images.result()
    if drawer is not None:
        drawer.wait_twins()


def _done() -> Future[None]:
    from concurrent.futures import Future

    future: Future[None] = Future()
    future.set_result(None)
    return future


def _stop(session: Any, drawer: Any) -> None:
    from strategy.export.typst_process import stop

    stop()  # typst's processes: a failed build does not wait for them
    if session is not None:
        session.close()
    if drawer is not None:
        drawer.close()


def final_blockers(validated: Validated, releases: Any, since: Any = None) -> list[Any]:
    """``checks.final.blockers`` of ``validated`` for readiness: what each text holds of
    the words of text that is not final is kept in the cache (by the text, the words and
    the tool), so that after an edit only the texts not seen before are searched; and,
    given ``since`` (``folder_stamps`` taken before the folder was read), what each
    kind's numbers and texts gave (``_FinalKept``), so that only a changed kind is
    walked again."""
    import json

    from strategy.checks import final
    from strategy.export.cache import Cache, key_of, tool_digest

    store = Cache.from_environment()
    scans = final.Scans(validated.lang)
    key = None
    if store is not None:
        key = key_of(["scans", tool_digest(), scans.key()])
        data = store.get("scans", key, ".json")
        with contextlib.suppress(ValueError):  # a damaged entry: every text is searched
            scans.take(json.loads(data) if data is not None else None)
    kept = _FinalKept(store, validated, scans, since) if store is not None else None
    found = final.blockers(validated, releases, scans=scans,
                           kept=kept if kept is not None and kept.around else None)
    # The texts of a kind taken from ``kept`` were not looked at: what was known of them
    # is kept on, beside what this run searched.
    taken = kept is not None and kept.taken
    if store is not None and key is not None and (
            scans.searched or (not taken and len(scans.used) != len(scans.known))):
        used = {**scans.known, **scans.used} if taken else scans.used
        store.put("scans", key, json.dumps(used, separators=(",", ":")).encode(), ".json")
    return found


def folder_stamps(root: Path) -> Any:
    """Every entry under ``root`` with its times of change, size and inode (``_around``):
    taken before the folder is read, to tell later that nothing changed since."""
    around = _around(root, contents=False)
    return None if around is None else around[1]


class _FinalKept:
    """What the final gate's numbers and texts gave of each kind (``final.KindsKept``),
    kept in the cache (``final/``) under the kind's files (their names and bytes, and
    those of the statistics and the partnership for the diagnosis, whose indicators take
    their values from them), whether the kind is valid and the whole strategy is (its
    indicators then bound), the words of text that is not final, everything else in the
    folder but the section files' contents, and the tool. Used only when the folder is
    as it was before it was read (``since``): the files hashed are the files read."""

    def __init__(self, store: Any, validated: Validated, scans: Any, since: Any) -> None:
        from strategy.export.cache import key_of

        self.store, self.v, self.scans = store, validated, scans
        around = _around(validated.sections.root) if since is not None else None
        self.around = key_of(around[0]) if around is not None and around[1] == since else None
        self.whole = validated.whole
        self.digests: dict[Path, str | None] = {}
        self.taken = False  # whether any kind's blockers came from the cache

    def _digest(self, path: Path) -> str | None:
        from strategy.export.cache import file_digest

        if path not in self.digests:
            try:
                self.digests[path] = file_digest(path)
            except OSError:
                self.digests[path] = None
        return self.digests[path]

    def _key(self, kind: str) -> str | None:
        from strategy.checks import kept
        from strategy.export.cache import key_of, tool_digest

        files = self.v.sections.files
        read = list(files.get(kind, []))
        if self.around is None or not read:
            return None
        if kind == "diagnosis":
            read += [*files.get("statistics", []), *files.get("partnership", [])]
        digests = [[str(p), self._digest(p)] for p in read]
        if any(d is None for _, d in digests):
            return None
        return key_of(["final-by-kind", kept.FORMAT, tool_digest(), str(self.v.sections.root),
                       kind, kind in self.v.kinds, self.whole,
                       self.scans.key(), digests, self.around])

    def get(self, kind: str) -> list[Problem] | None:
        from strategy.checks import kept

        key = self._key(kind)
        data = self.store.get("final", key, ".json") if key is not None else None
        answer = kept.load(data) if data is not None else None  # JSON: data, never code
        if answer is None or answer[1] != kind:
            return None
        self.taken = True
        return answer[0]

    def put(self, kind: str, problems: list[Problem]) -> None:
        from strategy.checks import kept

        key = self._key(kind)
        # kept's answer format, the kind where check's answer holds its language
        data = kept.dump(problems, kind) if key is not None else None
        if key is not None and data is not None:
            self.store.put("final", key, data, ".json")


def chapter_places(validated: Validated, lang: str) -> dict[str, str]:
    """Place (a key of labels' ``anchors``) -> "rozdz. 2.4 (Wnioski z diagnozy)", from the
    composed document; empty when the sections do not validate or do not compose. Kept
    in the cache under what the outline is made from (``_places_key``): after a word
    changed in a paragraph the document is not composed again."""
    import json

    from strategy.export.cache import Cache

    # Told without making the kinds' models: a kept place needs none of them.
    if not validated.whole or has_errors(validated.problems):
        return {}
    store = Cache.from_environment()
    key = _places_key(validated, lang) if store is not None else None
    data = store.get("places", key, ".json") if store is not None and key else None
    with contextlib.suppress(ValueError):  # a damaged entry: composed again
        kept = json.loads(data) if data is not None else None
        if isinstance(kept, dict) and all(isinstance(k, str) and isinstance(v, str)
                                          for k, v in kept.items()):
            return kept
    found = _composed_places(validated, lang, store)
    if store is not None and key is not None and found is not None:
        store.put("places", key, json.dumps(found, ensure_ascii=False).encode(), ".json")
    return found or {}


def _places_key(validated: Validated, lang: str) -> str | None:
    """The key of the places named in ``lang``: the tool, every kind's data with its prose
    standing for whether it is empty (``compose/outline_inputs.py``), and everything
    else in the folder (each other file's bytes, every entry's name and type); None
    when the folder cannot be read."""
    import pickle

    from strategy.compose.outline_inputs import outline_data
    from strategy.export.cache import key_of, tool_digest

    around = _around(validated.sections.root)
    if around is None:
        return None
    dumps = {kind: validated.dump(kind) for kind in validated.kinds}
    # Only hashed, never read back: pickle says every value with its type, and is twice
    # as quick as JSON with the types spelt out; without its memo (``fast``), a value
    # is written out wherever it stands, so equal data are equal bytes however shared.
    digest = _Digest()
    pickler = pickle.Pickler(digest, protocol=5)
    pickler.fast = True
    try:
        pickler.dump(outline_data(dumps))
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        return None
    return key_of(["places", 1, tool_digest(), lang, around[0], digest.hexdigest()])


class _Digest:
    """A file-like SHA-256: what is written to it is hashed."""

    def __init__(self) -> None:
        import hashlib

        self.sha = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        return len(data)

    def hexdigest(self) -> str:
        return self.sha.hexdigest()


def _composed_places(validated: Validated, lang: str, store: Any) -> dict[str, str] | None:
    """The places, from the document composed without its tables and prose; None when it
    cannot be composed."""
    from strategy.compose.annexes import places_in
    from strategy.compose.compose import compose
    from strategy.language.labels import labels

    strategy = validated.strategy
    assert strategy is not None
    try:
        with tempfile.TemporaryDirectory(prefix="readiness-") as work:
            # The chapters' numbers only: no chart or map is drawn, no table is made
            # (tables hold no heading; the outline is the composed document's).
            markdown = compose(strategy, Path(work), validated.sections.root, draw=False,
                               compiled_templates=store.folder("templates") if store else None,
                               tables=False).markdown
    except Exception:  # noqa: BLE001 - a document that cannot be composed has no chapters
        return None
    return places_in(markdown, labels(strategy.strategy.language), lang)
