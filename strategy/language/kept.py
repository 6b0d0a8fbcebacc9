"""The books as parsed before: a book's YAML read once, then its data kept as JSON.

Every command reads the messages (and readiness the labels and phrases): parsing
their YAML costs more than the rest of a small check's reading. The parsed data is
kept in the tool's cache (``$STRATEGY_CACHE``, as ``export/cache.py`` says where it
lives) under the SHA-256 of the book's bytes, of the YAML library's version and of
this format, so a changed book is parsed again, never answered by its old data.

An entry is plain JSON, never pickle, and it is trusted only when it says it is the
data of those very bytes and its own checksum holds; anything else is a miss and the
book is parsed. Only data that JSON gives back exactly is kept (no dates, no keys
that are not text), so a book reads the same with the cache or without it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = 1  # raised whenever an entry's shape changes
FOLDER = "books"  # its folder in the cache (export/cache.py's KINDS, so it is pruned)
_OFF = ("", "off", "0", "no", "false")


def cache_root() -> Path | None:
    """The tool's cache folder (``export.cache.Cache.from_environment`` takes it from
    here); None when the cache is switched off."""
    chosen = os.environ.get("STRATEGY_CACHE")
    if chosen is not None and chosen.strip().lower() in _OFF:
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "territorial-strategy-builder"


# Work whose result only a later run reads (a cache entry), held until the command has
# answered: set to a list by the warm process's fork (commands/warm.py), None elsewhere.
_LATER: list[Callable[[], None]] | None = None


def later(work: Callable[[], None]) -> None:
    """Do ``work`` now, or, in a warm process's fork, once the command has answered its
    caller (its exit code sent, its output closed): the caller does not wait for what
    only a later run reads."""
    if _LATER is None:
        work()
    else:
        _LATER.append(work)


def answer_first() -> None:
    """From now on, ``later`` holds its work until ``do_later``."""
    global _LATER
    _LATER = []


def do_later() -> None:
    """The work ``later`` held, in order; one that fails leaves only its entry unwritten."""
    global _LATER
    held, _LATER = _LATER or [], None
    for work in held:
        try:
            work()
        except Exception:  # noqa: BLE001, S112 - a cache entry not written is a miss later
            continue


def same_data(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (JSON would turn 1.0 into 1.0 but
    a tuple into a list, a number key into text: such data is not kept). NaN is itself."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_data(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b) or a != a and b != b


def load(path: Path, loader: Any) -> Any:
    """The data of the YAML file at ``path`` as ``loader`` reads it, from the cache when
    it holds the data of these bytes."""
    import yaml  # here: the warm process's caller reads only cache_root (commands/warm.py)

    raw = path.read_bytes()
    root = cache_root()
    if root is None:
        return yaml.load(raw.decode("utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    digest = hashlib.sha256(json.dumps(
        [FORMAT, yaml.__version__, loader.__name__, hashlib.sha256(raw).hexdigest()]
    ).encode()).hexdigest()
    entry = root / FOLDER / f"{digest}.json"
    found = _read(entry, digest)
    if found is not None:
        return found[0]
    data = yaml.load(raw.decode("utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    _keep(entry, digest, data)
    return data


def _read(entry: Path, digest: str) -> tuple[Any] | None:
    try:
        stored = entry.read_bytes()
        checksum, payload = stored[:64].decode("ascii"), stored[64:]
        if hashlib.sha256(payload).hexdigest() != checksum:
            return None
        key, data = json.loads(payload)
    except (OSError, ValueError, TypeError, UnicodeDecodeError, RecursionError):
        return None
    return (data,) if key == digest else None


def _keep(entry: Path, digest: str, data: Any) -> None:
    import tempfile

    try:
        payload = json.dumps([digest, data], ensure_ascii=False,
                             separators=(",", ":")).encode("utf-8")
        if not same_data(json.loads(payload)[1], data):
            return
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".put-", dir=entry.parent)
    except (OSError, ValueError, TypeError, RecursionError):
        return  # a cache that cannot be written is only a slower start
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(hashlib.sha256(payload).hexdigest().encode("ascii") + payload)
        os.replace(name, entry)
    except OSError:
        Path(name).unlink(missing_ok=True)


def _said_entry(said: Any) -> tuple[Path, str] | None:
    root = cache_root()
    if root is None:
        return None
    digest = hashlib.sha256(json.dumps([FORMAT, "said", said], ensure_ascii=False,
                                       separators=(",", ":")).encode()).hexdigest()
    return root / FOLDER / f"{digest}.said", digest  # not a book's data: its own suffix


def known(said: Any) -> bool:
    """Whether ``remember`` was told ``said`` (plain JSON data naming a check of the
    tool's own files, and everything it was made of) before; never with no cache."""
    found = _said_entry(said)
    return found is not None and _read(*found) == (True,)


def remember(said: Any) -> None:
    found = _said_entry(said)
    if found is not None:
        _keep(found[0], found[1], True)
