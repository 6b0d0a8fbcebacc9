"""Run the pinned pandoc (the one inside pypandoc-binary) reproducibly.

A build's writers share one pandoc process (``PandocSession``): the Markdown is read
once and every output is written from that document, each as soon as what it needs
is there. ``run_pandoc`` is the one-off conversion for everything else.

Two things would make a build depend on the machine:

- pypandoc picks the newest pandoc it can find, a system one included, unless
  ``PYPANDOC_PANDOC`` names one; we name the bundled binary before pypandoc first
  looks, and re-point pypandoc if someone looked before us.
- pandoc dates the DOCX zip entries and properties by the clock unless
  ``SOURCE_DATE_EPOCH`` is set. pypandoc copies ``os.environ`` into the child at each
  call, so the variable has to be in ``os.environ`` while pandoc starts. It is set for
  the duration of the call and restored afterwards; calls that need the same value
  may run at once (the DOCX and PDF exports of one document), calls that need
  another value wait.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_EPOCH_VAR = "SOURCE_DATE_EPOCH"
# pandoc's runtime starts with a 64 MB heap (-with-rtsopts=-H64m); touching that much
# fresh memory is a large part of a run on a small document. An 8 MB start measured
# 20-35 % faster on both the sample and a 15x larger document (the heap still grows
# as needed); output is unaffected. The pinned build accepts runtime options.
_RUNTIME_OPTIONS = ["+RTS", "-H8m", "-RTS"]

# How pandoc reads the composed Markdown: pandoc's Markdown without four extensions
# the composed text never uses. Every value a user typed is escaped
# (compose/markdown.py: every ASCII punctuation mark backslash-escaped, which no
# extension reads as markup), and the templates and phrasebooks write no definition
# list, no raw HTML or TeX and no TeX math ("smart" stays: the English phrases' own
# apostrophes become typographic ones). The document read is the same
# (tests/test_composed_reader.py reads composed documents of the example, the real
# partnerships and the other languages both ways, and holds the phrasebooks to it);
# reading takes ~40 % less of pandoc's time (1.1 s -> 0.7 s of CPU on the example),
# most of it on the way to the PDF.
COMPOSED_MARKDOWN = "markdown-definition_lists-raw_html-tex_math_dollars-raw_tex"


def pandoc_binary() -> str:
    """Path of the pandoc shipped in the pypandoc-binary wheel (pinned in pyproject),
    found without importing pypandoc (a third of a second)."""
    name = "pandoc.exe" if sys.platform == "win32" else "pandoc"
    spec = importlib.util.find_spec("pypandoc")
    if spec is None or spec.origin is None:
        raise RuntimeError("pypandoc-binary is not installed; it brings the pinned pandoc")
    return str(Path(spec.origin).resolve().parent / "files" / name)


def _pin_pandoc() -> None:
    import pypandoc

    bundled = pandoc_binary()
    os.environ["PYPANDOC_PANDOC"] = bundled
    # get_pandoc_path() caches its first answer for the process; if it was asked
    # before PYPANDOC_PANDOC was set it may hold a system pandoc.
    if pypandoc.get_pandoc_path() != bundled:
        pypandoc.clean_pandocpath_cache()
        pypandoc.clean_version_cache()


class _SharedEnvVar:
    """Holds one environment variable at a value while any caller needs it."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._cond = threading.Condition()
        self._value: str | None = None
        self._users = 0
        self._saved: str | None = None

    @contextmanager
    def set_to(self, value: str) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: self._users == 0 or self._value == value)
            if self._users == 0:
                self._saved = os.environ.get(self._name)
                os.environ[self._name] = value
                self._value = value
            self._users += 1
        try:
            yield
        finally:
            with self._cond:
                self._users -= 1
                if self._users == 0:
                    if self._saved is None:
                        os.environ.pop(self._name, None)
                    else:
                        os.environ[self._name] = self._saved
                    self._value = None
                    self._cond.notify_all()


_source_date_epoch = _SharedEnvVar(_EPOCH_VAR)
_pin_lock = threading.Lock()


