"""Readiness: is every element the law requires of the strategy in it?

The law is data (strategy/law/): the record names the strategy's legal profile
(``profile``; none means ``supra_local``, the checklist every strategy was judged by
before profiles existed) and the profiles of other roles it plays (``serves_as``). Each
element of those profiles is judged by its tests, in order: a test that fails with
``missing`` ends the judgement, one that fails with ``incomplete`` adds what is lacking,
a ``none`` test that holds (nothing to require) ends it as present. A test with
``check`` is also reported by ``check``, at its place in the files, naming the profile
that requires it (``problems``).

The judges read plain data: a Strategy's ``model_dump()``, or the loaded sections when
they do not validate (a missing kind is then judged missing, not ignored). A final
release and a submission package are refused while an element is missing or incomplete
(the final gate, checks/final.py, lists each as a blocker).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from strategy.checks.applied import Applied, applied, read_kind
from strategy.checks.findings import (
    Data,
    Detail,
    Finding,
    Status,
    filled,
    get,
    ids,
    items,
    joined,
    text,
)
from strategy.checks.judges import CHECKS, JUDGES, Fail, Located
from strategy.language.labels import in_every_language
from strategy.language.messages import LANGS, localized
from strategy.law.profiles import DEFAULT, Element, Test, coverage_areas, names, profile
from strategy.model.kinds import KINDS
from strategy.problems import Mark, Problem

__all__ = ["ELEMENTS", "Applied", "Detail", "Finding", "Item", "applied", "as_json",
           "coverage", "evaluate", "evaluate_strategy", "kinds_required", "missing",
           "plain_data", "problems", "required_kinds"]


@dataclass(frozen=True)
class Item:
    element: Element
    finding: Finding

    @property
    def status(self) -> Status:
        return self.finding.status


ELEMENTS: tuple[Element, ...] = profile(DEFAULT).elements


# --- the tests ---------------------------------------------------------------------------

def coverage(d: Data) -> set[str]:
    """What the diagnosis covers: each chapter's ``covers`` and what its title names
    (the ``words`` of strategy/law/shared/coverage.yaml)."""
    areas = coverage_areas()["areas"]
    found: set[str] = set()
    for chapter in items(get(d, "diagnosis.chapters")):
        declared = chapter.get("covers")
        if isinstance(declared, list):
            found.update(c for c in declared if isinstance(c, str))
        title = text(chapter.get("title")).casefold()
        found.update(k for k, a in areas.items() if any(w in title for w in a["words"]))
    for kind, entry in coverage_areas()["kinds"].items():  # the SWOT covers the needs
        if isinstance(d.get(kind), dict):
            found.update(entry.get("covers") or ())
    return found


def _fail(t: Test, params: dict[str, Any], status: Status = "incomplete", detail: str = "",
          doc: str = "", doc_params: dict[str, Any] | None = None) -> Fail:
    return (t.status or status,
            Detail(t.detail or detail, {**params, **t.params}, t.doc or doc, doc_params))


def _listed(value: Any) -> list[Any]:
    """The items that say something: mappings, and texts that are not blank."""
    found = value if isinstance(value, list) else []
    return [v for v in found if isinstance(v, dict) or (not isinstance(v, list) and filled(v))]


def _matches(item: dict[str, Any], t: Test) -> bool:
    return (all(filled(item.get(f)) for f in t.has)
            and all(item.get(f) in values for f, values in t.in_.items())
            and all(any(w in text(item.get(f)).casefold() for w in words)
                    for f, words in t.contains.items()))


def _missing_values(t: Test, d: Data) -> list[str]:
    """The values of ``include`` that no item's ``field`` takes (a field holding one
    value or a list of them), the items of ``also`` counting too."""
    present: set[str] = set()
    for path in (t.path, *t.also):
        for item in items(get(d, path)):
            value = item.get(t.field)
            present.update(v for v in (value if isinstance(value, list) else [value])
                           if isinstance(v, str))
    return [v for v in t.include if v not in present]


def _maps(d: Data, kind: str) -> list[dict[str, Any]]:
    return [m for group in ("spatial", "areas") for m in items(get(d, f"{group}.maps"))
            if m.get("kind") == kind and text(m.get("file")) and text(m.get("alt"))]


def _judge(t: Test, d: Data, e: Element) -> list[Fail] | Finding:
    """What fails of one test, or the whole finding when the test decides it."""
    what = t.what
    if what == "kind":
        return [] if isinstance(d.get(t.kind), dict) else [
            _fail(t, {"kind": t.kind}, "missing", "readiness.kind_missing")]
    if what == "exists":
        return [] if isinstance(get(d, t.path), dict) else [_fail(t, {}, "missing")]
    if what == "stated":
        if get(d, t.path) is not None:
            return []
        status, detail = _fail(t, {})
        return Finding(status, e.where, (_required_by(e, detail),))
    if what == "some":
        found = [i for i in items(get(d, t.path)) if _matches(i, t)] if (
            t.has or t.in_ or t.contains) else _listed(get(d, t.path))
        return [] if found else [_fail(t, {})]
    if what == "each":
        bad = [i for i in items(get(d, t.path)) if not _matches(i, t)]
        return [_fail(t, {"ids": ids(bad)})] if bad else []
    if what == "none":
        # Only a list the sections state says none: nothing at all says nothing.
        found = get(d, t.path)
        if not isinstance(found, list) or items(found):
            return []
        return Finding("present", e.where if t.then == "present" else (),
                       (Detail(t.note or ""),))
    if what == "any":
        return [] if any(filled(get(d, p)) for p in t.any or ()) else [_fail(t, {})]
    if what == "fields":
        found = get(d, t.path)
        gaps = [k for k in t.required if not (found.get(k) if isinstance(found, dict) else None)]
        return [_fail(t, {"fields": ", ".join(gaps)}, doc_params={
            "fields": joined(*(t.required[k] for k in gaps))})] if gaps else []
    if what == "values":
        absent = _missing_values(t, d)
        return [_fail(t, {"missing": joined(*(t.include[v] for v in absent))})] if absent else []
    if what == "coverage":
        words = coverage_areas()
        covered = coverage(d)
        gaps = [words["areas"][c]["name"] for c in t.coverage or () if c not in covered] + [
            words["kinds"][k]["name"] for k in t.kinds if not isinstance(d.get(k), dict)]
        return [_fail(t, {"gaps": joined(*gaps)})] if gaps else []
    if what == "map":
        return [] if _maps(d, t.map or "") else [_fail(
            t, {"kind": t.map, "section": t.section}, "missing", "readiness.no_map",
            f"readiness_details.no_map.{t.map}")]
    return JUDGES[t.judge or ""](d, t)


def _required_by(e: Element, detail: Detail) -> Detail:
    """The detail saying which profile requires the element, under which provision."""
    return Detail(detail.code, {"profile": profile(e.profile).name, "basis": e.basis,
                                **detail.params}, detail.doc, detail.doc_params)


def judge(e: Element, d: Data) -> Finding:
    details: list[Detail] = []
    notes: list[Detail] = []  # a judge's "present" outcomes: notes on a present element
    for t in e.tests:
        outcome = _judge(t, d, e)
        if isinstance(outcome, Finding):
            return outcome
        for status, detail in outcome:
            detail = _required_by(e, detail)
            if status == "missing":
                return Finding("missing", (), (detail,))
            (notes if status == "present" else details).append(detail)
    return Finding("incomplete" if details else "present", e.where, tuple(details or notes))


# --- the API -----------------------------------------------------------------------------

def evaluate(data: Data, profiles: Applied | None = None) -> list[Item]:
    """Judge every element of the record's profiles on plain data (kind -> its data)."""
    profiles = profiles or applied(data)
    return [Item(e, judge(e, data)) for e in profiles.elements]


