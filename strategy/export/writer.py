"""The export stage as a list of writers: one per output format, each a module.

A writer module defines:

- ``pandoc_output(doc) -> PandocOutput | None``: what it needs from pandoc (a writer,
  its filter and options), or None. All the writers of a build share one pandoc
  process, which reads the Markdown once (``pandoc.PandocSession``);
- ``IMAGES``: whether the file shows the charts and maps (they are drawn only then);
- ``FINISH_NEEDS_IMAGES``: whether ``finish`` reads them from disk (the drawings'
  outputs; a ``PandocOutput`` with ``after_images`` waits for their PNG twins too);
- ``HEAVY``: whether ``finish`` holds much memory (typst compiling the PDF): such
  steps run one at a time, so that their peaks never add up;
- ``finish(doc, converted) -> bytes``: the file, from pandoc's output (None when it
  asked for none);
- optionally ``prepare()``: called once the build knows ``finish`` will run, before
  pandoc's output is there, to start early what ``finish`` will need (typst's process).

The pipeline runs the writers side by side, each step as soon as what it needs is
there, and writes their files only when every one has succeeded. Adding a format is
one module and one ``Writer`` in ``pipeline.WRITERS``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class Writer:
    fmt: str  # the file's extension and the name ``--format`` takes
    module: str  # imported only when the format is built
    stage: str = ""  # its name in the progress lines (default: ``fmt``)

    def __post_init__(self) -> None:
        if not self.stage:
            object.__setattr__(self, "stage", self.fmt)

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)
