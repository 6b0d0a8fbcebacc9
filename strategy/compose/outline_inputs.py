"""What the document's outline (its headings, composed with ``tables=False``) is made
from: every kind's data, but the user's prose and lists only by whether they are empty.

The outline leaves out the prose and the lists (compose's ``environment(outline=True)``:
the ``prose`` and ``bullets`` filters print nothing). The fields in ``PROSE`` are the
ones the templates pass through those filters; elsewhere a template only asks whether
one is empty (``{% if p.text %}``) or prints it in a line that is no heading (a goal's
description beside its title in a list), and no code of compose reads them. So two
strategies alike but for the words of such fields have the same headings, and readiness
may keep the places it names under this data (``pipeline.chapter_places``): a word
changed in a paragraph does not compose the outline again, a changed title does.

A field added to ``PROSE`` must be one the templates read only so (grep them for the
name); a field left out only costs a composing after its edit.
"""

from __future__ import annotations

from typing import Any

# Where the prose is, per kind: a field name -> True (its value stands for whether it is
# empty), or -> the same kind of map for its value; "*" for every item of a list.
_Spec = dict[str, Any]

_PART: _Spec = {"text": True, "subsections": {"*": {"text": True}}}
_GOAL: _Spec = {"description": True}
_GOAL["goals"] = {"*": _GOAL}

PROSE: dict[str, _Spec] = {
    "introduction": _PART,  # intro.md.j2 -> part.md.j2
    "financing": _PART,  # financing.md.j2 -> part.md.j2
    "implementation": {**_PART, "guidelines": True},  # statutory.md.j2
    "spatial": {"model": _PART, "recommendations_text": True},  # statutory.md.j2
    "diagnosis": {"chapters": {"*": _PART}},  # diagnosis.md.j2 -> part.md.j2
    "surveys": {"surveys": {"*": {"summary": True}}},  # diagnosis.md.j2
    "summary": {"text": True},  # strategy.md.j2
    "partnership": {"description": True},  # intro.md.j2
    "goals": {"vision": True, "mission": True, "goals": {"*": _GOAL}},  # goals, goal.md.j2
    "consistency": {"text": True},  # goals.md.j2
    "directions": {"directions": {"*": {"description": True, "actions": True}}},
    "investments": {"investments": {"*": {"justification": True}}},  # investments.md.j2
    "packages": {"packages": {"*": {"description": True}}},  # investments.md.j2
    "areas": {"text": True},  # statutory.md.j2
    "evaluation": {"summary": True, "recommendations": True, "response": True},
}


def masked(value: Any, spec: _Spec | bool) -> Any:
    """``value`` (a kind's plain dump) with each field of ``spec`` standing for whether
    it is empty; what ``spec`` does not name is left as it is (not copied)."""
    if spec is True:
        return bool(value)
    if isinstance(value, dict) and isinstance(spec, dict):
        return {name: masked(child, spec[name]) if name in spec else child
                for name, child in value.items()}
    if isinstance(value, list) and isinstance(spec, dict) and "*" in spec:
        return [masked(child, spec["*"]) for child in value]
    return value


def outline_data(dumps: dict[str, Any]) -> dict[str, Any]:
    """Kind -> its dump with its prose masked (``masked``): what the outline reads."""
    return {kind: masked(data, PROSE[kind]) if kind in PROSE else data
            for kind, data in dumps.items()}
