"""Building blocks shared by every section: strict base model, IDs, numbers with how
they are known, prose, tables, figures."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    Strict,
    StringConstraints,
    model_validator,
)
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
                              allow_inf_nan=False, defer_build=True)


# --- numbers and how they are known -----------------------------------------------------

# A number a user typed, as a Decimal (never text: "6 400 000 zł" is reported, not read).
Value = Annotated[Decimal, BeforeValidator(_not_text, json_schema_input_type=float)]


def _positive(value: Decimal) -> Decimal:
    if not value > 0:
        raise PydanticCustomError("greater_than", "Input should be greater than {gt}", {"gt": 0})
    return value


class Quantity(Model):
    """A number a user entered, and how it is known. Written as a plain number when it
    is exact and real (``cost: 2500000``); as a mapping when it is an estimate, to a
    precision (``cost: {value: 6400000000, estimate: true, precision: 100000000}``: about
    6.4 billion, known to a hundred million), or an illustrative figure that stands in
    for real data (``{value: 135, illustrative: true}``). The document marks such a
    number wherever it prints it and rounds an estimate to its precision."""

    value: Value
    estimate: bool = False
    illustrative: bool = False
    precision: Annotated[Decimal, BeforeValidator(_not_text, json_schema_input_type=Annotated[
        float, Field(gt=0)]), AfterValidator(_positive)] | None = None

    @model_validator(mode="after")
    def _precise(self) -> Quantity:
        if self.precision is not None and not self.estimate:
            self.estimate = True  # a precision is given only for an estimate
        return self

    @property
    def marked(self) -> bool:
        """Whether the document must mark it (an estimate or an illustrative figure)."""
        return self.estimate or self.illustrative

    def __float__(self) -> float:
        return float(self.value)


def _as_mapping(value: Any) -> Any:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return {"value": value}
    if not isinstance(value, dict | Quantity):
        # "12 345 zł" or true is not a number; say so (and how to write it), not that a
        # mapping was expected
        raise PydanticCustomError("decimal_type", "Decimal input should be a number")
    return value


def _written(q: Any) -> Any:
    """What the user wrote: the plain number, or the mapping with its marks (a value
    filled in from a statistics snapshot after validation is a plain number already)."""
    if not isinstance(q, Quantity):
        return q
    if not q.marked:
        return q.value
    return {"value": q.value, **{k: v for k, v in (
        ("estimate", q.estimate), ("illustrative", q.illustrative),
        ("precision", q.precision)) if v}}


def _bounded(*, gt: float | None = None, ge: float | None = None, le: float | None = None,
             integer: bool = False) -> Any:
    def check(q: Quantity) -> Quantity:
        if integer and q.value != q.value.to_integral_value():
            raise PydanticCustomError("int_from_float", "Input should be a whole number")
        if gt is not None and not q.value > gt:
            raise PydanticCustomError("greater_than", "Input should be greater than {gt}",
                                      {"gt": gt})
        if ge is not None and not q.value >= ge:
            raise PydanticCustomError("greater_than_equal",
                                      "Input should be greater than or equal to {ge}", {"ge": ge})
        if le is not None and not q.value <= le:
            raise PydanticCustomError("less_than_equal",
                                      "Input should be less than or equal to {le}", {"le": le})
        return q
    return check


def number(*, gt: float | None = None, ge: float | None = None, le: float | None = None,
           integer: bool = False, money: bool = False) -> Any:
    """The type of a field holding a number a user enters, plain or marked (Quantity).
    The editor's schema is a number with these bounds (an amount of money where
    ``money``: the editor then says "zł") or the mapping."""
    plain = Decimal if money else int if integer else float
    return Annotated[
        Quantity,
        BeforeValidator(_as_mapping, json_schema_input_type=Annotated[
            plain, Field(gt=gt, ge=ge, le=le)] | Quantity),
        AfterValidator(_bounded(gt=gt, ge=ge, le=le, integer=integer)),
        PlainSerializer(_written),
    ]


# The numbers a user enters about the partnership's world (Number, Count, Amount above are
# the plain ones of the format itself: decimals, a map's size, a multiplier).
EnteredNumber = number()  # any number: an indicator's value may be negative
EnteredAmount = number(ge=0, money=True)  # an amount in złoty
EnteredCost = number(gt=0, money=True)  # a cost: more than nothing
EnteredCount = number(gt=0, integer=True)  # people, respondents: a whole number


def value_of(x: Any) -> Any:
    """The plain value of a Quantity, or ``x`` itself (a computed number, None)."""
    return x.value if isinstance(x, Quantity) else x


def total(parts: Iterable[Any]) -> Quantity:
    """The sum of numbers some of which may be marked: an estimate if any part is (to
    the coarsest precision among its parts), illustrative if any part is."""
    items = [p if isinstance(p, Quantity) else Quantity(value=Decimal(str(p)))
             for p in parts if p is not None]
    precisions = [p.precision for p in items if p.precision is not None]
    return Quantity(value=sum((p.value for p in items), start=Decimal(0)),
                    estimate=any(p.estimate for p in items),
                    illustrative=any(p.illustrative for p in items),
                    precision=max(precisions) if precisions else None)


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


def quantities(obj: Any, path: tuple[str | int, ...] = ()) -> Iterable[
        tuple[tuple[str | int, ...], Quantity]]:
    """Every Quantity in a model, with its key path: fields, list items, mapping values
    (an indicator's value per member)."""
    if isinstance(obj, Quantity):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from quantities(getattr(obj, name), (*path, name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from quantities(item, (*path, i))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from quantities(item, (*path, key))
