"""The JSON Schemas in schema/: committed and current, and named by every section file so
that an editor can complete and check the fields while the user types."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from strategy.model import KINDS
from strategy.model.schema import render, schema_line, schemas

REPO = Path(__file__).resolve().parent.parent
SCHEMA = REPO / "schema"
SECTIONS = REPO / "sections"
TINY = REPO / "tests" / "fixtures" / "tiny"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def test_committed_schemas_are_the_generated_ones():
    stale = [name for name, schema in schemas().items()
             if not (SCHEMA / name).is_file()
             or (SCHEMA / name).read_text(encoding="utf-8") != render(schema)]
    assert stale == [], "run: python build_strategy.py schema"


def test_schema_folder_holds_no_schema_of_a_kind_that_is_gone():
    assert sorted(p.name for p in SCHEMA.glob("*.json")) == sorted(schemas())


def test_every_kind_has_a_schema_and_a_split_kind_one_per_item():
    names = set(schemas())
    for kind in KINDS.values():
        assert f"{kind.name}.schema.json" in names
        assert (f"{kind.name}-item.schema.json" in names) == (kind.split is not None)


def _section_files(root: Path) -> list[Path]:
    """The section files as the loader sees them: hidden and _draft files are not sections."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
                  and not any(part.startswith((".", "_")) for part in p.relative_to(root).parts))


def _expected_schema(file: Path, root: Path) -> str:
    if file.parent == root:
        return f"{file.stem}.schema.json"
    return f"{file.parent.name}-item.schema.json"


FILES = [pytest.param(f, root, id=f.relative_to(REPO).as_posix())
         for root in (SECTIONS, TINY) for f in _section_files(root)]


@pytest.mark.parametrize(("file", "root"), FILES)
def test_every_section_file_starts_with_a_schema_line_naming_an_existing_schema(file, root):
    first = file.read_text(encoding="utf-8-sig").split("\n", 1)[0].rstrip("\r")
    match = SCHEMA_LINE.match(first)
    assert match, f"{file.name} should start with: {schema_line(file, root)}"
    target = (file.parent / match.group(1)).resolve()
    assert target.is_file(), f"{match.group(1)} does not exist"
    assert target.parent == SCHEMA.resolve()
    assert target.name == _expected_schema(file, root)


@pytest.mark.parametrize("file", _section_files(SECTIONS),
                         ids=lambda f: f.relative_to(SECTIONS).as_posix())
def test_a_file_in_sections_carries_exactly_the_line_the_generator_writes(file):
    first = file.read_text(encoding="utf-8-sig").split("\n", 1)[0].rstrip("\r")
    assert first == schema_line(file, SECTIONS)


def test_the_schema_line_of_a_split_file_climbs_one_folder_more(tmp_path):
    root = tmp_path / "sections"
    assert schema_line(root / "swot.yaml", root) == (
        "# yaml-language-server: $schema=../schema/swot.schema.json")
    assert schema_line(root / "investments" / "P1.yaml", root) == (
        "# yaml-language-server: $schema=../../schema/investments-item.schema.json")
