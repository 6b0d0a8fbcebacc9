"""Legal profiles: what the law requires of one kind of strategy, read from data.

A profile is a file ``strategy/law/<id>.yaml``: its name, the laws it applies and its
elements. An element is what one provision requires (its name and its legal basis in
every language, the section kinds that hold it, the document's places that show it)
and the tests that decide whether the strategy has it, in order. A test is declarative
where it can be (``kind``, ``exists``, ``stated``, ``some``, ``each``, ``none``, ``any``,
``fields``, ``values``, ``coverage``, ``map``) and names a judge where it cannot (``judge``: the
Python functions of strategy/checks/judges.py). An element is ``due`` with the draft
(``check`` says when a section kind it needs is missing) or, for what is made on the
finished draft (the consultation, the ex-ante evaluation), at the ``final`` version
(only ``readiness`` and the final gate ask for it). ``include`` takes the elements of a
file in ``shared/``, so provisions that several profiles apply (art. 29 of Regulation
2021/1060) are written once. strategy/checks/readiness.py reads the profiles and
judges a strategy; this module only loads them and refuses a malformed file, naming
it, so a typo in the law never passes silently.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from strategy.language import kept
from strategy.language.books import languages, pick
from strategy.model.kinds import KINDS

HERE = Path(__file__).resolve().parent
SHARED = HERE / "shared"
DEFAULT = "supra_local"  # the profile of a strategy whose record names none



class Words(dict[str, str]):
    """One text per language. A language the law file does not give (a language added
    as a folder of books) takes the words of the language its language.yaml falls back
    to, as every word held as {language: text} does (books.pick)."""

    def __missing__(self, lang: str) -> str:
        return pick(dict(self), lang)


# What a test asks (exactly one per test); the questions that read a dotted path from a
# section kind ("areas.regional"; "*" steps into every item of a list:
# "investments.investments.*.funding"; "**" steps into every item of a tree:
# "goals.goals.**.results").
WHAT = ("kind", "exists", "stated", "some", "each", "none", "any", "fields", "values",
        "coverage", "map", "judge")
PATHS = ("exists", "stated", "some", "each", "none", "fields", "values")


@dataclass(frozen=True)
class Check:
    """A test that ``check`` also reports, located at the value it reads."""

    severity: str = "error"  # error or warning
    code: str | None = None  # the problem's catalog code; a judge's check yields its own
    words: str | None = None  # ``values``: the labels group that names the values


@dataclass(frozen=True)
class Test:
    kind: str | None = None  # the section kind is there
    exists: str | None = None  # a mapping is there
    # the value is there, an empty list too (the sections say "none"); when it is not,
    # nothing more can be judged: the element is incomplete
    stated: str | None = None
    some: str | None = None  # at least one item (with ``has``/``in``/``contains``) is there
    each: str | None = None  # every item has ``has`` and ``contains``
    # when the list is stated and has no item, the element is judged already
    none: str | None = None
    any: list[str] | None = None  # at least one of the values is filled in
    fields: str | None = None  # the mapping has every field of ``required``
    values: str | None = None  # the items' ``field`` takes every value of ``include``
    coverage: list[str] | None = None  # the diagnosis covers these (shared/coverage.yaml)
    map: str | None = None  # the graphic part has a map of this kind
    judge: str | None = None  # a Python judge (strategy/checks/judges.py)

    has: list[str] = field(default_factory=list)
    in_: dict[str, list[Any]] = field(default_factory=dict)  # ``in`` in the file
    contains: dict[str, list[str]] = field(default_factory=dict)
    include: dict[str, Words] = field(default_factory=dict)
    required: dict[str, Words] = field(default_factory=dict)
    kinds: list[str] = field(default_factory=list)
    section: str = ""
    options: dict[str, Any] = field(default_factory=dict)

    status: str | None = None  # missing or incomplete, when the default does not fit
    detail: str | None = None  # catalog code of what the command says when it fails
    doc: str | None = None  # labels.yaml key of what the document says (default: derived)
    params: dict[str, Any] = field(default_factory=dict)
    then: str = "present"  # ``none``: present, or not_applicable (no place)
    note: str | None = None  # ``none``: catalog code of the note
    check: Check | None = None
    basis: Words | None = None  # the provision this test applies, where narrower
    also: list[str] = field(default_factory=list)  # ``values``: more lists whose items count
    field: str = ""  # ``values``: the items' field (last: it shadows dataclasses.field)

    @property
    def what(self) -> str:
        return next(k for k in WHAT if getattr(self, k) is not None)

    @property
    def path(self) -> str:
        """The dotted path the test reads, for the questions that read one."""
        what = self.what
        return getattr(self, what) if what in PATHS else ""


@dataclass(frozen=True)
class Element:
    id: str
    name: Words
    basis: Words
    kinds: tuple[str, ...]
    where: tuple[str, ...]  # keys of the labels' ``anchors``
    tests: tuple[Test, ...]
    profile: str  # the profile that requires it
    # ``draft``: the working group writes it into the draft, so ``check`` says when its
    # section is missing; ``final``: it is made on the finished draft (the consultation,
    # the ex-ante evaluation), so only ``readiness`` and the final gate ask for it.
    due: str = "draft"


@dataclass(frozen=True)
class Profile:
    id: str
    name: Words  # short: "strategia ponadlokalna"
    title: Words  # what it is and under which law ("strategia rozwoju ponadlokalnego")
    role: Words  # what it is as another's role ("pełni także rolę strategii ZIT …")
    laws: Words  # the provisions the readiness annex says it applies
    adoption: Words  # who adopts the strategy and how
    elements: tuple[Element, ...]


class LawError(ValueError):
    """A law file that does not have the shape this module reads."""


def names() -> tuple[str, ...]:
    """The profiles there is a file for, the default first."""
    found = sorted(p.stem for p in HERE.glob("*.yaml"))
    return tuple(sorted(found, key=lambda name: name != DEFAULT))


@cache
def profile(name: str) -> Profile:
    path = HERE / f"{name}.yaml"
    if not path.is_file():
        raise LawError(f"no legal profile {name!r} (strategy/law/{name}.yaml)")
    keys = {"name", "title", "role", "laws", "adoption"}
    data = _mapping(_read(path), path.name, keys | {"elements"}, required=keys | {"elements"})
    elements: list[Element] = []
    for i, entry in enumerate(_list(data["elements"], f"{path.name}: elements")):
        if isinstance(entry, dict) and set(entry) == {"include"}:
            elements += [_element(e, name, f"shared/{entry['include']}.yaml")
                         for e in shared_elements(str(entry["include"]))]
        else:
            elements.append(_element(entry, name, f"{path.name}: elements[{i}]"))
    ids = [e.id for e in elements]
    if len(set(ids)) != len(ids):
        raise LawError(f"{path}: an element id is used twice: {ids}")
    for element in elements:
        _check_element(element, path)
    _check_paths(elements, path)
    said = [_words(data[k], f"{path.name}: {k}")
            for k in ("name", "title", "role", "laws", "adoption")]
    return Profile(name, *said, tuple(elements))


@cache
def shared_elements(name: str) -> tuple[dict[str, Any], ...]:
    path = SHARED / f"{name}.yaml"
    data = _mapping(_read(path), path.name, {"elements"}, required={"elements"})
    return tuple(_list(data["elements"], f"{path.name}: elements"))


@cache
def coverage_areas() -> dict[str, dict[str, Any]]:
    """What a diagnosis may cover: area -> its ``name`` (words) and the ``words`` that
    recognise a chapter's title; ``kinds`` -> section kinds that count as analysis."""
    data = _read(SHARED / "coverage.yaml")
    for group in ("areas", "kinds"):
        for key, entry in data[group].items():
            entry["name"] = _words(entry["name"], f"coverage.yaml: {group}.{key}")
    return data


