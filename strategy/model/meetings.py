"""The meeting series: the provenance of the sections and how partners were involved."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from strategy.model.common import Id, Model, Text


class Meeting(Model):
    id: Id
    date: dt.date
    form: Literal["remote", "in_person"]
    place: str = ""
    body: Literal["working_group", "council", "partnership", "public"] = "working_group"
    participants: list[Id] = Field(default_factory=list)
    agenda: list[Text] = Field(default_factory=list)
    decisions: list[Text] = Field(default_factory=list)
    drafted: list[Text] = Field(default_factory=list)
    agreed: list[Text] = Field(default_factory=list)


class Meetings(Model):
    meetings: list[Meeting] = Field(min_length=1)
