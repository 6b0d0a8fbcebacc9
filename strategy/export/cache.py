"""A content-addressed cache of what builds made: drawings, output files, results.

A build is a pure function of the sections' bytes and the tool (its code, templates
and pinned packages): the same inputs always give the same bytes (``verify`` proves
it on every release). So what a build made can be kept under a key that hashes
everything it was made from, and a later build with the same key can take it instead
of making it again. Kinds of entries, each keyed by SHA-256:

- ``drawings/``: a chart or map, by its drawing function, arguments and input files;
- ``outputs/``: a DOCX, PDF or Markdown file, by the composed document (its
  Markdown, metadata and every image's key or bytes) and the format;
- ``results/``: what a build of a whole sections folder gave (its problems, the
  composed document's key, the files' names), by every file of that folder and the
  folder's place, so an unchanged rebuild neither validates nor composes;
- ``parsed/``: a section file as read (its data and positions, as JSON:
  ``sections/remembered.py``), by its name and bytes, so that a check or build after a
  change parses only the changed file;
- ``templates/``: the templates as Jinja compiled them (Jinja's own bytecode cache,
  which checks each against its source);
- ``rules/``: each kind's validation and what the rules that judge each kind on its own
  said of it, by the kind's files, everything else in the folder but the section
  files' contents, and the tool; and, one entry per folder, each rule across kinds with
  the kinds it read and every kind's state (``checks/kept.py``, ``pipeline._KindsKept``),
  so a check after an edit validates and judges only what the changed kinds reach;
- ``scans/``: where each text holds the words that keep a version from being final,
  by the text's SHA-256 under a key of those words and the tool
  (``pipeline.final_blockers``), so readiness after an edit searches only new texts;
- ``final/``: the final gate's blockers of each kind's numbers and texts, by the
  kind's files and everything else in the folder but the section files' contents
  (``pipeline._FinalKept``), so readiness after an edit walks only the changed kind;
- ``places/``: the chapters readiness names, by every kind's data but its prose
  (``pipeline.chapter_places``), so a word changed in a paragraph composes nothing;
- ``chapters/``: a chapter of a composed document as pandoc read it (its JSON), by
  the chapter's Markdown, so that a build after an edit reads only the chapters it
  changed (``pandoc.chapters``; the session checks they make the document read whole).
- ``tool/``: the digest of the tool's own code (``code_digest``), by every file's
  place, size, inode and times of change.

Beside them, ``books/`` holds the books of words and the law's profiles as parsed, by
their bytes (``language/kept.py``, which cannot use this module). Every entry is data,
never pickle: a result is JSON (its problems as check keeps them, ``checks/kept.py``),
a drawing's files are length-prefixed bytes, each with a format number. A damaged,
foreign or planted entry is refused (a miss, the thing is made again), never run.

Every key also holds the tool's digest, so a new version of the code or of a pinned
package never reads an older entry. A cache never changes an output byte: with it or
without it the files are the same (tests/test_cache.py builds both ways).

Where it lives: ``$STRATEGY_CACHE`` when set (``off`` turns it off), else
``$XDG_CACHE_HOME/territorial-strategy-builder`` (``~/.cache/…``): outside the
project, so it is never in git, in ``build/`` or in a release. It keeps at most
``LIMIT`` bytes; the entries used longest ago go first.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import decimal
import hashlib
import json
import os
import platform
import stat
import struct
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from strategy.checks import kept
from strategy.language import kept as books

LIMIT = 1 << 30  # 1 GiB
_CODE = Path(__file__).resolve().parent.parent  # the strategy package: code and templates
_KINDS = ("drawings", "outputs", "results", "templates", "parsed", "chapters", "rules",
          "scans", "places", "final", "tool")


def code_digest() -> str:
    """One SHA-256 over the tool's own code, templates and assets. Kept in the cache
    (``tool/``) under every file's place, size, inode and times of change, as Python
    trusts a module's compiled bytecode while its source's time and size are the same:
    reading and hashing the whole package was a tenth of a check after an edit."""
    stamps = _tree_stamps(_CODE)
    store = Cache.from_environment() if stamps is not None else None
    key = key_of(["code", str(_CODE), stamps]) if store is not None else None
    kept_digest = store.get("tool", key) if store is not None and key else None
    if kept_digest is not None and len(kept_digest) == 64 and all(
            c in b"0123456789abcdef" for c in kept_digest):
        return kept_digest.decode("ascii")
    digest = tree_digest(_CODE)
    if store is not None and key and _tree_stamps(_CODE) == stamps:  # not changed meanwhile
        store.put("tool", key, digest.encode("ascii"))
    return digest


def _tree_stamps(root: Path) -> list[Any] | None:
    """Each file ``tree_digest`` reads, by its place, size, inode and times of change (a
    link by its target's); None when one cannot be told."""
    found = []
    try:
        for folder, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for name in names:
                if name.startswith(".") or name == "__pycache__":
                    continue
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path)
                except FileNotFoundError:
                    continue  # a dangling link: tree_digest leaves it out too
                if stat.S_ISREG(info.st_mode):
                    found.append([os.path.relpath(path, root), info.st_dev, info.st_ino,
                                  info.st_size, info.st_mtime_ns, info.st_ctime_ns])
    except (OSError, ValueError):
        return None
    return sorted(found)


