"""A large partnership for tests that need one: the example's sections with 40 or more
members, 60 project sheets and, optionally, a user table far wider than a page.

    from large_fixture import large_sections
    root = large_sections(tmp_path / "sections", members=42, projects=60)
    # parts=True adds a consistency matrix and instruments (tests/test_parts.py)

Everything is derived from the example (sections/), so the result validates with the
same rules, and everything added is deterministic (no clock, no random state), so two
calls give the same files. The added members have Polish names with diacritics,
TERYT codes whose last digit agrees with their kind, indicator values in every
diagnosis chapter; the projects' years touch both ends of the strategy's period, and
their titles range from a few words to long ones, as real project lists do.

Imported by test modules (pytest puts tests/ on sys.path); not a test module itself.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "sections"

_STEMS = ("Dąbrowa", "Łęczyca", "Żabików", "Ściborzyce", "Źrebce", "Ósmołów", "Gęsiówka",
          "Kłoczew", "Wólka", "Zręczyce", "Bieńkówka", "Chłopków", "Śliwiny", "Łąkówka",
          "Pęcherze", "Mroczki", "Nagórzanka", "Jeżów", "Wierzbno", "Kożuchówek",
          "Grębków", "Ossówno", "Żelechów", "Stoczek", "Miedzna", "Sadowne", "Jadów",
          "Liw", "Wodynie", "Domanice", "Skórzec", "Zbuczyn", "Mokobody", "Suchożebry")
_POWIATY = ("węgrowski", "siedlecki", "sokołowski", "garwoliński", "miński")
_KINDS = (("rural", "2"), ("urban-rural", "3"), ("rural", "2"), ("urban", "1"))
_TITLE_WORDS = ("Modernizacja", "sieci", "dróg", "gminnych", "i", "powiatowych", "wraz",
                "z", "budową", "chodników", "oświetlenia", "energooszczędnego", "oraz",
                "przebudową", "skrzyżowań", "w", "centrach", "miejscowości", "partnerstwa")


def _dump(path: Path, data: Any, schema: str) -> None:
    text = f"# yaml-language-server: $schema={schema}\n" + yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _members(partnership: dict, count: int) -> list[str]:
    """Add members until there are ``count``; returns the new members' ids."""
    members = partnership["members"]
    added: list[str] = []
    n = 0
    while len(members) < count:
        stem = _STEMS[n % len(_STEMS)]
        lap = n // len(_STEMS)
        name = stem if lap == 0 else f"{stem} {['Duża', 'Mała', 'Nowa'][lap % 3]} {lap}"
        kind, digit = _KINDS[n % len(_KINDS)]
        ident = f"g{n + 1:02d}"
        members.append({
            "id": ident,
            "name": ("Miasto " if kind == "urban" else "Gmina ") + name,
            "kind": kind,
            "teryt": f"14{30 + n // 9:02d}{(n % 9) + 1:02d}{digit}",
            "powiat": _POWIATY[n % len(_POWIATY)],
            "seat": name,
            "area_km2": round(60 + (n * 37) % 180 + 0.35, 2),
            "population": 2200 + (n * 733) % 9000,
            "population_year": 2020,
            "source": "dane testowe (tests/large_fixture.py)",
        })
        added.append(ident)
        n += 1
    return added


def _indicators(root: Path, added: list[str]) -> None:
    for path in sorted((root / "diagnosis").glob("*.yaml")):
        chapter = _load(path)
        for k, indicator in enumerate(chapter.get("indicators", [])):
            values = indicator.setdefault("values", {})
            known = [v for v in values.values() if isinstance(v, int | float)]
            base = sum(known) / len(known) if known else 10.0
            for j, ident in enumerate(added):
                value = base * (0.7 + ((j * 7 + k * 3) % 13) / 20)
                values[ident] = round(value, indicator.get("decimals", 0) or 0) if (
                    indicator.get("decimals")) else round(value)
        _dump(path, chapter, "../../schema/diagnosis-item.schema.json")


def _title(i: int) -> str:
    words = 3 + (i * 5) % 14
    body = " ".join(_TITLE_WORDS[(i + j) % len(_TITLE_WORDS)] for j in range(words))
    return f"{body[0].upper()}{body[1:]} – etap {i}"


