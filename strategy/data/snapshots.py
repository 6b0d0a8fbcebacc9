"""Snapshots into ``sections/statistics/``: from the API (``data fetch``) or from a BDL
CSV (``data import``), validated with the rest of the sections, written all or none."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from strategy.checks.validated import Validated
from strategy.data import bdlcsv
from strategy.data.bdlapi import Client
from strategy.data.fetch import fetch
from strategy.data.sectionsio import check_id, check_with, folder_of, line_for, write_all
from strategy.data.yamlwrite import checked
from strategy.model.partnership import Partnership
from strategy.model.statistics import POLAND, BdlRequest
from strategy.pipeline import load_and_validate
from strategy.problems import Mark, Problem
from strategy.release.errors import Refused

KIND = "statistics"


@dataclass
class Written:
    files: list[Path]
    notes: list[Problem] = field(default_factory=list)
    requests: int = 0


def _valid(sections: Path, *kinds: str) -> Validated:
    """The validated sections; refused when a kind the command reads is not valid."""
    validated = load_and_validate(sections)
    broken = [k for k in kinds if k not in validated.kinds]
    if broken:
        own = [p for p in validated.problems if p.severity == "error" and p.mark is not None
               and any(part in broken for part in _parts(p.mark.file, sections))]
        missing = [Problem("error", "data.kind_missing", Mark(sections / f"{k}.yaml"),
                           {"kind": k}) for k in broken if k not in validated.sections.data
                   and k not in validated.sections.broken]
        raise Refused(*own, *missing, Problem("error", "data.sections_invalid", None, {}))
    return validated


def _parts(file: Path, sections: Path) -> list[str]:
    try:
        relative = file.resolve().relative_to(sections.resolve())
    except ValueError:
        return []
    return [relative.parts[0].removesuffix(".yaml").removesuffix(".yml")] if relative.parts \
        else []


def files_for(sections: Path, snapshots: list[dict]) -> dict[Path, str]:
    folder = folder_of(sections, KIND)
    files = {}
    for snapshot in snapshots:
        check_id(str(snapshot["id"]))  # an ID names a file: nothing outside the folder
        target = folder / f"{snapshot['id']}.yaml"
        files[target] = checked(target, snapshot, line_for(target, sections))
    return files


def fetch_into(sections: Path, client: Client, today: dt.date) -> Written:
    """``data fetch``: every variable of bdl.yaml, one snapshot file each."""
    validated = _valid(sections, "partnership", "bdl")
    request: BdlRequest = validated.kinds["bdl"]  # type: ignore[assignment]
    partnership: Partnership = validated.kinds["partnership"]  # type: ignore[assignment]
    fetched = fetch(request, partnership.members, client, today, validated.sections.mark)
    files = files_for(sections, fetched.snapshots)
    check_with(sections, files)
    return Written(write_all(files), fetched.notes, fetched.requests)


def import_csv(sections: Path, request: bdlcsv.Request) -> Written:
    """``data import FILE.csv``: the file's variable as one snapshot file."""
    validated = _valid(sections, "partnership")
    partnership: Partnership = validated.kinds["partnership"]  # type: ignore[assignment]
    table = bdlcsv.read_table(request.file)
    wanted = [m.teryt for m in partnership.members if m.teryt is not None]
    wanted += sorted({t[:2] for t in wanted}) + [POLAND]
    data, notes = bdlcsv.snapshot(request, table, wanted)
    target_exists = (sections / KIND / f"{request.ident}.yaml").exists()
    if target_exists and not request.replace:
        raise Refused(Problem("error", "data.snapshot_exists",
                              Mark(sections / KIND / f"{request.ident}.yaml"),
                              {"id": request.ident}))
    files = files_for(sections, [data])
    check_with(sections, files)
    return Written(write_all(files), notes)