def tree_digest(root: Path) -> str:
    """One SHA-256 over every file under ``root`` (by its place and its bytes), in the
    order of its path's parts, leaving out ``__pycache__`` and names starting with a
    dot; a symbolic link to a file counts as that file, a linked folder is not entered.
    One ``os.walk``: every command pays it, and pathlib's walk costs twice as much."""
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        place = Path(folder).relative_to(root).parts
        found += [(*place, name) for name in names if not name.startswith(".")
                  and name != "__pycache__" and os.path.isfile(os.path.join(folder, name))]
    digest = hashlib.sha256()
    for parts in sorted(found):
        digest.update("/".join(parts).encode() + b"\0")
        with open(os.path.join(root, *parts), "rb") as handle:
            digest.update(hashlib.sha256(handle.read()).hexdigest().encode())
    return digest.hexdigest()


# Every folder of the cache (the kinds above and the books'): the cache reads and writes
# no other, and ``prune`` keeps all of them within the limit.
KINDS = (*_KINDS, books.FOLDER)


@cache
def tool_digest() -> str:
    """The tool: its code, Python, and every installed distribution with its version
    (pandoc comes with pypandoc-binary, typst, matplotlib, Pillow, lxml…)."""
    return key_of([code_digest(), sys.version, platform.machine(), installed_distributions()])


def installed_distributions() -> list[str]:
    """Every installed distribution with its version, as the folders of ``sys.path`` name
    them (``name-1.2.dist-info``): what the tool's digest and the warm process's stamps
    hold of the packages."""
    return sorted({entry for folder in sys.path if os.path.isdir(folder)
                   for entry in os.listdir(folder)
                   if entry.endswith((".dist-info", ".egg-info"))})


