"""The ex-ante evaluation of the draft (art. 10a ust. 2 of the Act on development policy)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from strategy.model.common import Model, Text


class Evaluation(Model):
    author: Text = Field(description="Kto przeprowadził ewaluację (ekspert, firma)")
    date: dt.date = Field(description="Data raportu z ewaluacji")
    version: str = Field(default="", description="Wersja projektu, którą oceniano")
    summary: Text = Field(description="Najważniejsze wnioski: trafność, przewidywana skuteczność "
                          "i efektywność realizacji strategii")
    recommendations: list[Text] = Field(default_factory=list, description="Rekomendacje ewaluatora")
    response: str = Field(default="", description="Jak rekomendacje uwzględniono w projekcie")
