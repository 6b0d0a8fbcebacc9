"""The line each section file starts with to name its schema for the editor, and where
the schemas are: without the models, so that ``check`` says it without building them
(``model/schema.py`` generates the schemas themselves)."""

from __future__ import annotations

import os
from pathlib import Path

from strategy.language.books import languages

DEFAULT_LANG = languages()[0]
# The tool's own schemas (the repository's schema/ folder), for sections kept elsewhere.
TOOL_SCHEMA = Path(__file__).resolve().parents[2] / "schema"


def schema_name(kind: str, item: bool) -> str:
    return f"{kind}-item.schema.json" if item else f"{kind}.schema.json"


def schema_folder(lang: str) -> str:
    """The folder of ``lang``'s schemas relative to the repository: ``schema`` or
    ``schema/en``."""
    return "schema" if lang == DEFAULT_LANG else f"schema/{lang}"


def schema_target(section_file: Path, sections_root: Path, lang: str = DEFAULT_LANG) -> str:
    """The path the schema line of ``section_file`` names: the schema folder is expected
    beside the sections folder (``sections/../schema``)."""
    kind_dir = section_file.parent
    item = kind_dir.resolve() != sections_root.resolve()
    kind = kind_dir.name if item else section_file.stem
    target = sections_root.parent / schema_folder(lang) / schema_name(kind, item)
    return Path(os.path.relpath(target, section_file.parent)).as_posix()


def schema_line(section_file: Path, sections_root: Path, lang: str = DEFAULT_LANG) -> str:
    """The editor hint each section file starts with."""
    return f"# yaml-language-server: $schema={schema_target(section_file, sections_root, lang)}"
