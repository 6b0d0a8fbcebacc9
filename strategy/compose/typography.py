"""Polish (and English) typography for numbers, amounts, dates and running text.

Numbers group thousands with a non-breaking space and use a decimal comma
(12 345,6); a one-letter word (a, i, o, u, w, z) never ends a line; "r." and
units stay with their number.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"

_MONTHS_PL = ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
              "sierpnia", "września", "października", "listopada", "grudnia")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")

# A one-letter word at the start of the text or after a space/opening bracket/quote.
_ORPHAN = re.compile(r"(?<![\w\u00a0])([aiouwzAIOUWZ])[ \t]+(?=\S)")
# "2021 r.", "12 zł", "5 km", "30 %": keep the number with what follows.
_NUMBER_UNIT = re.compile(r"(\d)[ \t]+(r\.|zł|tys\.|mln|mld|km|ha|m|%|‰|osób|os\.)(?!\w)")


def number(value: float | int | Decimal | None, decimals: int = 0, lang: str = "pl") -> str:
    """12345.6 -> '12 345,6' (pl) or '12,345.6' (en); None -> an en dash."""
    if value is None:
        return "–"
    quantum = Decimal(1).scaleb(-decimals)
    exact = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "−" if exact < 0 else ""  # a real minus sign, not a hyphen
    text = f"{abs(exact):,.{decimals}f}"
    whole, _, fraction = text.partition(".")
    if lang == "pl":
        # Polish convention: four-digit numbers are not grouped (2021, 1250).
        whole = whole.replace(",", NBSP) if len(whole) > 5 else whole.replace(",", "")
        return sign + whole + ("," + fraction if fraction else "")
    return sign + whole + ("." + fraction if fraction else "")


def amount(value: float | int | Decimal, lang: str = "pl", decimals: int | None = None) -> str:
    """An amount in złoty: whole złoty unless it has grosze."""
    exact = Decimal(str(value))
    if decimals is None:
        decimals = 0 if exact == exact.to_integral_value() else 2
    unit = "zł" if lang == "pl" else "PLN"
    return f"{number(exact, decimals, lang)}{NBSP}{unit}"


def percent(value: float | Decimal, decimals: int = 1, lang: str = "pl") -> str:
    return f"{number(value, decimals, lang)}%"


def date(value: dt.date, lang: str = "pl") -> str:
    if lang == "pl":
        return f"{value.day}{NBSP}{_MONTHS_PL[value.month - 1]} {value.year}{NBSP}r."
    return f"{value.day}{NBSP}{_MONTHS_EN[value.month - 1]} {value.year}"


def years(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def prose(text: str, lang: str = "pl") -> str:
    """Running text: bind one-letter words and units to what follows (Polish only)."""
    if lang != "pl":
        return text
    text = _ORPHAN.sub(lambda m: m.group(1) + NBSP, text)
    # Apply twice: "i w domu" needs both "i" and "w" bound, and the matches overlap.
    text = _ORPHAN.sub(lambda m: m.group(1) + NBSP, text)
    return _NUMBER_UNIT.sub(lambda m: m.group(1) + NBSP + m.group(2), text)
