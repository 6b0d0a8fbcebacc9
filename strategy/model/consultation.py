"""The public consultation of the draft (art. 6 of the Act on development policy).

Its comments are recorded either one by one in the review register (``review/``, with
the answer to each) or, for a consultation already held and reported elsewhere, as
totals here (``comments``) with a reference to the published report (``report``).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from strategy.model.common import Model, Text

ConsultedBody = Literal[
    "neighbouring_gminas", "social_partners", "economic_partners", "residents",
    "water_authority", "other"]


class Announcement(Model):
    where: Text
    date: dt.date
    website: bool | None = None


class CommentTotals(Model):
    """How many comments the consultation received and how each was decided."""

    received: int = Field(ge=0)
    accepted: int = Field(default=0, ge=0)
    partly: int = Field(default=0, ge=0)
    rejected: int = Field(default=0, ge=0)
    not_considered: int = Field(default=0, ge=0)


class ReportReference(Model):
    """The published consultation report (art. 6 ust. 6 u.z.p.p.) that answers each
    comment, where the strategy does not list the comments itself."""

    title: Text
    date: dt.date
    address: str = ""
    resolution: str = ""


class Consultation(Model):
    start: dt.date
    end: dt.date
    version: str = ""
    announcements: list[Announcement] = Field(min_length=1)
    channels: list[Text] = Field(min_length=1)
    bodies: list[ConsultedBody] = Field(min_length=1)
    body_names: list[Text] = Field(default_factory=list)
    summary: str = ""
    comments: CommentTotals | None = None
    report: ReportReference | None = None
