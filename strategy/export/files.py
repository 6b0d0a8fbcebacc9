"""Atomic output: a failed export never replaces the last good document."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def scratch_file(folder: Path, suffix: str) -> Iterator[Path]:
    """A temporary file in ``folder`` (the output's own, so os.replace stays atomic)."""
    fd, name = tempfile.mkstemp(prefix=".export-", suffix=suffix, dir=folder)
    os.close(fd)
    path = Path(name)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def write_atomically(out: Path, data: bytes) -> None:
    """Write ``data`` beside ``out``, then rename it over ``out`` in one step."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with scratch_file(out.parent, out.suffix + ".tmp") as tmp:
        tmp.write_bytes(data)
        # mkstemp makes the file private (0600); a document is for everyone to read.
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
