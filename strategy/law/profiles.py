"""Legal profiles: what the law requires of one kind of strategy, read from data.

A profile is a file ``strategy/law/<id>.yaml``: its name, the laws it applies and its
elements. An element is what one provision requires (its name and its legal basis in
every language, the section kinds that hold it, the document's places that show it)
and the tests that decide whether the strategy has it, in order. A test is declarative
where it can be (``kind``, ``some``, ``each``, ``none``, ``any``, ``fields``,
``values``, ``coverage``, ``map``) and names a judge where it cannot (``judge``: the
Python functions of strategy/checks/judges.py). ``include`` takes the elements of a
file in ``shared/``, so provisions that several profiles apply (art. 29 of Regulation
2021/1060) are written once. strategy/checks/readiness.py reads the profiles and
judges a strategy; this module only loads them and refuses a malformed file, naming
it, so a typo in the law never passes silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from strategy.language.books import languages
from strategy.model import KINDS

HERE = Path(__file__).resolve().parent
SHARED = HERE / "shared"
DEFAULT = "supra_local"  # the profile of a strategy whose record names none

Words = dict[str, str]  # one text per language
# What a test reads: a dotted path from a section kind ("areas.regional"); "*" steps
# into every item of a list ("goals.strategic_goals.*.results").
Path_ = str
PATHS = ("exists", "some", "each", "none", "fields", "values")
WHAT = ("kind", "exists", "some", "each", "none", "any", "fields", "values", "coverage",
        "map", "judge")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Check(_Strict):
    """A test that ``check`` also reports, located at the value it reads."""

    severity: Literal["error", "warning"] = "error"
    code: str | None = None  # the problem's catalog code; a judge's check yields its own
    words: str | None = None  # ``values``: the labels group that names the values


class Test(_Strict):
    kind: str | None = None  # the section kind is there
    exists: Path_ | None = None  # a mapping is there
    some: Path_ | None = None  # at least one item (with ``has``/``in``) is there
    each: Path_ | None = None  # every item has ``has`` and ``contains``
    none: Path_ | None = None  # when there is no item, the element is judged already
    any: list[Path_] | None = None  # at least one of the values is filled in
    fields: Path_ | None = None  # the mapping has every field of ``required``
    values: Path_ | None = None  # the items' ``field`` takes every value of ``include``
    coverage: list[str] | None = None  # the diagnosis covers these (shared/coverage.yaml)
    map: str | None = None  # the graphic part has a map of this kind
    judge: str | None = None  # a Python judge (strategy/checks/judges.py)

    has: list[str] = Field(default_factory=list)
    in_: dict[str, list[Any]] = Field(default_factory=dict, alias="in")
    contains: dict[str, list[str]] = Field(default_factory=dict)
    field: str = ""
    include: dict[str, Words] = Field(default_factory=dict)
    required: dict[str, Words] = Field(default_factory=dict)
    kinds: list[str] = Field(default_factory=list)
    section: str = ""
    options: dict[str, Any] = Field(default_factory=dict)

    status: Literal["missing", "incomplete"] | None = None
    detail: str | None = None  # catalog code of what the command says when it fails
    doc: str | None = None  # catalog code of what the document says (default: derived)
    params: dict[str, Any] = Field(default_factory=dict)
    then: Literal["present", "not_applicable"] = "present"  # ``none``
    note: str | None = None  # ``none``: catalog code of the note
    check: Check | None = None
    basis: Words | None = None  # the provision this test applies, where narrower

    @model_validator(mode="before")
    @classmethod
    def _one_question(cls, data: Any) -> Any:
        if isinstance(data, dict):
            asked = [k for k in WHAT if k in data]
            if len(asked) != 1:
                raise ValueError(f"a test asks exactly one of {', '.join(WHAT)}; "
                                 f"this one asks {asked or 'none'}")
            if isinstance(data.get("has"), str):
                data = {**data, "has": [data["has"]]}
        return data

    @property
    def what(self) -> str:
        return next(k for k in WHAT if getattr(self, k) is not None)

    @property
    def path(self) -> str:
        """The dotted path the test reads, for the questions that read one."""
        what = self.what
        return getattr(self, what) if what in PATHS else ""


class _ElementData(_Strict):
    id: str
    name: Words
    basis: Words
    kinds: list[str] = Field(min_length=1)
    where: list[str] = Field(default_factory=list)  # keys of the labels' ``anchors``
    tests: list[Test] = Field(min_length=1)


class _Include(_Strict):
    include: str


class _ProfileData(_Strict):
    name: Words  # short: "strategia ponadlokalna"
    title: Words  # what it is and under which law
    laws: Words  # the provisions the readiness annex says it applies
    adoption: Words  # who adopts the strategy and how
    elements: list[_ElementData | _Include] = Field(min_length=1)


class _SharedData(_Strict):
    elements: list[_ElementData] = Field(min_length=1)


@dataclass(frozen=True)
class Element:
    id: str
    name: Words
    basis: Words
    kinds: tuple[str, ...]
    where: tuple[str, ...]
    tests: tuple[Test, ...]
    profile: str  # the profile that requires it


@dataclass(frozen=True)
class Profile:
    id: str
    name: Words
    title: Words
    laws: Words
    adoption: Words
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
    data = _parse(path, _ProfileData)
    elements: list[Element] = []
    for entry in data.elements:
        shared = ([_element(e, name) for e in shared_elements(entry.include)]
                  if isinstance(entry, _Include) else [_element(entry, name)])
        elements.extend(shared)
    ids = [e.id for e in elements]
    if len(set(ids)) != len(ids):
        raise LawError(f"{path}: an element id is used twice: {ids}")
    for element in elements:
        _check_element(element, path)
    return Profile(name, data.name, data.title, data.laws, data.adoption, tuple(elements))


@cache
def shared_elements(name: str) -> tuple[_ElementData, ...]:
    return tuple(_parse(SHARED / f"{name}.yaml", _SharedData).elements)


@cache
def coverage_areas() -> dict[str, dict[str, Any]]:
    """What a diagnosis may cover: area -> its ``name`` (words) and the ``words`` that
    recognise a chapter's title; ``kinds`` -> section kinds that count as analysis."""
    return yaml.load((SHARED / "coverage.yaml").read_text(encoding="utf-8"),
                     Loader=yaml.CSafeLoader)