def plain_data(validated: Any) -> Data:
    """Kind -> data: the validated model's dump where valid, the loaded YAML elsewhere
    (``validated`` is the validate stage's :class:`~strategy.checks.validated.Validated`)."""
    data: dict[str, Any] = dict(validated.sections.data)
    for name in validated.kinds:
        data[name] = validated.dump(name)
    return data


def evaluate_strategy(strategy: Any) -> list[Item]:
    return evaluate(strategy_data(strategy))


def strategy_data(strategy: Any) -> Data:
    """The strategy's kinds as plain data, each dumped by its own model, as the
    Strategy's dump nests them: the Strategy's own serializer (built on first use, most
    of a dump's time at 1x) is not needed for it."""
    return {name: value.model_dump(mode="python") for name in type(strategy).model_fields
            if (value := getattr(strategy, name)) is not None}


def missing(strategy: Any) -> list[Item]:
    """The elements the law requires that are missing in whole or in part. A final
    release (``release``) and a submission package (``package``) are refused while this
    is not empty; an incomplete element is a legal gap as much as a missing one."""
    return [item for item in evaluate_strategy(strategy) if item.status != "present"]


def problems(validated: Any) -> Iterator[Located]:
    """What ``check`` reports of the profiles' tests marked ``check``: each test of an
    element whose kinds are all valid, located, with ``required`` saying which
    provision of which profile requires it."""
    record = validated.kinds.get("strategy")
    raw = record.model_dump(mode="python") if record is not None else (
        validated.sections.data.get("strategy"))
    dumps: dict[str, Data] = {}
    for e in applied({"strategy": raw}).elements:
        checked = [t for t in e.tests if t.check is not None]
        if not checked or not all(k in validated.kinds for k in e.kinds):
            continue
        # The kinds a test's ``also`` reads count when they are valid (directions that
        # name their dimensions); an invalid one is reported on its own.
        also = {p.split(".")[0] for t in checked for p in t.also} & set(validated.kinds)
        for k in (*e.kinds, *sorted(also)):
            if k not in dumps:
                dumps[k] = validated.kinds[k].model_dump(mode="python")
        for t in checked:
            required = localized("law.required_by", basis=t.basis or e.basis,
                                 profile=profile(e.profile).name)
            for severity, code, path, params in _located(t, dumps):
                yield severity, code, path, {**params, "required": required}


