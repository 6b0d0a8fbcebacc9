"""Run the pinned pandoc (the one inside pypandoc-binary) reproducibly.

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

import os
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pypandoc

_EPOCH_VAR = "SOURCE_DATE_EPOCH"
# pandoc's runtime starts with a 64 MB heap (-with-rtsopts=-H64m); touching that much
# fresh memory is a large part of a run on a small document. An 8 MB start measured
# 20-35 % faster on both the sample and a 15x larger document (the heap still grows
# as needed); output is unaffected. The pinned build accepts runtime options.
_RUNTIME_OPTIONS = ["+RTS", "-H8m", "-RTS"]


def pandoc_binary() -> str:
    """Path of the pandoc shipped in the pypandoc-binary wheel (pinned in pyproject)."""
    name = "pandoc.exe" if sys.platform == "win32" else "pandoc"
    return str(Path(pypandoc.__file__).resolve().parent / "files" / name)


def _pin_pandoc() -> None:
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
) -> str:
    """Convert pandoc Markdown with the pinned pandoc; return the text output."""
    with _pin_lock:
        _pin_pandoc()
    with _source_date_epoch.set_to(str(epoch)):
        return pypandoc.convert_text(
            markdown,
            to,
            format="markdown",
            extra_args=[*args, *_RUNTIME_OPTIONS],
            outputfile=str(outputfile) if outputfile else None,
            # verify_format would start pandoc twice more per call to list formats.
            verify_format=False,
        )