def _projects(root: Path, count: int, member_ids: list[str], first: int, last: int) -> None:
    folder = root / "investments"
    template = _load(sorted(folder.glob("*.yaml"))[0])
    existing = sorted(folder.glob("*.yaml"))
    span = last - first
    for i in range(len(existing) + 1, count + 1):
        start = first + (i * 3) % (span + 1)
        length = (i * 2) % 5
        end = min(last, start + length)
        if i % 11 == 0:  # some run the whole period, first and last year included
            start, end = first, last
        cost = 400_000 + (i * 977_531) % 24_000_000
        eu = cost * 85 // 100
        project = dict(template)
        project.update({
            "id": f"IPR-{i:02d}",
            "title": _title(i),
            "leader": member_ids[i % len(member_ids)],
            "partners": [m for m in member_ids[(i + 1) % len(member_ids):][:i % 6]
                         if m != member_ids[i % len(member_ids)]],
            "cost": cost,
            "funding": [
                {"source": "eu_regional", "programme": "FEM 2021–2027", "amount": eu},
                {"source": "own", "programme": "Budżety członków", "amount": cost - eu},
            ],
            "years": {"first": start, "last": end},
        })
        for key in ("indicators",):
            project[key] = {"output": [{"name": "Liczba obiektów", "unit": "szt.",
                                        "target": 1 + i % 7, "year": end}], "result": []}
        _dump(folder / f"ipr-{i:02d}-test.yaml", project,
              "../../schema/investments-item.schema.json")


def _wide_table(root: Path, columns: int) -> None:
    path = root / "implementation.yaml"
    part = _load(path)
    header = ["Wskaźnik monitorowania"] + [f"Gmina {_STEMS[c % len(_STEMS)]}"
                                          for c in range(columns - 1)]
    rows = [[f"Wskaźnik {r + 1}"] + [float((r * 31 + c * 7) % 1000) for c in range(columns - 1)]
            for r in range(6)]
    part.setdefault("tables", []).append({
        "caption": f"Tabela testowa o {columns} kolumnach", "columns": header, "rows": rows,
        "source": "dane testowe"})
    _dump(path, part, "../schema/implementation.schema.json")


def _parts(root: Path, projects: int) -> None:
    """The parts a reviewer expects: a consistency matrix with three documents of many
    priorities, and an instrument and measure on every other project's EU funding."""
    goals = _load(root / "goals.yaml")["goals"]
    ids = [g["id"] for g in goals] + [o["id"] for g in goals for o in g.get("goals", [])]
    documents = []
    for d, (short, level, count) in enumerate((("SRW 2030", "voivodeship", 12),
                                               ("SK 2030", "national", 6),
                                               ("PR 2021–2027", "programme", 9))):
        documents.append({
            "id": f"doc{d + 1}", "title": f"Dokument testowy {short}", "short": short,
            "level": level,
            "priorities": [{"id": f"doc{d + 1}-p{k + 1}",
                            "title": f"Priorytet testowy {k + 1} dokumentu {short}",
                            "goals": [ids[(k * 3 + j + d) % len(ids)] for j in range(k % 3)]}
                           for k in range(count)]})
    _dump(root / "consistency.yaml", {"documents": documents}, "../schema/consistency.schema.json")
    listed = _load(root / "abbreviations.yaml")
    listed["abbreviations"] += [{"short": d["short"].split()[0], "full": d["title"]}
                                for d in documents]
    _dump(root / "abbreviations.yaml", listed, "../schema/abbreviations.schema.json")
    for path in sorted((root / "investments").glob("ipr-*-test.yaml"))[::2]:
        project = _load(path)
        for f in project["funding"]:
            if f["source"] == "eu_regional":
                f.update(instrument="zit", measure="Priorytet VI, działanie 6.1")
        _dump(path, project, "../../schema/investments-item.schema.json")


def large_sections(target: Path, members: int = 42, projects: int = 60,
                   wide_columns: int = 0, parts: bool = False) -> Path:
    """Write the large partnership's sections into ``target`` (which must not exist)."""
    shutil.copytree(EXAMPLE, target)
    partnership_path = target / "partnership.yaml"
    partnership = _load(partnership_path)
    added = _members(partnership, members)
    _dump(partnership_path, partnership, "../schema/partnership.schema.json")
    _indicators(target, added)
    record = _load(target / "strategy.yaml")
    period = record["period"]
    ids = [m["id"] for m in partnership["members"]]
    _projects(target, projects, ids, period["first"], period["last"])
    if wide_columns:
        _wide_table(target, wide_columns)
    if parts:
        _parts(target, projects)
    return target
