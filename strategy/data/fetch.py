"""``data fetch``: the variables of ``bdl.yaml`` for the members of ``partnership.yaml``,
from the BDL API, as one snapshot per variable.

Requests, for V variables, M members in P powiats and C units to compare with:
1 (voivodeships) + 1 per voivodeship (its powiats) + 1 per powiat with a gmina member
(its gminas) + 2 per variable (the variable and its subject) + 1 per unit (M + C, all
variables at once, 20 at a time) + 1 (attributes). The example (16 members in 3 powiats,
compared with the voivodeship and Poland) would ask 24 + 2V for up to 20 variables, and
stays under the anonymous 100 requests in 15 minutes up to 29; beyond that the client
waits for the window to reopen.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from strategy.data.bdlapi import BASE_URL, BdlError, Client
from strategy.data.bdlunits import POLAND_ID, level_of, teryt_of
from strategy.model.bdlmarks import shows_of
from strategy.model.partnership import Member
from strategy.model.statistics import POLAND, BdlRequest
from strategy.problems import Mark, Problem
from strategy.release.errors import Refused
from strategy.sections.load import KeyPath

# Variables asked for in one data request: keeps the URL short whatever bdl.yaml lists.
_VARIABLES_PER_REQUEST = 20
_WORDS = re.compile(r"\w+")


@dataclass
class Fetched:
    snapshots: list[dict[str, Any]]
    notes: list[Problem] = field(default_factory=list)
    requests: int = 0


@dataclass(frozen=True)
class _Unit:
    code: str  # TERYT, the voivodeship's two digits, or PL
    bdl: str
    name: str


def same_name(pinned: str, actual: str) -> bool:
    """Names compared word by word, ignoring case and punctuation."""
    return _WORDS.findall(pinned.casefold()) == _WORDS.findall(actual.casefold())


def fetch(request: BdlRequest, members: list[Member], client: Client, today: dt.date,
          mark: Callable[[KeyPath], Mark]) -> Fetched:
    """Every requested variable for every member; raises Refused with located problems."""
    try:
        units = _units(client, members, request, mark)
        variables = _variables(client, request, mark)
        data = _data(client, [u for u in units if u is not None], request)
        legend = _attributes(client, data)
    except BdlError as exc:
        raise Refused(Problem("error", exc.reason, None, dict(exc.params))) from None
    fetched = Fetched([], requests=client.requests)
    resolved = [u for u in units if u is not None]
    for i, wanted in enumerate(request.variables):
        detail = variables[wanted.variable]
        years = sorted(set(wanted.years or request.years))
        rows, missing, updated, used = [], [], None, set()
        for unit in resolved:
            found = data.get((unit.code, wanted.variable), {})
            for year in years:
                value = found.get("values", {}).get(year)
                if value is None or value[0] is None:
                    missing.append(f"{unit.code} {year}")
                if value is None:
                    continue
                row: dict[str, Any] = {"unit": unit.code, "year": year, "value": value[0]}
                if value[1] not in (None, 0, 1):
                    row["attribute"] = value[1]
                    used.add(str(value[1]))
                rows.append(row)
            stamp = found.get("updated")
            if stamp is not None and (updated is None or stamp > updated):
                updated = stamp
        if missing:
            fetched.notes.append(Problem("warning", "data.fetch_missing",
                                         mark(("bdl", "variables", i, "variable")), {
                "id": wanted.id, "count": len(missing), "which": ", ".join(missing[:8])
                + (" …" if len(missing) > 8 else "")}))
        if not rows:
            raise Refused(*fetched.notes, Problem(
                "error", "data.fetch_empty", mark(("bdl", "variables", i, "variable")),
                {"variable": wanted.variable, "level": detail["level"] or "?"}))
        snapshot: dict[str, Any] = {
            "id": wanted.id, "variable": wanted.variable, "name": detail["name"],
            "measure": detail["measure"], "retrieved": today}
        if updated is not None:
            snapshot["updated"] = updated
        snapshot["origin"] = {"kind": "api", "url": BASE_URL, "subject": detail["subject"]}
        attributes = {k: legend[k] for k in sorted(used, key=_number) if k in legend}
        if attributes:
            snapshot["attributes"] = attributes
        snapshot["units"] = [{"code": u.code, "name": u.name, "bdl": u.bdl} for u in resolved]
        snapshot["values"] = rows
        fetched.snapshots.append(snapshot)
    fetched.requests = client.requests
    return fetched


def _number(text: str) -> int:
    return int(text) if text.isdigit() else 0


def _units(client: Client, members: list[Member], request: BdlRequest,
           mark: Callable[[KeyPath], Mark]) -> list[_Unit | None]:
    """The BDL unit of every member (and of the units to compare with), found by TERYT in
    the API's list of units; a member BDL does not know is a located error."""
    known: dict[str, _Unit] = {}
    for unit in client.results("units", {"level": 2}):
        _remember(known, unit)
    coded = [m.teryt for m in members if m.teryt is not None]  # a rule warns of the rest
    voivodeships = sorted({t[:2] for t in coded})
    for code in voivodeships:
        if code in known:
            for unit in _descendants(client, known[code].bdl, 5):
                _remember(known, unit)
    powiats = sorted({t[:4] for t in coded if len(t) == 7})
    for code in powiats:
        if code in known:
            for unit in _descendants(client, known[code].bdl, 6):
                _remember(known, unit)
    problems = []
    found: list[_Unit | None] = []
    for i, member in enumerate(members):
        unit = known.get(member.teryt) if member.teryt is not None else None
        if unit is None and member.teryt is not None:
            problems.append(Problem("error", "data.member_not_in_bdl",
                                    mark(("partnership", "members", i, "teryt")),
                                    {"id": member.id, "teryt": member.teryt,
                                     "level": level_of(member.teryt)}))
        found.append(unit)
    if problems:
        raise Refused(*problems)
    if "voivodeship" in request.compare:
        found.extend(known[code] for code in voivodeships)
    if "poland" in request.compare:
        found.append(_Unit(POLAND, POLAND_ID, "POLSKA"))
    return found


