"""The JSON Schemas in schema/: committed and current, and named by every section file so
that an editor can complete and check the fields while the user types."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from strategy.language.books import languages
from strategy.model import KINDS
from strategy.model.schema import all_schemas, render, schema_line, schemas
from strategy.sections.yamlsource import read

REPO = Path(__file__).resolve().parent.parent
SCHEMA = REPO / "schema"
SECTIONS = REPO / "sections"
TINY = REPO / "tests" / "fixtures" / "tiny"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def test_committed_schemas_are_the_generated_ones():
    stale = [name for name, schema in all_schemas().items()
             if not (SCHEMA / name).is_file()
             or (SCHEMA / name).read_text(encoding="utf-8") != render(schema)]
    assert stale == [], "run: python build_strategy.py schema"


def test_schema_folder_holds_no_schema_of_a_kind_that_is_gone():
    assert sorted(p.relative_to(SCHEMA).as_posix() for p in SCHEMA.rglob("*.json")) == sorted(
        all_schemas())


def test_polish_schemas_are_the_default_and_every_other_language_has_a_folder():
    names = set(all_schemas())
    assert "strategy.schema.json" in names
    for lang in languages()[1:]:
        assert {f"{lang}/{n}" for n in schemas(lang)} <= names


def _properties(node, path=""):
    """Every property schema in a schema, with where it is."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{path}.{name}", prop
        for key, value in node.items():
            yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties(value, f"{path}[{i}]")


def _enums(node):
    if isinstance(node, dict):
        if "enum" in node:
            yield node
        for value in node.values():
            yield from _enums(value)
    elif isinstance(node, list):
        for value in node:
            yield from _enums(value)


@pytest.mark.parametrize("lang", languages())
def test_every_property_of_every_schema_has_a_title_and_a_description(lang):
    total, described = 0, 0
    undescribed = []
    for name, schema in schemas(lang).items():
        for where, prop in _properties(schema):
            total += 1
            if str(prop.get("title", "")).strip() and str(prop.get("description", "")).strip():
                described += 1
            else:
                undescribed.append(f"{name}{where}")
    assert total > 400
    assert described == total, (f"{described}/{total} described; missing: {undescribed[:20]} "
                                "(add them to strategy/language/<lang>/fields.yaml)")


@pytest.mark.parametrize("lang", languages())
def test_every_code_offered_in_completion_says_what_it_means(lang):
    for schema in schemas(lang).values():
        for enum in _enums(schema):
            assert len(enum["enumDescriptions"]) == len(enum["enum"])
            assert all(text.strip() for text in enum["enumDescriptions"]), enum


def test_the_words_are_in_the_language_of_the_schema():
    pl = schemas("pl")["investments-item.schema.json"]
    en = schemas("en")["investments-item.schema.json"]
    assert pl["properties"]["status"]["enumDescriptions"][2] == "dokumentacja w przygotowaniu"
    assert en["properties"]["status"]["enumDescriptions"][2] == "documentation being prepared"
    assert pl["properties"]["cost"]["title"] == "Koszt (zł)"
    # a cost is a number or, for an estimate, a mapping (Quantity): the number says "zł"
    assert "zł" in pl["properties"]["cost"]["anyOf"][0]["errorMessage"]
    assert "Prepared By" not in render(schemas("en")["strategy.schema.json"])


@pytest.mark.parametrize("lang", languages())
def test_every_list_item_offers_its_example_as_a_snippet(lang):
    defs = schemas(lang)["investments.schema.json"]["$defs"]
    for name in ("Investment", "Funding", "ProjectIndicator"):
        snippet = defs[name]["defaultSnippets"][0]
        assert snippet["label"] == defs[name]["title"]
        assert snippet["body"]
    meeting = schemas(lang)["meetings-item.schema.json"]
    assert meeting["defaultSnippets"][0]["body"]["form"] in ("${3:in_person}", "in_person")
    assert "$defs" in schemas(lang)["diagnosis.schema.json"]
    assert schemas(lang)["diagnosis.schema.json"]["$defs"]["Indicator"]["defaultSnippets"]


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


# --- the schemas accept what check accepts and refuse what it refuses ------------------

def _validator(name: str):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMA / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _as_json(value):
    """Section data as an editor sees it: dates are text in JSON."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@pytest.mark.parametrize("file", _section_files(SECTIONS) if SECTIONS.is_dir() else [],
                         ids=lambda f: f.relative_to(SECTIONS).as_posix())
def test_every_example_section_file_is_valid_for_its_schema(file):
    doc, problems = read(file)
    assert doc is not None and not problems
    errors = list(_validator(_expected_schema(file, SECTIONS)).iter_errors(_as_json(doc.data)))
    assert errors == []


@pytest.mark.parametrize("cost", ["6 400 000 zł", "6400000", "6,4 mln", True])
def test_money_is_a_number_in_the_schema(cost):
    doc, _ = read(SECTIONS / "investments" / "ipr-01-sciezki-rowerowe.yaml")
    data = _as_json(doc.data) | {"cost": cost}
    errors = list(_validator("investments-item.schema.json").iter_errors(data))
    assert [e.path[-1] for e in errors] == ["cost"]


def test_every_kind_has_a_schema_and_a_split_kind_one_per_item():
    names = set(schemas())
    for kind in KINDS.values():
        assert f"{kind.name}.schema.json" in names
        assert (f"{kind.name}-item.schema.json" in names) == (kind.split is not None)
