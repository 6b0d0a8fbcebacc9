"""Compose stage: the validated strategy into one pandoc Markdown document."""
