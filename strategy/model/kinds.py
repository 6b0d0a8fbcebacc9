"""The section kinds by name, in the Strategy's order, without building a model.

``check`` after an edit validates only the kinds that changed (``checks/validate.py``):
what it needs of the others (their names, whether a folder splits them, whether the
model requires them) is here, and a kind's model class is imported only when asked for
(``kind.model``). ``model/strategy.py`` derives the same registry from the Strategy's
fields; a test holds the two equal.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Kind:
    """A kind of section file: where its model class is defined, the list a folder of
    its files holds (one item per file), and whether every strategy must have it."""

    name: str
    module: str
    cls: str
    split: str | None = None
    required: bool = False

    @property
    def model(self) -> Any:
        """The kind's model class (importing its module, and only that one)."""
        return getattr(importlib.import_module(f"strategy.model.{self.module}"), self.cls)


_TABLE = (
    ("strategy", "record", "Record", None, True),
    ("partnership", "partnership", "Partnership", None, True),
    ("meetings", "meetings", "Meetings", "meetings", False),
    ("introduction", "common", "Part", None, False),
    ("diagnosis", "diagnosis", "Diagnosis", "chapters", False),
    ("surveys", "diagnosis", "Surveys", "surveys", False),
    ("swot", "diagnosis", "Swot", None, False),
    ("conclusions", "diagnosis", "Conclusions", None, False),
    ("goals", "goals", "Goals", None, False),
    ("directions", "goals", "Directions", None, False),
    ("investments", "investments", "Investments", "investments", False),
    ("spatial", "parts", "Spatial", None, False),
    ("areas", "parts", "Areas", None, False),
    ("implementation", "parts", "Implementation", None, False),
    ("financing", "parts", "Financing", None, False),
    ("consultation", "consultation", "Consultation", None, False),
    ("review", "review", "Review", "comments", False),
    ("evaluation", "evaluation", "Evaluation", None, False),
    ("packages", "investments", "Packages", None, False),
    ("bdl", "statistics", "BdlRequest", None, False),
    ("statistics", "statistics", "Statistics", "snapshots", False),
    ("summary", "frontmatter", "Summary", None, False),
    ("abbreviations", "frontmatter", "Abbreviations", None, False),
    ("consistency", "consistency", "Consistency", None, False),
)

KINDS: dict[str, Kind] = {row[0]: Kind(*row) for row in _TABLE}
