"""Reading files from the sections folder: only what lies inside it, only ordinary
files, never more than a limit, and never a file that changed since it was checked.

Every read of a user's file goes through ``read_limited`` (section files, GeoJSON,
images), every path a section names through ``resolve``, and every copy of the folder
(a release archives it) through ``copy_folder``. "Inside" is decided on real paths,
after every symbolic link is followed, so a link pointing out of the folder is refused
like an absolute path or a ``..`` escape. A hard link is refused too: it cannot be told
apart from a file of the folder, yet its content may be a file from anywhere.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from strategy.language.messages import localized
from strategy.sections import images

if TYPE_CHECKING:  # imported where used: reading a file needs no model (pydantic)
    from strategy.model.files import FileRefusal, ResolvedFile, Resolver

MAX_NAMED_BYTES = 20 * 2**20  # an image or a map a section names
_CHUNK = 1 << 16
# Which suffixes stand for which format; the content must agree (images.sniff).
SUFFIXES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg",
            ".geojson": "geojson", ".json": "geojson"}
_DRIVE = re.compile(r"^[A-Za-z]:")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class FileProblem(Exception):
    """Why a file is not read: ``kind`` (missing, folder, special, hard_link, too_large,
    unreadable, changed) and parameters; callers turn it into a catalogued code."""

    def __init__(self, kind: str, params: dict[str, object] | None = None) -> None:
        super().__init__(kind)
        self.kind = kind
        self.params = dict(params or {})


def real(path: Path) -> Path:
    """``path`` with every symbolic link followed (what the system will really open)."""
    return Path(os.path.realpath(path))


def is_inside(root: Path, path: Path) -> bool:
    """Whether the real ``path`` lies in the real folder ``root`` (or is it)."""
    return real(path).is_relative_to(real(root))


def check_regular(info: os.stat_result, *, links: bool = False) -> None:
    """Refuse what is not one ordinary file of its own (``links``: hard links allowed)."""
    if stat.S_ISDIR(info.st_mode):
        raise FileProblem("folder")
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem("special")
    if info.st_nlink > 1 and not links:
        raise FileProblem("hard_link", {"links": info.st_nlink})


def read_limited(path: Path, limit: int, identity: tuple[int, int] | None = None, *,
                 links: bool = False) -> bytes:
    """The bytes of the ordinary file ``path``, at most ``limit`` of them; FileProblem
    otherwise. With ``identity`` (device, inode) the file must still be that file. A
    hard link is refused unless ``links``: a file the user names on the command line
    (a CSV to import) may have several names; a file of the sections folder may not.

    The file is checked before it is opened (opening a device can have effects) and
    again on the open descriptor, opened without following a last symbolic link and
    without waiting (a pipe would block forever), and read no further than the limit
    whatever its size claims (files in /proc claim 0 bytes)."""
    # A link inside the folder is followed here, once (callers check where it leads); a
    # path that is no link is opened as it is, without resolving each of its folders
    # again (the kernel follows a linked folder either way; the last part is opened
    # without following a link, so a file made a link meanwhile is refused as before).
    if os.path.islink(path):
        path = real(path)
    try:
        check_regular(os.stat(path), links=links)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise FileProblem("missing") from None
    except OSError as exc:
        raise FileProblem("unreadable", {"reason": exc.strerror or str(exc)}) from None
    try:
        info = os.fstat(fd)
        check_regular(info, links=links)
        if identity is not None and (info.st_dev, info.st_ino) != identity:
            raise FileProblem("changed")
        if info.st_size > limit:
            raise FileProblem("too_large", {"mb": limit // 2**20})
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, min(_CHUNK, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileProblem("too_large", {"mb": limit // 2**20})
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem("unreadable", {"reason": exc.strerror or str(exc)}) from None
    finally:
        os.close(fd)


def read_resolved(resolved: ResolvedFile, limit: int = MAX_NAMED_BYTES) -> bytes:
    """The bytes of a file resolved by ``resolve``: the same file, or FileProblem."""
    return read_limited(resolved.path, limit, (resolved.device, resolved.inode))


def copy_resolved(resolved: ResolvedFile, target: Path) -> None:
    """Copy a resolved file to ``target`` (the build's assets), as it was checked."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(read_resolved(resolved))


# --- paths a section names ------------------------------------------------------------

def _formats_text(formats: tuple[str, ...]) -> str:
    return ", ".join("GeoJSON" if f == "geojson" else f.upper() for f in formats)


def resolve(root: Path, text: str, formats: tuple[str, ...]) -> ResolvedFile | FileRefusal:
    """The file ``text`` names, relative to the sections folder ``root``, checked: inside
    the folder after links are followed, an ordinary file within the size limit, of one
    of ``formats`` by its name and its content. A refusal says what is wrong."""
    from strategy.model.files import FileRefusal, ResolvedFile

    shown = {"file": text}
    if _CONTROL.search(text):
        return FileRefusal("path.invalid", shown)
    if _URL.match(text):
        return FileRefusal("path.url", shown)
    written = text.replace("\\", "/")  # a Windows path means the same folders
    if written.startswith("/") or _DRIVE.match(written):
        return FileRefusal("path.absolute", shown)
    base = real(root)
    joined = Path(os.path.normpath(base / written))
    if not joined.is_relative_to(base):
        return FileRefusal("path.outside", shown)
    format_ = SUFFIXES.get(joined.suffix.lower())
    if format_ not in formats:
        return FileRefusal("path.file_type", {**shown, "formats": _formats_text(formats)})
    target = real(joined)
    if not target.is_relative_to(base):
        return FileRefusal("path.link_outside", shown)
    try:
        info = os.stat(target)
        check_regular(info)
    except FileNotFoundError:
        near = _near(base, written)
        suggestion = localized("value.did_you_mean", name=near) if near else ""
        return FileRefusal("path.missing", {**shown, "suggestion": suggestion})
    except FileProblem as problem:
        return FileRefusal(f"path.{problem.kind}", {**shown, **problem.params})
    except OSError as exc:
        return FileRefusal("path.unreadable", {**shown, "reason": exc.strerror or str(exc)})
    if info.st_size > MAX_NAMED_BYTES:
        return FileRefusal("path.too_large", {**shown, "mb": MAX_NAMED_BYTES // 2**20})
    resolved = ResolvedFile(target, info.st_dev, info.st_ino, info.st_size, format_)
    if format_ in images.FORMATS:
        try:
            images.check(read_resolved(resolved), format_)
        except FileProblem as problem:
            return FileRefusal(f"path.{problem.kind}", {**shown, **problem.params})
        except images.ImageProblem as problem:
            return FileRefusal(problem.code, {**shown, **problem.params})
    return resolved


def _near(base: Path, written: str) -> str:
    """The real name of a file that differs only in letter case or by a little (Windows
    does not mind ``Mapa.PNG`` for ``mapa.png``; the build here does)."""
    parent = Path(os.path.normpath(base / written)).parent
    try:
        if not real(parent).is_relative_to(base) or not parent.is_dir():
            return ""
        names = sorted(p.name for p in parent.iterdir())[:2000]
    except OSError:
        return ""
    import difflib  # here: only a path that leads nowhere needs it

    wanted = Path(written).name
    close = [n for n in names if n.casefold() == wanted.casefold()] or difflib.get_close_matches(
        wanted, names, n=1, cutoff=0.75)
    if not close:
        return ""
    return Path(os.path.normpath(parent / close[0])).relative_to(base).as_posix()


def resolver(root: Path) -> Resolver:
    """``resolve`` bound to one sections folder, each path resolved once per check."""
    cache: dict[tuple[str, tuple[str, ...]], ResolvedFile | FileRefusal] = {}

    def resolve_in_root(text: str, formats: tuple[str, ...]) -> ResolvedFile | FileRefusal:
        key = (text, formats)
        if key not in cache:
            cache[key] = resolve(root, text, formats)
        return cache[key]
    return resolve_in_root


# --- lock files and copies of the folder -----------------------------------------------

LOCK_FILE_MAX_BYTES = 4096  # Word's owner file has 162 bytes, LibreOffice's one line


def is_office_lock_file(path: Path) -> bool:
    """Whether ``path`` is the lock file Word (``~$name.docx``) or LibreOffice
    (``.~lock.name.docx#``) leaves beside a document while it is open: a small ordinary
    file with such a name. The one rule for every place that hashes or copies a folder:
    such a file is neither content nor a change (the council loop relies on it)."""
    name = path.name
    if not (name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#"))):
        return False
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size <= LOCK_FILE_MAX_BYTES


MAX_COPIED_BYTES = 100 * 2**20  # a file of the folder an archive copies


def copy_folder(source: Path, target: Path,
                skip: Callable[[Path], bool] = lambda p: False) -> list[tuple[str, str]]:
    """Copy the folder ``source`` to ``target`` (which must not exist): ordinary files
    and folders only, links followed only where they stay inside ``source``, lock files
    and what ``skip`` says left out. Returns what was refused, never copied, as
    (relative path, kind: link_outside, loop, special, hard_link, too_large, unreadable)."""
    base = real(source)
    refused: list[tuple[str, str]] = []
    visited = {base}
    target.mkdir(parents=True)
    pending = [(base, target)]
    while pending:  # a stack, not recursion: a deep tree cannot exhaust the interpreter
        folder, into = pending.pop()
        for entry in sorted(folder.iterdir()):
            relative = entry.relative_to(base).as_posix()
            if skip(entry) or is_office_lock_file(entry):
                continue
            resolved = real(entry)
            if not resolved.is_relative_to(base):
                refused.append((relative, "link_outside"))
            elif resolved.is_dir():
                if resolved in visited:
                    refused.append((relative, "loop"))
                    continue
                visited.add(resolved)
                (into / entry.name).mkdir()
                pending.append((entry, into / entry.name))
            else:
                try:
                    _copy_file(entry, into / entry.name)
                except FileProblem as problem:
                    refused.append((relative, problem.kind))
    return refused


def _copy_file(source: Path, target: Path) -> None:
    """Stream one ordinary file of at most MAX_COPIED_BYTES to ``target``."""
    try:
        check_regular(os.stat(source))
        fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileProblem("unreadable", {"reason": exc.strerror or str(exc)}) from None
    try:
        check_regular(os.fstat(fd))
        total = 0
        with target.open("wb") as out:
            while chunk := os.read(fd, _CHUNK):
                total += len(chunk)
                if total > MAX_COPIED_BYTES:
                    raise FileProblem("too_large", {"mb": MAX_COPIED_BYTES // 2**20})
                out.write(chunk)
    except FileProblem:
        target.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)
