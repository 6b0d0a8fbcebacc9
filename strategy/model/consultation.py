"""The public consultation of the draft (art. 6 of the Act on development policy)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from strategy.model.common import Model, Text

ConsultedBody = Literal[
    "neighbouring_gminas", "social_partners", "economic_partners", "residents",
    "water_authority", "other"]


class Announcement(Model):
    where: Text = Field(description="Gdzie ogłoszono, np. strona internetowa lidera, BIP")
    date: dt.date
    website: bool | None = Field(
        default=None, description="true: ogłoszenie na stronie internetowej (od jego dnia liczy "
        "się 35 dni); bez tego pola rozpoznawane po słowach „strona”, „www”, „BIP” w „where”")


class Consultation(Model):
    start: dt.date = Field(description="Pierwszy dzień konsultacji")
    end: dt.date = Field(description="Ostatni dzień konsultacji")
    version: str = Field(default="", description="Wersja projektu poddana konsultacjom")
    announcements: list[Announcement] = Field(min_length=1)
    channels: list[Text] = Field(min_length=1, description="Formy zbierania uwag")
    bodies: list[ConsultedBody] = Field(min_length=1,
                                        description="Podmioty, z którymi konsultowano")
    body_names: list[Text] = Field(default_factory=list,
                                   description="Nazwy konsultowanych podmiotów")
    summary: str = ""
