"""The partnership: members, the council and the working group."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from strategy.model.common import Count, EnteredCount, Id, Model, Text, Year, number

MemberKind = Literal["urban", "rural", "urban-rural", "powiat"]
# GUS TERC: 4 digits for a powiat, 7 for a gmina (the last digit gives its kind).
Teryt = Annotated[str, StringConstraints(pattern=r"^(\d{4}|\d{7})$")]


class Member(Model):
    id: Id
    name: Text
    kind: MemberKind
    teryt: Teryt
    powiat: Text
    seat: str = ""
    leader: bool = False
    area_km2: number(gt=0) | None = None  # type: ignore[valid-type]
    population: EnteredCount | None = None
    population_year: Year | None = None
    population_note: str = ""
    solectwa: Count | None = Field(default=None, ge=0)
    source: Text


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
    council: list[CouncilSeat] = Field(default_factory=list)
    working_group: list[Person] = Field(default_factory=list)
    advisers: list[Adviser] = Field(default_factory=list)
