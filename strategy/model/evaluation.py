"""The ex-ante evaluation of the draft (art. 10a ust. 2 of the Act on development policy)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from strategy.model.common import Model, Text


class Evaluation(Model):
    author: Text
    date: dt.date
    version: str = ""
    summary: Text
    recommendations: list[Text] = Field(default_factory=list)
    response: str = ""
