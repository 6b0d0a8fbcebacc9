"""The strategy record (metryka): title, period, language, version, status, history;
the legal profile the strategy is prepared under and the opinions given on its draft."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from strategy.language.books import DEFAULT, languages
from strategy.model.common import Id, Model, Text, Year
from strategy.model.files import ImagePath

Version = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+$")]
Status = Literal["working", "council", "consultation", "final"]
# The document's language: one of the folders of strategy/language/ (a language is data).
Language = Literal[languages()]  # type: ignore[valid-type]
# The legal profiles, one per file of strategy/law/ (a test keeps the two in step):
# supra_local, a supra-local development strategy (art. 10g u.s.g.), the default;
# territorial, a territorial strategy under art. 29 of Regulation (EU) 2021/1060 for a
# regional programme's territorial instrument (IIT, ZPT); zit, the strategy of an
# integrated territorial investment (ZIT) of a functional urban area.
ProfileName = Literal["supra_local", "territorial", "zit"]
OpinionBody = Literal["voivodeship_board", "managing_authority", "minister"]


class Span(Model):
    first: Year
    last: Year


class Period(Model):
    """The years the strategy covers; a perspective year after them (``horizon``: "z
    perspektywą do 2035 roku"), to which targets and projects may run; and the EU
    programme period its projects are financed in (2021–2027)."""

    first: Year
    last: Year
    horizon: Year | None = None
    programme: Span | None = None

    @property
    def end(self) -> int:
        """The last year anything of the strategy may run to: the horizon, or the last."""
        return max(self.last, self.horizon or self.last)


class Withdrawn(Model):
    """A release withdrawn after it was made: when, by whom and why (``withdraw``)."""

    date: dt.date
    by: Text
    reason: Text


class VersionEntry(Model):
    version: Version
    date: dt.date
    status: Status
    note: str = ""
    meeting: Id | None = None
    forced: str | None = None
    withdrawn: Withdrawn | None = None


class Opinion(Model):
    """An opinion on the draft by a body the law asks: the voivodeship board (on the
    region's spatial policy), the managing authority of the regional programme (on
    financing the strategy from it), the minister for regional development (ZIT)."""

    body: OpinionBody
    date: dt.date
    outcome: Literal["positive", "remarks", "negative"]
    reference: Text
    version: str = ""
    response: str = ""


class Emblem(Model):
    """A coat of arms or a logo on the title page: an image file in the sections folder
    (PNG, JPEG or SVG, checked like any image a section names) and its alternative text
    (PDF/UA needs one on every image). With ``member`` it is that member's or partner's
    coat of arms or logo, set with the others in rows of equal size; without, a
    programme's logo or logo strip (the EU funding strip), set across the page's top."""

    file: ImagePath
    alt: Text
    member: Id | None = None


class Record(Model):
    title: Text
    subtitle: str = ""
    slug: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    period: Period
    language: Language = DEFAULT  # type: ignore[assignment]
    version: Version
    status: Status
    date: dt.date
    prepared_by: str = ""
    place: str = ""
    emblems: list[Emblem] = Field(default_factory=list)
    history: list[VersionEntry] = Field(default_factory=list)
    profile: ProfileName | None = None
    serves_as: list[ProfileName] = Field(default_factory=list)
    opinions: list[Opinion] = Field(default_factory=list)
    # A final version leaves out the working annexes (the changes against the previous
    # draft, the council's comments) unless this keeps them.
    keep_working_annexes: bool = False
