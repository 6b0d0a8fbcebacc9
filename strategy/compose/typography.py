"""Typography for numbers, amounts, dates and running text, by the language's data.

What differs by language is ``typography`` in ``language/<lang>/language.yaml``: the
decimal and grouping marks and from how many digits a number is grouped (Polish:
12 345,6, but 2021 and 1250 ungrouped), the formats of amounts, percentages and dates
with the month names, the quote marks, and the words that never end a line (Polish:
a one-letter word such as a, i, o, u, w, z; "r." and units stay with their number).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from strategy.language.books import DEFAULT, book, typography
from strategy.model.common import Quantity

NBSP = "\u00a0"


def _marks(lang: str) -> dict[str, Any]:
    return typography(lang)


def decimal_mark(lang: str) -> str:
    return str(_marks(lang)["decimal_mark"])


def group_mark(lang: str) -> str:
    """What separates thousands: a non-breaking space in Polish, a comma in English."""
    return str(_marks(lang)["group_mark"])


def quotes(lang: str) -> tuple[str, str]:
    opening, closing = _marks(lang)["quotes"]
    return str(opening), str(closing)


def number(value: float | int | Decimal | None, decimals: int = 0, lang: str = DEFAULT) -> str:
    """12345.6 -> '12 345,6' (pl) or '12,345.6' (en); None -> an en dash."""
    if value is None:
        return "–"
    quantum = Decimal(1).scaleb(-decimals)
    exact = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "−" if exact < 0 else ""  # a real minus sign, not a hyphen
    text = f"{abs(exact):,.{decimals}f}"
    whole, _, fraction = text.partition(".")
    marks = _marks(lang)
    # Short numbers stay ungrouped where the language says so (Polish: 2021, 1250).
    grouped = len(whole.replace(",", "")) >= int(marks["group_from"])
    whole = whole.replace(",", str(marks["group_mark"]) if grouped else "")
    return sign + whole + (str(marks["decimal_mark"]) + fraction if fraction else "")


def amount(value: float | int | Decimal, lang: str = DEFAULT, decimals: int | None = None) -> str:
    """An amount in złoty: whole złoty unless it has grosze."""
    exact = Decimal(str(value))
    if decimals is None:
        decimals = 0 if exact == exact.to_integral_value() else 2
    return str(_marks(lang)["amount"]).format(number=number(exact, decimals, lang))


def percent(value: float | Decimal, decimals: int = 1, lang: str = DEFAULT) -> str:
    return str(_marks(lang)["percent"]).format(number=number(value, decimals, lang))


# How large estimates are shortened: 6 400 000 000 known to a hundred million is
# "6,4 mld"; the words are the labels' ``numbers`` (``billion``, ``million``).
_SCALES = ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def quantity(value: Any, lang: str = DEFAULT, *, decimals: int | None = None,
             unit: str = "number") -> str:
    """A number as the document prints it, with how it is known (model/common.py,
    ``Quantity``): an estimate is rounded to its precision, shortened to millions or
    billions where its precision allows, and marked ("ok. 6,4 mld zł"); an illustrative
    number is marked ("135*"); an unknown one is "brak danych". ``unit`` is "number",
    "amount" (in złoty) or "percent". The marks' words are the labels' ``numbers``."""
    words = book(lang, "labels")["numbers"]
    if value is None:
        return str(words["unknown"])
    q = value if isinstance(value, Quantity) else Quantity(value=Decimal(str(value)))
    v, precision = q.value, q.precision
    text = None
    if precision is not None:
        v = (v / precision).to_integral_value(rounding=ROUND_HALF_UP) * precision
        for factor, word in _SCALES:
            if abs(v) >= factor and precision * 1000 >= factor:
                places = max(0, -math.floor(math.log10(float(precision / factor))))
                text = str(words[word]).format(number=number(v / factor, places, lang))
                break
        if text is None:
            places = max(0, -math.floor(math.log10(float(precision))))
            text = number(v, places, lang)
    elif decimals is not None:
        text = number(v, decimals, lang)
    else:
        text = number(v, 0 if v == v.to_integral_value() else 2, lang)
    if unit == "amount":
        text = str(_marks(lang)["amount"]).format(number=text)
    elif unit == "percent":
        text = str(_marks(lang)["percent"]).format(number=text)
    if q.estimate:
        text = str(words["estimate"]).format(number=text)
    if q.illustrative:
        text = str(words["illustrative"]).format(number=text)
    return text


def date(value: dt.date, lang: str = DEFAULT) -> str:
    marks = _marks(lang)
    return str(marks["date"]).format(day=value.day, month=marks["months"][value.month - 1],
                                     year=value.year)


def years(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


@cache
def _binders(lang: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    marks = _marks(lang)
    words = [str(w) for w in marks.get("bind_words") or []]
    units = [str(u) for u in marks.get("bind_units") or []]
    orphan = number_unit = None
    if words:
        # A short word at the start of the text or after a space/opening bracket/quote.
        cased = dict.fromkeys(words + [w.upper() for w in words])
        orphan = re.compile(r"(?<![\w\u00a0])(" + "|".join(map(re.escape, cased))
                            + r")[ \t]+(?=\S)")
    if units:
        # "2021 r.", "12 zł", "5 km", "30 %": keep the number with what follows.
        number_unit = re.compile(r"(\d)[ \t]+(" + "|".join(map(re.escape, units))
                                 + r")(?!\w)")
    return orphan, number_unit


@cache
def _percent_spacing(lang: str) -> tuple[re.Pattern[str], str]:
    """A number and its per cent sign in running text, and what the language's percent
    format puts between them (Polish and English: nothing, "48,7%")."""
    before = str(_marks(lang)["percent"]).split("{number}", 1)[1].split("%", 1)[0]
    return re.compile(r"(\d)[ \t\u00a0\u202f]+%"), before


def prose(text: str, lang: str = DEFAULT) -> str:
    """Running text: a per cent sign set as the document sets its own percentages ("40 %"
    becomes "40%" beside the tables' "48,7%"), short words and units bound to what
    follows, as the language says."""
    if "%" in text:
        percent, before = _percent_spacing(lang)
        text = percent.sub(lambda m: m.group(1) + before + "%", text)
    if " " not in text and "\t" not in text:  # what the binders match: nothing to bind
        return text
    orphan, number_unit = _binders(lang)
    if orphan is not None:
        text = orphan.sub(_bound, text)
        # Apply twice: "i w domu" needs both "i" and "w" bound, and the matches overlap.
        text = orphan.sub(_bound, text)
    if number_unit is not None:
        text = number_unit.sub(lambda m: m[1] + NBSP + m[2], text)
    return text


def _bound(match: re.Match[str]) -> str:
    """A short word and the non-breaking space that keeps it with what follows (a
    function: Python 3.11 expands a template string per match more slowly)."""
    return match[1] + NBSP
