"""Export stage: the composed pandoc Markdown to DOCX and PDF.

``export_docx`` and ``export_pdf`` take the same :class:`~strategy.document.Composed`
and write one file each; both are reproducible (the same input gives the same bytes)
and atomic (a failed export leaves the previous file in place). They may run at the
same time in two threads (the build does): each is mostly a pandoc process and the
typst compiler, so side by side they cost about the slower of the two.
"""

from strategy.export.docx import export_docx
from strategy.export.pdf import export_pdf

__all__ = ["export_docx", "export_pdf"]