def _parse(path: Path, shape: type[BaseModel]) -> Any:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        return shape.model_validate(raw)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise LawError(f"{path}: {exc}") from exc


def _element(data: _ElementData, owner: str) -> Element:
    return Element(data.id, data.name, data.basis, tuple(data.kinds), tuple(data.where),
                   tuple(data.tests), owner)


def _check_element(element: Element, path: Path) -> None:
    """Words in every language, kinds that exist, paths through fields that exist."""
    where = f"{path.name}, element {element.id}"
    words = [element.name, element.basis]
    for test in element.tests:
        words += [w for w in (test.basis,) if w] + list(test.include.values()) + list(
            test.required.values()) + [v for v in test.params.values() if isinstance(v, dict)]
        paths = [test.path] if test.path else list(test.any or [])
        for dotted in paths:
            _check_path(dotted, where)
        if test.kind and test.kind not in KINDS:
            raise LawError(f"{where}: no section kind {test.kind!r}")
    for kind in element.kinds:
        if kind not in KINDS:
            raise LawError(f"{where}: no section kind {kind!r}")
    langs = set(languages())
    for w in words:
        if set(w) != langs or not all(isinstance(t, str) and t.strip() for t in w.values()):
            raise LawError(f"{where}: words must be given in {sorted(langs)}: {w}")


def _check_path(dotted: str, where: str) -> None:
    kind, *steps = dotted.split(".")
    if kind not in KINDS:
        raise LawError(f"{where}: {dotted!r} does not start with a section kind")
    model: Any = KINDS[kind].model
    for step in steps:
        if step == "*":
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
