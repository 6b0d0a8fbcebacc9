"""How GUS BDL names territorial units, and how that maps to TERYT (TERC) codes.

A BDL unit id has 12 digits, built from the NUTS hierarchy around the TERYT code:
``MM WW R SS PP GGK`` — macroregion (2), voivodeship (2, its TERYT), region (1),
subregion (2), powiat (2, its TERYT), gmina (2, its TERYT) and its kind (1). So
Łosice, an urban-rural gmina of powiat łosicki in Mazowieckie (TERYT 1410023), has 14,
10 and 023 at those places; the macroregion, region and subregion in between cannot be
computed from TERYT: they are read from the API's list of units (``/units``), never
guessed.

Levels: 0 Poland, 1 macroregion, 2 voivodeship, 3 region, 4 subregion, 5 powiat, 6 gmina
(kinds 1 urban, 2 rural, 3 urban-rural, 4 and 5 the town and the rural area of an
urban-rural gmina, 8 and 9 districts of big cities). The BDL web site's CSV files give
the unit in "Kod" either as that 12-digit id or as a 7-digit code ``WWPPGGK`` padded
with zeros (``1400000`` Mazowieckie, ``1410000`` powiat łosicki).
"""

from __future__ import annotations

import re

from strategy.model.statistics import POLAND

POLAND_ID = "000000000000"
_DIGITS = re.compile(r"^\d+$")


def teryt_of(bdl_id: str) -> str | None:
    """The TERYT code of a BDL unit id; None for the levels TERYT has no code for
    (macroregions, regions, subregions) and for anything that is not a unit id."""
    if len(bdl_id) != 12 or not _DIGITS.match(bdl_id):
        return None
    if bdl_id == POLAND_ID:
        return POLAND
    voivodeship, powiat, gmina = bdl_id[2:4], bdl_id[7:9], bdl_id[9:12]
    if voivodeship == "00":
        return None
    if bdl_id[4:] == "00000000":
        return voivodeship
    if gmina != "000":
        return voivodeship + powiat + gmina
    if powiat != "00":
        return voivodeship + powiat
    return None


def teryt_of_code(code: str) -> str | None:
    """The TERYT code of a "Kod" from a BDL CSV file: a 12-digit unit id or a padded
    7-digit code. A spreadsheet that took the code for a number drops its leading zero
    (Dolnośląskie is 02): an 11- or 6-digit code gets it back."""
    code = code.strip()
    if not _DIGITS.match(code):
        return None
    if len(code) in (6, 11):
        code = "0" + code
    if len(code) == 12:
        return teryt_of(code)
    if len(code) != 7:
        return None
    if code == "0000000":
        return POLAND
    if code[2:] == "00000":
        return code[:2]
    if code[4:] == "000":
        return code[:4]
    return code


def level_of(teryt: str) -> int:
    """The BDL level of a TERYT code: 0 Poland, 2 voivodeship, 5 powiat, 6 gmina."""
    return {2: 2, 4: 5, 7: 6}.get(len(teryt), 0)
