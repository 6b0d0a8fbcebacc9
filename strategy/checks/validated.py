"""What the validate stage hands on: the valid kinds, the problems, the whole Strategy."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel

from strategy.language.messages import LANGS
from strategy.model import KINDS, Strategy
from strategy.problems import Problem
from strategy.sections.load import Sections


@dataclass
class Validated:
    """The validated kinds, and the whole Strategy once every kind is valid."""

    sections: Sections
    kinds: dict[str, BaseModel] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def strategy(self) -> Strategy | None:
        """The whole strategy, once every kind present is valid and no required one is
        missing."""
        if any(n not in self.kinds for n, k in KINDS.items()
               if k.required or n in self.sections.data or n in self.sections.broken):
            return None
        optional = {n: None for n, k in KINDS.items() if not k.required}
        return Strategy.model_construct(**{**optional, **self.kinds})

    @property
    def lang(self) -> str:
        """The strategy's language; read from strategy.yaml even when that file has other
        errors, so an English strategy gets its error messages in English."""
        record = self.kinds.get("strategy")
        if record is not None:
            return record.language  # type: ignore[attr-defined]
        raw = self.sections.data.get("strategy")
        language = raw.get("language") if isinstance(raw, dict) else None
        return language if language in LANGS else "pl"
