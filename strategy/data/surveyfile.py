"""``survey FILE``: a form tool's export as one more survey of the ``surveys`` section.

A folder ``surveys/`` gets a new file; a single ``surveys.yaml`` gets the survey appended
at the end of its list, and only when the file reads back as it was plus the new survey
(so no comment or layout of the officer's is rewritten).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from strategy.data import surveyexport
from strategy.data.sectionsio import check_id, check_with, line_for, write_all
from strategy.data.yamlwrite import checked, plain, sequence
from strategy.pipeline import load_and_validate
from strategy.problems import Mark, Problem
from strategy.release.errors import Refused
from strategy.sections.files import FileProblem, read_limited
from strategy.sections.yamlsource import MAX_FILE_BYTES, parse

KIND = "surveys"


@dataclass
class Imported:
    files: list[Path]
    survey: dict[str, Any]
    notes: list[Problem] = field(default_factory=list)


def import_survey(sections: Path, export: Path, ident: str, group: str, title: str,
                  method: str | None = None, source: str = "") -> Imported:
    check_id(ident)
    results = surveyexport.read(export)
    if not results.questions:
        raise Refused(*results.notes, Problem("error", "survey.no_questions", Mark(export), {}))
    data = surveyexport.survey(results, ident, group, title, method, source)
    current = load_and_validate(sections)
    existing = current.kinds.get(KIND)
    if existing is not None and any(s.id == ident for s in existing.surveys):  # type: ignore[attr-defined]
        raise Refused(Problem("error", "survey.exists", None, {"id": ident}))
    folder = sections / KIND
    single = next((sections / f"{KIND}{s}" for s in (".yaml", ".yml")
                   if (sections / f"{KIND}{s}").is_file()), None)
    if single is None:
        target = folder / f"{ident}.yaml"
        files = {target: checked(target, data, line_for(target, sections))}
    else:
        files = {single: _appended(single, data)}
    check_with(sections, files)
    return Imported(write_all(files), data, results.notes)


def _appended(file: Path, survey: dict[str, Any]) -> str:
    try:  # the section file just validated, read again as the loader reads it
        text = read_limited(file, MAX_FILE_BYTES).decode("utf-8-sig")
    except (FileProblem, UnicodeDecodeError):
        raise Refused(Problem("error", "survey.file_unreadable", Mark(file), {})) from None
    before, problems = parse(file, text)
    if before is None or problems or not isinstance(before.data, dict) or not isinstance(
            before.data.get(KIND), list):
        raise Refused(Problem("error", "survey.file_unreadable", Mark(file), {}))
    new = text.rstrip("\n") + "\n" + "\n".join(sequence([survey], "  ")) + "\n"
    after, problems = parse(file, new)
    expected = {**before.data, KIND: [*before.data[KIND], survey]}
    if after is None or problems or plain(after.data) != plain(expected):
        raise Refused(Problem("error", "survey.cannot_append", Mark(file), {}))
    return new
