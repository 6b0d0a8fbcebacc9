"""The Markdown writer: the composed document as it is (what pandoc reads)."""

from __future__ import annotations

from strategy.compose.document import Composed
from strategy.export.pandoc import PandocOutput

# Whether the file shows the charts and maps (the build draws them only then).
IMAGES = False
FINISH_NEEDS_IMAGES = False


def pandoc_output(doc: Composed) -> PandocOutput | None:
    return None


def finish(doc: Composed, converted: bytes | None) -> bytes:
    return doc.markdown.encode("utf-8")