@cache
def consulted_bodies() -> dict[str, tuple[str, ...]]:
    """Consulted body code -> the words that recognise it in a body's own name
    (strategy/law/shared/consulted_bodies.yaml)."""
    data = _read(SHARED / "consulted_bodies.yaml")
    if not isinstance(data, dict) or not all(isinstance(w, list) for w in data.values()):
        raise LawError(f"{SHARED / 'consulted_bodies.yaml'}: expected code -> list of words")
    return {str(k): tuple(str(w).casefold() for w in v) for k, v in data.items()}


# --- reading the files: plain data checked by hand (a law file is read at every check,
# so its shape is not worth a pydantic model's start-up) ---------------------------------

def _read(path: Path) -> Any:
    # Parsed once, then read from the JSON the cache keeps of these very bytes, as the
    # books are (language/kept.py): 12 ms of YAML at every start, 1.5 ms of JSON.
    try:
        return kept.load(path, yaml.CSafeLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise LawError(f"{path}: {exc}") from exc


def _mapping(value: Any, where: str, allowed: set[str], required: set[str] = frozenset()
             ) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise LawError(f"{where}: expected a mapping, found {value!r}")
    unknown, absent = set(value) - allowed, required - set(value)
    if unknown or absent:
        raise LawError(f"{where}: unknown keys {sorted(unknown)}, missing keys {sorted(absent)}")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise LawError(f"{where}: expected a list that is not empty")
    return value


_TEST_KEYS = {f.name for f in fields(Test)} - {"in_"} | {"in"}
_LISTS = {"any", "coverage", "has", "kinds", "also"}
_MAPS = {"in_", "contains", "include", "required", "options", "params"}


def _element(raw: Any, owner: str, where: str) -> Element:
    if isinstance(raw, dict) and "id" in raw:
        where = f"{where} ({raw['id']})"
    data = _mapping(raw, where, {"id", "name", "basis", "kinds", "where", "tests", "due"},
                    required={"id", "name", "basis", "kinds", "tests"})
    if data.get("due", "draft") not in ("draft", "final"):
        raise LawError(f"{where}: due is draft or final, not {data['due']!r}")
    tests = tuple(_test(t, f"{where}: tests[{i}]")
                  for i, t in enumerate(_list(data["tests"], f"{where}: tests")))
    return Element(str(data["id"]), _words(data["name"], f"{where}: name"),
                   _words(data["basis"], f"{where}: basis"),
                   tuple(_list(data["kinds"], f"{where}: kinds")),
                   tuple(data.get("where") or ()), tests, owner, str(data.get("due", "draft")))


def _test(raw: Any, where: str) -> Test:
    data = dict(_mapping(raw, where, _TEST_KEYS))
    asked = [k for k in WHAT if k in data]
    if len(asked) != 1:
        raise LawError(f"{where}: a test asks exactly one of {', '.join(WHAT)}, "
                       f"not {asked or 'none'}")
    if "in" in data:
        data["in_"] = data.pop("in")
    if isinstance(data.get("has"), str):
        data["has"] = [data["has"]]
    for key, value in data.items():
        if key in _LISTS and not isinstance(value, list) or (
                key in _MAPS and not isinstance(value, dict)):
            raise LawError(f"{where}: {key!r} has the wrong shape: {value!r}")
    if data.get("status") not in (None, "missing", "incomplete"):
        raise LawError(f"{where}: status is missing or incomplete, not {data['status']!r}")
    if data.get("then", "present") not in ("present", "not_applicable"):
        raise LawError(f"{where}: then is present or not_applicable, not {data['then']!r}")
    for key in ("include", "required"):
        if key in data:
            data[key] = {k: _words(v, f"{where}: {key}.{k}") for k, v in data[key].items()}
    if "params" in data:
        data["params"] = {k: _words(v, f"{where}: params.{k}") if isinstance(v, dict) else v
                          for k, v in data["params"].items()}
    if "basis" in data:
        data["basis"] = _words(data["basis"], f"{where}: basis")
    if "check" in data:
        check = _mapping(data["check"] or {}, f"{where}: check", {"severity", "code", "words"})
        data["check"] = Check(**check)
    return Test(**data)


def _words(value: Any, where: str) -> Words:
    """Words in every language there is (given, or through its fallback), none blank."""
    if not isinstance(value, dict) or not all(
            isinstance(t, str) and t.strip() for t in value.values()):
        raise LawError(f"{where}: words must be texts per language: {value!r}")
    words = Words(value)
    try:
        for lang in languages():
            words[lang]
    except KeyError as exc:
        raise LawError(f"{where}: words must be given in {list(languages())}: {value}") from exc
    return words


def _check_element(element: Element, path: Path) -> None:
    """Kinds that exist (the paths through fields: ``_check_paths``)."""
    where = f"{path.name}, element {element.id}"
    for test in element.tests:
        if test.kind and test.kind not in KINDS:
            raise LawError(f"{where}: no section kind {test.kind!r}")
    for kind in element.kinds:
        if kind not in KINDS:
            raise LawError(f"{where}: no section kind {kind!r}")


def _paths(element: Element) -> list[str]:
    return [p for test in element.tests for p in (
        [test.path] if test.path else list(test.any or [])) + list(test.also)]


def _check_paths(elements: list[Element], path: Path) -> None:
    """Paths through fields that exist. Walking them imports the models of the kinds they
    name (a third of a check that validates one kind), so once the paths of a profile
    were found good for the models as their code is, the cache says so (by the paths
    and the bytes of every model module, ``kept.known``)."""
    checked = [[e.id, p] for e in elements for p in _paths(e)]
    models = Path(__file__).resolve().parents[1] / "model"
    said = ["law-paths", checked, sorted(
        [f.name, hashlib.sha256(f.read_bytes()).hexdigest()] for f in models.glob("*.py"))]
    if kept.known(said):
        return
    for element in elements:
        for dotted in _paths(element):
            _check_path(dotted, f"{path.name}, element {element.id}")
    kept.remember(said)


def _check_path(dotted: str, where: str) -> None:
    kind, *steps = dotted.split(".")
    if kind not in KINDS:
        raise LawError(f"{where}: {dotted!r} does not start with a section kind")
    model: Any = KINDS[kind].model
    for step in steps:
        if step in ("*", "**"):
            continue
        fields = getattr(model, "model_fields", None)
        if fields is None or step not in fields:
            raise LawError(f"{where}: {dotted!r}: no field {step!r}")
        model = _inner(fields[step].annotation)


def _inner(annotation: Any) -> Any:
    """The model a field holds: through ``X | None`` and ``list[X]``."""
    for arg in getattr(annotation, "__args__", ()):
        if arg is not type(None):
            return _inner(arg)
    return annotation
