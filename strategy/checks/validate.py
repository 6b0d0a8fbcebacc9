"""Validate stage: loaded data into models, then the rules across sections.

Each kind is validated on its own, so one broken file does not hide the problems of
the others; each rule runs when the kinds it reads are valid. Pydantic's errors are
translated into located, catalogued messages with a hint.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError, create_model

from strategy.checks.rules import run_rules
from strategy.checks.validated import Validated
from strategy.language.messages import localized
from strategy.model import KINDS
from strategy.model.files import RESOLVER
from strategy.model.schema import schema_line
from strategy.problems import Mark, Problem
from strategy.sections.files import resolver
from strategy.sections.load import KEY, KeyPath, Sections

_EXPECTED = {
    "string_type": ("expected.text", "advice.quote_text"),
    "int_type": ("expected.integer", "advice.number"),
    "int_parsing": ("expected.integer", "advice.number"),
    "int_from_float": ("expected.integer", "advice.number"),
    "float_type": ("expected.number", "advice.number"),
    "float_parsing": ("expected.number", "advice.number"),
    "decimal_type": ("expected.number", "advice.number"),
    "decimal_parsing": ("expected.number", "advice.number"),
    "date_type": ("expected.date", "advice.date"),
    "date_parsing": ("expected.date", "advice.date"),
    "date_from_datetime_parsing": ("expected.date", "advice.date"),
    "date_from_datetime_inexact": ("expected.date", "advice.date"),
    "bool_type": ("expected.boolean", "advice.generic"),
    "bool_parsing": ("expected.boolean", "advice.generic"),
    "list_type": ("expected.list", "advice.list"),
    "dict_type": ("expected.mapping", "advice.generic"),
    "model_type": ("expected.mapping", "advice.generic"),
    "model_attributes_type": ("expected.mapping", "advice.generic"),
    "finite_number": ("expected.number", "advice.number"),
}
_BOUNDS = {"greater_than": "gt", "greater_than_equal": "ge", "less_than": "lt",
           "less_than_equal": "le"}
# Human words for the regular expressions the models use, and the advice for each.
_PATTERNS = {
    r"^[A-Za-z][A-Za-z0-9._-]*$": ("pattern.id", "advice.id"),
    r"^\d+\.\d+$": ("pattern.version", "advice.quote_text"),
    r"^[a-z0-9]+(-[a-z0-9]+)*$": ("pattern.slug", "advice.generic"),
    r"^(\d{4}|\d{7})$": ("pattern.teryt", "advice.quote_text"),
}


def validate(sections: Sections) -> Validated:
    """Every kind on its own, every item of a list on its own: the valid kinds go to
    ``kinds``; a kind with errors keeps its valid items (and its valid fields) in
    ``partial``, so that the rules that read only items check all the valid ones."""
    result = Validated(sections)
    # Every path a section names is resolved while its model is built (model/files.py).
    context = {RESOLVER: resolver(sections.root)}
    for name, kind in KINDS.items():
        if name not in sections.data:
            if name not in sections.broken:
                result.problems.extend(_absent(sections, name, result.lang))
            continue
        data = sections.data[name]
        try:
            model = kind.model.model_validate(data, context=context)
        except ValidationError as exc:
            result.problems.extend(_translate(sections, name, exc))
            partial = _salvage(kind.model, data, exc, context)
            if partial is not None:
                result.partial[name] = partial
            continue
        if name in sections.broken:  # a file of the folder did not parse: its items are unknown
            result.partial[name] = model
        else:
            result.kinds[name] = model
    result.problems.extend(run_rules(result))
    return result


def _absent(sections: Sections, name: str, lang: str) -> list[Problem]:
    """A kind with no file: an error when it is required. A folder of its name with no
    section file in it is reported as empty, not as missing."""
    kind = KINDS[name]
    if not kind.required:
        return []
    folder = sections.root / name
    if kind.split and folder.is_dir():
        return [Problem("error", "file.empty_folder", Mark(folder), {
            "kind": name, "line": schema_line(folder / "P1.yaml", sections.root, lang)})]
    return [Problem("error", "file.missing_kind", Mark(sections.root / f"{name}.yaml"), {
        "kind": name, "or_folder": localized("file.missing_kind.or_folder", kind=name)
        if kind.split else ""})]


def _salvage(model: type[BaseModel], data: Any, exc: ValidationError,
             context: dict[str, Any]) -> BaseModel | None:
    """What of a kind with errors is valid: its fields without errors, and of its lists the
    items without errors; a field with an error is None. The result is an instance of a
    subclass of ``model``, so rules recognise it; None when nothing can be kept."""
    if not isinstance(data, dict):
        return None
    bad_fields: set[str] = set()
    bad_items: dict[str, set[int]] = {}
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        if not loc:
            return None
        field = str(loc[0])
        if field not in model.model_fields:
            continue  # an unknown key: the rest of the kind is unaffected
        value = data.get(field)
        if isinstance(value, list) and len(loc) > 1 and isinstance(loc[1], int):
            bad_items.setdefault(field, set()).add(loc[1])
        else:
            bad_fields.add(field)
    kept: dict[str, Any] = {}
    for field, value in data.items():
        if field not in model.model_fields or field in bad_fields:
            continue
        if field in bad_items:
            value = [item for i, item in enumerate(value) if i not in bad_items[field]]
        kept[field] = value
    try:
        return _lenient(model).model_validate(kept, context=context)
    except ValidationError:
        return None


@cache
def _lenient(model: type[BaseModel]) -> type[BaseModel]:
    """``model`` with every field optional and without limits on its own level (a list
    whose invalid items were left out may be shorter than its minimum)."""
    fields: dict[str, Any] = {
        name: (info.annotation | None, None) for name, info in model.model_fields.items()}
    return create_model(f"Valid{model.__name__}", __base__=model, **fields)


def _display(sections: Sections, kind: str, loc: KeyPath) -> str:
    split = KINDS[kind].split if kind in sections.folders else None
    if split and len(loc) >= 2 and loc[0] == split and isinstance(loc[1], int):
        loc = loc[2:]  # inside a split folder, paths are relative to the item's own file
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or kind


def _trim(data: Any, loc: tuple[Any, ...]) -> KeyPath:
    """Keep the part of pydantic's loc that names real data (drops union member tags)."""
    kept: list[str | int] = []
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str) and part in data:
            kept.append(part)
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            kept.append(part)
            data = data[part]
        else:
            break
    return tuple(kept)


