"""Building blocks shared by every section: strict base model, IDs, prose, tables, figures."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints
from pydantic_core import PydanticCustomError

from strategy.model.files import ImagePath

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


def _id_text(value: Any) -> Any:
    """An ID as the officer typed it. Numbering such as "2.1" or "3" is common (action
    plans 2.1–2.8); YAML reads an unquoted 2.1 as a number, and 2.10 as the same number
    as 2.1, so the loader keeps the text of every number it read (``text``) and the ID
    is that text. A number without its text (2.10 may have lost its zero) is refused."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        written = getattr(value, "text", None)
        if written is None:
            raise PydanticCustomError("id_number", "an ID written as a number: {value}",
                                      {"value": value})
        return written
    return value


# IDs are what sections use to refer to each other (a direction names its goal, an
# investment its leader); a fixed shape keeps them easy to type and to find.
_ID_TEXT = StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=40)
Id = Annotated[
    str,
    _ID_TEXT,
    # the editor sees an unquoted 2.1 as a number: the schema allows one
    BeforeValidator(_id_text, json_schema_input_type=Annotated[str, _ID_TEXT] | float),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Numbers are numbers in the files, never text: "6 400 000 zł" or a quoted "2030" is a
# mistake to report, as the editor's schema reports it, not a value to guess from.
Number = Annotated[float, Strict()]
Count = Annotated[int, Strict()]
Year = Annotated[int, Strict(), Field(ge=1990, le=2100)]


def _not_text(value: Any) -> Any:
    if isinstance(value, str | bool):
        raise PydanticCustomError("decimal_type", "Decimal input should be a number")
    return value


# An amount in zł: a Decimal, so sums agree to the grosz.
Amount = Annotated[Decimal, BeforeValidator(_not_text)]


class Model(BaseModel):
    """Unknown keys are errors: a misspelt field must never be dropped silently."""

    # allow_inf_nan=False: "1e999" or "nan" is a typo, never an amount, area or share.
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=False,
                              allow_inf_nan=False)


class Table(Model):
    """A table of the user's own: a caption, header row, rows and its source."""

    caption: Text
    columns: list[Text]
    rows: list[list[str | int | float | None]] = Field(min_length=1)
    source: Text


class Figure(Model):
    """An image the user supplies; alt text and source are mandatory for accessibility."""

    file: ImagePath
    caption: Text
    alt: Text
    source: Text


class Subsection(Model):
    title: Text
    text: str = ""
    tables: list[Table] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)


class Part(Model):
    """A statutory part written as prose with optional subsections, tables, figures."""

    title: Text
    text: str = ""
    subsections: list[Subsection] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