def key_of(value: Any) -> str:
    """A cache key: the SHA-256 of ``value`` as canonical JSON."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False,
                                     separators=(",", ":")).encode()).hexdigest()


def file_digest(path: str | Path) -> str:
    # a str as well: the folder's key walks with os.path, and a Path per file costs
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Uncacheable(TypeError):
    """A value with no stable description: what it went into is made, not cached."""


def canonical(value: Any, assets: Path) -> Any:
    """``value`` as plain JSON that says everything a drawing could read from it: a path
    inside ``assets`` by its place there, another file by its contents, a folder by
    nothing (the files a drawing reads in it are its ``inputs``)."""
    # Imported here: an unchanged rebuild reads the cache without the models.
    from strategy.model.files import ResolvedFile

    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, decimal.Decimal | dt.date):
        return [type(value).__name__, str(value)]
    if isinstance(value, ResolvedFile):  # a file a section names: by its contents alone
        return ["file", file_digest(value.path), value.format]
    if isinstance(value, Path):
        try:
            return ["asset", value.resolve().relative_to(assets.resolve()).as_posix()]
        except ValueError:
            pass
        if value.is_file():
            return ["file", file_digest(value)]
        return ["folder"] if value.is_dir() else ["missing", value.name]
    if isinstance(value, list | tuple):
        return [canonical(v, assets) for v in value]
    if isinstance(value, dict):
        return [[canonical(k, assets), canonical(v, assets)] for k, v in value.items()]
    if hasattr(value, "model_dump"):  # a pydantic model
        return [type(value).__qualname__, value.model_dump(mode="json")]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__qualname__, canonical(dataclasses.asdict(value), assets)]
    raise Uncacheable(type(value).__qualname__)


def drawing_key(drawing: Any, assets: Path) -> str | None:
    """The key of a drawing (``compose.document.Drawing``), or None when it cannot be
    cached (no ``output``, or an argument with no stable description)."""
    if drawing.output is None:
        return None
    try:
        return key_of(["drawing", tool_digest(), drawing.module, drawing.function,
                        canonical(drawing.args, assets), canonical(drawing.output, assets),
                        [file_digest(p) if p.is_file() else None for p in drawing.inputs]])
    except (Uncacheable, OSError):
        return None


def document_key(doc: Any, drawn: dict[Path, str]) -> str:
    """The key of a composed document (``compose.document.Composed``): its Markdown, its
    metadata, and every file of its images' folder, by the key of the drawing that
    makes it (``drawn``) or by its bytes."""
    assets = doc.resource_dir
    images = {p.relative_to(assets).as_posix(): key for p, key in drawn.items()}
    for path in sorted(assets.rglob("*")):
        name = path.relative_to(assets).as_posix()
        if path.is_file() and name not in images:
            images[name] = file_digest(path)
    return key_of(["document", tool_digest(), doc.markdown, repr(doc.meta), images])


def sections_key(root: Path, known: dict[str, str] | None = None) -> str:
    """The key of a sections folder: its place and every file under it (a symbolic link
    by where it points, and by the contents there when that is inside the folder).
    ``known`` gives the SHA-256 of files already read, by their place in the folder
    (``a/b.yaml``): the bytes that were read, not hashed again."""
    root = root.resolve()
    files = []
    # os.path, not pathlib: the same entries, and at 300 files half the time of a check's
    # key.
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        place = os.path.relpath(folder, root).replace(os.sep, "/")
        for name in sorted(names):
            path = os.path.join(folder, name)
            entry: list[Any] = [name if place == "." else f"{place}/{name}"]
            if os.path.islink(path):
                entry.append(["link", os.readlink(path)])
                target = Path(path).resolve()
                if target.is_relative_to(root) and target.is_file():
                    entry.append(file_digest(target))
            elif os.path.isfile(path):
                known_digest = known.get(entry[0]) if known else None
                entry.append(known_digest or file_digest(path))
            files.append(entry)
    return key_of(["sections", tool_digest(), str(root), files])


def check_key(root: Path, known: dict[str, str] | None = None) -> str:
    """The key of a check of a sections folder: the folder (``sections_key``, with the
    digests ``known`` already) and the files of the schema folder beside it, which the
    schema lines are checked against."""
    schema = root.resolve().parent / "schema"
    beside = sorted(p.relative_to(schema).as_posix() for p in schema.rglob("*")) if (
        schema.is_dir()) else None
    return key_of(["check", sections_key(root, known), beside])


def output_key(document: str, fmt: str) -> str:
    return key_of(["output", document, fmt])


def chapter_key(markdown: str) -> str:
    return key_of(["chapter", tool_digest(), markdown])


class Cache:
    """The cache in ``root``; every write is atomic, every read may miss."""

    def __init__(self, root: Path, limit: int = LIMIT) -> None:
        self.root = root
        self.limit = limit

    @classmethod
    def from_environment(cls) -> Cache | None:
        """The cache ``$STRATEGY_CACHE`` names, or the user's default; None when off."""
        root = books.cache_root()  # one rule for every reader of the cache
        return None if root is None else cls(root)

    def folder(self, kind: str) -> Path | None:
        """The folder of ``kind``, made when missing; None when it cannot be."""
        path = self._folder(kind)
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return path

    def _folder(self, kind: str) -> Path:
        if kind not in KINDS:  # a folder prune would not know
            raise ValueError(f"no kind of cache entry {kind!r}: list it in KINDS")
        return self.root / kind

    def _path(self, kind: str, key: str, suffix: str = "") -> Path:
        return self._folder(kind) / f"{key}{suffix}"

    def get(self, kind: str, key: str, suffix: str = "") -> bytes | None:
        """The entry, or None; an entry whose bytes do not match the SHA-256 it was
        stored with (a disk error, a hand edit) is a miss, and is deleted."""
        path = self._path(kind, key, suffix)
        try:
            stored = path.read_bytes()
        except OSError:
            return None
        digest, data = stored[:32], stored[32:]
        if hashlib.sha256(data).digest() != digest:
            path.unlink(missing_ok=True)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: the last to be pruned
        return data

    def has(self, kind: str, key: str, suffix: str = "") -> bool:
        return self._path(kind, key, suffix).is_file()

    def put(self, kind: str, key: str, data: bytes, suffix: str = "") -> None:
        """Keep ``data``; a cache that cannot be written is only a slower build."""
        path = self._path(kind, key, suffix)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=".put-", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(hashlib.sha256(data).digest() + data)
            os.replace(name, path)
        except OSError:
            return

    def prune(self) -> None:
        """Delete the entries used longest ago until the cache holds at most ``limit``."""
        entries = []
        for kind in KINDS:
            try:
                with os.scandir(self._folder(kind)) as found:
                    entries += [(e.stat().st_mtime, e.stat().st_size, e.path) for e in found
                                if e.is_file()]
            except OSError:
                continue
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.limit:
                break
            with contextlib.suppress(OSError):
                os.unlink(path)
                total -= size


