"""The whole strategy: one field per section kind, the unit the rules and templates see."""

from __future__ import annotations

from dataclasses import dataclass

from strategy.model.common import Model, Part
from strategy.model.consistency import Consistency
from strategy.model.consultation import Consultation
from strategy.model.diagnosis import Conclusions, Diagnosis, Surveys, Swot
from strategy.model.evaluation import Evaluation
from strategy.model.frontmatter import Abbreviations, Summary
from strategy.model.goals import Directions, Goals
from strategy.model.investments import Investments, Packages
from strategy.model.meetings import Meetings
from strategy.model.partnership import Partnership
from strategy.model.parts import Areas, Financing, Implementation, Spatial
from strategy.model.record import Record
from strategy.model.review import Review
from strategy.model.statistics import BdlRequest, Statistics


class Strategy(Model):
    # What every strategy needs to be a document at all: its record (title, period,
    # version, language, legal profile) and who writes it (the partnership). Every other
    # kind is optional here: which parts a strategy must have is a matter of its legal
    # basis, so the profile says it (strategy/law/, checks/readiness.py: ``check`` warns
    # of a kind the profile requires and the final gate refuses a final version without
    # it), and a working group that starts with a few files still gets a document.
    strategy: Record
    partnership: Partnership
    meetings: Meetings | None = None
    introduction: Part | None = None
    diagnosis: Diagnosis | None = None
    surveys: Surveys | None = None
    swot: Swot | None = None
    conclusions: Conclusions | None = None
    goals: Goals | None = None
    directions: Directions | None = None
    investments: Investments | None = None
    spatial: Spatial | None = None
    areas: Areas | None = None
    implementation: Implementation | None = None
    financing: Financing | None = None
    # A draft has no consultation yet and may have no comments.
    consultation: Consultation | None = None
    review: Review | None = None
    evaluation: Evaluation | None = None
    # Packages and bundles of projects (ZPT pakiety, wiązki, key and complementary lists).
    packages: Packages | None = None
    # Public statistics: what `data fetch` asks GUS BDL for, and the snapshots it wrote.
    bdl: BdlRequest | None = None
    statistics: Statistics | None = None
    # What a reviewer expects and the law does not require (issue 13): the summary, the
    # list of abbreviations and the matrix of consistency with higher-level documents.
    summary: Summary | None = None
    abbreviations: Abbreviations | None = None
    consistency: Consistency | None = None


@dataclass(frozen=True)
class SectionKind:
    """A kind of section file. ``split`` names the list a folder of files may hold,
    one item per file (``investments/ipr-01.yaml`` holds one project sheet)."""

    name: str
    model: type[Model]
    split: str | None = None
    required: bool = True


_SPLIT = {"diagnosis": "chapters", "investments": "investments", "meetings": "meetings",
          "surveys": "surveys", "review": "comments", "statistics": "snapshots"}


def _model(annotation: object) -> type[Model]:
    """The model class of a field, ``Consultation | None`` included."""
    args = [a for a in getattr(annotation, "__args__", ()) if a is not type(None)]
    return args[0] if args else annotation  # type: ignore[return-value]


KINDS: dict[str, SectionKind] = {
    name: SectionKind(name, _model(info.annotation), _SPLIT.get(name), info.is_required())
    for name, info in Strategy.model_fields.items()
}


def item_model(kind: SectionKind) -> type[Model]:
    """The model of one file in a split folder: the item type of the split list."""
    assert kind.split is not None
    annotation = kind.model.model_fields[kind.split].annotation
    return annotation.__args__[0]  # type: ignore[union-attr]