def run_pandoc(
    markdown: str,
    to: str,
    *,
    args: Sequence[str],
    epoch: int,
    outputfile: Path | None = None,
    source_format: str = "markdown",
) -> str:
    """Convert pandoc Markdown (or ``source_format``: "json" for a document a session
    wrote) with the pinned pandoc; return the text output."""
    import pypandoc

    with _pin_lock:
        _pin_pandoc()
    with _source_date_epoch.set_to(str(epoch)):
        return pypandoc.convert_text(
            markdown,
            to,
            format=source_format,
            extra_args=[*args, *_RUNTIME_OPTIONS],
            outputfile=str(outputfile) if outputfile else None,
            # verify_format would start pandoc twice more per call to list formats.
            verify_format=False,
        )


SESSION_SCRIPT = Path(__file__).resolve().parent / "session.lua"


@dataclass(frozen=True)
class PandocOutput:
    """One writer of a session: pandoc's format name, the Lua filter and metadata it
    starts with, its writer options (as pandoc's Lua WriterOptions names them), and
    whether it waits for the images, PNG twins included (a DOCX embeds them; typst only
    names them); ``template``, a pandoc template file it writes a standalone document
    with; ``by_chapter``: its filter and writer treat each top-level block on its own
    (nothing read across blocks, no metadata), so that a document read by chapters is
    written by chapters too, each chapter's text kept for the next build (the same
    bytes: session.lua joins them as writing the whole document does)."""

    to: str
    filter: Path | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    text: bool = True
    after_images: bool = False
    template: Path | None = None
    by_chapter: bool = False


_FENCE = re.compile(r"^(`{3,}|~{3,})")
_DIV = re.compile(r"^:{3,}")
# What pandoc reads in the light of the whole document (notes, reference links and
# their definitions, citations, example lists, metadata blocks) or what a cut could
# fall inside of (raw HTML blocks): a document holding any of it is read whole.
_WHOLE_LINE = re.compile(r"^(?: {0,3}\[[^\]\n]*\]:| {0,3}<|(?:---|\.\.\.)\s*$)", re.M)
_ESCAPE_PAIR = re.compile(r"\\.", re.S)
# The identifiers the text gives ("{#id}", "{.class #id}"), which pandoc never changes.
_EXPLICIT = re.compile(r"\{[^}\n]*?#([^\s}]+)")
_BRACKET = re.compile(r"[\[\]]")


def _read_across(markdown: str) -> bool:
    """Whether ``markdown`` may hold something pandoc reads across chapters: a note, a
    citation (an "@" not escaped by one backslash) or a line that may start a reference
    definition, a metadata block or raw HTML."""
    at_signs = markdown.count("@")
    return ("[^" in markdown or _WHOLE_LINE.search(markdown) is not None
            or (at_signs > 0 and at_signs != markdown.count("\\@") - markdown.count("\\\\@")))


def chapters(markdown: str) -> list[str] | None:
    """``markdown`` cut before each chapter (a top-level ATX heading after a blank line,
    outside any fenced div or code), when reading the chapters one by one and putting
    their blocks together gives the document reading it whole does; None when it may
    not: the text holds something pandoc reads in the light of the whole document (a
    note, a reference link, a bracket that may be one, a citation, a metadata block,
    raw HTML), or has a single chapter. The headings' identifiers, which pandoc makes
    unique over the whole document, are checked by the session once it has read them."""
    if _read_across(markdown) or not _links_only(markdown):
        return None
    pieces: list[str] = []
    start = 0
    fence: str | None = None
    depth = 0
    offset = 0
    previous_blank = True
    for line in markdown.splitlines(keepends=True):
        stripped = line.rstrip("\n")
        if fence is not None:
            if stripped.startswith(fence) and not stripped[len(fence):].strip():
                fence = None
        elif (found := _FENCE.match(stripped)) is not None:
            fence = found.group(1)
        elif _DIV.match(stripped):
            depth += 1 if stripped.strip(":").strip() else -1
        elif depth == 0 and previous_blank and stripped.startswith("# ") and offset > start:
            pieces.append(markdown[start:offset])
            start = offset
        previous_blank = not stripped.strip()
        offset += len(line)
    pieces.append(markdown[start:])
    return pieces if len(pieces) > 1 and fence is None and depth == 0 else None


