"""The strategy record (metryka): title, period, language, version, status, history."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from strategy.language.books import DEFAULT, languages
from strategy.model.common import Id, Model, Text, Year

Version = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+$")]
Status = Literal["working", "council", "consultation", "final"]
# The document's language: one of the folders of strategy/language/ (a language is data).
Language = Literal[languages()]  # type: ignore[valid-type]


class Period(Model):
    first: Year = Field(description="Pierwszy rok okresu strategii")
    last: Year = Field(description="Ostatni rok okresu strategii")


class Withdrawn(Model):
    """A release withdrawn after it was made: when, by whom and why (``withdraw``)."""

    date: dt.date
    by: Text = Field(description="Kto wycofał wersję")
    reason: Text = Field(description="Dlaczego wycofano wersję")


class VersionEntry(Model):
    version: Version
    date: dt.date
    status: Status
    note: str = ""
    meeting: Id | None = Field(default=None, description="Spotkanie, na którym przyjęto wersję")
    forced: str | None = Field(default=None, description="Uzasadnienie wydania mimo uwag")
    withdrawn: Withdrawn | None = Field(
        default=None, description="Wersja wycofana: data, kto i dlaczego (polecenie withdraw)")


class Record(Model):
    title: Text = Field(description="Pełny tytuł strategii")
    subtitle: str = ""
    slug: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")] = Field(
        description="Krótka nazwa do nazw plików, np. strategia-razem-dla-rozwoju"
    )
    period: Period
    language: Language = DEFAULT  # type: ignore[assignment]
    version: Version = Field(description="Bieżąca wersja, np. 0.3")
    status: Status = Field(description="working, council, consultation albo final")
    date: dt.date = Field(description="Data bieżącej wersji")
    prepared_by: str = Field(default="", description="Kto opracował dokument")
    history: list[VersionEntry] = Field(default_factory=list)
