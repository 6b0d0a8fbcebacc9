"""The field reference: every section kind, every field, its type, whether it is
required, what it means and its codes, as Markdown per language (docs/fields.<lang>.md),
generated from the models and the fields books like the schemas are.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import annotated_types as at
import yaml
from pydantic import BaseModel

from strategy.language.books import fill, languages
from strategy.model import KINDS, item_model
from strategy.model.schema import PATTERNS, _plain, schema_line
from strategy.model.strategy import Strategy
from strategy.model.words import example, field_words, model_words, nested, owner, phrase


def reference(lang: str) -> str:
    """The whole reference in ``lang``, as Markdown."""
    def say(key: str, **params: object) -> str:
        return fill(phrase(lang, f"reference.{key}"), lang, params)

    out = [f"# {say('title')}", "", say("intro"), ""]
    for kind in KINDS.values():
        words = field_words(lang, Strategy, kind.name)
        out.append(f"- [{words.title} (`{kind.name}`)](#s-{kind.name})")
    out.append("")
    described: set[str] = set()
    sections = Path("sections")
    for kind in KINDS.values():
        words = field_words(lang, Strategy, kind.name)
        out += [f'<a id="s-{kind.name}"></a>', "",
                f"## {words.title} (`{kind.name}`)", "", words.description, ""]
        where = say("file", file=f"`{kind.name}.yaml`")
        if kind.split:
            where += " " + say("folder", folder=f"`{kind.name}/`",
                               item=_link(lang, item_model(kind)))
        out += [where + ".", ""]
        if not kind.required:
            out += [say("optional_kind"), ""]
        line = schema_line(sections / f"{kind.name}.yaml", sections, lang)
        out += [say("schema_line"), "", f"    {line}"]
        if kind.split:
            out.append("    " + schema_line(sections / kind.name / "P1.yaml", sections, lang)
                       + f"   ({kind.name}/*.yaml)")
        out.append("")
        queue: list[type[BaseModel]] = [kind.model]
        while queue:
            model = queue.pop(0)
            if model.__name__ in described:
                continue
            described.add(model.__name__)
            if model is kind.model:
                out += [f'<a id="{_anchor(model.__name__)}"></a>', ""]
            else:
                entry = model_words(lang, model)
                out += [f'<a id="{_anchor(model.__name__)}"></a>', "",
                        f"### {entry.get('title', model.__name__)}", "",
                        str(entry.get("description", "")), ""]
            out += _table(lang, model, say)
            sample = example(lang, model)
            if sample:
                text = yaml.safe_dump(_plain(sample), allow_unicode=True, sort_keys=False,
                                      width=88).rstrip()
                out += [say("example"), "", "```yaml", text, "```", ""]
            for info in model.model_fields.values():
                queue += [m for m in nested(info.annotation) if m.__name__ not in described]
    return "\n".join(out).rstrip() + "\n"


def _table(lang: str, model: type[BaseModel], say: Any) -> list[str]:
    rows = [f"| {say('field')} | {say('type')} | {say('required')} | {say('description')} |",
            "| --- | --- | --- | --- |"]
    for name, info in model.model_fields.items():
        words = field_words(lang, owner(model, name), name)
        text = f"**{words.title}.** {words.description}"
        if words.codes:
            text += " " + say("codes") + " " + "; ".join(
                f"`{code}` – {meaning}" for code, meaning in words.codes.items())
        kind = _type(lang, info.annotation, list(info.metadata))
        required = say("is_required") if info.is_required() else say("is_optional")
        rows.append(f"| `{name}` | {kind} | {required} | {_cell(text)} |")
    return [*rows, ""]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _type(lang: str, annotation: Any, metadata: list[Any]) -> str:
    """The type of a field in words: "lista: identyfikator, co najmniej 1 pozycji"."""
    def word(code: str, **params: object) -> str:
        return fill(phrase(lang, code), lang, params)

    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *more = typing.get_args(annotation)
        return _type(lang, inner, [*more, *metadata])
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            return _type(lang, options[0], metadata)
        said = list(dict.fromkeys(_type(lang, option, []) for option in options))
        return word("reference.one_of", a=", ".join(said[:-1]), b=said[-1])
    limits = _limits(lang, metadata)
    if origin is list:
        text = word("reference.list_of", item=_type(lang, typing.get_args(annotation)[0], []))
        minimum = next((m.min_length for m in metadata if isinstance(m, at.MinLen)), 0)
        return text + (", " + word("reference.items_min", n=minimum) if minimum else "")
    if origin is dict:
        key, value = typing.get_args(annotation)
        return word("reference.map_of", key=_type(lang, key, []), value=_type(lang, value, []))
    if origin is typing.Literal:
        return word("types.code")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _link(lang, annotation)
    pattern = next((m.pattern for m in metadata if getattr(m, "pattern", None)), None)
    if PATTERNS.get(pattern) == "id":
        base = word("types.id")
    elif pattern in PATTERNS:
        base = word(f"schema.patterns.{PATTERNS[pattern]}")
    else:
        base = word({Decimal: "types.money", float: "types.number", int: "types.integer",
                     bool: "types.boolean", dt.date: "types.date"}.get(annotation, "types.text"))
    return ", ".join([base, *limits])


def _limits(lang: str, metadata: list[Any]) -> list[str]:
    found = []
    for meta, key, attr in ((at.Ge, "at_least", "ge"), (at.Gt, "more_than", "gt"),
                            (at.Le, "at_most", "le"), (at.Lt, "less_than", "lt")):
        for m in metadata:
            if isinstance(m, meta):
                found.append(fill(phrase(lang, f"reference.{key}"), lang,
                                  {"n": _number(getattr(m, attr))}))
    return found


def _number(value: Any) -> str:
    return str(int(value)) if float(value) == int(value) else str(value)


def _anchor(name: str) -> str:
    return "m-" + name.lower()


def _link(lang: str, model: type[BaseModel]) -> str:
    title = str(model_words(lang, model).get("title", model.__name__))
    return f"[{title}](#{_anchor(model.__name__)})"


def files() -> dict[str, str]:
    """docs/ file name -> text, one per language."""
    return {f"fields.{lang}.md": reference(lang) for lang in languages()}


def write(target: Path) -> list[Path]:
    """Write the references into ``target`` (docs/); returns the files that changed."""
    written = []
    target.mkdir(parents=True, exist_ok=True)
    for name, text in files().items():
        path = target / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
