"""The other statutory parts: spatial model and policy, OSI, implementation, financing."""

from __future__ import annotations

from pydantic import Field

from strategy.model.common import Id, Model, Part, Text
from strategy.model.maps import Map


class Recommendation(Model):
    id: Id
    text: Text


class Spatial(Model):
    model: Part = Field(description="Model struktury funkcjonalno-przestrzennej")
    recommendations: list[Recommendation] = Field(
        min_length=1, description="Ustalenia i rekomendacje dla polityki przestrzennej"
    )
    recommendations_text: str = ""
    maps: list[Map] = Field(default_factory=list, description="Mapy modelu (część graficzna)")


class Osi(Model):
    id: Id
    name: Text
    basis: Text = Field(description="Podstawa wyznaczenia, np. Strategia rozwoju województwa")
    members: list[Id] = Field(default_factory=list)
    scope: Text = Field(description="Zakres planowanych działań")
    directions: list[Id] = Field(default_factory=list)


class Areas(Model):
    text: str = ""
    regional: list[Osi] = Field(min_length=1, description="OSI określone w strategii województwa")
    local: list[Osi] = Field(default_factory=list, description="OSI o znaczeniu lokalnym")
    maps: list[Map] = Field(default_factory=list, description="Mapy OSI (część graficzna)")


class Implementation(Part):
    guidelines: list[Text] = Field(
        min_length=1, description="Wytyczne do sporządzania dokumentów wykonawczych"
    )


class Financing(Part):
    """Prose on funding; the tables of the framework are computed from the investments."""
