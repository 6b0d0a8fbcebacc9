"""The review register: comments from the council (Word comments and tracked changes)
and from the public consultation, each with the working group's answer."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from strategy.model.common import Id, Model, Text

CommentSource = Literal["council", "consultation"]
CommentKind = Literal["comment", "insertion", "deletion", "replacement", "move"]
Decision = Literal["open", "accepted", "partly", "rejected"]
# Consultation comments record the commenter's category, never personal data.
CommenterCategory = Literal[
    "resident", "ngo", "business", "neighbouring_gmina", "public_body", "water_authority",
    "other"]


class Reply(Model):
    """A reply in the comment's thread in Word."""

    author: str = ""
    date: dt.date | None = None
    text: Text


class ReviewComment(Model):
    id: Id
    source: CommentSource
    version: str = ""
    author: str = ""
    category: CommenterCategory | None = None
    date: dt.date
    kind: CommentKind = "comment"
    section: str = Field(default="", description="Rozdział dokumentu, którego dotyczy")
    file: str = Field(default="", description="Plik sekcji z tym tekstem (względem folderu sekcji)")
    field: str = Field(default="", description="Pole w tym pliku, np. directions[K3].title")
    stale: bool = Field(default=False, description=(
        "Tekstu nie ma już w sekcjach: zmienił się od wersji, której dotyczy uwaga"))
    quoted: str = Field(default="", description="Fragment tekstu, którego dotyczy uwaga")
    text: Text = Field(description="Treść uwagi lub proponowanej zmiany")
    replaced: str = Field(default="", description="Zamiana: słowa, które zastępuje „text”")
    proposed: str = Field(default="", description=(
        "Zmiana: fragment „quoted” po jej wprowadzeniu (… – tekst dalej ciągnie się)"))
    moved_to: str = Field(default="", description=(
        "Przeniesienie: fragment, w który trafia tekst, już z nim"))
    replies: list[Reply] = Field(default_factory=list, description="Odpowiedzi w wątku (Word)")
    resolved: bool = Field(default=False, description="Wątek oznaczony w Word jako rozwiązany")
    status: Decision = "open"
    response: str = ""


class Review(Model):
    comments: list[ReviewComment] = Field(default_factory=list)
