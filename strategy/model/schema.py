"""JSON Schemas of the section kinds, generated from the models and the fields books, for
the editor (VS Code's YAML extension, i.e. yaml-language-server) and other tools.

One set of schemas per language: the default language (Polish) in ``schema/``, every
other one in ``schema/<lang>/``; a section file's first line names the set of its
strategy's language (``schema_line``). Every property carries the book's title and
description, every code its meaning (``enumDescriptions``), every list item an example
offered as a snippet (``defaultSnippets``), and every value the message the editor shows
when it is wrong (``errorMessage``/``patternErrorMessage``, which yaml-language-server
1.25 uses for wrong types, codes and patterns; its messages for too few list items or
numbers out of range cannot be set from a schema and stay its own).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from strategy.language.books import fill, languages
from strategy.model import KINDS, item_model
from strategy.model.common import ID_PATTERN
from strategy.model.schemaline import (  # noqa: F401 - the schema line, named here too
    DEFAULT_LANG,
    TOOL_SCHEMA,
    schema_folder,
    schema_line,
    schema_name,
    schema_target,
)
from strategy.model.words import example, field_words, model_words, models, owner, phrase

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# The models' patterns, named so that their words come from the book (schema.patterns).
PATTERNS = {
    ID_PATTERN: "id",
    r"^\d+\.\d+$": "version",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "slug",
    r"^\d{2}(\d{2}(\d{3})?)?$": "teryt",
    r"^(\d{9}|\d{14})$": "regon",
    r"^\d{10}$": "krs",
    r"^#[0-9a-fA-F]{6}$": "colour",
}


class _Strict(GenerateJsonSchema):
    """Money (Decimal) is a number in the files, never a string: "6 400 000 zł" must be
    flagged by the editor as it is by check."""

    def decimal_schema(self, schema: Any) -> dict[str, Any]:
        return self.float_schema({"type": "float", **{k: schema[k] for k in (
            "le", "ge", "lt", "gt", "multiple_of") if k in schema}}) | {"x-money": True}


def schemas(lang: str = DEFAULT_LANG) -> dict[str, dict]:
    """File name -> schema: one per kind, plus one per item of a kind split into a folder."""
    from strategy.model.strategy import Strategy

    result: dict[str, dict] = {}
    for kind in KINDS.values():
        words = field_words(lang, Strategy, kind.name)
        result[f"{kind.name}.schema.json"] = _described(kind.model, lang, words.title,
                                                        words.description)
        if kind.split:
            item = item_model(kind)
            entry = model_words(lang, item)
            result[f"{kind.name}-item.schema.json"] = _described(
                item, lang, str(entry.get("title", "")), str(entry.get("description", "")))
    return result


def all_schemas() -> dict[str, dict]:
    """Relative path -> schema, for every language: ``x.schema.json``, ``en/x.schema.json``."""
    result: dict[str, dict] = {}
    for lang in languages():
        prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
        for name, schema in schemas(lang).items():
            result[prefix + name] = schema
    return result


def _described(model: type[BaseModel], lang: str, title: str, description: str) -> dict:
    raw = model.model_json_schema(schema_generator=_Strict)
    known = models()
    defs = raw.pop("$defs", {})
    for name, definition in defs.items():
        if name in known:
            _model_schema(definition, known[name], lang)
    _model_schema(raw, model, lang)
    raw["title"], raw["description"] = title, description
    ordered = {"$schema": DIALECT, "title": title, "description": description}
    ordered.update({k: v for k, v in raw.items() if k not in ordered})
    if defs:
        ordered["$defs"] = defs
    return ordered


def _model_schema(schema: dict, model: type[BaseModel], lang: str) -> None:
    """Words, snippets and messages for one model's schema (in place)."""
    entry = model_words(lang, model)
    schema["title"] = str(entry.get("title", ""))
    schema["description"] = str(entry.get("description", ""))
    sample = example(lang, model)
    if sample:
        plain = _plain(sample)
        schema["examples"] = [plain]
        schema["defaultSnippets"] = [{
            "label": schema["title"], "description": schema["description"],
            "body": _snippet(plain, [0])}]
    properties = schema.get("properties", {})
    for name, prop in properties.items():
        words = field_words(lang, owner(model, name), name)
        prop["title"], prop["description"] = words.title, words.description
        if words.codes:
            _describe_codes(prop, words.codes, lang)
        _messages(prop, lang)
        _order(prop)
    required = schema.pop("required", [])
    allowed = ", ".join(properties)
    schema["errorMessage"] = fill(phrase(lang, "schema.errors.unknown"), lang,
                                  {"allowed": allowed})
    checks: list[dict] = [{"type": "object",
                           "errorMessage": phrase(lang, "schema.errors.mapping")}]
    if required:
        # A separate part, so that "field missing" and "field unknown" say different things:
        # the editor shows one errorMessage per schema for both.
        checks.append({"required": required, "errorMessage": fill(
            phrase(lang, "schema.errors.missing"), lang, {"required": ", ".join(required)})})
    schema.pop("type", None)
    schema["allOf"] = checks
    _order(schema)


