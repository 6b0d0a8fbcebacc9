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
    section: str = ""
    file: str = ""
    field: str = ""
    stale: bool = False
    quoted: str = ""
    text: Text
    replaced: str = ""
    proposed: str = ""
    moved_to: str = ""
    replies: list[Reply] = Field(default_factory=list)
    resolved: bool = False
    status: Decision = "open"
    response: str = ""


class Review(Model):
    comments: list[ReviewComment] = Field(default_factory=list)