def _links_only(markdown: str) -> bool:
    """Whether every bracket not escaped closes before a "(" or "{" (a link, an image or
    a span): a bare "[Chapter]" could be a reference to a heading of another chapter."""
    bare = _ESCAPE_PAIR.sub("\0\0", markdown)  # escaped characters: neither bracket nor "("
    depth = 0
    for found in _BRACKET.finditer(bare):
        if found.group() == "[":
            depth += 1
            continue
        depth -= 1
        if depth < 0 or bare[found.end():found.end() + 1] not in ("(", "{"):
            return False
    return depth == 0


class PandocFailed(RuntimeError):
    """pandoc failed at ``stage``: 0 reading the Markdown, n writing output n."""

    def __init__(self, stage: int, to: str | None, message: str) -> None:
        super().__init__(message)
        self.stage, self.to, self.message = stage, to, message


class PandocSession:
    """One pandoc process: reads ``markdown`` once, writes each output into ``work``.

    ``start()`` launches it; ``images_ready()`` lets the outputs that wait for the
    images go on; ``result(i)`` waits for output ``i`` and returns its bytes, or raises
    PandocFailed naming the stage that failed. The process runs with the resource
    folder as its working directory, where the Markdown's image paths point.
    """

    def __init__(self, markdown: str, outputs: Sequence[PandocOutput], *, resource_dir: Path,
                 epoch: int, work: Path,
                 chapters: Sequence[tuple[str, bytes | None] | tuple[str, bytes | None,
                                                                     bytes | None]]
                 | None = None) -> None:
        self.outputs = list(outputs)
        self.work = work
        self._resource_dir = resource_dir
        self._epoch = epoch
        self._done = [threading.Event() for _ in range(len(self.outputs) + 1)]
        self._chapters_kept = threading.Event()
        # (Markdown, its earlier reading, its earlier text of the by-chapter output)
        self._chapters = [(c[0], c[1], c[2] if len(c) > 2 else None) for c in chapters or []]
        self._by_chapter = any(o.by_chapter for o in self.outputs)
        self._failure: PandocFailed | None = None
        self._released = False
        self._lock = threading.Lock()
        source = work / "session.md"
        source.write_text(markdown, encoding="utf-8")
        self._job = work / "session.json"
        self._job.write_text(json.dumps({
            "markdown": str(source), "reader": COMPOSED_MARKDOWN, "outputs": [
            {"to": o.to, "metadata": dict(o.metadata), "options": dict(o.options),
             "text": o.text, "out": str(self._path(i)), "wait": o.after_images,
             # no key rather than null: a JSON null is a true value in Lua
             **({"filter": str(o.filter)} if o.filter else {}),
             **({"by_chapter": True} if o.by_chapter else {}),
             **({"template": str(o.template)} if o.template else {})}
            for i, o in enumerate(self.outputs, start=1)],
            "chapters": [self._chapter(i, text, read, part)
                         for i, (text, read, part) in enumerate(self._chapters)],
            "explicit": _EXPLICIT.findall(markdown) if self._chapters else []}),
            encoding="utf-8")
        self._process: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None

    def _path(self, index: int) -> Path:
        return self.work / f"session-{index}.out"

    def _chapter(self, index: int, text: str, read: bytes | None, part: bytes | None
                 ) -> dict[str, str]:
        """A chapter of the job: its document as pandoc read it before (JSON), or its
        Markdown and where to keep what it is read into; with a by-chapter output, its
        text of it from before (when given) and where to keep a new one."""
        parts: dict[str, str] = {}
        if self._by_chapter:
            parts["keep_part"] = str(self.work / f"chapter-{index}.part-made")
            if part is not None:
                (self.work / f"chapter-{index}.part-kept").write_bytes(part)
                parts["part"] = str(self.work / f"chapter-{index}.part-kept")
        if read is not None:
            path = self.work / f"chapter-{index}.json"
            path.write_bytes(read)
            return {"json": str(path), **parts}
        path = self.work / f"chapter-{index}.md"
        path.write_text(text, encoding="utf-8")
        return {"markdown": str(path), "keep": str(self.work / f"chapter-{index}.read"),
                **parts}

    def chapters_read(self) -> dict[int, bytes]:
        """The chapters read from their Markdown by this session, as pandoc's JSON (what
        a later session can be given for them), once every output is written; empty
        when the session read the document whole or stopped before."""
        self._chapters_kept.wait()
        found = {}
        for index, (_, read, _) in enumerate(self._chapters):
            path = self.work / f"chapter-{index}.read"
            if read is None and path.is_file():
                found[index] = path.read_bytes()
        return found

    def parts_written(self) -> dict[int, bytes]:
        """The chapters' texts of the by-chapter output this session wrote anew (what a
        later session can be given for them), once every output is written."""
        self._chapters_kept.wait()
        found = {}
        for index in range(len(self._chapters)):
            path = self.work / f"chapter-{index}.part-made"
            if path.is_file():
                found[index] = path.read_bytes()
        return found

    def start(self) -> PandocSession:
        env = {**os.environ, _EPOCH_VAR: str(self._epoch)}
        # pandoc's messages go to a file: a pipe nobody reads could fill and stop it.
        with (self.work / "session.err").open("wb") as errors:
            self._process = subprocess.Popen(
                [pandoc_binary(), "lua", str(SESSION_SCRIPT), str(self._job),
                 *_RUNTIME_OPTIONS],
                cwd=self._resource_dir, env=env, stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=errors)
        self._reader = threading.Thread(target=self._follow, daemon=True)
        self._reader.start()
        return self

    def _follow(self) -> None:
        process = self._process
        assert process is not None and process.stdout is not None
        for line in process.stdout:
            word = line.split()[1]
            if word == b"chapters":
                self._chapters_kept.set()
                continue
            self._done[int(word)].set()
        code = process.wait()
        errors = (self.work / "session.err").read_text(encoding="utf-8", errors="replace")
        stage = next((i for i, e in enumerate(self._done) if not e.is_set()), None)
        if stage is not None:  # killed after its last output is no failure
            to = self.outputs[stage - 1].to if stage else None
            self._failure = PandocFailed(stage, to, errors.strip() or f"pandoc exited {code}")
        for event in self._done:
            event.set()
        self._chapters_kept.set()

    def images_ready(self) -> None:
        """The images are on disk: the outputs that wait for them may be written."""
        with self._lock:
            if self._released or self._process is None or self._process.stdin is None:
                return
            self._released = True
            waiting = sum(o.after_images for o in self.outputs)
            try:
                self._process.stdin.write(b"go\n" * waiting)
                self._process.stdin.close()
            except BrokenPipeError:
                pass  # pandoc already failed; result() says how

    def result(self, index: int) -> bytes:
        """The bytes of output ``index`` (0-based, in the order given)."""
        self._done[index + 1].wait()
        if self._failure is not None and self._failure.stage <= index + 1:
            raise self._failure
        return self._path(index + 1).read_bytes()

    def close(self) -> None:
        """Stop pandoc if it still runs (a failed build does not wait for it)."""
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        if self._reader is not None:
            self._reader.join()
        for stream in (process.stdin, process.stdout):
            if stream is not None and not stream.closed:
                stream.close()

    def __enter__(self) -> PandocSession:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def convert(markdown: str, outputs: Sequence[PandocOutput], *, resource_dir: Path,
            epoch: int) -> list[bytes]:
    """The outputs of one session whose images are already on disk."""
    with tempfile.TemporaryDirectory(prefix="pandoc-") as work, PandocSession(
            markdown, outputs, resource_dir=resource_dir, epoch=epoch, work=Path(work),
    ) as session:
        session.images_ready()
        return [session.result(i) for i in range(len(outputs))]