def _descendants(client: Client, parent: str, level: int) -> list[dict[str, Any]]:
    """The units at ``level`` under ``parent``: asked at once (``parent-id`` with ``level``),
    or, should the API give only a parent's own children, found level by level (a
    powiat sits three levels under its voivodeship: region, subregion, powiat)."""
    found = client.results("units", {"parent-id": parent, "level": level})
    return found or _children(client, parent, level)


def _children(client: Client, parent: str, level: int) -> list[dict[str, Any]]:
    units: list[dict[str, Any]] = []
    for child in client.results("units", {"parent-id": parent}):
        child_level = child.get("level")
        if child_level == level:
            units.append(child)
        elif isinstance(child_level, int) and child_level < level and isinstance(
                child.get("id"), str):
            units.extend(_children(client, child["id"], level))
    return units


def _remember(known: dict[str, _Unit], unit: dict[str, Any]) -> None:
    ident = unit.get("id")
    if not isinstance(ident, str):
        return
    code = teryt_of(ident)
    if code is not None and code not in known:
        known[code] = _Unit(code, ident, str(unit.get("name") or code))


def _variables(client: Client, request: BdlRequest,
               mark: Callable[[KeyPath], Mark]) -> dict[int, dict[str, Any]]:
    """Each variable's name (its subject and dimensions), unit of measure and level,
    checked against the name it is pinned with."""
    details: dict[int, dict[str, Any]] = {}
    subjects: dict[str, str] = {}
    problems = []
    for i, wanted in enumerate(request.variables):
        try:
            variable = client.get(f"variables/{wanted.variable}")
        except BdlError as exc:
            if exc.reason != "data.bdl_not_found":
                raise
            problems.append(Problem("error", "data.variable_unknown",
                                    mark(("bdl", "variables", i, "variable")),
                                    {"variable": wanted.variable}))
            continue
        subject = str(variable.get("subjectId") or "")
        if subject and subject not in subjects:
            subjects[subject] = str(client.get(f"subjects/{subject}").get("name") or "")
        dimensions = [str(variable[k]) for k in ("n1", "n2", "n3", "n4", "n5")
                      if variable.get(k)]
        name = " – ".join(p for p in (subjects.get(subject, ""), ", ".join(dimensions)) if p)
        if not name:
            raise BdlError("data.bdl_shape", path=f"variables/{wanted.variable}")
        if not same_name(wanted.name, name):
            problems.append(Problem("error", "data.variable_name",
                                    mark(("bdl", "variables", i, "name")),
                                    {"variable": wanted.variable, "pinned": wanted.name,
                                     "actual": name}))
        details[wanted.variable] = {
            "name": name, "measure": str(variable.get("measureUnitName") or "–"),
            "level": variable.get("level"), "subject": subject}
    if problems:
        raise Refused(*problems)
    return details


def _data(client: Client, units: Iterable[_Unit], request: BdlRequest
          ) -> dict[tuple[str, int], dict[str, Any]]:
    """(unit code, variable) -> {"values": {year: (value, attribute)}, "updated": date}."""
    years = sorted({y for v in request.variables for y in (v.years or request.years)})
    ids = list(dict.fromkeys(v.variable for v in request.variables))
    found: dict[tuple[str, int], dict[str, Any]] = {}
    for unit in units:
        for start in range(0, len(ids), _VARIABLES_PER_REQUEST):
            chunk = ids[start:start + _VARIABLES_PER_REQUEST]
            for result in client.results(f"data/by-unit/{unit.bdl}",
                                         {"var-id": chunk, "year": years}):
                variable = result.get("id")
                if not isinstance(variable, int):
                    continue
                values: dict[int, tuple[float | None, Any]] = {}
                for item in result.get("values") or []:
                    year = _year(item.get("year"))
                    if year is None:
                        continue
                    value = item.get("val")
                    values[year] = (float(value) if isinstance(value, int | float)
                                    and not isinstance(value, bool) else None,
                                    item.get("attrId"))
                found[(unit.code, variable)] = {
                    "values": values, "updated": _date(result.get("lastUpdate"))}
    return found


def _year(text: Any) -> int | None:
    try:
        return int(str(text))
    except ValueError:
        return None


def _date(text: Any) -> dt.date | None:
    if not isinstance(text, str):
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _attributes(client: Client, data: dict[tuple[str, int], dict[str, Any]]
                ) -> dict[str, dict[str, str]]:
    """The legend of the attributes the values carry (0 and 1, a plain value, need none):
    each one's symbol, what BDL's table prints for it (its ``name``: the value, a zero,
    or no number) and its description."""
    used = {a for d in data.values() for _, a in d["values"].values() if a not in (None, 0, 1)}
    if not used:
        return {}
    legend: dict[str, dict[str, str]] = {}
    for item in client.results("attributes"):
        ident = item.get("id")
        if ident in used:
            symbol = str(item.get("symbol") or "").strip()
            name = str(item.get("name") or "")
            words = str(item.get("description") or "").strip() or name.strip()
            legend[str(ident)] = {"symbol": symbol, "shows": shows_of(name),
                                  "description": words or symbol or str(ident)}
    return legend
