"""Validate stage: loaded data into models, then the rules across sections.

Each kind is validated on its own, so one broken file does not hide the problems of
the others; each rule runs when the kinds it reads are valid. Pydantic's errors are
translated into located, catalogued messages with a hint.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from decimal import Decimal
from functools import cache, partial
from typing import Any

from pydantic import BaseModel, Field, ValidationError, create_model

from strategy.checks import kept as kept_problems
from strategy.checks.applied import required_absent
from strategy.checks.rules import KindsKept, run_rules
from strategy.checks.validated import Validated
from strategy.language.messages import LANGS, localized
from strategy.model.common import ID_PATTERN
from strategy.model.files import RESOLVER
from strategy.model.kinds import KINDS
from strategy.model.schemaline import schema_line
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
    ID_PATTERN: ("pattern.id", "advice.id"),
    r"^\d+\.\d+$": ("pattern.version", "advice.version"),
    r"^[a-z0-9]+(-[a-z0-9]+)*$": ("pattern.slug", "advice.slug"),
    r"^\d{2}(\d{2}(\d{3})?)?$": ("pattern.teryt", "advice.teryt"),
    r"^(\d{9}|\d{14})$": ("pattern.regon", "advice.regon"),
    r"^\d{10}$": ("pattern.krs", "advice.krs"),
}


def validate(sections: Sections, kinds_kept: KindsKept | None = None) -> Validated:
    """Every kind on its own, every item of a list on its own: the valid kinds go to
    ``kinds``; a kind with errors keeps its valid items (and its valid fields) in
    ``partial``, so that the rules that read only items check all the valid ones.
    ``kinds_kept`` holds what an earlier check said of each kind (its validation here,
    the rules' judgements in run_rules): a kind unchanged since is not validated now,
    its model is made only if something reads it."""
    result = Validated(sections, kept_dumps=kinds_kept)
    # Every path a section names is resolved while its model is built (model/files.py).
    context = {RESOLVER: resolver(sections.root)}
    for name in KINDS:
        if name not in sections.data:
            if name not in sections.broken:
                result.problems.extend(_absent(sections, name, result.lang))
            continue
        data = kinds_kept.get(name, _KEPT) if kinds_kept is not None else None
        found = kept_problems.load_kind(data) if data is not None else None
        if found is None:
            outcome = _validate_kind(sections, name, context)
            if kinds_kept is not None:
                _keep(kinds_kept, name, outcome)
            problems, state, kept = outcome[0], outcome[1], outcome[3]
        else:
            problems, state, kept, language = found
            if name == "strategy":
                result.language = language
        result.problems.extend(problems)
        for field, indices in kept.items():
            result.kept[(name, field)] = indices
        if state == "none":
            continue
        target = result.kinds if state == "valid" else result.partial
        if found is None:
            target[name] = outcome[2]
        else:
            target.later(name, partial(_model_of, sections, name, context))
    # The kinds the legal profile requires and the sections lack (strategy/law/).
    result.problems.extend(_kinds_required(result))
    result.problems.extend(run_rules(result, kinds_kept))
    return result


def _kinds_required(result: Validated) -> list[Problem]:
    """``readiness.kinds_required``: judged only when a kind the profiles' tests read is
    absent (else it finds nothing), so that a check of sections that hold them all
    imports neither the judges nor the consultation's rules."""
    sections = result.sections
    if not required_absent({k: v for k, v in sections.data.items() if k not in sections.broken}):
        return []
    from strategy.checks.readiness import kinds_required

    return kinds_required(result)


_KEPT = ["validation"]  # the kept entry of a kind's validation (rules.KindsKept)


def _validate_kind(sections: Sections, name: str, context: dict[str, Any]
                   ) -> tuple[list[Problem], str, BaseModel | None, dict[str, list[int]]]:
    """One kind: its problems, its state ("valid", "partial": its valid part only, or
    "none"), its model, and for a partial one where each kept item of a list stands."""
    kind = KINDS[name]
    data = sections.data[name]
    # A folder with a file that did not parse: its other files are checked item by
    # item, but not for how many there are (the unread ones may be the missing ones).
    model_cls = _lenient(kind.model) if name in sections.broken else kind.model
    try:
        model = model_cls.model_validate(data, context=context)
    except ValidationError as exc:
        problems = _translate(sections, name, exc)
        salvaged = _salvage(kind.model, data, exc, context)
        if salvaged is None:
            return problems, "none", None, {}
        return problems, "partial", salvaged[0], salvaged[1]
    if name in sections.broken:  # a file of the folder did not parse: its items are unknown
        return [], "partial", model, {}
    return [], "valid", model, {}


def _model_of(sections: Sections, name: str, context: dict[str, Any]) -> BaseModel | None:
    """The model of a kind whose validation was kept: validated again, as it was."""
    return _validate_kind(sections, name, context)[2]


def _keep(kinds_kept: KindsKept, name: str, outcome: tuple[
        list[Problem], str, BaseModel | None, dict[str, list[int]]]) -> None:
    problems, state, model, kept = outcome
    language = getattr(model, "language", None) if name == "strategy" else None
    data = kept_problems.dump_kind(problems, state, kept, language)
    if data is not None:
        kinds_kept.put(name, _KEPT, data)


def _absent(sections: Sections, name: str, lang: str) -> list[Problem]:
    """A kind with no file: an error when the model requires it (whether the law
    requires it is the legal profile's rule, ``kinds_required``). A folder of its name
    with no section file in it is reported as empty, not as missing: an error where
    the model requires the kind, a warning elsewhere (an empty folder is no document's
    part, but it says the working group means to write one)."""
    kind = KINDS[name]
    folder = sections.root / name
    if kind.split and folder.is_dir():
        return [Problem("error" if kind.required else "warning", "file.empty_folder",
                        Mark(folder), {
            "kind": name, "line": schema_line(folder / "P1.yaml", sections.root, lang)})]
    if not kind.required:
        return []
    return [Problem("error", "file.missing_kind", Mark(sections.root / f"{name}.yaml"), {
        "kind": name, "or_folder": localized("file.missing_kind.or_folder", kind=name)
        if kind.split else ""})]


def _salvage(model: type[BaseModel], data: Any, exc: ValidationError,
             context: dict[str, Any]) -> tuple[BaseModel, dict[str, list[int]]] | None:
    """What of a kind with errors is valid: its fields without errors, and of its lists the
    items without errors; a field with an error is None. The model is an instance of a
    subclass of ``model``, so rules recognise it; with it, for each list that lost items,
    where each kept item stands in the file (so that a rule's problem points at it). None
    when nothing can be kept."""
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
    positions: dict[str, list[int]] = {}
    for field, value in data.items():
        if field not in model.model_fields or field in bad_fields:
            continue
        if field in bad_items:
            positions[field] = [i for i in range(len(value)) if i not in bad_items[field]]
            value = [value[i] for i in positions[field]]
        kept[field] = value
    try:
        return _lenient(model).model_validate(kept, context=context), positions
    except ValidationError:
        return None


@cache
def _lenient(model: type[BaseModel]) -> type[BaseModel]:
    """``model`` with every field optional and without limits on its own level (a list
    whose invalid items were left out may be shorter than its minimum)."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if info.is_required():
            fields[name] = (info.annotation | None, None)
        elif info.default_factory is not None:  # an optional list stays a list
            fields[name] = (info.annotation | None, Field(default_factory=info.default_factory))
        else:
            fields[name] = (info.annotation | None, info.default)
    return create_model(f"Valid{model.__name__}", __base__=model, **fields)


def _display(sections: Sections, kind: str, loc: KeyPath) -> dict[str, str]:
    """Where a value is, in words an officer knows: positions counted from 1 and the
    item's ID, e.g. "members nr 2 (beta) › teryt"; inside a file of a split folder,
    relative to that file."""
    data: Any = sections.data.get(kind)
    split = KINDS[kind].split if kind in sections.folders else None
    if split and len(loc) >= 2 and loc[0] == split and isinstance(loc[1], int):
        data = data[split][loc[1]]
        loc = loc[2:]
    parts: list[dict[str, str]] = []
    name: str | None = None
    for part in loc:
        if isinstance(part, int):
            item = data[part] if isinstance(data, list) and part < len(data) else None
            ident = item.get("id") if isinstance(item, dict) else None
            if name is not None:
                parts.pop()  # "members" becomes "members nr 2"
            parts.append(localized("position.item_id" if isinstance(ident, str)
                                   else "position.item", name=name or "", number=part + 1,
                                   id=ident if isinstance(ident, str) else ""))
            data, name = item, None
        else:
            parts.append({lang: str(part) for lang in LANGS})
            data = data.get(part) if isinstance(data, dict) else None
            name = str(part)
    if not parts:
        return {lang: kind for lang in LANGS}
    return {lang: " › ".join(p[lang].strip() for p in parts) for lang in LANGS}


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
    from strategy.model.words import union_members  # on an error only: it reads every kind

    current: Any = model
    for part in loc:
        candidates = union_members(current)
        model_cls = next((c for c in candidates if isinstance(c, type)
                          and issubclass(c, BaseModel)), None)
        if isinstance(part, str) and model_cls is not None and part in model_cls.model_fields:
            current = model_cls.model_fields[part].annotation
        elif isinstance(part, int | str):
            inner = [a for c in candidates for a in _item_types(c)]
            if not inner:
                return None
            current = inner[0] if len(inner) == 1 else typing.Union[tuple(inner)]  # noqa: UP007
    final = [c for c in union_members(current) if isinstance(c, type) and issubclass(c, BaseModel)]
    return final[0] if final else None


def _item_types(annotation: Any) -> list[Any]:
    from strategy.model.words import union_members

    origin = typing.get_origin(annotation)
    if origin is list:
        return union_members(typing.get_args(annotation)[0])
    if origin is dict:
        return union_members(typing.get_args(annotation)[1])
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


def _choices_of(expected: str) -> dict[str, str]:
    return {"en": expected, "pl": expected.replace(" or ", " albo ")}


def _choices(model: type[BaseModel], loc: KeyPath) -> dict[str, str] | None:
    """The codes a field allows with what each means, from the fields books:
    "remote (zdalnie (wideokonferencja)), in_person (stacjonarnie)"."""
    from strategy.model.words import codes, field_words

    path = loc
    while path and isinstance(path[-1], int):  # a code in a list: the list's field
        path = path[:-1]
    parent = _model_at(model, path[:-1]) if path else None
    if parent is None or str(path[-1]) not in parent.model_fields:
        return None
    name = str(path[-1])
    allowed = codes(parent.model_fields[name].annotation)
    if not allowed:
        return None
    result = {}
    for lang in LANGS:
        meanings = field_words(lang, parent, name).codes
        result[lang] = "; ".join(f"{code} – {meanings[code]}" if meanings.get(code) else code
                                 for code in allowed)
    return result


def _translate(sections: Sections, kind: str, exc: ValidationError) -> list[Problem]:
    data = sections.data[kind]
    model = KINDS[kind].model
    problems: list[Problem] = []
    seen: set[tuple[KeyPath, str]] = set()
    missing: dict[tuple[KeyPath, str], Problem] = {}
    misspelt: set[tuple[KeyPath, str]] = set()
    split_numbers: set[KeyPath] = set()  # the keys "8" of "{value: 1,8}", already explained
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
            where = _display(sections, kind, loc) if _inner(sections, kind, loc) else None
            missing[(loc, key)] = Problem("error", code, sections.mark((kind, *loc)), {
                "key": key, "where": localized("position.in", path=where) if where else ""})
            problems.append(missing[(loc, key)])
            continue
        if (loc, etype) in seen or (loc, "*") in seen or loc in split_numbers:
            continue
        seen.add((loc, etype))
        seen.add((loc, "*"))  # a value failing every member of a union is one problem
        key = _display(sections, kind, loc)
        in_key = len(raw_loc) > len(loc) and raw_loc[len(loc)] == KEY  # a dict's key is wrong
        mark = sections.mark((kind, *loc, KEY) if in_key else (kind, *loc))
        value = error.get("input")
        if etype in ("string_too_short", "string_type") and loc and loc[-1] == "alt":
            problems.append(Problem("error", "access.alt_missing", mark, {"key": key}))
        elif etype == "extra_forbidden":
            comma = _comma_in_number(sections, kind, loc)
            if comma is not None:
                problem, explained = comma
                split_numbers.update(explained)
                problems.append(problem)
                continue
            parent = _model_at(model, loc[:-1])
            retired = getattr(parent, "RETIRED", {}).get(str(loc[-1])) if parent else None
            if retired is not None:  # a key of an older format: say what replaced it
                problems.append(Problem("error", retired, sections.key_mark(
                    (kind, *loc), mark), {"key": loc[-1], "id": _item_id(data, loc[:-1])}))
                continue
            import difflib  # here: only an unknown key needs it

            allowed = list(parent.model_fields) if parent else []
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            if close:
                misspelt.add((loc[:-1], close[0]))
            problems.append(Problem(
                "error", "value.unknown_key",
                sections.key_mark((kind, *loc), mark),
                {"key": loc[-1], "allowed": ", ".join(allowed),
                 "suggestion": localized("value.did_you_mean", name=close[0]) if close else ""},
            ))
        elif value is None and not in_key and etype in _EXPECTED | {"literal_error": ()}:
            problems.append(Problem("error", "value.empty", sections.key_mark(
                    (kind, *loc), mark), {
                "key": key, "advice": _fill_in(model, loc)}))
        elif etype in _EXPECTED:
            expected, advice = _EXPECTED[etype]
            shape = _PATTERNS.get(_pattern_of(model, loc) or "", (expected,))[0]
            problems.append(Problem("error", "value.type", mark, {
                "key": key, "value": _show(value),
                "expected": localized(shape), "advice": _advice(expected, advice, value),
            }))
        elif etype == "literal_error":
            problems.append(Problem("error", "value.choice", mark, {
                "key": key, "value": _show(value), "allowed": _choices(model, loc)
                or _choices_of(error.get("ctx", {}).get("expected", "")),
            }))
        elif etype == "string_pattern_mismatch":
            pattern = str(error.get("ctx", {}).get("pattern", ""))
            words, advice = _PATTERNS.get(pattern, (None, "advice.generic"))
            problems.append(Problem("error", "value.type", mark, {
                "key": key, "value": _show(value),
                "expected": localized(words) if words else {"pl": pattern, "en": pattern},
                "advice": localized(advice),
            }))
        elif etype == "target_shape":
            problems.append(Problem("error", "value.target_shape", mark, {"key": key}))
        elif etype == "id_number":
            problems.append(Problem("error", "value.id_number", mark, {
                "key": key, "value": _show(error.get("input"))}))
        elif etype in ("string_too_short", "too_short"):
            problems.append(Problem("error", "value.too_short", mark, {"key": key}))
        elif etype == "string_too_long":
            problems.append(Problem("error", "value.too_long", mark, {
                "key": key, "value": _show(value),
                "max": error.get("ctx", {}).get("max_length", "?")}))
        elif etype in _BOUNDS:
            bound = _BOUNDS[etype]
            limit = _number(error.get("ctx", {}).get(bound))
            problems.append(Problem("error", "value.range", mark, {
                "key": key, "value": _show(value),
                "bound": localized(f"bound.{bound}", limit=limit),
            }))
        else:
            problems.append(Problem("error", "value.invalid", mark,
                                    {"key": key, "detail": error["msg"]}))
    # "leadr" is unknown and "leader" missing: one mistake, reported once, as the typo.
    return [p for p in problems
            if not any(p is missing.get(m) for m in misspelt)]


def _item_id(data: Any, loc: KeyPath) -> str:
    """The ``id`` of the item at ``loc`` in the loaded data, or "" when it has none."""
    for part in loc:
        data = data[part] if isinstance(data, dict | list) and (
            isinstance(data, dict) and part in data
            or isinstance(data, list) and isinstance(part, int) and part < len(data)) else None
    ident = data.get("id") if isinstance(data, dict) else None
    return ident if isinstance(ident, str) else ""


def _pattern_of(model: type[BaseModel], loc: KeyPath) -> str | None:
    """The pattern a text field must match (a TERYT code, a version), if it has one."""
    parent = _model_at(model, loc[:-1]) if loc else None
    info = parent.model_fields.get(str(loc[-1])) if parent is not None else None
    if info is None:
        return None
    # The field's own constraints, or those of an optional type (``Teryt | None``).
    metadata = [*info.metadata, *(m for arg in typing.get_args(info.annotation)
                                  if typing.get_origin(arg) is typing.Annotated
                                  for m in typing.get_args(arg)[1:])]
    for meta in metadata:
        if getattr(meta, "pattern", None):
            return str(meta.pattern)
    return None


def _inner(sections: Sections, kind: str, loc: KeyPath) -> bool:
    """Whether ``loc`` is below the top of its file (so that naming it helps)."""
    split = KINDS[kind].split if kind in sections.folders else None
    return len(loc) > (2 if split and loc[:1] == (split,) else 0)


def _fill_in(model: type[BaseModel], loc: KeyPath) -> dict[str, str]:
    """What to do about an empty value: fill it in, or drop the line if it is optional."""
    parent = _model_at(model, loc[:-1]) if loc else None
    name = loc[-1] if loc else None
    if (parent is not None and isinstance(name, str) and name in parent.model_fields
            and not parent.model_fields[name].is_required()):
        return localized("advice.fill_or_remove", name=name)
    return localized("advice.fill_in")


def _advice(expected: str, advice: str, value: Any) -> dict[str, str]:
    """The advice for a value of the wrong type, made from the value the user wrote."""
    if expected == "expected.text":
        if isinstance(value, list):
            return localized("advice.text_not_list")
        if isinstance(value, dict):
            return localized("advice.text_not_mapping")
        return localized("advice.quote_text", example=_as_written(value))
    if expected in ("expected.number", "expected.integer") and isinstance(value, str):
        fixed = number_written(value)
        if fixed is not None:
            number, how = fixed
            if not how:
                return localized("advice.unquote_number", number=number)
            return localized("advice.number_written", number=number, how={
                lang: ", ".join(localized(f"number.{h}", unit=unit)[lang] for h, unit in how)
                for lang in LANGS})
    return localized(advice)


def _as_written(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


_MULTIPLIERS = {"tys": 1000, "tys.": 1000, "mln": 10**6, "mln.": 10**6, "mld": 10**9,
                "mld.": 10**9}
_NUMBERISH = re.compile(
    r"^(?P<number>[-+]?\d[\d \u00a0\u202f.,'’]*?)\s*"
    r"(?P<multiplier>tys\.?|mln\.?|mld\.?)?\s*(?P<unit>[^\d\s.,][^\d]*?)?\.?$",
    re.IGNORECASE)


def number_written(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A number as an officer may type it ("6 400 000 zł", "1,8", "2.500.000", "1,5 mln")
    and what it should be in YAML: (the number, [(what was wrong, unit)]). None when
    ``text`` is not a number at all."""
    match = _NUMBERISH.match(text.strip())
    if not match:
        return None
    written = match["number"].strip()
    how: list[tuple[str, str]] = []
    if re.search(r"\d[ \u00a0\u202f'’]+\d", written):
        how.append(("thousands", ""))
        written = re.sub(r"[ \u00a0\u202f'’]", "", written)
    if re.search(r"[ \u00a0\u202f'’]", written):
        return None
    commas, dots = written.count(","), written.count(".")
    if commas and dots:  # 2.500,50: dots between thousands, a decimal comma
        if written.rfind(",") < written.rfind("."):
            return None
        how += [("thousands", ""), ("comma", "")]
        written = written.replace(".", "").replace(",", ".")
    elif commas == 1:
        how.append(("comma", ""))
        written = written.replace(",", ".")
    elif commas > 1 and re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+", written):
        how.append(("thousands", ""))
        written = written.replace(",", "")
    elif dots > 1 and re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", written):
        how.append(("thousands", ""))
        written = written.replace(".", "")
    try:
        number = Decimal(written)
    except ArithmeticError:
        return None
    multiplier = (match["multiplier"] or "").lower()
    if multiplier:
        how.append(("multiplier", multiplier))
        number *= _MULTIPLIERS[multiplier]
    if match["unit"]:
        how.append(("unit", match["unit"].strip()))
    if not number.is_finite():
        return None
    shown = format(number.normalize(), "f") if multiplier else format(number, "f")
    return shown, list(dict.fromkeys(how))


def _comma_in_number(sections: Sections, kind: str, loc: KeyPath
                     ) -> tuple[Problem, set[KeyPath]] | None:
    """``{value: 1,8}`` reads as the value 1 and a key "8": the unknown key "8" is a decimal
    comma (or ``2,500,000`` thousands separators) inside a one-line mapping."""
    parent_path, name = loc[:-1], loc[-1]
    parent = sections.data.get(kind)
    for part in parent_path:
        parent = parent[part] if isinstance(parent, dict | list) else None
    if not isinstance(parent, dict) or not str(name).isdigit():
        return None
    keys = list(parent)
    at = keys.index(name)
    first = at
    while first > 0 and str(keys[first - 1]).isdigit() and parent[keys[first - 1]] is None:
        first -= 1
    if first == 0 or parent[keys[first]] is not None:
        return None
    number_key = keys[first - 1]
    number = parent[number_key]
    if not isinstance(number, int) or isinstance(number, bool):
        return None
    pieces = []
    for key in keys[first:]:
        if not str(key).isdigit() or parent[key] is not None:
            break
        pieces.append(str(key))
    number_mark = sections.mark((kind, *parent_path, number_key))
    written = ",".join([str(number), *pieces])
    line = _source_line(number_mark)
    if written not in line:
        return None
    if len(pieces) > 1 and all(len(p) == 3 for p in pieces):
        fixed, how = f"{number}{''.join(pieces)}", "thousands"
    elif len(pieces) == 1:
        fixed, how = f"{number}.{pieces[0]}", "comma"
    else:
        return None
    problem = Problem("error", "value.comma_in_number", number_mark, {
        "key": _display(sections, kind, (*parent_path, number_key)), "written": written,
        "number": fixed, "read": number, "how": localized(f"number.{how}", unit="")})
    return problem, {(*parent_path, key) for key in pieces}


def _source_line(mark: Mark) -> str:
    try:
        lines = mark.file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    return lines[mark.line - 1] if 0 < mark.line <= len(lines) else ""