RESULT_FORMAT = 1  # raised whenever a result entry's shape changes
FILES_FORMAT = 1  # raised whenever a drawing entry's shape changes
_FILES_HEAD = struct.Struct(">II")  # the format, the number of files
_FILE_LENGTH = struct.Struct(">Q")


def result_entry(result: dict[str, Any]) -> bytes | None:
    """A build's result (``document``: the composed document's key or None, ``stem``:
    the files' name or None, ``problems``, ``lang``) as bytes: a JSON line, then the
    problems as check keeps them; None when JSON would not give it back exactly."""
    document, stem = result.get("document"), result.get("stem")
    if not all(v is None or type(v) is str for v in (document, stem)):
        return None
    answer = kept.dump(result["problems"], result["lang"])
    if answer is None:
        return None
    return json.dumps([RESULT_FORMAT, document, stem]).encode("ascii") + b"\n" + answer


def result_from_entry(data: bytes) -> dict[str, Any] | None:
    """The result ``result_entry`` made; None for anything else."""
    head, newline, answer = data.partition(b"\n")
    try:
        version, document, stem = json.loads(head)
    except (ValueError, TypeError, RecursionError):
        return None
    if not newline or type(version) is not int or version != RESULT_FORMAT or not all(
            v is None or type(v) is str for v in (document, stem)):
        return None
    found = kept.load(answer)
    if found is None:
        return None
    problems, lang = found
    return {"document": document, "stem": stem, "problems": problems, "lang": lang}


def files_entry(contents: list[bytes]) -> bytes:
    """A drawing's files (their bytes, in its ``files`` order) as one entry."""
    return b"".join([_FILES_HEAD.pack(FILES_FORMAT, len(contents))] + [
        _FILE_LENGTH.pack(len(c)) + c for c in contents])


def files_from_entry(data: bytes, count: int) -> list[bytes] | None:
    """The ``count`` files ``files_entry`` kept; None for anything else."""
    if len(data) < _FILES_HEAD.size:
        return None
    version, found = _FILES_HEAD.unpack_from(data)
    if version != FILES_FORMAT or found != count:  # a pickle starts 0x80 0x04…
        return None
    contents, at = [], _FILES_HEAD.size
    for _ in range(count):
        if len(data) - at < _FILE_LENGTH.size:
            return None
        (length,) = _FILE_LENGTH.unpack_from(data, at)
        at += _FILE_LENGTH.size
        if len(data) - at < length:
            return None
        contents.append(data[at:at + length])
        at += length
    return contents if at == len(data) else None
