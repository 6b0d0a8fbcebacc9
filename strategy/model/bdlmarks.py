"""What the attributes of GUS BDL mean: the marks BDL puts beside or instead of a value.

BDL's list of attributes (bdl.stat.gov.pl/bdl/metadane/atrybut, and the API's
``/attributes``) gives each a symbol, a description, and what BDL's own table prints
for it (the API's ``name``): the value ("wartość"), a zero ("0"), or no number at all
(". lub 0", "-", "- lub 0"). The last is what the document must never print as a
number: for ``x`` BDL gives no information, keeps it confidential (tajemnica
statystyczna) or cannot fill the cell, whatever number (often 0) the API carries.

``MARKS`` is that list by symbol, as GUS publishes it, for a CSV of the BDL site (which
carries no legend of its own) and for snapshots written before the legend recorded
what the table prints. The document's words for each symbol are in the phrasebooks
(``statistics.marks``); a symbol not listed here prints with the description the
snapshot recorded.
"""

from __future__ import annotations

from typing import Literal

Shows = Literal["value", "zero", "none"]

# symbol -> (what BDL's table prints, GUS's description); the API ids of the same
# attributes are in ``IDS``.
MARKS: dict[str, tuple[Shows, str]] = {
    "x": ("none", "Brak informacji, konieczność zachowania tajemnicy statystycznej lub "
                  "wypełnienie pozycji jest niemożliwe albo niecelowe"),
    "X": ("none", "Zmiany metodologiczne, brak informacji, konieczność zachowania tajemnicy "
                  "statystycznej lub wypełnienie pozycji jest niemożliwe albo niecelowe"),
    "n": ("none", "Dana jeszcze niedostępna, będzie dostępna"),
    "a": ("zero", "Wartość mniejsza niż przyjęty format prezentacji"),
    "A": ("zero", "Zmiany metodologiczne, wartość mniejsza niż przyjęty format prezentacji"),
    "z": ("zero", "Wartość znacząca, wartość zerowa wynika z bilansu niezerowych danych "
                  "wejściowych algorytmu, np. przyrost naturalny, jeśli liczba zgonów jest "
                  "równa liczbie urodzeń"),
    "Z": ("zero", "Zmiany metodologiczne, wartość znacząca, wartość zerowa wynika z bilansu "
                  "niezerowych danych wejściowych algorytmu, np. przyrost naturalny, jeśli "
                  "liczba zgonów jest równa liczbie urodzeń"),
    "k": ("value", "Agregat może być niekompletny"),
    "K": ("value", "Zmiany metodologiczne, agregat może być niekompletny"),
    "M": ("value", "Zmiany metodologiczne"),
    "p": ("value", "Łącznie dla powiatu i miasta na prawach powiatu"),
    "s": ("value", "Szacunki wstępne"),
    "v": ("value", "Dane o niskiej precyzji"),
}

# The API's attribute ids (its /attributes list, as recorded by the pyBDL project) for
# the symbols above; 0 and 1 are a plain value, 15 BDL's "-" (no information because
# the level of presentation, the list of units or of variables changed).
IDS: dict[int, str] = {3: "k", 4: "x", 7: "a", 9: "s", 11: "M", 13: "K", 14: "X",
                       17: "A", 20: "v", 21: "v", 50: "n", 91: "x", 94: "z", 97: "p",
                       98: "Z"}
PLAIN_IDS = frozenset({0, 1})
DASH_ID = 15
DASH = ("none", "Znak '-' oznacza brak informacji z powodu: zmiany poziomu prezentacji, "
                "zmian wprowadzonych do wykazu jednostek terytorialnych lub modyfikacji "
                "listy cech w danym okresie sprawozdawczym")


def shows_of(table_text: str) -> Shows:
    """What BDL's table prints, from the API's ``name`` of an attribute: "wartość" a value,
    "0" a zero, anything else (". lub 0", "-", "- lub 0") no number."""
    text = table_text.strip().casefold()
    if text in ("wartość", "wartosc", "value"):
        return "value"
    if text == "0":
        return "zero"
    return "none"
