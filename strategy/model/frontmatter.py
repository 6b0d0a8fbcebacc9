"""Parts a reader meets before the chapters, written by the working group: the summary
(streszczenie) and the list of abbreviations (wykaz skrótów)."""

from __future__ import annotations

from pydantic import Field

from strategy.model.common import Model, Text


class Summary(Model):
    text: Text


class Abbreviation(Model):
    short: Text
    full: Text


class Abbreviations(Model):
    abbreviations: list[Abbreviation] = Field(min_length=1)
