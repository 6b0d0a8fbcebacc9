"""The other statutory parts: spatial model and policy, OSI, implementation, financing."""

from __future__ import annotations

from pydantic import Field

from strategy.model.common import Id, Model, Part, Text
from strategy.model.maps import Map


class Recommendation(Model):
    id: Id
    text: Text


class Spatial(Model):
    model: Part
    recommendations: list[Recommendation] = Field(min_length=1)
    recommendations_text: str = ""
    maps: list[Map] = Field(default_factory=list)


class Osi(Model):
    id: Id
    name: Text
    basis: Text
    members: list[Id] = Field(default_factory=list)
    scope: Text
    directions: list[Id] = Field(default_factory=list)


class Areas(Model):
    text: str = ""
    regional: list[Osi] = Field(min_length=1)
    # The law asks for them "jeżeli takie zidentyfikowano": ``[]`` says none were, a
    # list names them; left out (None), the section does not say, and neither does the
    # document (readiness asks for it).
    local: list[Osi] | None = None
    maps: list[Map] = Field(default_factory=list)


class Implementation(Part):
    guidelines: list[Text] = Field(min_length=1)


class Financing(Part):
    """Prose on funding; the tables of the framework are computed from the investments."""
