"""The partnership: members, the council and the working group."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from strategy.model.common import Id, Model, Text, Year

MemberKind = Literal["urban", "rural", "urban-rural", "powiat"]
# GUS TERC: 4 digits for a powiat, 7 for a gmina (the last digit gives its kind).
Teryt = Annotated[str, StringConstraints(pattern=r"^(\d{4}|\d{7})$")]


class Member(Model):
    id: Id
    name: Text = Field(description="Pełna nazwa, np. Gmina Huszlew")
    kind: MemberKind = Field(description="urban, rural, urban-rural (gminy) albo powiat")
    teryt: Teryt = Field(description="Kod TERYT (TERC): 7 cyfr dla gminy, 4 dla powiatu")
    powiat: Text = Field(description="Powiat, w którym leży, np. łosicki")
    seat: str = ""
    leader: bool = False
    area_km2: float | None = Field(default=None, gt=0)
    population: int | None = Field(default=None, gt=0)
    population_year: Year | None = None
    population_note: str = Field(default="", description="Np. „szacunek”, gdy liczba przybliżona")
    solectwa: int | None = Field(default=None, ge=0)
    source: Text = Field(description="Źródło danych o członku")


CouncilRole = Literal[
    "wojt", "burmistrz", "starosta", "residents", "ngo", "business", "lgd", "other"
]


class CouncilSeat(Model):
    role: CouncilRole
    name: str = Field(default="", description="Imię i nazwisko, jeśli podane publicznie")
    function: str = ""
    member: Id | None = Field(default=None, description="Reprezentowany członek partnerstwa")
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
    name: Text = Field(description="Nazwa partnerstwa")
    voivodeship: Text
    description: str = ""
    members: list[Member] = Field(min_length=2)
    council: list[CouncilSeat] = Field(default_factory=list)
    working_group: list[Person] = Field(default_factory=list)
    advisers: list[Adviser] = Field(default_factory=list)