def _describe_codes(prop: dict, meanings: dict[str, str], lang: str) -> None:
    for target in _leaves(prop):
        if "enum" in target:
            target["enumDescriptions"] = [meanings.get(str(code), "") for code in target["enum"]]
            target["errorMessage"] = fill(phrase(lang, "schema.errors.choice"), lang, {
                "choices": "; ".join(f"{code} – {meanings.get(str(code), '')}"
                                     for code in target["enum"])})


def _leaves(schema: dict) -> list[dict]:
    """The schema itself and the branches of its anyOf and list items, where types live."""
    found = [schema]
    for branch in schema.get("anyOf", []):
        found += _leaves(branch)
    if isinstance(schema.get("items"), dict):
        found += _leaves(schema["items"])
    for value in schema.get("patternProperties", {}).values():
        found += _leaves(value)
    return found


def _messages(prop: dict, lang: str) -> None:
    """The editor's message for a wrong value, in ``lang``, on every typed branch."""
    for target in _leaves(prop):
        if "errorMessage" in target:
            continue
        kind = target.get("type")
        pattern = target.get("pattern")
        if pattern in PATTERNS:
            words = phrase(lang, f"schema.patterns.{PATTERNS[pattern]}")
            target["patternErrorMessage"] = target["errorMessage"] = fill(
                phrase(lang, "schema.errors.pattern"), lang, {"words": words})
        elif kind == "string" and target.get("format") == "date":
            target["errorMessage"] = phrase(lang, "schema.errors.date")
        elif kind == "string":
            target["errorMessage"] = phrase(lang, "schema.errors.text")
        elif kind == "number":
            key = "money" if target.pop("x-money", False) else "number"
            target["errorMessage"] = phrase(lang, f"schema.errors.{key}")
        elif kind == "integer":
            target["errorMessage"] = phrase(lang, "schema.errors.integer")
        elif kind == "boolean":
            target["errorMessage"] = phrase(lang, "schema.errors.boolean")
        elif kind == "array":
            target["errorMessage"] = phrase(lang, "schema.errors.list")
        elif kind == "object" and "patternProperties" in target:
            # A mapping of IDs (indicator values per member): a key that is no ID is wrong.
            target["additionalProperties"] = False
            words = phrase(lang, "schema.patterns.id")
            target["errorMessage"] = fill(phrase(lang, "schema.errors.pattern"), lang,
                                          {"words": words})


_FIRST = ("$schema", "title", "description")


def _order(schema: dict) -> None:
    """Title and description first, so that a person reading the file finds them."""
    items = list(schema.items())
    schema.clear()
    schema.update({k: dict(items)[k] for k in _FIRST if k in dict(items)})
    schema.update({k: v for k, v in items if k not in _FIRST})


def _plain(value: Any) -> Any:
    """An example from the book as JSON: dates become the text YAML shows."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _snippet(value: Any, counter: list[int]) -> Any:
    """The example with a tab stop on every text, so that Tab walks through the fields."""
    if isinstance(value, dict):
        return {k: _snippet(v, counter) for k, v in value.items()}
    if isinstance(value, list):
        return [_snippet(v, counter) for v in value]
    if isinstance(value, str):
        counter[0] += 1
        escaped = value.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}")
        return f"${{{counter[0]}:{escaped}}}"
    return copy.deepcopy(value)


def render(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write(target: Path) -> list[Path]:
    """Write every language's schemas under ``target``; returns the files that changed.
    A schema file of a kind that is gone is removed."""
    written = []
    wanted = all_schemas()
    for name, schema in wanted.items():
        path = target / name
        text = render(schema)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    for path in sorted(target.rglob("*.schema.json")):
        if path.relative_to(target).as_posix() not in wanted:
            path.unlink()
            written.append(path)
    return written