def _model_at(model: type[BaseModel], loc: KeyPath) -> type[BaseModel] | None:
    current: Any = model
    for part in loc:
        candidates = _unwrap(current)
        model_cls = next((c for c in candidates if isinstance(c, type)
                          and issubclass(c, BaseModel)), None)
        if isinstance(part, str) and model_cls is not None and part in model_cls.model_fields:
            current = model_cls.model_fields[part].annotation
        elif isinstance(part, int | str):
            inner = [a for c in candidates for a in _item_types(c)]
            if not inner:
                return None
            current = inner[0] if len(inner) == 1 else typing.Union[tuple(inner)]  # noqa: UP007
    final = [c for c in _unwrap(current) if isinstance(c, type) and issubclass(c, BaseModel)]
    return final[0] if final else None


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for a in typing.get_args(annotation) for t in _unwrap(a)]
    return [annotation]


def _item_types(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is list:
        return _unwrap(typing.get_args(annotation)[0])
    if origin is dict:
        return _unwrap(typing.get_args(annotation)[1])
    return []


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"„{value}”"
    if isinstance(value, dict | list):
        return "(…)"
    if isinstance(value, dt.date | Decimal):
        return str(value)
    return repr(value)


def _number(value: Any) -> str:
    if isinstance(value, float | Decimal) and value == int(value):
        return str(int(value))
    return str(value)


def _choices(expected: str) -> dict[str, str]:
    return {"en": expected, "pl": expected.replace(" or ", " albo ")}


def _translate(sections: Sections, kind: str, exc: ValidationError) -> list[Problem]:
    data = sections.data[kind]
    problems: list[Problem] = []
    seen: set[tuple[KeyPath, str]] = set()
    missing: dict[tuple[KeyPath, str], Problem] = {}
    misspelt: set[tuple[KeyPath, str]] = set()
    for error in exc.errors(include_url=False):
        etype = error["type"]
        raw_loc = tuple(error["loc"])
        loc = _trim(data, raw_loc)
        if etype == "missing" and raw_loc and isinstance(raw_loc[-1], str):
            loc = _trim(data, raw_loc[:-1])
            key = raw_loc[-1]
            if (loc, "missing" + key) in seen:
                continue
            seen.add((loc, "missing" + key))
            code = "access.alt_missing" if key == "alt" else "value.missing"
            missing[(loc, key)] = Problem("error", code, sections.mark((kind, *loc)),
                                          {"key": key})
            problems.append(missing[(loc, key)])
            continue
        if (loc, etype) in seen or (loc, "*") in seen:
            continue
        seen.add((loc, etype))
        seen.add((loc, "*"))  # a value failing every member of a union is one problem
        key = _display(sections, kind, loc)
        in_key = len(raw_loc) > len(loc) and raw_loc[len(loc)] == KEY  # a dict's key is wrong
        mark = sections.mark((kind, *loc, KEY) if in_key else (kind, *loc))
        if etype in ("string_too_short", "string_type") and loc and loc[-1] == "alt":
            problems.append(Problem("error", "access.alt_missing", mark, {"key": key}))
        elif etype == "extra_forbidden":
            parent = _model_at(KINDS[kind].model, loc[:-1])
            allowed = list(parent.model_fields) if parent else []
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            if close:
                misspelt.add((loc[:-1], close[0]))
            problems.append(Problem(
                "error", "value.unknown_key",
                sections.key_marks.get((kind, *loc), mark),
                {"key": loc[-1], "allowed": ", ".join(allowed),
                 "suggestion": localized("value.did_you_mean", name=close[0]) if close else ""},
            ))
        elif etype in _EXPECTED:
            expected, advice = _EXPECTED[etype]
            problems.append(Problem("error", "value.type", mark, {
                "key": key, "value": _show(error.get("input")),
                "expected": localized(expected), "advice": localized(advice),
            }))
        elif etype == "literal_error":
            problems.append(Problem("error", "value.choice", mark, {
                "key": key, "value": _show(error.get("input")),
                "allowed": _choices(error.get("ctx", {}).get("expected", "")),
            }))
        elif etype == "string_pattern_mismatch":
            pattern = str(error.get("ctx", {}).get("pattern", ""))
            words, advice = _PATTERNS.get(pattern, (None, "advice.generic"))
            problems.append(Problem("error", "value.type", mark, {
                "key": key, "value": _show(error.get("input")),
                "expected": localized(words) if words else {"pl": pattern, "en": pattern},
                "advice": localized(advice),
            }))
        elif etype in ("string_too_short", "too_short"):
            problems.append(Problem("error", "value.too_short", mark, {"key": key}))
        elif etype == "string_too_long":
            problems.append(Problem("error", "value.too_long", mark, {
                "key": key, "value": _show(error.get("input")),
                "max": error.get("ctx", {}).get("max_length", "?")}))
        elif etype in _BOUNDS:
            bound = _BOUNDS[etype]
            limit = _number(error.get("ctx", {}).get(bound))
            problems.append(Problem("error", "value.range", mark, {
                "key": key, "value": _show(error.get("input")),
                "bound": localized(f"bound.{bound}", limit=limit),
            }))
        else:
            problems.append(Problem("error", "value.invalid", mark,
                                    {"key": key, "detail": error["msg"]}))
    # "leadr" is unknown and "leader" missing: one mistake, reported once, as the typo.
    return [p for p in problems
            if not any(p is missing.get(m) for m in misspelt)]