def required_kinds(data: Data, profiles: Applied | None = None
                   ) -> dict[tuple[str, str], list[Element]]:
    """(kind, profile id) -> the elements of that profile that are missing because the
    kind is: the model requires only the record and the partnership, the profile says
    which other parts its law requires (a test that fails as ``missing`` reading a kind
    the sections do not have). A kind given but invalid is no absent kind."""
    found: dict[tuple[str, str], list[Element]] = {}
    for e in (profiles or applied(data)).elements:
        if e.due != "draft":
            continue
        for t in e.tests:
            outcome = _judge(t, data, e)
            if isinstance(outcome, Finding):
                break
            if any(status == "missing" for status, _ in outcome):
                kind = read_kind(t)
                if kind is not None and not isinstance(data.get(kind), dict):
                    found.setdefault((kind, e.profile), []).append(e)
                break
    return found


def kinds_required(validated: Any) -> list[Problem]:
    """What ``check`` says of every kind the strategy's legal profiles require and the
    sections lack: a warning (a draft still builds, without that chapter; the final gate
    refuses a final version, checks/final.py), naming the profile, and each element with
    its legal basis. It points at the record's ``profile`` (or ``serves_as``) line where
    the record names the profile, else at the file to write."""
    sections = validated.sections
    data = {k: v for k, v in sections.data.items() if k not in sections.broken}
    record = data.get("strategy") if isinstance(data.get("strategy"), dict) else {}
    profiles = applied(data)
    found: list[Problem] = []
    for (kind, owner), elements in required_kinds(data, profiles).items():
        if kind in sections.broken or kind in sections.data or KINDS[kind].required:
            continue  # a file that does not read; a kind the model requires: said already
        named = ("profile" if record.get("profile") == owner else
                 "serves_as" if owner in (record.get("serves_as") or []) else None)
        mark = (sections.key_mark(("strategy", named)) or sections.mark(("strategy", named))
                if named else Mark(sections.root / f"{kind}.yaml"))
        found.append(Problem("warning", "law.kind_required", mark, {
            "kind": kind, "profile": profile(owner).title,
            "elements": {lang: "; ".join(f"{e.name[lang]} ({e.basis[lang]})" for e in elements)
                         for lang in LANGS},
            "or_folder": localized("file.missing_kind.or_folder", kind=kind)
            if KINDS[kind].split else "",
            "profiles": ", ".join(names())}))
    return found


def _located(t: Test, d: Data) -> Iterator[Located]:
    assert t.check is not None
    if t.judge:
        yield from CHECKS[t.judge](d, t)
    elif t.what == "values" and (absent := _missing_values(t, d)):
        names: Callable[[str], dict[str, str]] = (
            (lambda v: in_every_language(t.check.words, v)) if t.check.words  # type: ignore
            else (lambda v: t.include[v]))
        yield t.check.severity, t.check.code or "", tuple(
            s for s in t.path.split(".") if s not in ("*", "**")), {
            "missing": joined(*(names(v) for v in absent))}
    elif t.what == "each":
        # every item that lacks a field, at the item, with the fields it lacks
        kind, *rest = t.path.split(".")
        listed = get(d, t.path)
        for i, item in enumerate(listed if isinstance(listed, list) else []):
            lacking = [f for f in t.has if not filled(item.get(f))] if isinstance(
                item, dict) else []
            if lacking:
                yield t.check.severity, t.check.code or "", (kind, *rest, i), {
                    "id": str(item.get("id", i + 1)), "fields": ", ".join(lacking)}


def as_json(items: list[Item], lang: str, places: dict[str, str], files: dict[str, list[str]],
            errors: int, profiles: Applied | None = None) -> str:
    """The report as JSON; it names the profile when the record names one."""
    named = {"profile": {"id": profiles.profiles[0].id, "name": profiles.name(lang),
                         "serves_as": [p.id for p in profiles.profiles[1:]]}
             } if profiles is not None and profiles.named else {}
    return json.dumps({
        "ready": errors == 0 and all(i.status == "present" for i in items),
        "errors": errors,
        **named,
        "elements": [{
            "id": i.element.id, "name": i.element.name[lang], "basis": i.element.basis[lang],
            "status": i.status, "where": [places[a] for a in i.finding.where if a in places],
            "files": sorted({f for k in i.element.kinds for f in files.get(k, [])}),
            "details": i.finding.text(lang) or None,
        } for i in items],
    }, ensure_ascii=False, indent=2)
