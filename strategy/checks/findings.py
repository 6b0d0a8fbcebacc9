"""What a readiness judgement is made of, and how it reads plain data.

A ``Finding`` is ``present``, ``incomplete`` or ``missing``, with the document's places
that hold the element and ``Detail``s: what is missing, or a note on a present element.
A detail is said twice: to the officer running the command (``text``, from the
messages catalog: it may name a section file or a key, which the officer needs to fix
it) and to the reader of the document (``reader_text``, from the document's labels:
in the reader's words, never a file, a key or a code).

The judges read plain data: a Strategy's ``model_dump()``, or the loaded sections when
they do not validate, so every value may be of any shape; the helpers here never fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from strategy.language.books import fill, phrase
from strategy.language.messages import render

Status = Literal["present", "incomplete", "missing"]
Data = dict[str, Any]


@dataclass(frozen=True)
class Detail:
    code: str  # the catalog code of the command's words
    params: dict[str, object] = field(default_factory=dict)
    doc: str = ""  # the reader's words: a key of labels.yaml (default: derived)
    doc_params: dict[str, object] | None = None  # when the reader's words need others

    @property
    def doc_key(self) -> str:
        """``readiness_details.<name>`` of the document's labels; for a missing section,
        the name of what it holds (``readiness_details.kind_missing.evaluation``: "brak
        uprzedniej oceny (ewaluacji ex ante)")."""
        if self.doc:
            return self.doc
        name = self.code.removeprefix("readiness.")
        if name == "kind_missing":
            return f"readiness_details.kind_missing.{self.params.get('kind')}"
        return f"readiness_details.{name}"


@dataclass(frozen=True)
class Finding:
    status: Status
    where: tuple[str, ...] = ()  # places in the document: keys of labels.yaml's ``anchors``
    details: tuple[Detail, ...] = ()  # what is missing, or a note on a present element

    def text(self, lang: str) -> str:
        """The details in the command's words."""
        return "; ".join(render(d.code, lang, d.params) for d in self.details)

    def reader_text(self, lang: str) -> str:
        """The details in the document's words (its labels, labels.yaml)."""
        return "; ".join(fill(phrase(lang, "labels", d.doc_key), lang,
                              d.params if d.doc_params is None else d.doc_params)
                         for d in self.details)


# --- reading plain data defensively ----------------------------------------------------

def get(data: Any, dotted: str) -> Any:
    """The value at a dotted path; a "*" step collects the values of every item, a "**"
    step those of every item of a tree: the list, and the lists of the same name in its
    items at any depth ("goals.goals.**": every goal of the tree of goals)."""
    steps = dotted.split(".")
    values = [data]
    for i, step in enumerate(steps):
        if step == "*":
            values = [item for v in values if isinstance(v, list) for item in v]
        elif step == "**":
            values = [item for v in values for item in tree(v, steps[i - 1])]
        else:
            values = [v.get(step) if isinstance(v, dict) else None for v in values]
    if steps[-1] == "**":
        return values
    if "*" in steps or "**" in steps:
        return [x for v in values if isinstance(v, list) for x in v]
    return values[0]


def tree(value: Any, key: str) -> list[Any]:
    """The items of a list and of the lists under ``key`` in its items, at any depth."""
    found: list[Any] = []
    for item in value if isinstance(value, list) else ():
        found.append(item)
        if isinstance(item, dict):
            found += tree(item.get(key), key)
    return found


def items(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def filled(value: Any) -> bool:
    """Whether a value says something: text not blank, a list or mapping not empty."""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict):
        return bool(value)
    return value is not None and value is not False


def ids(found: list[dict[str, Any]]) -> str:
    return ", ".join(str(i.get("id", "?")) for i in found)


def joined(*words: dict[str, str]) -> dict[str, str]:
    """Words per language joined with commas, as one message parameter."""
    langs = words[0].keys() if words else ()
    return {lang: ", ".join(w[lang] for w in words) for lang in langs}
