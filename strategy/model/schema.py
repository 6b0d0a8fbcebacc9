"""JSON Schemas of the section kinds, generated from the models, for editors and tools."""

from __future__ import annotations

import json
from pathlib import Path

from strategy.model import KINDS, item_model


def schemas() -> dict[str, dict]:
    """File name -> schema: one per kind, plus one per item of a kind split into a folder."""
    result: dict[str, dict] = {}
    for kind in KINDS.values():
        result[f"{kind.name}.schema.json"] = _titled(kind.model.model_json_schema(), kind.name)
        if kind.split:
            result[f"{kind.name}-item.schema.json"] = _titled(
                item_model(kind).model_json_schema(), f"{kind.name} (one file of {kind.name}/)"
            )
    return result


def _titled(schema: dict, title: str) -> dict:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **{
        k: v for k, v in schema.items() if k != "title"}}


def render(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def schema_line(section_file: Path, sections_root: Path) -> str:
    """The editor hint each section file starts with."""
    kind_dir = section_file.parent
    if kind_dir.resolve() == sections_root.resolve():
        return f"# yaml-language-server: $schema=../schema/{section_file.stem}.schema.json"
    return f"# yaml-language-server: $schema=../../schema/{kind_dir.name}-item.schema.json"


def write(target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = target / name
        text = render(schema)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
