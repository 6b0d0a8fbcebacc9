"""Consistency with higher-level strategies and programmes (art. 10e ust. 2 u.s.g. asks
it of the voivodeship strategy): the documents the working group names, their
priorities, and which goals of this strategy serve each; the document prints it as a
goals × priorities matrix."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from strategy.model.common import Id, Model, Text

Level = Literal["european", "national", "voivodeship", "programme", "local", "other"]


class Priority(Model):
    id: Id
    title: Text
    goals: list[Id] = Field(default_factory=list)


class HigherDocument(Model):
    id: Id
    title: Text
    short: Text
    level: Level
    priorities: list[Priority] = Field(min_length=1)


class Consistency(Model):
    text: str = ""
    documents: list[HigherDocument] = Field(min_length=1)
