"""Export stage: the composed pandoc Markdown to DOCX (``docx/``) and PDF (``pdf/``).

Both writers take the same :class:`~strategy.compose.document.Composed` and write one
file each; both are reproducible (the same input gives the same bytes) and atomic (a
failed export leaves the previous file in place). They may run at the same time in two
threads (the build does): each is mostly a pandoc process and the typst compiler, so
side by side they cost about the slower of the two.
"""
