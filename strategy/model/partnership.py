"""The partnership: its members and supporting partners, the council and the working group.

Members adopt the strategy (each by its own council's resolution, or by signing it);
supporting partners take part without adopting it. Both are one entity model: a kind
from a closed list and optional identifiers (TERYT, REGON, KRS), each checked by its own
rule in strategy/checks/rules/partnership.py.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints

from strategy.model.common import Count, EnteredCount, Id, Model, Text, Year, number
from strategy.model.plain import LOCAL_GOVERNMENTS  # noqa: F401 - named here too

MemberKind = Literal[
    "urban", "rural", "urban-rural", "city-county", "powiat", "voivodeship",
    "municipal-union", "metropolitan-union", "association", "national-park",
    "landscape-park", "lgd", "university", "ngo", "business", "public-body", "other",
]
# Kinds that are local governments (LOCAL_GOVERNMENTS, model/plain.py) have a TERYT code
# and a territory of their own.
# GUS TERC: 2 digits for a voivodeship, 4 for a powiat, 7 for a gmina (the last digit
# gives its kind); whether the code fits the kind is a rule (checks/rules/partnership.py).
Teryt = Annotated[str, StringConstraints(pattern=r"^\d{2}(\d{2}(\d{3})?)?$")]
# REGON: 9 digits, or 14 for a local unit; the last digit is a checksum (a rule).
Regon = Annotated[str, StringConstraints(pattern=r"^(\d{9}|\d{14})$")]
# KRS: the 10-digit number of the National Court Register (no check digit).
Krs = Annotated[str, StringConstraints(pattern=r"^\d{10}$")]


class Member(Model):
    """A member or a supporting partner of the partnership (``Partner`` is this model)."""

    # Keys of older formats and the message that says what to write instead
    # (checks/validate.py reports them where they stand).
    RETIRED: ClassVar[dict[str, str]] = {"leader": "partnership.leader_retired"}

    id: Id
    name: Text
    kind: MemberKind
    role: str = ""
    teryt: Teryt | None = None
    regon: Regon | None = None
    krs: Krs | None = None
    powiat: str = ""
    seat: str = ""
    area_km2: number(gt=0) | None = None  # type: ignore[valid-type]
    population: EnteredCount | None = None
    population_year: Year | None = None
    population_note: str = ""
    solectwa: Count | None = Field(default=None, ge=0)
    source: str = ""


class Partner(Member):
    """A supporting partner: takes part, leads or joins projects, sits on the council,
    does not adopt the strategy."""


CouncilRole = Literal[
    "wojt", "burmistrz", "starosta", "residents", "ngo", "business", "lgd", "other"
]


class CouncilSeat(Model):
    role: CouncilRole
    name: str = ""
    function: str = ""
    member: Id | None = None
    chair: bool = False


class Person(Model):
    name: Text
    position: str = ""
    member: Id | None = None
    coordinator: bool = False


class Adviser(Model):
    name: Text
    organisation: Text


class Partnership(Model):
    name: Text
    voivodeship: Text
    description: str = ""
    members: list[Member] = Field(min_length=2)
    partners: list[Partner] = Field(default_factory=list)
    coordinator: Id | None = None
    members_source: str = ""
    council: list[CouncilSeat] = Field(default_factory=list)
    working_group: list[Person] = Field(default_factory=list)
    advisers: list[Adviser] = Field(default_factory=list)
